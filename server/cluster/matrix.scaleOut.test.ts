/**
 * Two server processes on one PostgreSQL and one Redis: a matrix change recorded on one
 * instance reaches a matrix stream opened on the other, and so does a member's presence.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matrixViewSchema } from "../../shared/api/matrix.js";
import { openMatrixEvents } from "../testing/matrixEvents.js";
import { startServerProcess, type ServerProcess } from "../testing/serverProcess.js";
import { addMember, api, createTestDocument, removeDataDir, setUpWorkspace, tempDataDir, type TestUser } from "../testing/testServer.js";
import { scaleOutEnv, testDatabaseUrl, testRedisUrl } from "../testing/testDatabase.js";

describe.skipIf(!testDatabaseUrl || !testRedisUrl)("the matrix live across two instances on PostgreSQL and Redis (set TEST_DATABASE_URL and TEST_REDIS_URL to run)", () => {
  const env = scaleOutEnv();
  const dataDirs: string[] = [];
  const instances: ServerProcess[] = [];
  let chair: TestUser;
  let coordinator: TestUser;
  let observer: TestUser;
  let documentId: string;
  let roundId: string;

  const at = (index: number) => ({ url: instances[index]!.url });

  beforeAll(async () => {
    // Both start at once: migrations must run once, under their lock.
    await Promise.all(
      [0, 1].map(async (index) => {
        dataDirs[index] = tempDataDir();
        instances[index] = await startServerProcess(dataDirs[index], 0, env);
      }),
    );
    let workspaceId: string;
    ({ chair, workspaceId } = await setUpWorkspace(at(0)));
    coordinator = await addMember(at(0), chair, workspaceId, "coordinator", "Cora Coordinator");
    observer = await addMember(at(1), chair, workspaceId, "observer", "Omar Observer");
    documentId = (await createTestDocument(at(0), chair)).id;
    const round = await api(at(0), "POST", `/api/documents/${documentId}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair);
    expect(round.status).toBe(201);
    roundId = ((await round.json()) as { id: string }).id;
  }, 120_000);

  afterAll(async () => {
    for (const instance of instances) instance?.process.kill("SIGKILL");
    for (const dir of dataDirs) removeDataDir(dir);
  });

  it("carries a change recorded on one instance to a stream on the other, without its note", async () => {
    const target = matrixViewSchema.parse(await (await api(at(1), "GET", `/api/documents/${documentId}/matrix`, undefined, observer)).json()).targets[0]!;
    const stream = await openMatrixEvents(at(1), documentId, observer);
    expect(stream.status).toBe(200);
    try {
      const written = await api(at(0), "PUT", `/api/documents/${documentId}/matrix/cells`, { targetId: target.id, act: 1, roundId, position: "supports", note: "Told us in confidence", internal: true, baseRevision: null }, coordinator);
      expect(written.status).toBe(200);
      const event = await stream.next("changed", (e) => e.data["targetId"] === target.id, 10_000);
      expect(event.data).toMatchObject({ what: "cell", act: 1, roundId, by: { id: coordinator.accountId, name: "Cora Coordinator" } });
      expect(event.raw).not.toContain("confidence");
      const seen = matrixViewSchema.parse(await (await api(at(1), "GET", `/api/documents/${documentId}/matrix`, undefined, observer)).json());
      expect(seen.cells.find((c) => c.targetId === target.id)).toMatchObject({ position: "supports", note: null });
    } finally {
      stream.close();
    }
  });

  it("carries presence reported on one instance to a stream on the other", async () => {
    const target = matrixViewSchema.parse(await (await api(at(0), "GET", `/api/documents/${documentId}/matrix`, undefined, chair)).json()).targets[1]!;
    const stream = await openMatrixEvents(at(0), documentId, chair);
    try {
      expect((await api(at(1), "POST", `/api/documents/${documentId}/matrix/presence`, { targetId: target.id, act: 3 }, observer)).status).toBe(200);
      const event = await stream.next("presence", (e) => e.data["accountId"] === observer.accountId, 10_000);
      expect(event.data).toMatchObject({ name: "Omar Observer", targetId: target.id, act: 3 });
    } finally {
      stream.close();
    }
  });
});
