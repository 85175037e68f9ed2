/**
 * Reading the statement's structure from a ProseMirror document: which Acts and
 * clauses it has, their derived numbers, and where a position falls. Used by the
 * editor (numbers, outline, presence) and by the server (exports, comments).
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import { NodeName } from "./names.js";

/** A clause as seen in the outline: stable id and derived number ("3.2"). */
export interface ClauseRef {
  id: string | null;
  number: string;
  /** Position just before the clause node. */
  pos: number;
}

/** An Act as seen in the outline. */
export interface ActRef {
  id: string | null;
  number: number;
  title: string;
  /** Position just before the act node. */
  pos: number;
  clauses: ClauseRef[];
  regionalNotes: number;
}

/** Where a position falls in the statement. */
export interface Location {
  act: Omit<ActRef, "clauses" | "regionalNotes">;
  clause: ClauseRef | null;
}

function idOf(node: PMNode): string | null {
  const id: unknown = node.attrs["id"];
  return typeof id === "string" && id !== "" ? id : null;
}

function titleOf(act: PMNode): string {
  const first = act.firstChild;
  return first && first.type.name === NodeName.actTitle ? first.textContent : "";
}

/** Acts in document order, numbered 1..n, each with its clauses numbered n.1, n.2 ... */
export function outlineOf(doc: PMNode): ActRef[] {
  const acts: ActRef[] = [];
  doc.forEach((node, offset) => {
    if (node.type.name !== NodeName.act) return;
    const number = acts.length + 1;
    const act: ActRef = { id: idOf(node), number, title: titleOf(node), pos: offset, clauses: [], regionalNotes: 0 };
    node.forEach((child, childOffset) => {
      if (child.type.name === NodeName.clause) {
        act.clauses.push({ id: idOf(child), number: `${number}.${act.clauses.length + 1}`, pos: offset + 1 + childOffset });
      } else if (child.type.name === NodeName.regionalNote) {
        act.regionalNotes += 1;
      }
    });
    acts.push(act);
  });
  return acts;
}

/** The Act (and clause, if any) holding `pos`, or null outside every Act. */
export function locate(doc: PMNode, pos: number): Location | null {
  const $pos = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
  if ($pos.depth < 1) return null;
  const top = $pos.node(1);
  if (top.type.name !== NodeName.act) return null;
  let number = 0;
  for (let i = 0; i <= $pos.index(0); i++) {
    if (doc.child(i).type.name === NodeName.act) number += 1;
  }
  const act = { id: idOf(top), number, title: titleOf(top), pos: $pos.before(1) };
  if ($pos.depth < 2 || $pos.node(2).type.name !== NodeName.clause) return { act, clause: null };
  let clauseIndex = 0;
  for (let i = 0; i <= $pos.index(1); i++) {
    if (top.child(i).type.name === NodeName.clause) clauseIndex += 1;
  }
  return { act, clause: { id: idOf($pos.node(2)), number: `${number}.${clauseIndex}`, pos: $pos.before(2) } };
}
