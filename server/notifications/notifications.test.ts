/**
 * Notifications through the real server: the bell's API (list, unread, read, the live
 * stream), settings and follows, and what suggestions, confirmed sign-ons and accepted
 * invitations notify, to whom.
 */
import { initProseMirrorDoc } from "@tiptap/y-tiptap";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../app.js";
import { meSchema, notificationListSchema, notificationSettingsSchema, type Notification } from "../../shared/api.js";
import { describeNotification } from "../../shared/notificationSentences.js";
import { SuggestionMark, newSuggestionId } from "../../shared/suggestions.js";
import { intlFor } from "../i18n.js";
import { clauseText } from "../testing/statementText.js";
import { startSmtpServer, type TestSmtpServer } from "../testing/smtpServer.js";
import { addMember, api, connectClient, createTestDocument, removeDataDir, setUpWorkspace, startTestServer, storageSetups, tempDataDir, waitFor, type TestUser } from "../testing/testServer.js";
import { visibleName } from "../../shared/displayName.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { outlineOf } from "../../shared/schema/structure.js";
import { statementSchema } from "../../shared/schema/statementExtensions.js";
import type { AppContext } from "../http/context.js";
import type { StoredSuggestion } from "../storage/Storage.js";
import { notifySuggestions } from "./triggers.js";

let dataDir: string;
let server: RunningServer;
let smtp: TestSmtpServer;
let chair: TestUser;
let coordinator: TestUser;
let reviewer: TestUser;
let reviewer2: TestUser;
let observer: TestUser;
let workspaceId: string;
let firewallsGroup: string;

async function notificationsOf(user: TestUser, query = ""): Promise<{ notifications: Notification[]; unread: number; nextBefore: string | null }> {
  const response = await api(server, "GET", `/api/notifications${query}`, undefined, user);
  expect(response.status).toBe(200);
  return notificationListSchema.parse(await response.json());
}

const sentence = (n: Notification) => describeNotification(intlFor("en"), n, (iso) => iso);

beforeAll(async () => {
  smtp = await startSmtpServer();
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, undefined, 0, { SMTP_URL: smtp.url, MAIL_FROM: "Drafting <drafting@example.org>" });
  ({ chair, workspaceId } = await setUpWorkspace(server, "Amina Chair", { tenActs: true }));
  coordinator = await addMember(server, chair, workspaceId, "coordinator", "Kofi Coordinator");
  reviewer = await addMember(server, chair, workspaceId, "reviewer", "Rosa Reviewer");
  reviewer2 = await addMember(server, chair, workspaceId, "reviewer", "Ravi Reviewer");
  observer = await addMember(server, chair, workspaceId, "observer", "Olu Observer");
  const me = meSchema.parse(await (await api(server, "GET", "/api/me", undefined, chair)).json());
  const members = (await (await api(server, "GET", `/api/workspaces/${workspaceId}/members`, undefined, chair)).json()) as { groups: { id: string; name: string; acts: number[] }[] };
  firewallsGroup = members.groups.find((g) => g.name === "Firewalls")!.id;
  expect(me.memberships).toHaveLength(1);
  // Ravi reviews for the Firewalls group (Act 5).
  expect((await api(server, "PATCH", `/api/workspaces/${workspaceId}/members/${reviewer2.accountId}`, { groupIds: [firewallsGroup] }, chair)).status).toBe(200);
});

afterAll(async () => {
  await server.close();
  await smtp.close();
  removeDataDir(dataDir);
});

describe("notifications", () => {
  it("tells the inviter when an invitation is accepted; lists, counts and marks read only one's own", async () => {
    const list = await notificationsOf(chair);
    expect(list.notifications.map((n) => n.kind)).toEqual(["inviteAccepted", "inviteAccepted", "inviteAccepted", "inviteAccepted"]);
    expect(list.unread).toBe(4);
    const newest = list.notifications[0]!;
    expect(newest).toMatchObject({ workspaceId, documentId: null, actor: { id: observer.accountId, name: "Olu Observer" }, link: "/members", readAt: null });
    expect(sentence(newest)).toBe("Olu Observer accepted your invitation and joined Test workspace as an observer");
    expect(describeNotification(intlFor("fr"), list.notifications[3]!, (iso) => iso)).toBe("Kofi Coordinator a accepté votre invitation et a rejoint Test workspace comme coordinateur·rice");
    // Nobody else heard of it.
    expect((await notificationsOf(coordinator)).notifications).toEqual([]);

    // Pages newest first.
    const page = await notificationsOf(chair, "?limit=3");
    expect(page.notifications).toHaveLength(3);
    expect((await notificationsOf(chair, `?limit=3&before=${page.nextBefore}`)).notifications.map((n) => n.id)).toEqual([list.notifications[3]!.id]);

    // Someone else's id changes nothing; one's own are marked.
    expect((await api(server, "POST", "/api/notifications/read", { ids: [newest.id] }, coordinator)).status).toBe(200);
    expect((await notificationsOf(chair)).unread).toBe(4);
    expect((await api(server, "POST", "/api/notifications/read", { ids: [newest.id] }, chair)).status).toBe(200);
    expect((await notificationsOf(chair)).unread).toBe(3);
    expect((await api(server, "POST", "/api/notifications/read", { all: true }, chair)).status).toBe(200);
    const after = await notificationsOf(chair);
    expect(after.unread).toBe(0);
    expect(after.notifications.every((n) => n.readAt !== null)).toBe(true);

    // Bad input, and no session.
    expect((await api(server, "POST", "/api/notifications/read", { ids: [] }, chair)).status).toBe(400);
    expect((await api(server, "POST", "/api/notifications/read", { all: false }, chair)).status).toBe(400);
    expect((await api(server, "GET", "/api/notifications?limit=1000", undefined, chair)).status).toBe(400);
    expect((await api(server, "GET", "/api/notifications")).status).toBe(401);
  });

  it("has reviewers follow their groups' Acts by default; each member changes what they follow and how mail comes", async () => {
    const settingsOf = async (user: TestUser) => notificationSettingsSchema.parse(await (await api(server, "GET", "/api/me/notifications", undefined, user)).json());
    expect(await settingsOf(reviewer2)).toEqual({ email: "immediate", follows: [{ workspaceId, acts: [5] }] });
    expect(await settingsOf(coordinator)).toEqual({ email: "immediate", follows: [{ workspaceId, acts: [] }] });

    const changed = await api(server, "PATCH", "/api/me/notifications", { email: "digest", follows: { workspaceId, acts: [9, 1, 9] } }, coordinator);
    expect(changed.status).toBe(200);
    expect(notificationSettingsSchema.parse(await changed.json())).toEqual({ email: "digest", follows: [{ workspaceId, acts: [1, 9] }] });
    // Ravi stops following Act 5 (his group's) and follows Act 1.
    expect((await api(server, "PATCH", "/api/me/notifications", { follows: { workspaceId, acts: [1] } }, reviewer2)).status).toBe(200);
    expect((await settingsOf(reviewer2)).follows).toEqual([{ workspaceId, acts: [1] }]);

    expect((await api(server, "PATCH", "/api/me/notifications", {}, coordinator)).status).toBe(400);
    expect((await api(server, "PATCH", "/api/me/notifications", { email: "hourly" }, coordinator)).status).toBe(400);
    expect((await api(server, "PATCH", "/api/me/notifications", { follows: { workspaceId: "elsewhere", acts: [1] } }, coordinator)).status).toBe(404);
    expect((await api(server, "PATCH", "/api/me/notifications", { follows: { workspaceId, acts: [0] } }, coordinator)).status).toBe(400);
    expect((await api(server, "PATCH", "/api/me/notifications", { email: "immediate" }, coordinator)).status).toBe(200);
  });

  it("tells followers of the Act about new suggested wording, and its author when it is accepted, live on the bell", async () => {
    const documentId = (await createTestDocument(server, chair)).id;
    // The author's bell, listened to as a browser does.
    const stream = await fetch(`${server.url}/api/notifications/events`, { headers: { cookie: reviewer.cookie } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let heard = "";
    const listening = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        heard += new TextDecoder().decode(value);
      }
    })();

    const writer = await connectClient(server, documentId, reviewer);
    const id = newSuggestionId(reviewer.accountId);
    writer.doc.transact(() => clauseText(writer.content, 1).insert(0, "safe ", { [SuggestionMark.insertion]: { id } }));
    await waitFor("the followers notified", async () => (await notificationsOf(reviewer2)).notifications.some((n) => n.kind === "suggestion"));
    const [toRavi] = (await notificationsOf(reviewer2)).notifications.filter((n) => n.kind === "suggestion");
    expect(toRavi).toMatchObject({ documentId, actor: { id: reviewer.accountId }, detail: { statement: "Test statement", act: 1, clause: "1.1" }, link: `/d/${documentId}?suggestion=${encodeURIComponent(id)}` });
    expect(sentence(toRavi!)).toBe("Rosa Reviewer suggested wording on clause 1.1 of “Test statement”");
    await waitFor("the coordinator notified", async () => (await notificationsOf(coordinator)).notifications.some((n) => n.kind === "suggestion"));
    // More words in the same suggestion tell nobody again; the author and those not following hear nothing.
    writer.doc.transact(() => clauseText(writer.content, 1).insert(5, "and ", { [SuggestionMark.insertion]: { id } }));
    await waitFor("the words stored", async () => ((await (await api(server, "GET", `/api/documents/${documentId}/suggestions`, undefined, chair)).json()) as { suggestions: { inserted: string }[] }).suggestions[0]?.inserted === "safe and ");
    expect((await notificationsOf(reviewer2)).notifications.filter((n) => n.kind === "suggestion")).toHaveLength(1);
    expect((await notificationsOf(reviewer)).notifications.filter((n) => n.kind === "suggestion")).toEqual([]);
    expect((await notificationsOf(observer)).notifications).toEqual([]);
    writer.destroy();

    // The coordinator accepts it: the author hears, live.
    const decider = await connectClient(server, documentId, coordinator);
    await waitFor("the suggestion arrived", () => clauseText(decider.content, 1).toString().includes("safe and"));
    decider.doc.transact(() => clauseText(decider.content, 1).format(0, "safe and ".length, { [SuggestionMark.insertion]: null }));
    await waitFor("the author notified", async () => (await notificationsOf(reviewer)).notifications.some((n) => n.kind === "suggestionDecided"));
    const [decided] = (await notificationsOf(reviewer)).notifications;
    expect(decided).toMatchObject({ kind: "suggestionDecided", actor: { id: coordinator.accountId }, detail: { decision: "accepted", act: 1, clause: "1.1" }, link: `/d/${documentId}?suggestion=${encodeURIComponent(id)}` });
    expect(sentence(decided!)).toBe("Kofi Coordinator accepted your suggestion on clause 1.1 of “Test statement”");
    await waitFor("the bell nudged", () => heard.includes("event: notification"));
    decider.destroy();
    await reader.cancel();
    await listening.catch(() => undefined);
  });

  it("tells the author when a coordinator rejects their suggestion, on the bell and by mail in their language; a sentence in every language", async () => {
    const author = await addMember(server, chair, workspaceId, "reviewer", "Rana Reviewer");
    expect((await api(server, "PATCH", "/api/me", { language: "ar" }, author)).status).toBe(200);
    expect((await api(server, "PATCH", "/api/me/notifications", { email: "immediate" }, author)).status).toBe(200);
    const documentId = (await createTestDocument(server, chair)).id;
    const writer = await connectClient(server, documentId, author);
    const id = newSuggestionId(author.accountId);
    writer.doc.transact(() => clauseText(writer.content, 1).insert(0, "binding ", { [SuggestionMark.insertion]: { id } }));
    await waitFor("the suggestion stored", async () => ((await (await api(server, "GET", `/api/documents/${documentId}/suggestions`, undefined, chair)).json()) as { suggestions: { inserted: string }[] }).suggestions[0]?.inserted === "binding ");
    writer.destroy();

    // The coordinator deletes the suggested words: rejected, by someone other than its author.
    const decider = await connectClient(server, documentId, coordinator);
    await waitFor("the suggestion arrived", () => clauseText(decider.content, 1).toString().includes("binding "));
    decider.doc.transact(() => clauseText(decider.content, 1).delete(0, "binding ".length));
    await waitFor("the author notified", async () => (await notificationsOf(author)).notifications.some((n) => n.kind === "suggestionDecided"));
    decider.destroy();
    const decided = (await notificationsOf(author)).notifications.filter((n) => n.kind === "suggestionDecided");
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({ actor: { id: coordinator.accountId }, detail: { decision: "rejected", act: 1, clause: "1.1", statement: "Test statement" }, link: `/d/${documentId}?suggestion=${encodeURIComponent(id)}` });
    const sentences = (["en", "fr", "es", "ar"] as const).map((locale) => describeNotification(intlFor(locale), decided[0]!, (iso) => iso));
    expect(sentences).toEqual([
      "Kofi Coordinator rejected your suggestion on clause 1.1 of “Test statement”",
      "Kofi Coordinator a rejeté votre suggestion pour la clause 1.1 de « Test statement »",
      "Kofi Coordinator rechazó su sugerencia para la cláusula 1.1 de «Test statement»",
      "رفض Kofi Coordinator اقتراحك في البند 1.1 من «Test statement»",
    ]);
    // Her mail says so in Arabic, and links to the suggestion.
    const toAuthor = () => smtp.messages.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === author.email);
    await waitFor("the author's mail", () => toAuthor().length === 1);
    expect(toAuthor()[0]!.subject).toBe(sentences[3]);
    expect(toAuthor()[0]!.text).toContain(`/d/${documentId}?suggestion=${encodeURIComponent(id)}`);
    // The coordinator who rejected it is not told of their own decision.
    expect((await notificationsOf(coordinator)).notifications.filter((n) => n.kind === "suggestionDecided" && n.documentId === documentId)).toEqual([]);
  });

  it("tells the chairs when an organisation confirms its sign-on", async () => {
    const documentId = (await createTestDocument(server, chair)).id;
    const round = (await (await api(server, "POST", `/api/documents/${documentId}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair)).json()) as { id: string };
    const version = (await (await api(server, "POST", `/api/documents/${documentId}/rounds/${round.id}/freeze`, undefined, chair)).json()) as { id: string };
    expect((await api(server, "POST", `/api/documents/${documentId}/versions/${version.id}/sign-on/open`, undefined, chair)).status).toBe(200);
    const form = { organisation: "Red Migrante Andina", country: "PE", region: "Latin America", type: "network", person: "Lucía Quispe", email: "lucia@rma.example.org", consentPublish: true };
    expect((await api(server, "POST", `/api/public/sign-on/${version.id}`, form)).status).toBe(202);
    await waitFor("the mail", () => smtp.messages.length > 0);
    const token = /#(\S+)/.exec(smtp.messages.at(-1)!.text!.split("\n").find((line) => line.includes("/sign-on/confirm#"))!)![1]!;
    // Submitting is not enough: nothing for the chair until the organisation confirms.
    expect((await notificationsOf(chair)).notifications.filter((n) => n.kind === "signOnPending")).toEqual([]);
    expect((await api(server, "POST", "/api/public/sign-on/confirm", { token })).status).toBe(200);
    expect((await api(server, "POST", "/api/public/sign-on/confirm", { token })).status).toBe(200);
    const pending = (await notificationsOf(chair)).notifications.filter((n) => n.kind === "signOnPending");
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ actor: null, link: `/d/${documentId}/versions/${version.id}`, detail: { organisation: "Red Migrante Andina", round: "Zero draft" } });
    expect(sentence(pending[0]!)).toBe("Red Migrante Andina confirmed its sign-on to “Zero draft” of “Test statement” and waits for a chair");
    expect((await notificationsOf(coordinator)).notifications.filter((n) => n.kind === "signOnPending")).toEqual([]);
  });

  it("no longer shows a removed member that workspace's notifications, nor counts or marks them", async () => {
    const leaving = await addMember(server, chair, workspaceId, "observer", "Lea Leaving");
    const documentId = (await createTestDocument(server, chair)).id;
    await server.notifier.notify([leaving.accountId], { workspaceId, documentId, kind: "roundOpened", actorId: chair.accountId, subject: "r-leaving", detail: { statement: "Test statement", round: "Rev 1" }, link: `/d/${documentId}` });
    expect((await notificationsOf(leaving)).unread).toBe(1);
    expect((await api(server, "DELETE", `/api/workspaces/${workspaceId}/members/${leaving.accountId}`, undefined, chair)).status).toBe(200);
    expect(await notificationsOf(leaving)).toEqual({ notifications: [], unread: 0, nextBefore: null });
  });

  it("names actors in the bell as they are shown everywhere, without direction or invisible characters", async () => {
    const raw = "Eve\u202E\u200Bredaer";
    await server.storage.accounts.create({ id: "acct-old-name", email: "old-name@example.org", displayName: raw, passwordHash: "h" });
    await server.storage.workspaces.addMember({ workspaceId, accountId: "acct-old-name", role: "reviewer", groupIds: [] });
    await server.notifier.notify([coordinator.accountId], { workspaceId, documentId: null, kind: "inviteAccepted", actorId: "acct-old-name", subject: "invite-old-name", detail: { workspace: "Test workspace", role: "reviewer" }, link: "/members" });
    const [newest] = (await notificationsOf(coordinator)).notifications;
    expect(newest!.actor).toEqual({ id: "acct-old-name", name: visibleName(raw) });
    expect(newest!.actor!.name).toBe("Everedaer");
  });
});

describe.each(storageSetups.filter((setup) => setup.delayMs === 0).map((setup) => [setup.name, setup] as const))("a new suggestion on %s", (_name, setup) => {
  it("tells each follower once, and delivers once, when two announcements of it overlap", async () => {
    const dir = tempDataDir();
    const running = await startTestServer(dir, setup);
    try {
      const owner = await setUpWorkspace(running, "Amina Chair");
      const author = await addMember(running, owner.chair, owner.workspaceId, "reviewer", "Rosa Reviewer");
      const documentId = (await createTestDocument(running, owner.chair)).id;
      const schema = statementSchema();
      const outline = await running.registry.read(documentId, (doc) => outlineOf(initProseMirrorDoc(doc.getXmlFragment(CONTENT_FIELD), schema).doc));
      const act = outline[0]!;
      expect((await api(running, "PATCH", "/api/me/notifications", { follows: { workspaceId: owner.workspaceId, acts: [act.number] } }, owner.chair)).status).toBe(200);
      const delivered: string[] = [];
      running.notifier.addSink(async (rows) => {
        delivered.push(...rows.filter((row) => row.kind === "suggestion").map((row) => row.accountId));
      });
      const context = { storage: running.storage, registry: running.registry, notifier: running.notifier, schema } as unknown as AppContext;
      const row: StoredSuggestion = {
        id: "suggestion-1",
        documentId,
        authorId: author.accountId,
        groupId: null,
        kind: "insertion",
        actId: act.id,
        clauseId: act.clauses[0]?.id ?? null,
        inserted: "x",
        deleted: "",
        createdAt: new Date().toISOString(),
        status: "pending",
        decidedBy: null,
        decidedAt: null,
      };
      await Promise.all([notifySuggestions(context, documentId, [row]), notifySuggestions(context, documentId, [{ ...row, inserted: "xy" }])]);
      const listed = notificationListSchema.parse(await (await api(running, "GET", "/api/notifications", undefined, owner.chair)).json());
      expect(listed.notifications.filter((n) => n.kind === "suggestion")).toHaveLength(1);
      expect(delivered).toEqual([owner.chair.accountId]);
    } finally {
      await running.close();
      removeDataDir(dir);
    }
  });
});
