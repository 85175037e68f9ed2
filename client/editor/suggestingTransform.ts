/**
 * Suggesting mode, the pure part: what a person's change becomes when they suggest
 * rather than edit. Typed or pasted words become a suggested insertion, deleted words
 * a suggested deletion (their own suggested words are really removed), typing over a
 * selection is one replacement, Enter at the end of a clause suggests a new clause.
 * Anything else is refused with a reason, and every result is checked against the
 * server's rule (shared/collab/suggestionCheck.ts) before it may go out: with the
 * person's own suggestions rejected, the statement reads as before.
 */
import { Fragment, Slice, type Mark, type Node as PMNode, type Schema } from "@tiptap/pm/model";
import { TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { ReplaceAroundStep, ReplaceStep, Transform, type Step } from "@tiptap/pm/transform";
import { NodeName } from "../../shared/schema/names.js";
import { decideSuggestions } from "../../shared/schema/suggestionDecisions.js";
import { SuggestionAttribute, SuggestionMark, newSuggestionId, suggestionAuthor } from "../../shared/suggestions.js";

/** Why a change cannot be made as a suggestion (each has a translated notice in the editor). */
export type Refusal = "formatting" | "structure" | "othersSuggestion" | "notSuggestion";

/** A change turned into suggestions, or why it cannot be. */
export type Suggested = { tr: Transaction } | { refused: Refusal };

/** True when `id` is a suggestion id of `accountId`. */
export function isOwn(id: unknown, accountId: string): boolean {
  return typeof id === "string" && suggestionAuthor(id) === accountId;
}

/** The suggestion mark (insertion or deletion) of an inline node, if any. */
function suggestionMarkOf(node: PMNode): Mark | null {
  return node.marks.find((mark) => mark.type.name === SuggestionMark.insertion || mark.type.name === SuggestionMark.deletion) ?? null;
}

/** The start of the clause that is `accountId`'s own suggested clause holding `pos`, or null. */
function ownClauseAt(doc: PMNode, pos: number, accountId: string): number | null {
  const $pos = doc.resolve(pos);
  for (let d = $pos.depth; d > 0; d--) {
    const node = $pos.node(d);
    if (node.type.name === NodeName.clause) return isOwn(node.attrs[SuggestionAttribute.insertion], accountId) ? $pos.before(d) : null;
  }
  return null;
}

/** The inline content of `slice` when it is words only (at most one open textblock deep), else null. */
function inlineContent(slice: Slice): Fragment | null {
  let content = slice.content;
  let open = Math.min(slice.openStart, slice.openEnd);
  while (content.childCount === 1 && !content.firstChild!.isInline && open > 0) {
    content = content.firstChild!.content;
    open--;
  }
  let inline = true;
  content.forEach((node) => {
    if (!node.isInline) inline = false;
  });
  return inline ? content : null;
}

function hasInline(content: Fragment): boolean {
  let found = false;
  content.descendants((node) => {
    if (node.isInline) found = true;
    return !found;
  });
  return found;
}

/** `content` without suggestion marks (pasted words are the paster's, not their source's suggestions). */
export function withoutSuggestionMarks(content: Fragment, schema: Schema): Fragment {
  const nodes: PMNode[] = [];
  content.forEach((node) => {
    let next = node;
    if (node.isInline) {
      next = node.mark(node.marks.filter((mark) => mark.type !== schema.marks[SuggestionMark.insertion] && mark.type !== schema.marks[SuggestionMark.deletion]));
    } else {
      if (node.type.name === NodeName.clause) next = node.type.create({ ...node.attrs, [SuggestionAttribute.insertion]: null, [SuggestionAttribute.deletion]: null }, node.content, node.marks);
      next = next.copy(withoutSuggestionMarks(next.content, schema));
    }
    nodes.push(next);
  });
  return Fragment.from(nodes);
}

/** A pasted slice without suggestions: marks and clause attributes stripped. */
export function cleanPastedSlice(slice: Slice, schema: Schema): Slice {
  return new Slice(withoutSuggestionMarks(slice.content, schema), slice.openStart, slice.openEnd);
}

/**
 * The mirror of the server's rule on the Acts (top blocks) a change touched between
 * `from` and `to` of the document before: with `accountId`'s own suggestions rejected,
 * they read exactly as before.
 */
export function keepsAgreedText(before: PMNode, after: PMNode, from: number, to: number, mappedFrom: number, mappedTo: number, accountId: string): boolean {
  if (before.childCount !== after.childCount) return false;
  const own = (id: string) => isOwn(id, accountId);
  const indexRange = (doc: PMNode, a: number, b: number): [number, number] => {
    const first = doc.resolve(Math.min(a, doc.content.size)).index(0);
    const last = doc.resolve(Math.min(b, doc.content.size)).index(0);
    return [first, Math.min(last, doc.childCount - 1)];
  };
  const [b0, b1] = indexRange(before, from, to);
  const [a0, a1] = indexRange(after, mappedFrom, mappedTo);
  const first = Math.min(b0, a0);
  const last = Math.max(b1, a1);
  const read = (doc: PMNode): PMNode[] => {
    let start = 0;
    for (let i = 0; i < first; i++) start += doc.child(i).nodeSize;
    let end = start;
    for (let i = first; i <= last; i++) end += doc.child(i).nodeSize;
    const tr = new Transform(doc);
    try {
      decideSuggestions(tr, "reject", own, start, end);
    } catch {
      return [];
    }
    const nodes: PMNode[] = [];
    for (let i = first; i <= last; i++) nodes.push(tr.doc.child(i));
    return nodes;
  };
  const was = read(before);
  const is = read(after);
  return was.length === is.length && was.length > 0 && was.every((node, i) => node.eq(is[i]!));
}

function isReplace(step: Step): boolean {
  return step instanceof ReplaceStep || step instanceof ReplaceAroundStep;
}

/** The single replacement `tr` makes: from its one step, else the smallest differing range. */
function replacementOf(state: EditorState, tr: Transaction): { from: number; to: number; slice: Slice } | null {
  if (tr.steps.length === 1 && tr.steps[0] instanceof ReplaceStep) {
    const step = tr.steps[0] as ReplaceStep & { from: number; to: number; slice: Slice; structure: boolean };
    return { from: step.from, to: step.to, slice: step.slice };
  }
  // The selection replaced (its words deleted, across blocks too): what now stands in its place is what was put there.
  const { from, to, empty } = state.selection;
  if (!empty && tr.mapping.mapResult(from, 1).deletedAfter) {
    const start = tr.mapping.map(from, -1);
    const end = Math.max(start, tr.mapping.map(to, 1));
    return { from, to, slice: tr.doc.slice(start, end) };
  }
  return differenceOf(tr);
}

/** The smallest range where `tr`'s document differs from the one before, as one replacement. */
function differenceOf(tr: Transaction): { from: number; to: number; slice: Slice } | null {
  if (!tr.steps.every(isReplace)) return null;
  const before = tr.before;
  const start = before.content.findDiffStart(tr.doc.content);
  if (start === null) return null;
  const end = before.content.findDiffEnd(tr.doc.content)!;
  let endA = end.a;
  let endB = end.b;
  // Overlap (repeated characters): keep the end after the start.
  const overlap = start - Math.min(endA, endB);
  if (overlap > 0) {
    endA += overlap;
    endB += overlap;
  }
  return { from: start, to: endA, slice: tr.doc.slice(start, endB) };
}

/** Turn a person's change `tr` on `state` into suggestions in the name of `accountId`. */
export function suggest(state: EditorState, tr: Transaction, accountId: string): Suggested {
  if (!tr.steps.every(isReplace)) return { refused: "formatting" };
  let change = replacementOf(state, tr);
  if (!change) return { refused: "formatting" };
  // Text the browser put in first (input methods, characters without a key): its step
  // may replace a whole block that differs in a few characters; take just those.
  if (!inlineContent(change.slice) && hasInline(change.slice.content)) change = differenceOf(tr) ?? change;
  const { from, to, slice } = change;
  const doc = state.doc;
  // Inside one's own suggested clause everything is plain editing, checked like the rest.
  const clauseStart = ownClauseAt(doc, from, accountId);
  if (clauseStart !== null && ownClauseAt(doc, to, accountId) === clauseStart) {
    return checked(state, tr, from, to, tr.mapping.map(from, -1), tr.mapping.map(to, 1), accountId);
  }
  // Deleting across blocks leaves the blocks' edges in the replacement: no words, only structure; the words go.
  const content = inlineContent(slice) ?? (hasInline(slice.content) ? null : Fragment.empty);
  if (!content) return { refused: "structure" };

  const schema = state.schema;
  const insertionType = schema.marks[SuggestionMark.insertion]!;
  const deletionType = schema.marks[SuggestionMark.deletion]!;
  type Segment = { from: number; to: number; action: "remove" | "strike" | "keep" };
  const segments: Segment[] = [];
  let othersInsertion = false;
  doc.nodesBetween(from, to, (node, pos, parent) => {
    if (!node.isInline) return true;
    const start = Math.max(pos, from);
    const end = Math.min(pos + node.nodeSize, to);
    if (end <= start) return false;
    const mark = suggestionMarkOf(node);
    let action: Segment["action"] = "strike";
    if (mark?.type === insertionType) {
      if (isOwn(mark.attrs["id"], accountId)) action = "remove";
      else othersInsertion = true;
    } else if (mark?.type === deletionType) action = "keep";
    else if (!parent?.type.allowsMarkType(deletionType)) action = "keep";
    const last = segments[segments.length - 1];
    if (last && last.action === action && last.to === start) last.to = end;
    else segments.push({ from: start, to: end, action });
    return false;
  });
  if (othersInsertion) return { refused: "othersSuggestion" };
  const strikes = segments.some((segment) => segment.action === "strike");
  if (!strikes && content.size === 0 && !segments.some((segment) => segment.action === "remove")) {
    // Nothing to strike or remove: joining blocks, or deleting struck words again.
    return segments.length > 0 ? moveOnly(state, tr, from, to) : { refused: "structure" };
  }

  const markId = (pos: number, type: typeof insertionType): string | null => {
    if (pos < 0 || pos > doc.content.size) return null;
    const $pos = doc.resolve(pos);
    for (const node of [$pos.nodeBefore, $pos.nodeAfter]) {
      const mark = node?.marks.find((m) => m.type === type);
      if (mark && isOwn(mark.attrs["id"], accountId)) return mark.attrs["id"] as string;
    }
    return null;
  };
  const precedingInsertion = (): string | null => {
    const node = doc.resolve(from).nodeBefore;
    const mark = node?.marks.find((m) => m.type === insertionType);
    return mark && isOwn(mark.attrs["id"], accountId) ? (mark.attrs["id"] as string) : null;
  };
  const deletionId = strikes ? (markId(from, deletionType) ?? markId(to, deletionType) ?? newSuggestionId(accountId)) : null;
  const insertionId = deletionId ?? precedingInsertion() ?? newSuggestionId(accountId);

  const out = state.tr;
  let cursor: number;
  let insertedEnd: number | null = null;
  if (content.size > 0) {
    const words = withoutSuggestionMarks(content, schema);
    out.insert(to, words);
    out.addMark(to, to + words.size, insertionType.create({ id: insertionId }));
    insertedEnd = to + words.size;
  }
  const afterInsert = out.steps.length;
  for (const segment of [...segments].reverse()) {
    if (segment.action === "remove") out.delete(segment.from, segment.to);
    else if (segment.action === "strike") out.addMark(segment.from, segment.to, deletionType.create({ id: deletionId }));
  }
  const later = out.mapping.slice(afterInsert);
  if (insertedEnd !== null) cursor = later.map(insertedEnd);
  else if (state.selection.empty && state.selection.head === to) cursor = later.map(from, -1);
  else cursor = later.map(to, 1);
  out.setSelection(TextSelection.create(out.doc, cursor));
  copyMeta(tr, out);
  return checked(state, out, from, to, out.mapping.map(from, -1), out.mapping.map(to, 1), accountId);
}

/** Deleting words already struck: nothing changes, the cursor steps over them. */
function moveOnly(state: EditorState, tr: Transaction, from: number, to: number): Suggested {
  const out = state.tr;
  const cursor = state.selection.empty && state.selection.head === to ? from : to;
  out.setSelection(TextSelection.create(out.doc, cursor));
  copyMeta(tr, out);
  return { tr: out };
}

function copyMeta(source: Transaction, target: Transaction): void {
  for (const key of ["uiEvent", "paste", "addToHistory"]) {
    const value: unknown = source.getMeta(key);
    if (value !== undefined) target.setMeta(key, value);
  }
  if (source.scrolledIntoView) target.scrollIntoView();
}

function checked(state: EditorState, tr: Transaction, from: number, to: number, mappedFrom: number, mappedTo: number, accountId: string): Suggested {
  return keepsAgreedText(state.doc, tr.doc, from, to, mappedFrom, mappedTo, accountId) ? { tr } : { refused: "notSuggestion" };
}

/** The clause (start and node) holding the cursor, if any. */
export function clauseAtCursor(state: EditorState): { pos: number; node: PMNode } | null {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d);
    if (node.type.name === NodeName.clause) return { pos: $from.before(d), node };
  }
  return null;
}

/**
 * Enter while suggesting: at the end of a clause, a suggested new clause after it
 * (cursor inside); inside one's own suggested clause, a new paragraph there. Null when
 * Enter means nothing here (the caller shows why).
 */
export function suggestNewClause(state: EditorState, accountId: string, anywhere = false): Transaction | null {
  const clause = clauseAtCursor(state);
  const { $from, empty } = state.selection;
  if (!clause || !empty) return null;
  const own = isOwn(clause.node.attrs[SuggestionAttribute.insertion], accountId);
  const atEnd = anywhere || $from.parent.isTextblock && $from.parentOffset === $from.parent.content.size && $from.after($from.depth) === clause.pos + clause.node.nodeSize - 1;
  if (!atEnd) {
    if (!own) return null;
    const tr = state.tr.split($from.pos);
    return tr;
  }
  const created = state.schema.nodes[NodeName.clause]!.createAndFill({ [SuggestionAttribute.insertion]: newSuggestionId(accountId) });
  if (!created) return null;
  const at = clause.pos + clause.node.nodeSize;
  const tr = state.tr.insert(at, created);
  tr.setSelection(TextSelection.create(tr.doc, at + 2)).scrollIntoView();
  return keepsAgreedText(state.doc, tr.doc, at, at, at, at + created.nodeSize, accountId) ? tr : null;
}

/**
 * Suggest deleting the clause at the cursor, or withdraw that suggestion when it is
 * one's own already. Null when the clause is someone else's suggestion.
 */
export function toggleClauseDeletion(state: EditorState, accountId: string): Transaction | null {
  const clause = clauseAtCursor(state);
  if (!clause) return null;
  const current: unknown = clause.node.attrs[SuggestionAttribute.deletion];
  if (current && !isOwn(current, accountId)) return null;
  const inserted: unknown = clause.node.attrs[SuggestionAttribute.insertion];
  if (inserted && !isOwn(inserted, accountId)) return null;
  // One's own suggested clause: withdrawing it removes it.
  if (isOwn(inserted, accountId)) return state.tr.delete(clause.pos, clause.pos + clause.node.nodeSize);
  return state.tr.setNodeAttribute(clause.pos, SuggestionAttribute.deletion, current ? null : newSuggestionId(accountId));
}
