/**
 * Where a comment's words are, named for people: "Clause 9.1", "Act 3 title", "Title",
 * "Preamble"... Comments may be on any text of the statement, not only in clauses.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import { NodeName } from "../schema/names.js";
import { locate } from "../schema/structure.js";

/** A place in the statement: its Act and clause numbers when it has them, and its name. */
export interface TextPlace {
  act: number | null;
  clause: string | null;
  label: string;
}

const MAX_HEADING_LABEL = 40;

function shortened(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > MAX_HEADING_LABEL ? `${trimmed.slice(0, MAX_HEADING_LABEL - 1)}…` : trimmed;
}

/** Inside an Act but not in a clause: its title, a regional note, or the Act itself. */
function actPart(doc: PMNode, pos: number, act: number): string {
  const $pos = doc.resolve(pos);
  for (let depth = $pos.depth; depth > 1; depth--) {
    const node = $pos.node(depth);
    if (node.type.name === NodeName.actTitle) return `Act ${act} title`;
    if (node.type.name === NodeName.regionalNote) {
      const region: unknown = node.attrs["region"];
      return typeof region === "string" && region.trim() !== "" ? `Act ${act}, note for ${shortened(region)}` : `Act ${act}, regional note`;
    }
  }
  return `Act ${act}`;
}

/** Outside the Acts: the title, the preamble, or the section after the Acts (named by its heading). */
function outsidePart(doc: PMNode, pos: number): string {
  const $pos = doc.resolve(pos);
  if ($pos.depth < 1) return "Statement";
  const index = $pos.index(0);
  const block = doc.child(index);
  if (/signator/i.test(block.type.name)) return "Signatory organisations";
  let actsBefore = 0;
  let headingsBefore = 0;
  for (let i = 0; i < index; i++) {
    const name = doc.child(i).type.name;
    if (name === NodeName.act) actsBefore += 1;
    if (name === "heading") headingsBefore += 1;
  }
  if (actsBefore === 0) return block.type.name === "heading" && headingsBefore === 0 ? "Title" : "Preamble";
  for (let i = index; i >= 0; i--) {
    const node = doc.child(i);
    if (node.type.name === NodeName.act) break;
    if (/signator/i.test(node.type.name)) return "Signatory organisations";
    if (node.type.name === "heading" && node.textContent.trim() !== "") return shortened(node.textContent);
  }
  return "After the Acts";
}

/** The place of position `pos` in the statement `doc`. */
export function placeAt(doc: PMNode, pos: number): TextPlace {
  const at = Math.max(0, Math.min(pos, doc.content.size));
  const where = locate(doc, at);
  if (!where) return { act: null, clause: null, label: outsidePart(doc, at) };
  if (where.clause) return { act: where.act.number, clause: where.clause.number, label: `Clause ${where.clause.number}` };
  return { act: where.act.number, clause: null, label: actPart(doc, at, where.act.number) };
}
