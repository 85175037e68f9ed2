/**
 * Three server processes on one PostgreSQL and one Redis, each with its own scheduler
 * ticking often: a freeze scheduled a moment ahead happens once, not once per instance.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { auditListSchema, freezeScheduleSchema, roundListSchema, roundSchema, versionListSchema } from "../../shared/api.js";
import { notificationListSchema } from "../../shared/api/notifications.js";
import { startServerProcess, type ServerProcess } from "../testing/serverProcess.js";
import { addMember, api, createTestDocument, removeDataDir, setUpWorkspace, tempDataDir, waitFor, type TestUser } from "../testing/testServer.js";
import { testDatabaseUrl, testRedisUrl } from "../testing/testDatabase.js";

const INSTANCES = 3;
/** Each instance's scheduler tick (`SCHEDULER_TICK_MS`). */
const TICK_MS = 50;
/**
 * How late a scheduled freeze may be recorded: a few ticks (the instance that claims it may
 * have just looked) and a margin for the freeze itself on a busy machine. A bound on the
 * scheduler missing its time, not a measure of speed.
 */
const LATENESS_BOUND_MS = 3 * TICK_MS + 2000;

describe.skipIf(!testDatabaseUrl || !testRedisUrl)("scheduled freezes on three instances (set TEST_DATABASE_URL and TEST_REDIS_URL to run)", () => {
  const databaseSchema = `sched_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const env = {
    DATABASE_URL: testDatabaseUrl ?? "",
    DATABASE_SCHEMA: databaseSchema,
    REDIS_URL: testRedisUrl ?? "",
    REDIS_PREFIX: `test-${databaseSchema}:`,
    // Every instance looks often: they all find the freeze due within the same moment.
    SCHEDULER_TICK_MS: String(TICK_MS),
  };
  const dataDirs: string[] = [];
  const instances: ServerProcess[] = [];
  let chair: TestUser;
  let members: TestUser[];
  let workspaceId: string;

  const at = (index: number) => ({ url: instances[index]!.url });

  beforeAll(async () => {
    await Promise.all(
      Array.from({ length: INSTANCES }, async (_, i) => {
        dataDirs[i] = tempDataDir();
        instances[i] = await startServerProcess(dataDirs[i]!, 0, env);
      }),
    );
    ({ chair, workspaceId } = await setUpWorkspace(at(0)));
    members = [chair];
    for (let i = 1; i < 4; i++) members.push(await addMember(at(i % INSTANCES), chair, workspaceId, i === 3 ? "reviewer" : "coordinator", `Member ${i}`));
  }, 120_000);

  afterAll(async () => {
    for (const instance of instances) instance?.process.kill("SIGKILL");
    for (const dir of dataDirs) removeDataDir(dir);
    const db = new pg.Client({ connectionString: testDatabaseUrl });
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS ${databaseSchema} CASCADE`);
    await db.end();
  });

  it("a freeze scheduled two seconds ahead happens on time and exactly once: one version, one audit entry, one notification per member", async () => {
    const documentId = (await createTestDocument(at(1), chair)).id;
    const round = roundSchema.parse(await (await api(at(2), "POST", `/api/documents/${documentId}/rounds`, { name: "Rev 2", draftPublished: "2026-05-01" }, chair)).json());
    const scheduled = await api(at(0), "PUT", `/api/documents/${documentId}/rounds/${round.id}/freeze-schedule`, { at: new Date(Date.now() + 2000).toISOString() }, chair);
    expect(scheduled.status).toBe(200);
    const freezeAt = freezeScheduleSchema.parse(await scheduled.json()).freezeAt!;

    await waitFor("the round frozen", async () => {
      const rounds = roundListSchema.parse(await (await api(at(1), "GET", `/api/documents/${documentId}/rounds`, undefined, chair)).json());
      return rounds.rounds[0]!.frozenAt !== null;
    }, 20_000);
    // Long enough for every instance to have looked many times over.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const versions = versionListSchema.parse(await (await api(at(2), "GET", `/api/documents/${documentId}/versions`, undefined, chair)).json()).versions;
    expect(versions.length).toBe(1);
    const audit = auditListSchema.parse(await (await api(at(0), "GET", `/api/workspaces/${workspaceId}/audit?action=round_frozen`, undefined, chair)).json()).entries;
    expect(audit.length).toBe(1);
    expect(audit[0]!.details).toMatchObject({ scheduled: true, at: freezeAt, version: { id: versions[0]!.id } });
    // On time: never before the scheduled time, and not later than a few ticks after it.
    const frozenAt = roundListSchema.parse(await (await api(at(2), "GET", `/api/documents/${documentId}/rounds`, undefined, chair)).json()).rounds[0]!.frozenAt!;
    const lateMs = Date.parse(frozenAt) - Date.parse(freezeAt);
    expect(lateMs, `frozen at ${frozenAt}, scheduled for ${freezeAt}`).toBeGreaterThanOrEqual(0);
    expect(lateMs, `frozen at ${frozenAt}, scheduled for ${freezeAt}`).toBeLessThanOrEqual(LATENESS_BOUND_MS);
    for (const [i, member] of members.entries()) {
      const list = notificationListSchema.parse(await (await api(at(i % INSTANCES), "GET", "/api/notifications?limit=100", undefined, member)).json());
      expect(list.notifications.filter((n) => n.kind === "frozen").length, `frozen notifications of member ${i}`).toBe(1);
    }
    for (let i = 0; i < INSTANCES; i++) {
      const rounds = roundListSchema.parse(await (await api(at(i), "GET", `/api/documents/${documentId}/rounds`, undefined, chair)).json());
      expect(rounds.frozen, `instance ${i} knows the round is frozen`).toBe(true);
    }
  }, 90_000);
});
