/**
 * The server as its own process (as `npm start` runs it), for tests that kill it or
 * drive it from a browser.
 */
import { spawn, type ChildProcess } from "node:child_process";

/** A running server process. */
export interface ServerProcess {
  url: string;
  port: number;
  process: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/**
 * Start `server/main.ts` on `port` (0: any) over `dataDir`; resolves once it prints its URL.
 * `nodeArgs` go to Node before the script (the benchmark's `--cpu-prof`, say); `cwd` runs
 * the server of another checkout (the benchmark's baseline).
 */
export async function startServerProcess(
  dataDir: string,
  port = 0,
  env: Record<string, string> = {},
  script = "server/main.ts",
  nodeArgs: string[] = [],
  cwd?: string,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script], {
    cwd,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return { url, port: Number(new URL(url).port), process: child, exited };
}
