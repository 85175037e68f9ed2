/**
 * `npm run demo` as a newcomer meets it: the process started as the script starts it,
 * signed in to the moment it answers, its screens' data there at first sight, and its
 * data folder reused or, with `--fresh`, started over.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { auditListSchema, comparisonSchema, matrixViewSchema, documentListSchema, meSchema, notificationListSchema, roundListSchema, signOnListSchema, threadListSchema } from "../../shared/api.js";
import { SIGN_ON_REGIONS } from "../../shared/signOn.js";
import { DEMO_MARKER } from "./startDemo.js";

interface DemoProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

const running: DemoProcess[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const demo of running.splice(0)) {
    demo.child.kill("SIGTERM");
    await demo.exited;
  }
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Start the demo process on `port`; resolves with its output once it exits or says it is ready. */
function startDemoProcess(port: number, dataDir: string | null, args: string[] = []): { child: ChildProcess; ready: Promise<DemoProcess> } {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" };
  delete env["DATA_DIR"];
  if (dataDir) env["DATA_DIR"] = dataDir;
  const child = spawn(process.execPath, ["--import", "tsx", "server/demo/main.ts", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const ready = new Promise<DemoProcess>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output, exited });
    });
    void exited.then((code) => reject(new Error(`demo exited (${code}):\n${output}`)));
  });
  return { child, ready };
}

async function signIn(url: string, email: string): Promise<{ status: number; cookie: string }> {
  const response = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "demo-password" }) });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("dw_session="))?.split(";")[0] ?? "";
  return { status: response.status, cookie };
}

const get = async (url: string, cookie: string) => {
  const response = await fetch(url, { headers: { cookie } });
  expect(response.status, url).toBe(200);
  return response.json() as Promise<unknown>;
};

describe("npm run demo", () => {
  it("answers only once seeded: every demo account signs in the moment /api/health answers, and every screen has data", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const { child, ready } = startDemoProcess(port, null);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // Ask for health as fast as a script would, and sign in as soon as it answers.
    let healthy = false;
    while (!healthy) {
      healthy = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
      if (!healthy) {
        const gone = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 5))]);
        if (gone) throw new Error("demo exited before answering");
      }
    }
    const emails = ["chair@example.org", "coordinator@example.org", "coordinator2@example.org", "reviewer@example.org", "reviewer2@example.org", "observer@example.org"];
    const signIns = await Promise.all(emails.map((email) => signIn(url, email)));
    expect(signIns.map((s) => s.status)).toEqual(emails.map(() => 200));
    const demo = await ready;
    running.push(demo);
    const { cookie } = signIns[0]!;

    const me = meSchema.parse(await get(`${url}/api/me`, cookie));
    const workspaceId = me.memberships[0]!.workspace.id;
    const [statement] = documentListSchema.parse(await get(`${url}/api/documents`, cookie)).documents;
    const base = `${url}/api/documents/${statement!.id}`;
    const { rounds } = roundListSchema.parse(await get(`${base}/rounds`, cookie));
    expect(rounds.map((r) => [r.name, r.frozenAt !== null])).toEqual([["Zero draft", true], ["Rev 1", true], ["Rev 2", false]]);

    const compare = async (from: string, to: string) => comparisonSchema.parse(await get(`${base}/compare?from=${from}&to=${to}`, cookie)).totals;
    const zeroToRev1 = await compare(rounds[0]!.versionId!, rounds[1]!.versionId!);
    expect(zeroToRev1.wordsAdded).toBeGreaterThan(10);
    expect(zeroToRev1.clausesAdded).toBeGreaterThanOrEqual(1);
    expect((await compare(rounds[1]!.versionId!, "live")).wordsAdded).toBeGreaterThan(3);

    const { threads } = threadListSchema.parse(await get(`${base}/comments`, cookie));
    expect(threads.filter((t) => t.status === "open").length).toBeGreaterThanOrEqual(3);
    expect(threads.filter((t) => t.status === "resolved").length).toBeGreaterThanOrEqual(1);
    expect(new Set(threads.map((t) => t.group?.name).filter(Boolean)).size).toBe(2);
    expect(threads.some((t) => t.comments.length >= 2)).toBe(true);
    expect(threads.every((t) => !t.detached)).toBe(true);

    const html = await (await fetch(`${base}/versions/live?format=html`, { headers: { cookie } })).text();
    expect((html.match(/class="note"/g) ?? []).length).toBeGreaterThanOrEqual(3);
    const { entries } = auditListSchema.parse(await get(`${url}/api/workspaces/${workspaceId}/audit?limit=500`, cookie));
    expect(entries.length).toBeGreaterThanOrEqual(3);

    // Sign-on is open on Rev 1, with entries in every state a chair meets and approved ones in every region.
    const signOn = signOnListSchema.parse(await get(`${base}/versions/${rounds[1]!.versionId!}/sign-on`, cookie));
    expect(signOn.window?.open).toBe(true);
    expect(signOn.counts.byStatus).toMatchObject({ unconfirmed: 1, confirmed: 3, withdrawn: 1 });
    expect(Object.keys(signOn.counts.byRegion).filter((region) => region !== "").sort()).toEqual([...SIGN_ON_REGIONS].sort());
    expect(signOn.entries.some((entry) => entry.duplicates.length > 0)).toBe(true);
    expect(new Set(signOn.entries.map((entry) => entry.source))).toEqual(new Set(["form", "hand", "typed"]));
    expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(["sign_on_opened", "sign_on_approved", "sign_on_edited", "sign_on_added", "matrix_cell_set", "matrix_advocate_added"]));

    // The matrix: the annex's governments and more, positions in every round that move between rounds, advocates, groups, gaps.
    const matrix = matrixViewSchema.parse(await get(`${base}/matrix`, cookie));
    expect(matrix.targets.length).toBeGreaterThanOrEqual(27);
    expect(matrix.groups.map((group) => group.name)).toHaveLength(3);
    const latest = matrix.cells.filter((cell) => cell.roundId === matrix.roundId);
    const previous = matrix.cells.filter((cell) => cell.roundId === matrix.previousRoundId);
    expect(new Set(latest.map((cell) => cell.position))).toEqual(new Set(["supports", "flexible", "opposes", "unknown"]));
    expect(latest.some((cell) => previous.some((before) => before.targetId === cell.targetId && before.act === cell.act && before.position !== cell.position))).toBe(true);
    expect(latest.some((cell) => cell.internal)).toBe(true);
    expect(new Set(matrix.advocates.map((advocate) => advocate.channel))).toEqual(new Set(["new_york", "geneva", "capital"]));
    expect(matrix.advocates.every((advocate) => advocate.contactEmail !== null)).toBe(true);
    expect(matrix.targets.some((target) => !matrix.advocates.some((advocate) => advocate.targetId === target.id && advocate.channel === "capital"))).toBe(true);

    // The bell has news at first sight: organisations waiting for the chair, the round's freeze scheduled, mentions for Maria.
    const chairNews = notificationListSchema.parse(await get(`${url}/api/notifications`, cookie));
    expect(chairNews.unread).toBeGreaterThan(0);
    expect(chairNews.notifications.map((n) => n.kind)).toContain("signOnPending");
    expect(rounds[2]!.freezeAt).not.toBeNull();
    const maria = notificationListSchema.parse(await get(`${url}/api/notifications`, signIns[1]!.cookie));
    expect(maria.notifications.map((n) => n.kind)).toEqual(expect.arrayContaining(["mention", "freezeScheduled"]));
  }, 90_000);

  it("reuses DATA_DIR and says so; --fresh starts over, but never empties a folder it did not make", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "drafting-demo-test-"));
    folders.push(dataDir);
    const first = await startDemoProcess(await freePort(), dataDir).ready;
    const { cookie } = await signIn(first.url, "chair@example.org");
    const [statement] = documentListSchema.parse(await get(`${first.url}/api/documents`, cookie)).documents;
    first.child.kill("SIGTERM");
    await first.exited;

    const again = await startDemoProcess(await freePort(), dataDir).ready;
    running.push(again);
    expect(again.output()).toMatch(/Reusing the demo data in .*--fresh/);
    const reused = await signIn(again.url, "chair@example.org");
    expect(documentListSchema.parse(await get(`${again.url}/api/documents`, reused.cookie)).documents[0]!.id).toBe(statement!.id);
    again.child.kill("SIGTERM");
    await again.exited;
    running.splice(0);

    const fresh = await startDemoProcess(await freePort(), dataDir, ["--fresh"]).ready;
    running.push(fresh);
    expect(fresh.output()).not.toContain("Reusing");
    const signedIn = await signIn(fresh.url, "chair@example.org");
    expect(documentListSchema.parse(await get(`${fresh.url}/api/documents`, signedIn.cookie)).documents[0]!.id).not.toBe(statement!.id);
    fresh.child.kill("SIGTERM");
    await fresh.exited;
    running.splice(0);

    const foreign = mkdtempSync(path.join(tmpdir(), "drafting-not-demo-"));
    folders.push(foreign);
    writeFileSync(path.join(foreign, "precious.txt"), "keep me");
    const refused = startDemoProcess(await freePort(), foreign, ["--fresh"]);
    await expect(refused.ready).rejects.toThrow(/not deleting/);
    expect(existsSync(path.join(foreign, "precious.txt"))).toBe(true);
    expect(existsSync(path.join(dataDir, DEMO_MARKER))).toBe(true);
  }, 120_000);
});
