import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../app.js";
import { auditListSchema, documentDetailSchema, freezeScheduleSchema, roundListSchema, roundSchema, versionListSchema, type AuditEntry } from "../../shared/api.js";
import { notificationListSchema, type Notification } from "../../shared/api/notifications.js";
import { describeAuditEntry } from "../../shared/auditSentences.js";
import { intlFor } from "../i18n.js";
import { addMember, api, createTestDocument, errorOf, removeDataDir, setUpWorkspace, startTestServer, tempDataDir, waitFor, type TestUser } from "../testing/testServer.js";

const HOUR = 3600_000;

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let coordinator: TestUser;
let reviewer: TestUser;
let workspaceId: string;
let documentId: string;
let roundId: string;

beforeEach(async () => {
  dataDir = tempDataDir();
  // Ticks only when a test calls them (with the time the reminders are measured at).
  server = await startTestServer(dataDir, undefined, 0, { SCHEDULER_TICK_MS: "600000" });
  ({ chair, workspaceId } = await setUpWorkspace(server));
  coordinator = await addMember(server, chair, workspaceId, "coordinator", "Chen Coordinator");
  reviewer = await addMember(server, chair, workspaceId, "reviewer", "Rosa Reviewer");
  documentId = (await createTestDocument(server, chair)).id;
  const opened = await api(server, "POST", `/api/documents/${documentId}/rounds`, { name: "Rev 2", draftPublished: "2026-05-01" }, chair);
  expect(opened.status).toBe(201);
  roundId = roundSchema.parse(await opened.json()).id;
});
afterEach(async () => {
  await server.close();
  removeDataDir(dataDir);
});

const schedulePath = () => `/api/documents/${documentId}/rounds/${roundId}/freeze-schedule`;
const schedule = (at: string | number, user: TestUser = chair) => api(server, "PUT", schedulePath(), { at: typeof at === "number" ? new Date(at).toISOString() : at }, user);

async function notifications(user: TestUser, kind?: string): Promise<Notification[]> {
  const list = notificationListSchema.parse(await (await api(server, "GET", "/api/notifications?limit=100", undefined, user)).json());
  return list.notifications.filter((n) => !kind || n.kind === kind);
}

async function auditEntries(action: string): Promise<AuditEntry[]> {
  const list = auditListSchema.parse(await (await api(server, "GET", `/api/workspaces/${workspaceId}/audit?action=${action}`, undefined, chair)).json());
  return list.entries;
}

async function currentRound() {
  return roundListSchema.parse(await (await api(server, "GET", `/api/documents/${documentId}/rounds`, undefined, reviewer)).json()).rounds.at(-1)!;
}

describe("scheduling a freeze", () => {
  it("refuses other roles, times in the past or more than a year ahead, and rounds not open", async () => {
    expect((await schedule(Date.now() + HOUR, coordinator)).status).toBe(403);
    expect((await schedule(Date.now() + HOUR, reviewer)).status).toBe(403);
    expect(await errorOf(await schedule(Date.now() - 60_000))).toMatchObject({ status: 400, id: "freeze_time_past" });
    expect(await errorOf(await schedule(Date.now() + 367 * 24 * HOUR))).toMatchObject({ status: 400, id: "freeze_time_too_far" });
    expect(await errorOf(await schedule("tomorrow at noon"))).toMatchObject({ status: 400, id: "invalid_request" });
    expect(await errorOf(await api(server, "PUT", `/api/documents/${documentId}/rounds/notaround123/freeze-schedule`, { at: new Date(Date.now() + HOUR).toISOString() }, chair))).toMatchObject({
      status: 404,
      id: "round_not_current",
    });
    expect(await errorOf(await api(server, "DELETE", schedulePath(), undefined, chair))).toMatchObject({ status: 404, id: "freeze_not_scheduled" });
    expect((await api(server, "POST", `/api/documents/${documentId}/rounds/${roundId}/freeze`, undefined, chair)).status).toBe(201);
    expect(await errorOf(await schedule(Date.now() + HOUR))).toMatchObject({ status: 409, id: "already_frozen" });
    expect((await auditEntries("freeze_scheduled")).length).toBe(0);
  });

  it("is shown on the round and the statement, audited, and told to every member; so is cancelling it", async () => {
    // An open editor's event stream hears of each change.
    const stream = await fetch(`${server.url}/api/documents/${documentId}/comments/events`, { headers: { cookie: reviewer.cookie } });
    const reader = stream.body!.getReader();
    const heard: unknown[] = [];
    void (async () => {
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += new TextDecoder().decode(value);
        for (const chunk of buffer.split("\n\n").slice(0, -1)) {
          const data = /^event: round\ndata: (.+)$/m.exec(chunk)?.[1];
          if (data) heard.push(JSON.parse(data));
        }
        buffer = buffer.slice(buffer.lastIndexOf("\n\n") + 2);
      }
    })();
    const at = new Date(Math.ceil((Date.now() + 48 * HOUR) / 60_000) * 60_000).toISOString();
    const response = await schedule(at);
    expect(response.status).toBe(200);
    expect(freezeScheduleSchema.parse(await response.json())).toEqual({ roundId, freezeAt: at });
    expect((await currentRound()).freezeAt).toBe(at);
    const detail = documentDetailSchema.parse(await (await api(server, "GET", `/api/documents/${documentId}`, undefined, coordinator)).json());
    expect(detail.round?.freezeAt).toBe(at);

    const [entry] = await auditEntries("freeze_scheduled");
    expect(entry?.details).toMatchObject({ round: { id: roundId, name: "Rev 2" }, at });
    expect(describeAuditEntry(intlFor("en"), entry!)).toContain(`${at.slice(0, 16).replace("T", " ")} UTC`);
    for (const member of [coordinator, reviewer]) {
      const [told] = await notifications(member, "freezeScheduled");
      expect(told).toMatchObject({ actor: { id: chair.accountId }, detail: { round: "Rev 2", statement: "Test statement", at }, link: `/d/${documentId}/history` });
    }
    expect(await notifications(chair, "freezeScheduled")).toEqual([]);

    expect((await api(server, "DELETE", schedulePath(), undefined, reviewer)).status).toBe(403);
    const cancelled = await api(server, "DELETE", schedulePath(), undefined, chair);
    expect(freezeScheduleSchema.parse(await cancelled.json())).toEqual({ roundId, freezeAt: null });
    expect((await currentRound()).freezeAt).toBeNull();
    expect((await auditEntries("freeze_cancelled")).length).toBe(1);
    await waitFor("both changes pushed to open editors", () => heard.length === 2, 5_000);
    expect(heard).toEqual([
      { roundId, freezeAt: at },
      { roundId, freezeAt: null },
    ]);
    await reader.cancel();
    for (const member of [coordinator, reviewer]) {
      const told = await notifications(member, "freezeScheduled");
      expect(told.map((n) => n.detail.at ?? null)).toEqual([null, at]);
    }
    // Nothing freezes once cancelled, even when the time comes.
    await server.scheduler.tick(Date.parse(at) + 60_000);
    expect((await currentRound()).frozenAt).toBeNull();
  });
});

describe("reminders", () => {
  it("go to every member 24 hours and 1 hour before, each once", async () => {
    const now = Date.now();
    const at = now + 30 * HOUR;
    expect((await schedule(at)).status).toBe(200);
    const reminded = async () => (await Promise.all([chair, coordinator, reviewer].map((m) => notifications(m, "freezeReminder")))).map((list) => list.length);

    await server.scheduler.tick(now);
    expect(await reminded()).toEqual([0, 0, 0]);
    await server.scheduler.tick(at - 24 * HOUR + 60_000);
    expect(await reminded()).toEqual([1, 1, 1]);
    await server.scheduler.tick(at - 23 * HOUR);
    await server.scheduler.tick(at - 2 * HOUR);
    expect(await reminded()).toEqual([1, 1, 1]);
    await Promise.all([server.scheduler.tick(at - 30 * 60_000), server.scheduler.tick(at - 29 * 60_000)]);
    await server.scheduler.tick(at - 10 * 60_000);
    expect(await reminded()).toEqual([2, 2, 2]);
    const [last] = await notifications(reviewer, "freezeReminder");
    expect(last).toMatchObject({ actor: null, detail: { round: "Rev 2", at: new Date(at).toISOString() } });
  });

  it("are passed over when the time is already nearer than them when scheduled", async () => {
    const now = Date.now();
    const at = now + 5 * HOUR;
    expect((await schedule(at)).status).toBe(200);
    await server.scheduler.tick(now + 60_000);
    await server.scheduler.tick(at - 2 * HOUR);
    expect(await notifications(reviewer, "freezeReminder")).toEqual([]);
    await server.scheduler.tick(at - 50 * 60_000);
    expect((await notifications(reviewer, "freezeReminder")).length).toBe(1);
  });

  it("start again when the freeze is moved", async () => {
    const now = Date.now();
    expect((await schedule(now + 3 * HOUR)).status).toBe(200);
    await server.scheduler.tick(now + 2.5 * HOUR);
    expect((await notifications(reviewer, "freezeReminder")).length).toBe(1);
    const later = now + 10 * HOUR;
    expect((await schedule(later)).status).toBe(200);
    await server.scheduler.tick(now + 2.6 * HOUR);
    expect((await notifications(reviewer, "freezeReminder")).length).toBe(1);
    await server.scheduler.tick(later - 30 * 60_000);
    expect((await notifications(reviewer, "freezeReminder")).length).toBe(2);
  });
});

describe("a schedule never outlives its round", () => {
  it("reminds nobody of a round already frozen, and is done", async () => {
    const now = Date.now();
    const at = now + 30 * HOUR;
    expect((await schedule(at)).status).toBe(200);
    expect((await api(server, "POST", `/api/documents/${documentId}/rounds/${roundId}/freeze`, undefined, chair)).status).toBe(201);
    // A move that landed after the freeze had dropped the schedule.
    await server.storage.freezeSchedules.set({ roundId, documentId, at: new Date(at).toISOString(), scheduledBy: chair.accountId, scheduledAt: new Date(now).toISOString(), remindersSent: [] });
    expect((await server.storage.freezeSchedules.listPending()).map((s) => s.roundId)).toEqual([roundId]);
    await server.scheduler.tick(at - 24 * HOUR + 60_000);
    await server.scheduler.tick(at - 30 * 60_000);
    expect(await notifications(reviewer, "freezeReminder")).toEqual([]);
    expect(await server.storage.freezeSchedules.listPending()).toEqual([]);
  });

  it("is not moved while an instance is freezing it", async () => {
    const past = new Date(Date.now() - 1000).toISOString();
    await server.storage.freezeSchedules.set({ roundId, documentId, at: past, scheduledBy: chair.accountId, scheduledAt: past, remindersSent: ["24h", "1h"] });
    expect((await server.storage.freezeSchedules.claimDue("another-instance", 60_000))?.roundId).toBe(roundId);
    expect(await errorOf(await schedule(Date.now() + HOUR))).toMatchObject({ status: 409, id: "already_frozen" });
    expect((await server.storage.freezeSchedules.listPending()).map((s) => s.at)).toEqual([past]);
    // The instance holding it can still finish it.
    expect(await server.storage.freezeSchedules.finish(roundId, "another-instance", new Date().toISOString())).toBe(true);
  });
});

describe("the scheduled freeze", () => {
  it("happens at the time: one version, audited as scheduled, every member told", async () => {
    const at = Date.now() + 1500;
    expect((await schedule(at)).status).toBe(200);
    // Not before its time.
    await server.scheduler.tick();
    expect((await currentRound()).frozenAt).toBeNull();
    await waitFor("the scheduled freeze", async () => {
      await server.scheduler.tick();
      return (await currentRound()).frozenAt !== null;
    });
    expect(Date.now()).toBeGreaterThanOrEqual(at);
    await server.scheduler.tick();
    const versions = versionListSchema.parse(await (await api(server, "GET", `/api/documents/${documentId}/versions`, undefined, chair)).json()).versions;
    expect(versions.map((v) => v.roundId)).toEqual([roundId]);
    const round = await currentRound();
    expect(round).toMatchObject({ versionId: versions[0]!.id, freezeAt: null });
    const detail = documentDetailSchema.parse(await (await api(server, "GET", `/api/documents/${documentId}`, undefined, coordinator)).json());
    expect(detail).toMatchObject({ frozen: true, canEdit: false });

    const frozen = await auditEntries("round_frozen");
    expect(frozen.length).toBe(1);
    expect(frozen[0]).toMatchObject({ actorId: chair.accountId, address: null, details: { scheduled: true, version: { id: versions[0]!.id } } });
    expect(describeAuditEntry(intlFor("en"), frozen[0]!)).toContain("froze at the time Amina Chair scheduled");
    for (const member of [chair, coordinator, reviewer]) {
      const told = await notifications(member, "frozen");
      expect(told.length).toBe(1);
      expect(told[0]).toMatchObject({ actor: null, detail: { round: "Rev 2" }, link: `/d/${documentId}/versions/${versions[0]!.id}` });
    }
  });

  it("is dropped when a chair freezes by hand first; rounds opened and frozen by hand are told too", async () => {
    expect((await schedule(Date.now() + 1000)).status).toBe(200);
    const frozen = await api(server, "POST", `/api/documents/${documentId}/rounds/${roundId}/freeze`, undefined, chair);
    expect(frozen.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await server.scheduler.tick();
    expect((await auditEntries("round_frozen")).length).toBe(1);
    expect((await notifications(reviewer, "frozen")).length).toBe(1);
    expect(await notifications(chair, "frozen")).toEqual([]);

    expect((await notifications(reviewer, "roundOpened")).map((n) => n.detail.round)).toEqual(["Rev 2"]);
    const next = await api(server, "POST", `/api/documents/${documentId}/rounds/${roundId}/open-next`, { name: "Rev 3", draftPublished: "2026-06-01" }, chair);
    expect(next.status).toBe(201);
    for (const member of [coordinator, reviewer]) {
      expect((await notifications(member, "roundOpened")).map((n) => n.detail.round)).toEqual(["Rev 3", "Rev 2"]);
    }
    expect(await notifications(chair, "roundOpened")).toEqual([]);
  });
});
