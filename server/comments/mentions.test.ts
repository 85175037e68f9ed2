import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../app.js";
import { memberListSchema, threadSchema, type Anchor, type MemberList, type Thread } from "../../shared/api.js";
import { notificationListSchema, type Notification } from "../../shared/api/notifications.js";
import { anchorOn } from "../testing/anchorOn.js";
import { clauseText } from "../testing/statementText.js";
import {
  addMember,
  api,
  connectClient,
  createTestDocument,
  errorOf,
  removeDataDir,
  setUpWorkspace,
  startTestServer,
  tempDataDir,
  type TestClient,
  type TestUser,
} from "../testing/testServer.js";

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
/** A workspace with the Ten Acts reference groups (Firewalls covers Act 5). */
let workspaceId: string;
let groups: MemberList["groups"];
let documentId: string;
let writer: TestClient;
let anchor: Anchor;

/** Create a workspace with the template's reference groups, as `chair`. */
async function workspaceWithGroups(name: string): Promise<{ id: string; groups: MemberList["groups"] }> {
  const created = await api(server, "POST", "/api/workspaces", { name, tenActs: true }, chair);
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const members = memberListSchema.parse(await (await api(server, "GET", `/api/workspaces/${id}/members`, undefined, chair)).json());
  return { id, groups: members.groups };
}

const firewalls = () => groups.find((group) => group.name === "Firewalls")!;

beforeEach(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  ({ chair } = await setUpWorkspace(server, "Amina Chair"));
  ({ id: workspaceId, groups } = await workspaceWithGroups("Negotiators"));
  documentId = (await createTestDocument(server, chair, { title: "Global statement", template: "ten-acts", workspaceId })).id;
  writer = await connectClient(server, documentId, chair);
  clauseText(writer.content, 5).insert(0, "Firewalls between services and immigration enforcement.");
  anchor = anchorOn(writer, "Firewalls between services");
});
afterEach(async () => {
  writer.destroy();
  await server.close();
  removeDataDir(dataDir);
});

async function startThread(user: TestUser, body: string, mentions?: unknown): Promise<Response> {
  return api(server, "POST", `/api/documents/${documentId}/comments`, { body, anchor, quote: "Firewalls between services", mentions }, user);
}

async function thread(user: TestUser, body: string, mentions?: unknown): Promise<Thread> {
  const response = await startThread(user, body, mentions);
  expect(response.status, await response.clone().text()).toBe(201);
  return threadSchema.parse(await response.json());
}

async function replyTo(threadId: string, user: TestUser, body: string, mentions?: unknown): Promise<Thread> {
  const response = await api(server, "POST", `/api/documents/${documentId}/comments/${threadId}/replies`, { body, mentions }, user);
  expect(response.status, await response.clone().text()).toBe(201);
  return threadSchema.parse(await response.json());
}

/** What comments told `user`, newest first (the chair also hears of the invitations accepted while setting up). */
async function notificationsOf(user: TestUser): Promise<Notification[]> {
  const response = await api(server, "GET", "/api/notifications", undefined, user);
  expect(response.status).toBe(200);
  return notificationListSchema.parse(await response.json()).notifications.filter((n) => n.kind !== "inviteAccepted");
}

/** Each notification of `user` as "kind" (and the group for a group mention), oldest first. */
async function kindsOf(user: TestUser): Promise<string[]> {
  return (await notificationsOf(user)).reverse().map((n) => (n.detail.group ? `${n.kind}:${n.detail.group}` : n.kind));
}

const person = (user: TestUser) => ({ kind: "account" as const, id: user.accountId });

describe("mentions are checked and stored", () => {
  it("refuses a non-member and a foreign group (400 bad_mention), drops a mention whose name is not in the text, shows current names", async () => {
    const reviewer = await addMember(server, chair, workspaceId, "reviewer", "Rita Reviewer");
    const coordinator = await addMember(server, chair, workspaceId, "coordinator", "Cora Coordinator");
    const other = await workspaceWithGroups("Elsewhere");
    const outsider = await addMember(server, chair, other.id, "reviewer", "Otto Outsider");

    const stranger = await errorOf(await startThread(reviewer, "@Otto Outsider look", [person(outsider)]));
    expect(stranger).toMatchObject({ status: 400, id: "bad_mention" });
    const foreignGroup = other.groups.find((g) => g.name === "Firewalls")!;
    expect(await errorOf(await startThread(reviewer, "@Firewalls look", [{ kind: "group", id: foreignGroup.id }]))).toMatchObject({ status: 400, id: "bad_mention" });
    // More than 20 is refused by the schema.
    const many = Array.from({ length: 21 }, () => person(coordinator));
    expect((await startThread(reviewer, "@Cora Coordinator", many)).status).toBe(400);
    // Nothing was stored by the refused requests.
    expect((await (await api(server, "GET", `/api/documents/${documentId}/comments`, undefined, chair)).json()).threads).toEqual([]);

    const created = await thread(reviewer, "@Cora Coordinator and @Firewalls, please check", [person(coordinator), { kind: "group", id: firewalls().id }, person(chair)]);
    // The chair's "@Amina Chair" is not in the text: dropped.
    expect(created.comments[0]!.mentions).toEqual([
      { kind: "account", id: coordinator.accountId, name: "Cora Coordinator" },
      { kind: "group", id: firewalls().id, name: "Firewalls" },
    ]);
    expect(await kindsOf(chair)).toEqual([]);

    // Names shown are current names.
    expect((await api(server, "PATCH", "/api/me", { displayName: "Cora Coordinating" }, coordinator)).status).toBe(200);
    const listed = await (await api(server, "GET", `/api/documents/${documentId}/comments`, undefined, reviewer)).json();
    expect(listed.threads[0].comments[0].mentions[0]).toEqual({ kind: "account", id: coordinator.accountId, name: "Cora Coordinating" });
    // The text itself is unchanged, plain.
    expect(listed.threads[0].comments[0].body).toBe("@Cora Coordinator and @Firewalls, please check");
  });
});

describe("who hears about a comment", () => {
  it("a new thread: mentioned people and a mentioned group's members get `mention` once, the Act's followers `comment`, never the author", async () => {
    const author = await addMember(server, chair, workspaceId, "reviewer", "Rita Reviewer");
    const coordinator = await addMember(server, chair, workspaceId, "coordinator", "Cora Coordinator");
    const observer = await addMember(server, chair, workspaceId, "observer", "Olga Observer");
    const groupie = await addMember(server, chair, workspaceId, "reviewer", "Gina Groupmember");
    const follower = await addMember(server, chair, workspaceId, "reviewer", "Fred Follower");
    const bystander = await addMember(server, chair, workspaceId, "reviewer", "Bob Bystander");
    // Gina and the author are in the Firewalls group (Act 5); Fred follows Act 5 by choice.
    for (const user of [groupie, author]) {
      expect((await api(server, "PATCH", `/api/workspaces/${workspaceId}/members/${user.accountId}`, { groupIds: [firewalls().id] }, chair)).status).toBe(200);
    }
    const settings = await api(server, "PATCH", "/api/me/notifications", { follows: { workspaceId, acts: [5] } }, follower);
    expect(settings.status, await settings.clone().text()).toBe(200);

    const created = await thread(author, "@Cora Coordinator @Olga Observer @Firewalls @Rita Reviewer: the firewall wording", [
      person(coordinator),
      person(observer),
      { kind: "group", id: firewalls().id },
      person(author),
    ]);
    expect(created.act?.number).toBe(5);

    expect(await kindsOf(coordinator)).toEqual(["mention"]);
    // An observer can read, so a mention reaches them.
    expect(await kindsOf(observer)).toEqual(["mention"]);
    // A group mention reaches its members (the group named), not twice though they also follow Act 5.
    expect(await kindsOf(groupie)).toEqual(["mention:Firewalls"]);
    expect(await kindsOf(follower)).toEqual(["comment"]);
    expect(await kindsOf(author)).toEqual([]);
    expect(await kindsOf(bystander)).toEqual([]);
    expect(await kindsOf(chair)).toEqual([]);

    const [mention] = await notificationsOf(coordinator);
    expect(mention).toMatchObject({
      kind: "mention",
      documentId,
      actor: { id: author.accountId, name: "Rita Reviewer" },
      link: `/d/${documentId}?thread=${created.id}`,
      detail: { statement: "Global statement", act: 5, clause: created.clause!.number, quote: "Firewalls between services", excerpt: "@Cora Coordinator @Olga Observer @Firewalls @Rita Reviewer: the firewall wording" },
    });
    expect(mention!.detail.group).toBeUndefined();
  });

  it("a reply: `mention` to the mentioned, `reply` to those who started or replied in the thread, each once, never the author", async () => {
    const starter = await addMember(server, chair, workspaceId, "reviewer", "Sam Starter");
    const replier = await addMember(server, chair, workspaceId, "coordinator", "Rosa Replier");
    const mentioned = await addMember(server, chair, workspaceId, "reviewer", "Max Mentioned");
    const bystander = await addMember(server, chair, workspaceId, "reviewer", "Bob Bystander");
    const created = await thread(starter, "Is this too strong?");
    await replyTo(created.id, replier, "I think not.");
    expect(await kindsOf(starter)).toEqual(["reply"]);

    // Sam replies naming Rosa (a participant) and Max: Rosa hears it once, as a mention.
    await replyTo(created.id, starter, "@Rosa Replier @Max Mentioned what do you both say?", [person(replier), person(mentioned)]);
    expect(await kindsOf(replier)).toEqual(["mention"]);
    expect(await kindsOf(mentioned)).toEqual(["mention"]);
    expect(await kindsOf(starter)).toEqual(["reply"]);

    // The chair replies: both participants hear `reply`; Max, only mentioned before, does not.
    await replyTo(created.id, chair, "Agreed.");
    expect(await kindsOf(starter)).toEqual(["reply", "reply"]);
    expect(await kindsOf(replier)).toEqual(["mention", "reply"]);
    expect(await kindsOf(mentioned)).toEqual(["mention"]);
    expect(await kindsOf(bystander)).toEqual([]);
    expect(await kindsOf(chair)).toEqual([]);
  });

  it("an edit notifies only the mentions it adds", async () => {
    const author = await addMember(server, chair, workspaceId, "reviewer", "Rita Reviewer");
    const first = await addMember(server, chair, workspaceId, "coordinator", "Cora Coordinator");
    const second = await addMember(server, chair, workspaceId, "reviewer", "Nina Newcomer");
    const created = await thread(author, "@Cora Coordinator please look", [person(first)]);
    expect(await kindsOf(first)).toEqual(["mention"]);

    // Editing the text without sending mentions keeps Cora's: nobody hears anything.
    const kept = await api(server, "PATCH", `/api/documents/${documentId}/comments/${created.id}`, { body: "@Cora Coordinator please look again" }, author);
    expect(threadSchema.parse(await kept.json()).comments[0]!.mentions).toEqual([{ kind: "account", id: first.accountId, name: "Cora Coordinator" }]);
    const edited = await api(
      server,
      "PATCH",
      `/api/documents/${documentId}/comments/${created.id}`,
      { body: "@Cora Coordinator and @Nina Newcomer please look", mentions: [person(first), person(second)] },
      author,
    );
    expect(edited.status).toBe(200);
    expect(await kindsOf(first)).toEqual(["mention"]);
    expect(await kindsOf(second)).toEqual(["mention"]);

    // A reply edited to add a mention: only the added one hears.
    const replied = await replyTo(created.id, author, "@Nina Newcomer too", [person(second)]);
    expect(await kindsOf(second)).toEqual(["mention", "mention"]);
    const replyId = replied.comments[1]!.id;
    const replyEdit = await api(
      server,
      "PATCH",
      `/api/documents/${documentId}/comments/${created.id}/replies/${replyId}`,
      { body: "@Nina Newcomer too, and @Cora Coordinator", mentions: [person(second), person(first)] },
      author,
    );
    expect(replyEdit.status).toBe(200);
    expect(await kindsOf(second)).toEqual(["mention", "mention"]);
    expect(await kindsOf(first)).toEqual(["mention", "mention"]);
    // A foreign id in an edit is refused like in a new comment.
    const stranger = await addMember(server, chair, (await workspaceWithGroups("Elsewhere")).id, "reviewer", "Otto Outsider");
    const refused = await api(server, "PATCH", `/api/documents/${documentId}/comments/${created.id}/replies/${replyId}`, { body: "@Otto Outsider", mentions: [person(stranger)] }, author);
    expect(await errorOf(refused)).toMatchObject({ status: 400, id: "bad_mention" });
  });

  it("an edit never tells the same person or group twice for one comment, however often the mention comes and goes", async () => {
    const author = await addMember(server, chair, workspaceId, "reviewer", "Rita Reviewer");
    const groupie = await addMember(server, chair, workspaceId, "reviewer", "Gina Groupmember");
    const cora = await addMember(server, chair, workspaceId, "coordinator", "Cora Coordinator");
    expect((await api(server, "PATCH", `/api/workspaces/${workspaceId}/members/${groupie.accountId}`, { groupIds: [firewalls().id] }, chair)).status).toBe(200);
    const group = { kind: "group" as const, id: firewalls().id };
    const created = await thread(author, "@Firewalls please look", [group]);
    expect(await kindsOf(groupie)).toEqual(["mention:Firewalls"]);
    const edit = async (body: string, mentions: unknown[]) => {
      const response = await api(server, "PATCH", `/api/documents/${documentId}/comments/${created.id}`, { body, mentions }, author);
      expect(response.status, await response.clone().text()).toBe(200);
    };
    // The group goes, comes back, goes and comes back: its member heard once.
    await edit("please look", []);
    await edit("@Firewalls please look", [group]);
    await edit("please look", []);
    await edit("@Firewalls and @Cora Coordinator please look", [group, person(cora)]);
    expect(await kindsOf(groupie)).toEqual(["mention:Firewalls"]);
    expect(await kindsOf(cora)).toEqual(["mention"]);
    // Named by her own name now, Gina has already been told about this comment.
    await edit("@Gina Groupmember please look", [person(groupie)]);
    await edit("@Cora Coordinator please look", [person(cora)]);
    expect(await kindsOf(groupie)).toEqual(["mention:Firewalls"]);
    expect(await kindsOf(cora)).toEqual(["mention"]);
    // A reply is another comment: it may name her again.
    await replyTo(created.id, author, "@Cora Coordinator one more thing", [person(cora)]);
    expect(await kindsOf(cora)).toEqual(["mention", "mention"]);
  });

  it("keeps a mention only where the whole name is written, not as the start of a longer one", async () => {
    const author = await addMember(server, chair, workspaceId, "reviewer", "Rita Reviewer");
    const ann = await addMember(server, chair, workspaceId, "reviewer", "Ann");
    const anna = await addMember(server, chair, workspaceId, "reviewer", "Anna Smith");
    const created = await thread(author, "@Anna Smith, please look", [person(ann), person(anna)]);
    expect(created.comments[0]!.mentions).toEqual([{ kind: "account", id: anna.accountId, name: "Anna Smith" }]);
    expect(await kindsOf(ann)).toEqual([]);
    expect(await kindsOf(anna)).toEqual(["mention"]);
    // At the end of the text, or before punctuation, the name counts.
    await replyTo(created.id, author, "thanks @Ann", [person(ann)]);
    await replyTo(created.id, author, "@Ann: and you?", [person(ann)]);
    expect(await kindsOf(ann)).toEqual(["mention", "mention"]);
  });

  it("deleting a comment takes its words out of the notifications about it", async () => {
    const author = await addMember(server, chair, workspaceId, "reviewer", "Rita Reviewer");
    const cora = await addMember(server, chair, workspaceId, "coordinator", "Cora Coordinator");
    const created = await thread(author, "@Cora Coordinator a first thought", [person(cora)]);
    const replied = await replyTo(created.id, author, "@Cora Coordinator a secret second thought", [person(cora)]);
    expect((await notificationsOf(cora)).map((n) => n.detail.excerpt)).toEqual(["@Cora Coordinator a secret second thought", "@Cora Coordinator a first thought"]);
    const removed = await api(server, "DELETE", `/api/documents/${documentId}/comments/${created.id}/replies/${replied.comments[1]!.id}`, undefined, author);
    expect(removed.status).toBe(200);
    const [reply, opening] = await notificationsOf(cora);
    expect(reply!.detail).toEqual({ statement: "Global statement", act: 5, clause: created.clause!.number });
    expect(opening!.detail).toMatchObject({ quote: "Firewalls between services", excerpt: "@Cora Coordinator a first thought" });
    // The thread's opening comment too.
    expect((await api(server, "DELETE", `/api/documents/${documentId}/comments/${created.id}`, undefined, author)).status).toBe(200);
    const after = await notificationsOf(cora);
    expect(after.map((n) => n.detail.excerpt)).toEqual([undefined, undefined]);
    expect(after.map((n) => n.detail.quote)).toEqual([undefined, undefined]);
  });
});
