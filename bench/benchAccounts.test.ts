/** Coordinators written through our storage are accepted by a real server, with their tokens, on a statement of the demo workspace. */
import { afterAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "../server/testing/serverProcess.js";
import { removeDataDir, tempDataDir } from "../server/testing/testServer.js";
import { COLLAB_PATH } from "../shared/protocol.js";
import { seedCoordinators } from "./benchAccounts.js";
import { api } from "./ours.js";
import { join } from "./wire.js";

const dataDir = tempDataDir();
let server: ServerProcess | undefined;

async function stop(): Promise<void> {
  server?.process.kill("SIGTERM");
  await server?.exited;
}

afterAll(async () => {
  await stop();
  removeDataDir(dataDir);
});

describe("seedCoordinators", () => {
  it("gives each new coordinator a token the collaboration socket accepts", async () => {
    server = await startServerProcess(dataDir, 0, {}, "server/demo/main.ts");
    const login = await api(server.url, "POST", "/api/auth/login", { email: "chair@example.org", password: "demo-password" });
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    const workspaceId = ((await login.json()) as { memberships: { workspace: { id: string } }[] }).memberships[0]!.workspace.id;
    const room = ((await (await api(server.url, "POST", "/api/documents", { title: "Seeded", template: "blank", workspaceId }, cookie)).json()) as { id: string }).id;
    await stop();
    const tokens = await seedCoordinators(dataDir, 3);
    expect(new Set(tokens).size).toBe(3);
    server = await startServerProcess(dataDir, 0, {}, "server/demo/main.ts");
    const port = server.port;
    for (const [client, token] of tokens.entries()) {
      const joined = await join({ protocol: "y-websocket", roomUrl: () => `ws://127.0.0.1:${port}${COLLAB_PATH}/${room}?token=${token}` }, room, client);
      expect(joined.update.byteLength).toBeGreaterThan(0);
      joined.socket.close();
    }
    await expect(join({ protocol: "y-websocket", roomUrl: () => `ws://127.0.0.1:${port}${COLLAB_PATH}/${room}?token=not-a-token` }, room, 9)).rejects.toThrow();
  });
});
