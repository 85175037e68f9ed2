/**
 * The Acts of a statement as its live text has them now, read straight from the Yjs
 * document: numbered by position (as the editor numbers them) and titled, without
 * converting the whole statement to ProseMirror on every matrix view.
 */
import * as Y from "yjs";
import { NodeName } from "../../shared/schema/names.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import type { RoomRegistry } from "../collab/RoomRegistry.js";

/** One Act as the matrix names its column. */
export interface StatementAct {
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
    acts.push({ number: acts.length + 1, title: title ? textOf(title).trim() : "" });
  }
  return acts;
}

/** The statement's Acts now: from its loaded room when open, else from storage. */
export function statementActs(registry: RoomRegistry, documentId: string): Promise<StatementAct[]> {
  return registry.read(documentId, actsOfDoc);
}
