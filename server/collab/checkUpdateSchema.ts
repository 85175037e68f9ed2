import * as Y from "yjs";
import type { Schema } from "@tiptap/pm/model";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { isAllowedLink } from "../../shared/schema/statementExtensions.js";

/** What an update may contain: element names and their attributes (ProseMirror nodes), text formats (marks). */
export interface SchemaNames {
  /** Element name -> its attribute names. */
  nodes: ReadonlyMap<string, ReadonlySet<string>>;
  /** Elements that hold text (paragraphs, headings, Act titles...): the only places a text part may sit. */
  textblocks: ReadonlySet<string>;
  marks: ReadonlySet<string>;
}

/** The element, attribute and format names of the statement schema (the top `doc` and plain `text` are not elements). */
export function schemaNames(schema: Schema): SchemaNames {
  const nodes = new Map<string, ReadonlySet<string>>();
  const textblocks = new Set<string>();
  for (const [name, type] of Object.entries(schema.nodes)) {
    if (name !== schema.topNodeType.name && name !== "text") nodes.set(name, new Set(Object.keys(type.spec.attrs ?? {})));
    if (type.isTextblock) textblocks.add(name);
  }
  return { nodes, textblocks, marks: new Set(Object.keys(schema.marks)) };
}

/** An update as `Y.decodeUpdate` returns it. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** Longest attribute or format value kept in the document (ids, regions, link targets). */
const MAX_ATTRIBUTE_LENGTH = 16 * 1024;

/** y-prosemirror stores marks that may overlap as `name--<8-character hash>`. */
const hashedMark = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

/** Where an item sits: in the content fragment, in an element, in a text, or somewhere not yet known (its parent has not arrived). */
type Place = ({ kind: "root" } | { kind: "element"; name: string } | { kind: "text" } | { kind: "other" } | { kind: "unknown" }) & { sub: string | null };

/**
 * Why an update does not fit the statement schema, or null when it does.
 *
 * The editor (y-prosemirror) writes only elements named after schema nodes holding
 * elements or texts, texts holding characters and formats named after schema marks, and
 * element attributes with plain values, all under the one content fragment. Anything
 * else (an unknown element, attribute or mark, characters directly in an element,
 * another kind of shared type, an embed or a sub-document, a second root) makes every
 * editor that renders it fail or "repair" it, so it is refused before it reaches the
 * document. `doc` resolves the parents of items that build on content already there.
 * An item whose parent has not arrived yet (an update waiting for another) is checked
 * on its content alone.
 */
export function schemaViolation(update: DecodedUpdate, doc: Y.Doc, names: SchemaNames): string | null {
  const incoming = new Map<number, Y.Item[]>();
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const list = incoming.get(struct.id.client) ?? [];
    list.push(struct);
    incoming.set(struct.id.client, list);
  }
  // An update lists each client's structs in clock order: found by binary search.
  const find = (id: Y.ID): Y.Item | null => {
    const candidates = incoming.get(id.client);
    if (candidates) {
      let low = 0;
      let high = candidates.length - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const item = candidates[middle]!;
        if (id.clock < item.id.clock) high = middle - 1;
        else if (id.clock >= item.id.clock + item.length) low = middle + 1;
        else return item;
      }
    }
    if (id.clock >= Y.getState(doc.store, id.client)) return null;
    const stored = Y.getItem(doc.store, id);
    return stored instanceof Y.Item ? stored : null;
  };
  const places = new Map<Y.Item, Place>();
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const problem = itemViolation(struct, placeOf(struct, find, places), names);
    if (problem) return problem;
  }
  return null;
}

/**
 * The items that became part of `doc` since the state vector `known` and do not fit the
 * schema, now that their parents are known: for content that waited for a missing
 * update and was completed by it.
 */
export function misfitsSince(doc: Y.Doc, known: Map<number, number>, names: SchemaNames): Y.Item[] {
  const misfits: Y.Item[] = [];
  for (const [client, structs] of doc.store.clients) {
    const from = known.get(client) ?? 0;
    if (Y.getState(doc.store, client) <= from) continue;
    let first = 0;
    try {
      first = from === 0 ? 0 : Y.findIndexSS(structs, from);
    } catch {
      // Not found: every item of that client is checked.
    }
    for (let i = first; i < structs.length; i++) {
      const struct = structs[i];
      if (struct instanceof Y.Item && integratedViolation(struct, names)) misfits.push(struct);
    }
  }
  return misfits;
}

/** Why an item already in the document (integrated, its parent known) does not fit the schema, or null. */
function integratedViolation(item: Y.Item, names: SchemaNames): string | null {
  if (item.deleted) return null;
  const parent: unknown = item.parent;
  const place: Place = parent instanceof Y.AbstractType ? placeOfType(parent) : { kind: "unknown", sub: null };
  return itemViolation(item, { ...place, sub: item.parentSub }, names);
}

/** The kind of a shared type as a place for its children. */
function placeOfType(type: unknown): Place {
  if (type instanceof Y.XmlText) return { kind: "text", sub: null };
  if (type instanceof Y.XmlElement) return { kind: "element", name: type.nodeName, sub: null };
  // The root may still be a plain AbstractType in a document that never asked for it by type.
  if (type instanceof Y.AbstractType && type.doc && (type as unknown) === type.doc.share.get(CONTENT_FIELD)) return { kind: "root", sub: null };
  return { kind: "other", sub: null };
}

/** Where an item with an explicit parent sits; null when the parent is carried by a neighbour. */
function directPlace(item: Y.Item, find: (id: Y.ID) => Y.Item | null): Place | null {
  const sub = item.parentSub;
  const parent: unknown = item.parent;
  if (typeof parent === "string") return parent === CONTENT_FIELD ? { kind: "root", sub } : { kind: "other", sub };
  if (parent instanceof Y.AbstractType) return { ...placeOfType(parent), sub };
  if (parent instanceof Y.ID) {
    const holder = find(parent);
    // A parent not here yet, or deleted meanwhile (Yjs deletes what lands in it): checked on content alone.
    if (!holder || holder.deleted || !(holder.content instanceof Y.ContentType)) return { kind: "unknown", sub };
    return { ...placeOfType(holder.content.type), sub };
  }
  return null;
}

/**
 * Where `item` sits: its parent, or (when the update left the parent out) the place of
 * the neighbour it was inserted next to, and so on. Walked without recursion and
 * remembered per item, so a long chain of neighbours costs one step per item.
 */
function placeOf(item: Y.Item, find: (id: Y.ID) => Y.Item | null, places: Map<Y.Item, Place>): Place {
  const chain = new Set<Y.Item>();
  let current: Y.Item | null = item;
  let place: Place | null = null;
  while (current && !place) {
    place = places.get(current) ?? directPlace(current, find);
    if (place) break;
    chain.add(current);
    const neighbourId: Y.ID | null = current.origin ?? current.rightOrigin;
    const next: Y.Item | null = neighbourId ? find(neighbourId) : null;
    current = next && !chain.has(next) ? next : null;
  }
  const resolved: Place = place ?? { kind: "unknown", sub: null };
  for (const link of chain) places.set(link, resolved);
  return resolved;
}

function isPlainValue(value: unknown): boolean {
  return value === null || typeof value === "number" || typeof value === "boolean" || (typeof value === "string" && value.length <= MAX_ATTRIBUTE_LENGTH);
}

function itemViolation(item: Y.Item, place: Place, names: SchemaNames): string | null {
  const content = item.content;
  if (content instanceof Y.ContentDeleted) return null;
  if (place.kind === "other") return "content outside the statement";
  if (place.kind === "unknown") {
    // The parent has not arrived: the content alone must be something the statement uses.
    if (content instanceof Y.ContentAny) return content.arr.every(isPlainValue) ? null : "an attribute value that is not plain text, a number or a flag";
    if (content instanceof Y.ContentString) return null;
  }
  if (place.sub !== null) {
    // An attribute: only elements have them, named in the schema, with plain values.
    if (place.kind === "root" || place.kind === "text") return "an attribute where the statement has none";
    if (!(content instanceof Y.ContentAny) || !content.arr.every(isPlainValue)) return "an attribute value that is not plain text, a number or a flag";
    if (place.kind === "element" && !names.nodes.get(place.name)?.has(place.sub)) return `unknown attribute "${place.sub.slice(0, 40)}"`;
    return null;
  }
  if (content instanceof Y.ContentType) {
    if (place.kind === "text") return "an element inside text";
    const type = content.type;
    // Blocks are elements; text lives inside them.
    if (type instanceof Y.XmlText) {
      if (place.kind === "root") return "text outside any block";
      return place.kind === "element" && !names.textblocks.has(place.name) ? `text directly in "${place.name.slice(0, 40)}", which holds blocks` : null;
    }
    // XmlHook extends Map, not XmlElement: only plain elements are nodes.
    if (type instanceof Y.XmlElement) return names.nodes.has(type.nodeName) ? null : `unknown element "${type.nodeName.slice(0, 40)}"`;
    return `a ${type.constructor.name} is not part of the statement`;
  }
  if (content instanceof Y.ContentString) return place.kind === "text" ? null : "characters outside a text";
  if (content instanceof Y.ContentFormat) {
    if (place.kind !== "text" && place.kind !== "unknown") return "a text format outside a text";
    return formatViolation(content, names);
  }
  return `${content.constructor.name} is not part of the statement`;
}

function formatViolation(content: Y.ContentFormat, names: SchemaNames): string | null {
  const mark = hashedMark.exec(content.key)?.[1] ?? content.key;
  if (!names.marks.has(mark)) return `unknown text format "${mark.slice(0, 40)}"`;
  const value: unknown = content.value;
  if (value === null) return null;
  if (typeof value !== "object" || Array.isArray(value) || !Object.values(value).every(isPlainValue)) return "a text format with values that are not plain";
  const href = (value as Record<string, unknown>)["href"];
  if (mark === "link" && (typeof href !== "string" || !isAllowedLink(href))) return "a link to a scheme other than http, https or mailto";
  return null;
}
