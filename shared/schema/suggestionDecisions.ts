/**
 * Accepting and rejecting suggestions on a ProseMirror document: used by the editor
 * (chairs and coordinators deciding; stored and broadcast like any edit, so undo works)
 * and by the exports (the clean text is the statement with every pending suggestion
 * rejected).
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";
import { NodeName } from "./names.js";
import { SuggestionAttribute, SuggestionMark } from "../suggestions.js";

/** Accept (the proposal becomes the text) or reject (the text stays as it was). */
export type Decision = "accept" | "reject";

/** One piece of a suggestion in a document: suggested or struck text, or a suggested or struck clause. */
export interface SuggestionPiece {
  id: string;
  kind: "insertion" | "deletion" | "clauseInsertion" | "clauseDeletion";
  from: number;
  to: number;
}

function idOf(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** Every suggestion piece between `from` and `to` (the whole document by default), in document order. */
export function suggestionPieces(doc: PMNode, from = 0, to = doc.content.size): SuggestionPiece[] {
  const pieces: SuggestionPiece[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.type.name === NodeName.clause) {
      const inserted = idOf(node.attrs[SuggestionAttribute.insertion]);
      const deleted = idOf(node.attrs[SuggestionAttribute.deletion]);
      if (inserted) pieces.push({ id: inserted, kind: "clauseInsertion", from: pos, to: pos + node.nodeSize });
      if (deleted) pieces.push({ id: deleted, kind: "clauseDeletion", from: pos, to: pos + node.nodeSize });
    }
    if (!node.isText) return true;
    for (const mark of node.marks) {
      const name = mark.type.name;
      if (name !== SuggestionMark.insertion && name !== SuggestionMark.deletion) continue;
      const id = idOf(mark.attrs["id"]);
      if (!id) continue;
      const start = Math.max(pos, from);
      const end = Math.min(pos + node.nodeSize, to);
      const last = pieces[pieces.length - 1];
      // Neighbouring text nodes of one suggestion (split by other marks) are one piece.
      if (last && last.id === id && last.kind === name && last.to === start) last.to = end;
      else pieces.push({ id, kind: name, from: start, to: end });
    }
    return false;
  });
  return pieces;
}

/**
 * Accept or reject the suggestions `select` picks among those between `from` and `to`,
 * as steps added to `tr`. Accepting keeps suggested text and clauses (unmarked) and
 * removes what was struck; rejecting does the reverse. Returns how many pieces changed.
 */
export function decideSuggestions(tr: Transform, decision: Decision, select: (id: string) => boolean, from?: number, to?: number): number {
  const pieces = suggestionPieces(tr.doc, from, to).filter((piece) => select(piece.id));
  const schema = tr.doc.type.schema;
  // From the end backwards: each change leaves the positions before it as they were.
  for (const piece of [...pieces].reverse()) {
    const start = tr.mapping.map(piece.from);
    const end = tr.mapping.map(piece.to, -1);
    if (end <= start) continue;
    const removes =
      (decision === "accept" && (piece.kind === "deletion" || piece.kind === "clauseDeletion")) ||
      (decision === "reject" && (piece.kind === "insertion" || piece.kind === "clauseInsertion"));
    if (piece.kind === "insertion" || piece.kind === "deletion") {
      if (removes) tr.delete(start, end);
      else tr.removeMark(start, end, schema.marks[piece.kind]!);
      continue;
    }
    const attribute = piece.kind === "clauseInsertion" ? SuggestionAttribute.insertion : SuggestionAttribute.deletion;
    const clause = tr.doc.nodeAt(start);
    if (!clause || clause.type.name !== NodeName.clause) continue;
    if (removes) tr.delete(start, start + clause.nodeSize);
    else tr.setNodeAttribute(start, attribute, null);
  }
  return pieces.length;
}

/** `doc` with every suggestion rejected: the text as agreed, as exports show it by default. */
export function withoutSuggestions(doc: PMNode): PMNode {
  const tr = new Transform(doc);
  decideSuggestions(tr, "reject", () => true);
  return tr.doc;
}
