/**
 * Play the demo history on a running server, as its people would: rounds opened, frozen
 * and opened again through the API, text edited as writers edit it (only the changed
 * characters), threads and replies through the API, then organisations sign on to the last
 * frozen version, so versions, compare, comments, sign-on and the audit log all come from
 * the real commands.
 */
import { seedDemoMatrix } from "./demoMatrix.js";
import * as Y from "yjs";
import type { Schema } from "@tiptap/pm/model";
import { initProseMirrorDoc } from "@tiptap/y-tiptap";
import type { RunningServer } from "../app.js";
import { encodeAnchor, type YMapping } from "../../shared/comments/anchors.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { NodeName } from "../../shared/schema/names.js";
import { newNodeId } from "../../shared/schema/statementExtensions.js";
import type { Anchor } from "../../shared/api.js";
import { SuggestionAttribute, SuggestionMark, newSuggestionId } from "../../shared/suggestions.js";
import { demoRounds, type DemoEdit, type DemoSuggestion, type Place } from "./demoHistory.js";
import { seedSignOn } from "./demoSignOn.js";

/** A signed-in demo person: the session cookie. */
type Session = string;

async function call(server: RunningServer, session: Session | null, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(session ? { cookie: session } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`demo seeding: ${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

async function signIn(server: RunningServer, email: string, password: string): Promise<Session> {
  const response = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("dw_session="));
  if (!response.ok || !cookie) throw new Error(`demo seeding: ${email} could not sign in (${response.status})`);
  return cookie.split(";")[0]!;
}

const elements = (parent: Y.XmlFragment | Y.XmlElement, name: string) => parent.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === name);

/** The text node of a clause's or note's first paragraph. */
function textAt(content: Y.XmlFragment, place: Place): Y.XmlText {
  const act = elements(content, NodeName.act)[place.act - 1];
  const block = place.note !== undefined ? elements(act!, NodeName.regionalNote)[place.note - 1] : elements(act!, NodeName.clause)[(place.clause ?? 1) - 1];
  const text = (block?.get(0) as Y.XmlElement | undefined)?.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error(`demo seeding: no text at Act ${place.act}`);
  return text;
}

const plain = (text: Y.XmlText) => text.toDelta().map((d: { insert: unknown }) => (typeof d.insert === "string" ? d.insert : "")).join("");

/** A block (clause or note) holding one paragraph of text. */
function block(name: string, attributes: Record<string, string>, text: string): Y.XmlElement {
  const element = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  element.insert(0, [paragraph]);
  return element;
}

/** Apply one edit, touching only what differs between `from` and `to`. */
function applyEdit(content: Y.XmlFragment, edit: DemoEdit): void {
  if (edit.kind === "replace") {
    const text = textAt(content, edit.at);
    const at = plain(text).indexOf(edit.from);
    if (at < 0) throw new Error(`demo seeding: "${edit.from}" not found`);
    let prefix = 0;
    while (prefix < edit.from.length && edit.from[prefix] === edit.to[prefix]) prefix += 1;
    let suffix = 0;
    while (suffix < edit.from.length - prefix && edit.from.at(-1 - suffix) === edit.to.at(-1 - suffix)) suffix += 1;
    text.delete(at + prefix, edit.from.length - prefix - suffix);
    text.insert(at + prefix, edit.to.slice(prefix, edit.to.length - suffix));
    return;
  }
  const act = elements(content, NodeName.act)[edit.act - 1]!;
  const added = edit.kind === "addClause" ? block(NodeName.clause, { id: newNodeId() }, edit.text) : block(NodeName.regionalNote, { id: newNodeId(), region: edit.region }, edit.text);
  act.insert(act.length, [added]);
}

/**
 * Leave reviewers' suggestions in the text, as their editors write them: struck words
 * marked, new words marked, a new clause marked as suggested. The server writes them on
 * their authors' behalf (ids in the authors' names), so their reference groups are
 * recorded afterwards, as a reviewer's socket would have given them.
 */
async function seedSuggestions(server: RunningServer, ids: { workspaceId: string; documentId: string }, suggestions: DemoSuggestion[]): Promise<void> {
  const authors = new Map<string, { id: string; groupId: string | null }>();
  for (const { by } of suggestions) {
    if (authors.has(by)) continue;
    const account = await server.storage.accounts.findByEmail(by);
    if (!account) throw new Error(`demo seeding: no account ${by}`);
    const membership = await server.storage.workspaces.membership(ids.workspaceId, account.id);
    authors.set(by, { id: account.id, groupId: membership?.groupIds[0] ?? null });
  }
  await server.registry.change(ids.documentId, (doc) => {
    const content = doc.getXmlFragment(CONTENT_FIELD);
    for (const suggestion of suggestions) {
      const id = newSuggestionId(authors.get(suggestion.by)!.id);
      if ("clauseIn" in suggestion) {
        const act = elements(content, NodeName.act)[suggestion.clauseIn - 1]!;
        act.insert(act.length, [block(NodeName.clause, { id: newNodeId(), [SuggestionAttribute.insertion]: id }, suggestion.text)]);
        continue;
      }
      const text = textAt(content, suggestion.at);
      const words = plain(text);
      const anchor = suggestion.after ?? suggestion.strike ?? "";
      let at = words.indexOf(anchor);
      if (at < 0) throw new Error(`demo seeding: "${anchor}" not found`);
      if (suggestion.after !== undefined) at += suggestion.after.length;
      if (suggestion.strike !== undefined) {
        text.format(at, suggestion.strike.length, { [SuggestionMark.deletion]: { id } });
        at += suggestion.strike.length;
      }
      if (suggestion.insert !== undefined) text.insert(at, suggestion.insert, { [SuggestionMark.insertion]: { id } });
    }
  });
  const groups = new Map(Array.from(authors.values(), (author) => [author.id, author.groupId]));
  const recorded = await server.storage.suggestions.listForDocument(ids.documentId);
  await server.storage.suggestions.save(recorded.filter((row) => row.groupId === null).map((row) => ({ ...row, groupId: groups.get(row.authorId) ?? null })));
}

/** An anchor on the first occurrence of `words` in the statement, made as the editor makes it. */
function anchorOn(doc: Y.Doc, schema: Schema, words: string): Anchor {
  const fragment = doc.getXmlFragment(CONTENT_FIELD);
  const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, schema);
  let from = -1;
  pmDoc.descendants((node, pos) => {
    if (from < 0 && node.isText && node.text!.includes(words)) from = pos + node.text!.indexOf(words);
    return from < 0;
  });
  if (from < 0) throw new Error(`demo seeding: no "${words}" to comment on`);
  return encodeAnchor(doc, fragment, mapping as YMapping, from, from + words.length);
}

/** Play the demo rounds on the statement `documentId` of `workspaceId`; everyone signs in with `password`. */
export async function seedHistory(server: RunningServer, schema: Schema, ids: { workspaceId: string; documentId: string }, password: string): Promise<void> {
  const sessions = new Map<string, Session>();
  const as = async (email: string) => sessions.get(email) ?? sessions.set(email, await signIn(server, email, password)).get(email)!;
  const documentPath = `/api/documents/${ids.documentId}`;
  const chair = await as("chair@example.org");
  // "@Name" in a demo comment mentions that member or reference group, as the composer would.
  const named = [
    ...(await server.storage.workspaces.listMembers(ids.workspaceId)).map(({ account }) => ({ kind: "account" as const, id: account.id, name: account.displayName })),
    ...(await server.storage.workspaces.listGroups(ids.workspaceId)).map((group) => ({ kind: "group" as const, id: group.id, name: group.name })),
  ];
  const mentionsIn = (body: string) => named.filter((n) => body.includes(`@${n.name}`)).map(({ kind, id }) => ({ kind, id }));
  let roundId: string | null = null;
  const roundIds: string[] = [];
  let lastVersionId: string | null = null;
  for (const round of demoRounds) {
    const opened = (await call(server, chair, "POST", roundId ? `${documentPath}/rounds/${roundId}/open-next` : `${documentPath}/rounds`, {
      name: round.name,
      draftPublished: round.draftPublished,
    })) as { id: string };
    roundId = opened.id;
    roundIds.push(opened.id);
    if (round.edits.length > 0) {
      await server.registry.change(ids.documentId, (doc) => {
        for (const edit of round.edits) applyEdit(doc.getXmlFragment(CONTENT_FIELD), edit);
      });
    }
    for (const thread of round.threads) {
      const anchor = await server.registry.read(ids.documentId, (doc) => anchorOn(doc, schema, thread.words));
      const created = (await call(server, await as(thread.by), "POST", `${documentPath}/comments`, { body: thread.body, anchor, quote: thread.words, mentions: mentionsIn(thread.body) })) as { id: string };
      for (const reply of thread.replies) await call(server, await as(reply.by), "POST", `${documentPath}/comments/${created.id}/replies`, { body: reply.body, mentions: mentionsIn(reply.body) });
      if (thread.resolvedBy) await call(server, await as(thread.resolvedBy), "PATCH", `${documentPath}/comments/${created.id}`, { status: "resolved" });
    }
    if (round.suggestions) await seedSuggestions(server, ids, round.suggestions);
    if (round.frozen) lastVersionId = ((await call(server, chair, "POST", `${documentPath}/rounds/${roundId}/freeze`)) as { id: string }).id;
  }
  // The open round closes in a few days: the chair schedules its freeze (members see the countdown).
  if (roundId) {
    const closes = new Date(Date.now() + 3 * 86_400_000);
    closes.setUTCHours(18, 0, 0, 0);
    await call(server, chair, "PUT", `${documentPath}/rounds/${roundId}/freeze-schedule`, { at: closes.toISOString() });
  }
  // Organisations sign on to the last frozen version.
  if (lastVersionId) await seedSignOn(server, (method, path, body) => call(server, chair, method, path, body), { documentId: ids.documentId, versionId: lastVersionId });
  // The advocacy planners' matrix: positions round by round, advocates, negotiating groups.
  await seedDemoMatrix(async (who, method, path, body) => call(server, await as(`${who}@example.org`), method, path, body), ids, roundIds);
  // A pending invitation, so the members page shows one (and the audit log its creation).
  await call(server, chair, "POST", `/api/workspaces/${ids.workspaceId}/invites`, { role: "coordinator", expiresInDays: 7 });
}
