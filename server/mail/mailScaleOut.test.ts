/**
 * The mail queue on three server processes sharing one PostgreSQL and one Redis, and one
 * SMTP server: each queued mail is sent exactly once, whichever instance takes it, also
 * when the SMTP server turns mail away for a while and every mail is retried.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { newId } from "../auth/secrets.js";
import { PgStorage } from "../storage/postgres/PgStorage.js";
import type { NewMailJob } from "../storage/Storage.js";
import { startServerProcess, type ServerProcess } from "../testing/serverProcess.js";
import { startSmtpServer, type TestSmtpServer } from "../testing/smtpServer.js";
import { removeDataDir, setUpWorkspace, tempDataDir, waitFor, type TestUser } from "../testing/testServer.js";
import { testDatabaseUrl, testRedisUrl } from "../testing/testDatabase.js";

const INSTANCES = 3;
const MAILS = 45;

describe.skipIf(!testDatabaseUrl || !testRedisUrl)("the mail queue on three instances (set TEST_DATABASE_URL and TEST_REDIS_URL to run)", () => {
  const databaseSchema = `mail_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const dataDirs: string[] = [];
  const instances: ServerProcess[] = [];
  let smtp: TestSmtpServer;
  let storage: PgStorage;
  let chair: TestUser;
  let workspaceId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const env = {
      ALLOWED_HOSTS: "",
      DATABASE_URL: testDatabaseUrl ?? "",
      DATABASE_SCHEMA: databaseSchema,
      REDIS_URL: testRedisUrl ?? "",
      REDIS_PREFIX: `test-${databaseSchema}:`,
      SMTP_URL: smtp.url,
      MAIL_FROM: "Drafting <drafting@example.org>",
      MAIL_POLL_MS: "20",
      MAIL_RETRY_MS: "20",
      MAIL_MAX_ATTEMPTS: "100",
    };
    await Promise.all(
      Array.from({ length: INSTANCES }, async (_, i) => {
        dataDirs[i] = tempDataDir();
        instances[i] = await startServerProcess(dataDirs[i]!, 0, env);
      }),
    );
    ({ chair, workspaceId } = await setUpWorkspace({ url: instances[0]!.url }));
    storage = await PgStorage.open(testDatabaseUrl!, { schema: databaseSchema, maxConnections: 3 });
  });

  afterAll(async () => {
    for (const instance of instances) instance?.process.kill("SIGKILL");
    await Promise.all(instances.map((instance) => instance?.exited));
    await storage?.close();
    await smtp?.close();
    for (const dir of dataDirs) removeDataDir(dir);
    const db = new pg.Client({ connectionString: testDatabaseUrl });
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS ${databaseSchema} CASCADE`);
    await db.end();
  });

  function job(index: number): NewMailJob {
    const id = newId();
    return {
      id,
      workspaceId,
      accountId: chair.accountId,
      recipient: chair.email,
      language: "en",
      kind: "notification",
      subject: `Mail ${index}`,
      text: `Mail ${index}`,
      headers: {},
      messageId: `<${id}.notification@example.org>`,
      unsubscribeHash: `hash-${id}`,
      createdAt: new Date().toISOString(),
    };
  }

  it("sends each queued mail exactly once, through a spell of refusals retried by any instance", async () => {
    smtp.refusing = true;
    const jobs = Array.from({ length: MAILS }, (_, i) => job(i));
    await storage.mail.enqueue(jobs, [], new Date().toISOString());
    const all = () => storage.mail.listFor(chair.accountId);
    await waitFor("every mail tried at least once", async () => (await all()).every((queued) => queued.attempts >= 1), 30_000);
    expect(smtp.messages).toHaveLength(0);

    smtp.refusing = false;
    await waitFor("every mail recorded as sent", async () => (await all()).every((queued) => queued.sentAt !== null), 30_000);
    await waitFor("every mail received", () => smtp.messages.length >= MAILS);
    const received = smtp.messages.map((mail) => mail.messageId ?? "");
    expect(new Set(received).size).toBe(received.length);
    expect([...received].sort()).toEqual(jobs.map((queued) => queued.messageId).sort());
    expect((await all()).every((queued) => queued.failedAt === null)).toBe(true);
  });
});
