/**
 * Structural edits of the statement's Acts: add, remove, move. Each builds one
 * ProseMirror transaction, so it travels to everyone through Yjs like typing does and
 * the server judges it the same way (roles, frozen rounds). Numbers are never written:
 * they follow from position (see `outlineOf`).
 */
import type { Editor } from "@tiptap/core";
import * as Y from "yjs";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import type { Node as PMNode } from "@tiptap/pm/model";
import { TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { NodeName } from "../../shared/schema/names.js";
import { newNodeId } from "../../shared/schema/statementExtensions.js";
import { threadRanges } from "./CommentHighlights.js";

/** Which Act a command is about: its stable id, or where it was when it has none (yet). */
export interface ActKey {
  id: string | null;
  pos: number;
}

/** A top-level Act as found now: its node, where it starts, and its index among the document's children. */
interface FoundAct {
  node: PMNode;
  pos: number;
  index: number;
}

/**
 * The Act `key` names in `doc` now. By id first: another editor may have moved it since
 * the outline was drawn; by position only for an Act without an id.
 */
export function findAct(doc: PMNode, key: ActKey): FoundAct | null {
  let found: FoundAct | null = null;
  doc.forEach((node, pos, index) => {
    if (found || node.type.name !== NodeName.act) return;
    if (key.id !== null ? node.attrs["id"] === key.id : pos === key.pos) found = { node, pos, index };
  });
  return found;
}

/** Where a new Act goes when none is chosen: before the first Act, else before the signatories, else at the end. */
function firstActPosition(doc: PMNode): number {
  let at: number | null = null;
  doc.forEach((node, pos) => {
    if (at === null && (node.type.name === NodeName.act || node.type.name === NodeName.signatories)) at = pos;
  });
  return at ?? doc.content.size;
}

/** An empty Act: a title to type and one empty clause, with fresh ids. */
function emptyAct(state: EditorState): PMNode | null {
  const { nodes } = state.schema;
  const clause = nodes[NodeName.clause]!.createAndFill({ id: newNodeId() });
  const title = nodes[NodeName.actTitle]!.create();
  if (!clause) return null;
  return nodes[NodeName.act]!.create({ id: newNodeId() }, [title, clause]);
}

/**
 * Add an empty Act after `after` (or first, when null) and put the cursor in its title.
 * Null when `after` is gone.
 */
export function addAct(state: EditorState, after: ActKey | null): Transaction | null {
  let at: number;
  if (after) {
    const found = findAct(state.doc, after);
    if (!found) return null;
    at = found.pos + found.node.nodeSize;
  } else {
    at = firstActPosition(state.doc);
  }
  const act = emptyAct(state);
  if (!act) return null;
  const tr = state.tr.insert(at, act);
  return tr.setSelection(TextSelection.create(tr.doc, at + 2)).scrollIntoView();
}

/** Remove the Act `key` names, with all its clauses and notes. Null when it is gone. */
export function removeAct(state: EditorState, key: ActKey): Transaction | null {
  const found = findAct(state.doc, key);
  if (!found) return null;
  return state.tr.delete(found.pos, found.pos + found.node.nodeSize);
}

/** The Act next to `found` in `direction`, when that neighbour is an Act (Acts never jump over the preamble or the signatories). */
function neighbour(doc: PMNode, found: FoundAct, direction: "up" | "down"): FoundAct | null {
  const index = direction === "up" ? found.index - 1 : found.index + 1;
  if (index < 0 || index >= doc.childCount) return null;
  const node = doc.child(index);
  if (node.type.name !== NodeName.act) return null;
  const pos = direction === "up" ? found.pos - node.nodeSize : found.pos + found.node.nodeSize;
  return { node, pos, index };
}

/** Whether the Act `key` names can move one place in `direction`. */
export function canMoveAct(doc: PMNode, key: ActKey, direction: "up" | "down"): boolean {
  const found = findAct(doc, key);
  return found !== null && neighbour(doc, found, direction) !== null;
}

/** Swap the Act `key` names with its neighbour in `direction`. Null when it cannot move. */
export function moveAct(state: EditorState, key: ActKey, direction: "up" | "down"): Transaction | null {
  const found = findAct(state.doc, key);
  if (!found) return null;
  const other = neighbour(state.doc, found, direction);
  if (!other) return null;
  const [first, second] = direction === "up" ? [other, found] : [found, other];
  return state.tr.replaceWith(first.pos, second.pos + second.node.nodeSize, [second.node, first.node]);
}

/**
 * Run a structural command in the live editor, only where typing is allowed: a read-only
 * role or a frozen round makes the editor read-only, and then nothing is dispatched.
 */
export function runActCommand(editor: Editor, build: (state: EditorState) => Transaction | null): boolean {
  if (editor.isDestroyed || !editor.isEditable) return false;
  const tr = build(editor.state);
  if (!tr) return false;
  // The comment highlights place their threads again once the binding has written this
  // to the shared document (CommentHighlights listens to it), as after any local edit.
  editor.view.dispatch(tr);
  return true;
}

/**
 * Remove an Act in the live editor by deleting its element from the shared document
 * itself, so exactly that element and its text leave the document. (Through a
 * ProseMirror transaction, the binding may instead rewrite the next Acts into its place,
 * and this editor's comment highlights would be computed before the shared document
 * has changed.) The binding's origin makes it undoable like any other edit.
 */
export function removeActShared(editor: Editor, key: ActKey): boolean {
  if (editor.isDestroyed || !editor.isEditable) return false;
  const found = findAct(editor.state.doc, key);
  if (!found) return false;
  const sync = ySyncPluginKey.getState(editor.state) as { doc: Y.Doc; type: Y.XmlFragment; binding: unknown } | undefined;
  if (!sync?.binding) return runActCommand(editor, (state) => removeAct(state, key));
  const element = sync.type.get(found.index);
  if (!(element instanceof Y.XmlElement) || element.nodeName !== NodeName.act) return false;
  if (key.id !== null && element.getAttribute("id") !== key.id) return false;
  sync.doc.transact(() => sync.type.delete(found.index, 1), ySyncPluginKey);
  return true;
}

/** How many comment threads have their words inside the Act at `act` (as the highlights last placed them). */
function threadsInside(state: EditorState, act: FoundAct): number {
  let count = 0;
  for (const range of threadRanges(state).values()) {
    if (range.to > range.from && range.from > act.pos && range.from < act.pos + act.node.nodeSize) count += 1;
  }
  return count;
}

/**
 * Swap an Act with its neighbour in the shared document. A shared document cannot move
 * an element, only delete it and insert a copy, and comments anchored in the copy's old
 * text would be detached: so of the two Acts, the one holding fewer comment threads is
 * the one copied (the other keeps its element, its text and its threads' anchors).
 */
export function moveActShared(editor: Editor, key: ActKey, direction: "up" | "down"): boolean {
  if (editor.isDestroyed || !editor.isEditable) return false;
  const { state } = editor;
  const found = findAct(state.doc, key);
  const other = found && neighbour(state.doc, found, direction);
  if (!found || !other) return false;
  const sync = ySyncPluginKey.getState(state) as { doc: Y.Doc; type: Y.XmlFragment; binding: unknown } | undefined;
  if (!sync?.binding) return runActCommand(editor, (s) => moveAct(s, key, direction));
  const [first, second] = direction === "up" ? [other, found] : [found, other];
  const elements = [sync.type.get(first.index), sync.type.get(second.index)];
  const ids = [first.node.attrs["id"], second.node.attrs["id"]];
  const matches = elements.every((element, i) => element instanceof Y.XmlElement && element.nodeName === NodeName.act && (ids[i] == null || element.getAttribute("id") === ids[i]));
  if (!matches) return false;
  const copyFirst = threadsInside(state, first) <= threadsInside(state, second);
  sync.doc.transact(() => {
    if (copyFirst) {
      const copy = (elements[0] as Y.XmlElement).clone();
      sync.type.insert(second.index + 1, [copy]);
      sync.type.delete(first.index, 1);
    } else {
      const copy = (elements[1] as Y.XmlElement).clone();
      sync.type.delete(second.index, 1);
      sync.type.insert(first.index, [copy]);
    }
  }, ySyncPluginKey);
  return true;
}
