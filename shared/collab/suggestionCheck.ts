import * as Y from "yjs";
import { CONTENT_FIELD } from "../protocol.js";
import { SuggestionAttribute, SuggestionMark, suggestionAuthor } from "../suggestions.js";
import { isLive, pathToRoot, suggestionIdIn, type AnyType } from "./sharedTypes.js";


/**
 * What a suggesting socket (a reviewer's) may do, checked on what its update does rather than on how
 * Yjs encodes it: with the socket's own suggestions rejected (its suggested text left
 * out, the text it suggests deleting kept as it was, its suggested clauses left out),
 * the statement must read exactly as before, marks and attributes included. So an
 * update may add, change or withdraw its author's suggestions and nothing else: a plain
 * edit, a change to someone else's suggestion, or a suggestion under another author's
 * name (which is not "own", so it shows) all change that reading and are refused.
 *
 * Where an update lands depends on what is already there (concurrent inserts, the
 * formatting around them), so it is judged after it is integrated: into a copy of the
 * document (the shadow), never into the document itself. The shadow follows the
 * document (`mirror`); after a refusal it holds what the document never will, so it is
 * dropped and made again from the document when next needed. Only the parts the update
 * changed are compared: each changed element or text is compared through the block
 * holding it (a clause, a regional note, an Act title, a block at the top), and a
 * change to an Act's list of clauses through the whole Act.
 */
export class SuggestionCheck {
  private shadow: Y.Doc | null = null;

  constructor(private readonly doc: Y.Doc) {}

  /** Forget the shadow (the document did not take an update the shadow took): made again when next needed. */
  reset(): void {
    this.shadow = null;
  }

  /** Keep the shadow in step with an update the document applied. */
  mirror(update: Uint8Array): void {
    if (this.shadow) Y.applyUpdate(this.shadow, update);
  }

  /** Why `update`, from a socket of `accountId` that may only suggest, is more than suggestions; null when it may be applied. */
  check(update: Uint8Array, accountId: string): string | null {
    const shadow = (this.shadow ??= copyOf(this.doc));
    const changed = new Set<AnyType>();
    const collect = (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) changed.add(type);
    };
    const waitingBefore = waiting(shadow);
    shadow.on("afterTransaction", collect);
    let problem: string | null;
    try {
      Y.applyUpdate(shadow, update);
      problem = waiting(shadow) !== waitingBefore ? "builds on changes the server does not have" : this.compare(shadow, changed, (id) => suggestionAuthor(id) === accountId);
    } catch (error) {
      problem = `could not be applied: ${String(error)}`;
    } finally {
      shadow.off("afterTransaction", collect);
    }
    if (problem) this.shadow = null;
    return problem;
  }

  private compare(shadow: Y.Doc, changed: Set<AnyType>, own: (id: string) => boolean): string | null {
    const units = new Set<AnyType>();
    for (const type of changed) {
      const unit = unitOf(type, shadow);
      if (!unit) return "changes something outside the statement";
      units.add(unit);
    }
    for (const unit of units) {
      const before = counterpart(unit, this.doc);
      if (!before) {
        // A block new to the document is part of its parent's change, compared there; with no parent changed it must read as nothing.
        const parent: unknown = unit._item?.parent;
        const holder = parent instanceof Y.AbstractType ? unitOf(parent, shadow) : null;
        if (holder && units.has(holder)) continue;
      }
      if (readWithout(own, before) !== readWithout(own, unit)) return "changes more than its author's suggestions";
    }
    return null;
  }
}

/** A copy of `doc`, without what it holds back for missing changes (those are not the statement's yet). */
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc });
  // Typed before anything lands, so the root is the content fragment from the first check on.
  copy.getXmlFragment(CONTENT_FIELD);
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  copy.store.pendingStructs = null;
  copy.store.pendingDs = null;
  return copy;
}

/** What the document holds back for missing changes, as something comparable. */
function waiting(doc: Y.Doc): string {
  const { pendingStructs, pendingDs } = doc.store;
  return `${pendingStructs ? Array.from(pendingStructs.missing.entries()).join(",") + ":" + pendingStructs.update.byteLength : ""}/${pendingDs?.byteLength ?? 0}`;
}

/** The content root of `doc`. */
function rootOf(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(CONTENT_FIELD);
}

/**
 * The block through which a change to `type` is compared: the type itself when it is
 * the root, a top block or a child of one (an Act's clause, title or note), else its
 * ancestor at that depth. Null for a type outside the content root.
 */
function unitOf(type: AnyType, doc: Y.Doc): AnyType | null {
  const path = pathToRoot(type, rootOf(doc));
  if (!path) return null;
  // path runs from `type` up to the root's child: the block is at most two below the root.
  return path.length <= 2 ? type : path[path.length - 2]!;
}

/** The type in `doc` with the same identity as `type` (null when `doc` does not have it). */
function counterpart(type: AnyType, doc: Y.Doc): AnyType | null {
  if (!type._item) return rootOf(doc);
  const id = type._item.id;
  if (id.clock >= Y.getState(doc.store, id.client)) return null;
  const item = Y.getItem(doc.store, id);
  return item instanceof Y.Item && item.content instanceof Y.ContentType ? item.content.type : null;
}

type Attributes = Record<string, unknown>;

/** A JSON text of `value` with object keys in order, so equal values read the same. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Attributes).filter(([, v]) => v !== null && v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

/**
 * How `type` reads with the suggestions `own` says are the author's rejected: their
 * inserted text and clauses left out, what they suggest deleting kept, unmarked.
 * A deleted (or missing) type reads as nothing.
 */
export function readWithout(own: (id: string) => boolean, type: AnyType | null): string {
  if (!type || !isLive(type)) return "";
  const out: string[] = [];
  const isOwn = (value: unknown) => {
    const id = suggestionIdIn(value);
    return id !== null && own(id);
  };
  const write = (node: AnyType) => {
    if (node instanceof Y.XmlText) {
      // A text part that reads as nothing is no text: an empty line gets one with its first (suggested) words.
      const text = readText(node, isOwn);
      if (text !== "") out.push(`"${text}"`);
      return;
    }
    if (node instanceof Y.XmlElement) {
      const attributes: Attributes = node.getAttributes();
      if (isOwn(attributes[SuggestionAttribute.insertion])) return;
      // Striking someone's suggested clause is changing their suggestion: it shows.
      if (isOwn(attributes[SuggestionAttribute.deletion]) && !attributes[SuggestionAttribute.insertion]) delete attributes[SuggestionAttribute.deletion];
      out.push(`<${JSON.stringify(node.nodeName)}${canonical(attributes)}`);
      for (const child of node.toArray()) write(child as AnyType);
      out.push(">");
      return;
    }
    if (node instanceof Y.XmlFragment) {
      for (const child of node.toArray()) write(child as AnyType);
      return;
    }
    out.push(`?${node.constructor.name}`);
  };
  write(type);
  return out.join("");
}

/** A text's runs as `readWithout` sees them: adjacent runs that read alike are joined. */
function readText(text: Y.XmlText, isOwn: (value: unknown) => boolean): string {
  const runs: { insert: string; marks: string }[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Attributes }[]) {
    const marks: Attributes = { ...op.attributes };
    if (isOwn(marks[SuggestionMark.insertion])) continue;
    // Suggesting the deletion of someone's suggested text is changing their suggestion: it shows.
    if (isOwn(marks[SuggestionMark.deletion]) && marks[SuggestionMark.insertion] === undefined) delete marks[SuggestionMark.deletion];
    const insert = typeof op.insert === "string" ? op.insert : `\u0000${canonical(op.insert)}`;
    const key = canonical(marks);
    const last = runs[runs.length - 1];
    if (last && last.marks === key) last.insert += insert;
    else runs.push({ insert, marks: key });
  }
  return runs.map((run) => `${JSON.stringify(run.insert)}${run.marks}`).join("");
}
