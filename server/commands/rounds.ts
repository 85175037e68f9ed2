import { createHash } from "node:crypto";
import * as Y from "yjs";
import type { Schema, Node as PMNode } from "@tiptap/pm/model";
import { initProseMirrorDoc, updateYFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { Node as ProseMirrorNode } from "@tiptap/pm/model";
import type { Round } from "../../shared/api.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { SuggestionAttribute } from "../../shared/suggestions.js";
import { readStatement } from "../../shared/statement/readStatement.js";
import type { StoredDocument, StoredRound, StoredVersion } from "../storage/Storage.js";
import { StorageConflict } from "../storage/StorageConflict.js";
import type { AppContext } from "../http/context.js";
import { presentThreads } from "../comments/presentThreads.js";
import { renderHtml } from "../exports/renderHtml.js";
import { pendingIn, prepareText, suggestionAuthors } from "../exports/suggestionMarks.js";
import { presentSuggestions } from "../http/suggestionRoutes.js";
import { newId } from "../auth/secrets.js";
import { CommandError } from "./CommandError.js";

/** The statement at one moment: Yjs state and ProseMirror content. */
export interface Snapshot {
  state: Uint8Array;
  content: PMNode;
}

/** Take a snapshot of a Y.Doc through the shared schema. */
export function snapshotOf(doc: Y.Doc, schema: Schema): Snapshot {
  return { state: Y.encodeStateAsUpdate(doc), content: yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(CONTENT_FIELD), schema) };
}

/** The content of a stored Yjs state. */
export function contentOfState(state: Uint8Array, schema: Schema): PMNode {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return snapshotOf(doc, schema).content;
  } finally {
    doc.destroy();
  }
}

/**
 * SHA-256 of the content (its ProseMirror JSON), hex. Same content, same hash, however
 * stored. Attributes added to the schema later are left out while they are unset, so a
 * version frozen before they existed keeps the hash it was given.
 */
export function contentHash(content: PMNode): string {
  return createHash("sha256").update(JSON.stringify(content.toJSON(), withoutUnsetLaterAttributes)).digest("hex");
}

/** Attributes the schema gained after versions were first hashed: a suggested or struck clause. */
const laterAttributes = new Set<string>([SuggestionAttribute.insertion, SuggestionAttribute.deletion]);

function withoutUnsetLaterAttributes(this: unknown, key: string, value: unknown): unknown {
  if (key !== "attrs" || !value || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.some(([name, set]) => laterAttributes.has(name) && set === null)) return value;
  return Object.fromEntries(entries.filter(([name, set]) => !(laterAttributes.has(name) && set === null)));
}

/** Rounds as the API shows them, with the version each frozen round produced. */
export async function presentRounds(context: AppContext, documentId: string): Promise<Round[]> {
  const [rounds, versions, schedules] = await Promise.all([
    context.storage.rounds.list(documentId),
    context.storage.rounds.listVersions(documentId),
    context.storage.freezeSchedules.pendingFor([documentId]),
  ]);
  const versionOf = new Map(versions.map((v) => [v.roundId, v.id]));
  const schedule = schedules.get(documentId);
  // A schedule counts for the round it names while that round is open.
  const freezeAtOf = (r: StoredRound) => (schedule && schedule.roundId === r.id && !r.frozenAt ? schedule.at : null);
  return rounds.map((r) => ({
    id: r.id,
    seq: r.seq,
    name: r.name,
    draftPublished: r.draftPublished,
    openedAt: r.openedAt,
    frozenAt: r.frozenAt,
    versionId: versionOf.get(r.id) ?? null,
    freezeAt: freezeAtOf(r),
  }));
}

async function currentRound(context: AppContext, documentId: string): Promise<StoredRound | null> {
  return (await context.storage.rounds.list(documentId)).at(-1) ?? null;
}

/** The refusal for a round the store would not open, in words a chair can act on. */
function openRefusal(id: string): CommandError {
  switch (id) {
    case "round_exists":
      return new CommandError(
        "conflict",
        "round_exists",
        "This statement already has a round. To start the next one, freeze the current round, then use “Open the next round”.",
      );
    case "round_open":
      return new CommandError("conflict", "round_open", "Freeze this round before opening the next.");
    default:
      return new CommandError("not_found", "round_not_current", "Only the current round can be followed by the next.");
  }
}

/** Open the store's round, turning its refusal (checked in its transaction) into a command error. */
async function insertRound(
  context: AppContext,
  input: { documentId: string; name: string; draftPublished: string; by: string; after: string | null },
): Promise<StoredRound> {
  try {
    return await context.storage.rounds.open({ id: newId(), documentId: input.documentId, name: input.name, draftPublished: input.draftPublished, openedBy: input.by, after: input.after });
  } catch (error) {
    if (error instanceof StorageConflict) throw openRefusal(error.id);
    throw error;
  }
}

/**
 * Open a statement's first round. Only the first: a later round follows a freeze through
 * `openNextRound`, which also opens the statement's writes again (a second path here left
 * the statement frozen under an open round).
 */
export async function openFirstRound(context: AppContext, input: { documentId: string; name: string; draftPublished: string; by: string }): Promise<StoredRound> {
  return insertRound(context, { ...input, after: null });
}

/**
 * How long a freeze may keep a document's writes closed before it is recorded: should
 * the instance doing it die meanwhile, the document opens again by itself.
 */
const FREEZE_LEASE_MS = 60_000;

/**
 * Freeze the current round. At once no update is accepted from anyone; updates already
 * accepted are stored; then the version (state, content, HTML, comments, pending suggestions, hash) is
 * recorded with the round's freeze in one transaction, and every open editor reconnects
 * read-only.
 */
export async function freezeRound(context: AppContext, input: { document: StoredDocument; roundId: string; by: string }): Promise<StoredVersion> {
  const { document } = input;
  const round = await currentRound(context, document.id);
  if (!round || round.id !== input.roundId) throw new CommandError("not_found", "round_not_current", "Only the current round can be frozen.");
  if (round.frozenAt) throw new CommandError("conflict", "already_frozen", "This round is already frozen.");
  const { registry, storage, schema, cluster } = context;
  // Every instance stops accepting updates; storage refuses any that were already on their way.
  await cluster.control({ kind: "freezing", documentId: document.id });
  try {
    await storage.documents.closeWrites(document.id, FREEZE_LEASE_MS);
    await registry.loaded(document.id)?.whenIdle();
    // From storage, not from this instance's copy: it holds what every instance accepted.
    const snapshot = await registry.readStored(document.id, (doc) => snapshotOf(doc, schema));
    const threads = await presentThreads(context, document, await storage.comments.listThreads(document.id), { authors: true });
    const sha256 = contentHash(snapshot.content);
    // The suggestions pending in the frozen text, as the server knew them: the version shows them without the live table.
    const suggestions = pendingIn(snapshot.content, await presentSuggestions(context, document));
    const marked = prepareText(snapshot.content, "marked");
    const html = renderHtml({
      model: readStatement(marked.content),
      documentTitle: document.title,
      language: document.language,
      round: { name: round.name, draftPublished: round.draftPublished },
      date: new Date().toISOString(),
      frozen: true,
      sha256,
      threads: null,
      suggestions: { edges: marked.edges, authors: suggestionAuthors(suggestions) },
    });
    const version = await storage.rounds.freeze({
      roundId: round.id,
      frozenBy: input.by,
      version: { id: newId(), documentId: document.id, roundId: round.id, createdBy: input.by, sha256, state: snapshot.state, content: JSON.stringify(snapshot.content.toJSON()), html, threads: JSON.stringify(threads), suggestions: JSON.stringify(suggestions), language: document.language },
    });
    await cluster.control({ kind: "frozen", documentId: document.id });
    return version;
  } catch (error) {
    if (error instanceof StorageConflict) {
      // Another chair froze it meanwhile: it stays frozen.
      await cluster.control({ kind: "frozen", documentId: document.id });
      throw new CommandError("conflict", "already_frozen", "This round is already frozen.");
    }
    await storage.documents.openWrites(document.id);
    await cluster.control({ kind: "unfrozen", documentId: document.id });
    throw error;
  }
}

/**
 * Open the round after a frozen one: drafting resumes from the frozen text, and editors
 * reconnect so the changes they kept while it was frozen merge now.
 */
export async function openNextRound(
  context: AppContext,
  input: { document: StoredDocument; roundId: string; name: string; draftPublished: string; by: string },
): Promise<StoredRound> {
  const round = await currentRound(context, input.document.id);
  if (!round || round.id !== input.roundId) throw openRefusal("round_not_current");
  if (!round.frozenAt) throw openRefusal("round_open");
  // The store checks again in its transaction: of two chairs at the same moment, one opens it.
  const next = await insertRound(context, { documentId: input.document.id, name: input.name, draftPublished: input.draftPublished, by: input.by, after: round.id });
  await context.storage.documents.openWrites(input.document.id);
  await context.cluster.control({ kind: "unfrozen", documentId: input.document.id });
  return next;
}

/**
 * Bring back a version's text as a new forward change to the live document (never a swap
 * of stored blobs): everyone sees it arrive like an edit, and the version stays as it was.
 */
export async function restoreVersion(context: AppContext, input: { document: StoredDocument; versionId: string }): Promise<void> {
  if (context.registry.isFrozen(input.document.id)) {
    throw new CommandError("conflict", "frozen", "The round is frozen: open the next round before restoring a version's text.");
  }
  const version = await context.storage.rounds.getVersion(input.document.id, input.versionId);
  if (!version) throw new CommandError("not_found", "version_not_found", "No version with that id in this statement.");
  const target = ProseMirrorNode.fromJSON(context.schema, JSON.parse(version.content));
  await context.registry.change(input.document.id, (doc) => {
    const fragment = doc.getXmlFragment(CONTENT_FIELD);
    const { meta } = initProseMirrorDoc(fragment, context.schema);
    updateYFragment(doc, fragment, target, meta);
  });
}
