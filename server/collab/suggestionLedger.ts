import * as Y from "yjs";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { NodeName } from "../../shared/schema/names.js";
import { SuggestionAttribute, SuggestionMark, isSuggestionId, suggestionAuthor, type SuggestionKind, type SuggestionStatus } from "../../shared/suggestions.js";
import type { StoredSuggestion } from "../storage/Storage.js";
import type { DecodedUpdate } from "./checkUpdateSchema.js";
import { isLive, pathToRoot, suggestionIdIn as idIn, type AnyType } from "../../shared/collab/sharedTypes.js";


/** The most of a suggestion's words kept with it (the statement holds them all). */
const MAX_WORDS = 1000;

/** What one block holds of one suggestion. */
interface Part {
  inserted: string;
  deleted: string;
  /** The text items holding its suggested words and the words it suggests deleting: whether they are gone later tells how it was decided. */
  insertedItems: Y.ID[];
  deletedItems: Y.ID[];
  /** The clause it suggests adding or deleting, if it is a clause suggestion. */
  clause: { item: Y.ID; kind: "insertion" | "deletion" } | null;
  actId: string | null;
  clauseId: string | null;
}

/**
 * Whose change is being settled: a member's socket; "server" for a change the server
 * made (restoring a version: decisions are recorded, by nobody); null for what another
 * instance stored (it records the rest; here only which suggestions exist is kept).
 */
export type Actor = { accountId: string; groupId: string | null } | "server" | null;

function stringAttribute(element: Y.XmlElement, name: string): string | null {
  const value: unknown = element.getAttribute(name);
  return typeof value === "string" && value !== "" ? value : null;
}

function isGone(doc: Y.Doc, id: Y.ID): boolean {
  if (id.clock >= Y.getState(doc.store, id.client)) return true;
  const item = Y.getItem(doc.store, id);
  return !(item instanceof Y.Item) || item.deleted;
}

/**
 * Why an update would bring in a suggestion id it may not: a suggestion mark or
 * attribute without a well-formed id, or a new id (one `known` does not hold) made in
 * another account's name. Checked before an update is applied, for every writer: a
 * suggestion's author is the account whose socket made it.
 */
export function suggestionIdProblem(update: DecodedUpdate, accountId: string, known: (id: string) => boolean): string | null {
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    let value: unknown = undefined;
    if (content instanceof Y.ContentFormat && (content.key === SuggestionMark.insertion || content.key === SuggestionMark.deletion)) {
      if (content.value === null) continue;
      value = idIn(content.value);
    } else if (struct.parentSub === SuggestionAttribute.insertion || struct.parentSub === SuggestionAttribute.deletion) {
      if (!(content instanceof Y.ContentAny)) continue;
      const [first] = content.arr as unknown[];
      if (first === null || first === undefined) continue;
      value = first;
    } else {
      continue;
    }
    if (!isSuggestionId(value)) return "a suggestion without a well-formed id";
    if (suggestionAuthor(value) !== accountId && !known(value)) return "a new suggestion in another account's name";
  }
  return null;
}

/** True when an update carries suggestion marks or attributes (so the ledger must look at what it changes). */
export function carriesSuggestions(update: DecodedUpdate): boolean {
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    if (content instanceof Y.ContentFormat && (content.key === SuggestionMark.insertion || content.key === SuggestionMark.deletion)) return true;
    if (struct.parentSub === SuggestionAttribute.insertion || struct.parentSub === SuggestionAttribute.deletion) return true;
  }
  return false;
}

/**
 * The server's account of a statement's suggestions, read from the text itself: which
 * exist and where, their words, and, when one goes, how it was decided (its suggested
 * words kept and those it would delete gone: accepted; otherwise rejected, or withdrawn
 * when its author took it back). Who made one and when is recorded the first time it
 * is seen, from the socket that brought it (never from the text). The rows to store
 * are handed out by `takeChanges`, to be written before the change is stored.
 *
 * The text is read block by block (an Act's title, clauses and notes; each other block
 * at the top), only where a transaction changed something.
 */
export class SuggestionLedger {
  private readonly blocks = new Map<AnyType, Map<string, Part>>();
  private readonly known = new Map<string, StoredSuggestion>();
  /** Each present suggestion's parts, as last settled. */
  private present = new Map<string, Part>();
  private readonly dirty = new Set<AnyType>();
  private readonly changes = new Map<string, StoredSuggestion>();
  /** True once the whole statement was read (`ready`). */
  private scanned = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly documentId: string,
    stored: StoredSuggestion[],
  ) {
    for (const row of stored) this.known.set(row.id, row);
    this.dirty.add(this.root);
  }

  /**
   * Read the whole statement once, recording what the stored text holds that the record
   * lacks (or records as decided). Not at load, where it would delay the first joiner's
   * answer, but before the first change is applied (the room calls it then) or the first
   * question asked of the ledger.
   */
  ready(): void {
    if (this.scanned) return;
    this.scanned = true;
    this.settle("server", new Date().toISOString());
  }

  private get root(): Y.XmlFragment {
    return this.doc.getXmlFragment(CONTENT_FIELD);
  }

  /** True when the statement holds suggestions: then every change is looked at. */
  get watching(): boolean {
    this.ready();
    return this.present.size > 0;
  }

  /** True when the ledger has seen `id` (in this statement, now or before). */
  knows(id: string): boolean {
    this.ready();
    return this.known.has(id);
  }

  /** The statement's suggestions as recorded (pending ones with their current words). */
  list(): StoredSuggestion[] {
    this.ready();
    return Array.from(this.known.values());
  }

  /** Forget what changed since the last settle: nothing there holds a suggestion (none existed, and none came). */
  pass(): void {
    this.ready();
    this.dirty.clear();
  }

  /** Note what a transaction changed, to be read at the next `settle`. */
  observe(transaction: Y.Transaction): void {
    for (const type of transaction.changed.keys()) this.dirty.add(type);
  }

  /**
   * Read the blocks changed since the last settle and record what that did to the
   * suggestions: new ones (made by `actor`), changed words, and decisions (by
   * `actor`; with no actor, a change that came from elsewhere, only presence is kept).
   */
  settle(actor: Actor | null, now: string): void {
    this.ready();
    if (this.dirty.size === 0) return;
    for (const block of this.blocksToRead()) {
      const parts = isLive(block) ? this.read(block) : new Map<string, Part>();
      if (parts.size > 0) this.blocks.set(block, parts);
      else this.blocks.delete(block);
    }
    this.dirty.clear();
    for (const block of Array.from(this.blocks.keys())) if (!isLive(block)) this.blocks.delete(block);
    const present = new Map<string, Part>();
    for (const parts of this.blocks.values()) {
      for (const [id, part] of parts) {
        const sum = present.get(id);
        if (!sum) present.set(id, { ...part, insertedItems: [...part.insertedItems], deletedItems: [...part.deletedItems] });
        else {
          sum.inserted += part.inserted;
          sum.deleted += part.deleted;
          sum.insertedItems.push(...part.insertedItems);
          sum.deletedItems.push(...part.deletedItems);
          sum.clause ??= part.clause;
        }
      }
    }
    for (const [id, part] of present) this.sawPresent(id, part, actor, now);
    for (const [id, part] of this.present) {
      if (!present.has(id)) this.sawGone(id, part, actor, now);
    }
    this.present = present;
  }

  /** The rows to store for what the last settles recorded; handed out once. */
  takeChanges(): StoredSuggestion[] {
    this.ready();
    const rows = Array.from(this.changes.values());
    this.changes.clear();
    return rows;
  }

  /** Keep `row` as known; store it unless the change came from another instance (which stores its own). */
  private record(row: StoredSuggestion, actor: Actor): void {
    this.known.set(row.id, row);
    if (actor !== null) this.changes.set(row.id, row);
  }

  private sawPresent(id: string, part: Part, actor: Actor | null, now: string): void {
    const kind = kindOf(part);
    const inserted = part.inserted.slice(0, MAX_WORDS);
    const deleted = part.deleted.slice(0, MAX_WORDS);
    const row = this.known.get(id);
    if (!row) {
      const authorId = suggestionAuthor(id);
      if (!authorId) return;
      this.record({
        id,
        documentId: this.documentId,
        authorId,
        groupId: actor !== null && actor !== "server" && actor.accountId === authorId ? actor.groupId : null,
        kind,
        actId: part.actId,
        clauseId: part.clauseId,
        inserted,
        deleted,
        createdAt: now,
        status: "pending",
        decidedBy: null,
        decidedAt: null,
      }, actor);
      return;
    }
    const back = row.status !== "pending";
    if (back || row.kind !== kind || row.inserted !== inserted || row.deleted !== deleted || row.actId !== part.actId || row.clauseId !== part.clauseId) {
      // A decision undone brings the suggestion back as it was: waiting again.
      this.record({ ...row, kind, inserted, deleted, actId: part.actId, clauseId: part.clauseId, ...(back ? { status: "pending", decidedBy: null, decidedAt: null } : {}) }, actor);
    }
  }

  private sawGone(id: string, part: Part, actor: Actor | null, now: string): void {
    const row = this.known.get(id);
    if (!row || row.status !== "pending" || actor === null) return;
    const by = actor === "server" ? null : actor.accountId;
    const status: SuggestionStatus = this.wasTaken(part) ? "accepted" : by === row.authorId ? "withdrawn" : "rejected";
    this.record({ ...row, status, decidedBy: by, decidedAt: now }, actor);
  }

  /** True when what the suggestion proposed is now the text: its words kept, the words it would delete gone. */
  private wasTaken(part: Part): boolean {
    if (part.clause) {
      const gone = isGone(this.doc, part.clause.item);
      return part.clause.kind === "insertion" ? !gone : gone;
    }
    const kept = part.insertedItems.length === 0 || part.insertedItems.some((id) => !isGone(this.doc, id));
    const removed = part.deletedItems.every((id) => isGone(this.doc, id));
    return kept && removed;
  }

  /** The blocks holding what changed: an Act's children, each block at the top; everything when the top changed. */
  private blocksToRead(): Set<AnyType> {
    const root = this.root;
    const blocks = new Set<AnyType>();
    const addAct = (act: Y.XmlElement) => {
      for (const child of act.toArray()) if (child instanceof Y.XmlElement) blocks.add(child);
    };
    const addTop = (top: AnyType) => {
      if (top instanceof Y.XmlElement && top.nodeName === NodeName.act) addAct(top);
      else blocks.add(top);
    };
    for (const type of this.dirty) {
      if (type === root) {
        for (const top of root.toArray()) addTop(top as AnyType);
        continue;
      }
      const path = pathToRoot(type, root);
      if (!path) continue;
      const top = path[path.length - 1]!;
      if (top instanceof Y.XmlElement && top.nodeName === NodeName.act) {
        if (path.length === 1) addAct(top);
        else blocks.add(path[path.length - 2]!);
      } else {
        blocks.add(top);
      }
    }
    return blocks;
  }

  /** The suggestions one block holds. */
  private read(block: AnyType): Map<string, Part> {
    const parts = new Map<string, Part>();
    const parent: unknown = block._item?.parent;
    const act = parent instanceof Y.XmlElement && parent.nodeName === NodeName.act ? parent : null;
    const actId = act ? stringAttribute(act, "id") : null;
    const partOf = (id: string, clauseId: string | null) => {
      let part = parts.get(id);
      if (!part) {
        part = { inserted: "", deleted: "", insertedItems: [], deletedItems: [], clause: null, actId, clauseId };
        parts.set(id, part);
      }
      return part;
    };
    const walk = (node: AnyType, clauseId: string | null) => {
      if (node instanceof Y.XmlText) {
        readText(node, (id, kind, text, item) => {
          const part = partOf(id, clauseId);
          if (kind === "insertion") {
            part.inserted += text;
            part.insertedItems.push(item);
          } else {
            part.deleted += text;
            part.deletedItems.push(item);
          }
        });
        return;
      }
      if (!(node instanceof Y.XmlElement)) return;
      const isClause = node.nodeName === NodeName.clause;
      const ownClauseId = isClause ? stringAttribute(node, "id") : clauseId;
      if (isClause && node._item) {
        for (const kind of ["insertion", "deletion"] as const) {
          const id = idIn(node.getAttribute(SuggestionAttribute[kind]));
          if (id && isSuggestionId(id)) partOf(id, ownClauseId).clause = { item: node._item.id, kind };
        }
      }
      for (const child of node.toArray()) walk(child as AnyType, ownClauseId);
    };
    walk(block, null);
    // A clause suggestion's words are the clause's text.
    for (const part of parts.values()) if (part.clause?.kind === "insertion" && block instanceof Y.XmlElement) part.inserted = textOf(block);
    return parts;
  }
}

/** Calls `visit` for each run of suggested text in `text`: which suggestion, which kind, its words and first item. */
function readText(text: Y.XmlText, visit: (id: string, kind: "insertion" | "deletion", words: string, item: Y.ID) => void): void {
  const formats = new Map<string, unknown>();
  for (let item = text._start; item; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      if (content.value === null) formats.delete(content.key);
      else formats.set(content.key, content.value);
      continue;
    }
    if (!(content instanceof Y.ContentString)) continue;
    for (const kind of ["insertion", "deletion"] as const) {
      const id = idIn(formats.get(SuggestionMark[kind]));
      if (id && isSuggestionId(id)) visit(id, kind, content.str, item.id);
    }
  }
}

/** The text of an element, its blocks' texts joined by spaces. */
function textOf(element: Y.XmlElement): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (node instanceof Y.XmlText) parts.push((node.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join(""));
    else if (node instanceof Y.XmlElement) node.toArray().forEach(walk);
  };
  walk(element);
  return parts.join(" ").slice(0, MAX_WORDS);
}

function kindOf(part: Part): SuggestionKind {
  if (part.clause) return part.clause.kind === "insertion" ? "clauseInsertion" : "clauseDeletion";
  if (part.inserted && part.deleted) return "replacement";
  return part.deleted ? "deletion" : "insertion";
}
