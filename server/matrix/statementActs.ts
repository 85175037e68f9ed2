/**
 * The Acts of a statement as its live text has them now, read straight from the Yjs
 * document: numbered by position (as the editor numbers them), titled and with their
 * stable ids, without converting the whole statement to ProseMirror on every matrix view.
 * The matrix stores Acts by id (a number moves when an Act is inserted before it) and
 * speaks numbers to people; this maps one to the other.
 */
import * as Y from "yjs";
import { NodeName } from "../../shared/schema/names.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import type { RoomRegistry } from "../collab/RoomRegistry.js";

/** One Act as the matrix names its column. */
export interface StatementAct {
  /** The Act's stable id; `number:<n>` for an Act without one (older text), which then moves with its place. */
  id: string;
  number: number;
  title: string;
}

/** The text of an element's text children (an Act title holds text only). */
function textOf(element: Y.XmlElement): string {
  return element
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? child.toDelta().map((part: { insert?: unknown }) => (typeof part.insert === "string" ? part.insert : "")).join("") : ""))
    .join("");
}

/** The Acts of a statement's Yjs document, in order. */
export function actsOfDoc(doc: Y.Doc): StatementAct[] {
  const acts: StatementAct[] = [];
  for (const node of doc.getXmlFragment(CONTENT_FIELD).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== NodeName.act) continue;
    const title = node.toArray().find((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === NodeName.actTitle);
    const number = acts.length + 1;
    const id = node.getAttribute("id");
    acts.push({ id: typeof id === "string" && id !== "" ? id : `number:${number}`, number, title: title ? textOf(title).trim() : "" });
  }
  return acts;
}

/** The statement's Acts now: from its loaded room when open, else from storage. */
export function statementActs(registry: RoomRegistry, documentId: string): Promise<StatementAct[]> {
  return registry.read(documentId, actsOfDoc);
}

/** The Acts of a statement's encoded Yjs state (a statement being created). */
export function actsOfState(state: Uint8Array): StatementAct[] {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return actsOfDoc(doc);
  } finally {
    doc.destroy();
  }
}

/** Each Act's number now by its id, and its id by number. */
export interface ActIndex {
  numberOf: ReadonlyMap<string, number>;
  idOf: ReadonlyMap<number, string>;
}

export function actIndex(acts: readonly StatementAct[]): ActIndex {
  return { numberOf: new Map(acts.map((act) => [act.id, act.number])), idOf: new Map(acts.map((act) => [act.number, act.id])) };
}
