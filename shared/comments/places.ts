/**
 * Where a comment's words are, as data: an Act's clause, an Act's title, a regional note,
 * the title, the preamble... Comments may be on any text of the statement, not only in
 * clauses. The words that name a place ("Clause 9.1", "Act 3 title") are the reader's
 * language's, so they are written where the place is shown (the client's `placeName`,
 * an export's own messages), never here.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import { NodeName } from "../schema/names.js";
import { locate } from "../schema/structure.js";

/**
 * A place in the statement: its Act and clause numbers when it has them, and what it is.
 * - `clause`: a numbered clause of an Act;
 * - `actTitle`, `regionalNote` (with its region, shortened, when one is given), `act` (elsewhere in an Act);
 * - `title`, `preamble`, `signatories`, `afterActs` (with the heading of its section, shortened, when it has one);
 * - `statement`: the statement as a whole (a position outside its text);
 * - `outsideActs`: somewhere outside the Acts, when only the numbers are known (a thread as stored).
 */
export type TextPlace =
  | { kind: "clause"; act: number; clause: string }
  | { kind: "actTitle" | "act"; act: number; clause: null }
  | { kind: "regionalNote"; act: number; clause: null; region: string | null }
  | { kind: "title" | "preamble" | "signatories" | "statement" | "outsideActs"; act: null; clause: null }
  | { kind: "afterActs"; act: null; clause: null; heading: string | null };

export type PlaceKind = TextPlace["kind"];

const MAX_HEADING_LABEL = 40;

/** A region or heading short enough to name a place with. */
function shortened(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > MAX_HEADING_LABEL ? `${trimmed.slice(0, MAX_HEADING_LABEL - 1)}…` : trimmed;
}

/** Inside an Act but not in a clause: its title, a regional note, or the Act itself. */
function actPart(doc: PMNode, pos: number, act: number): TextPlace {
  const $pos = doc.resolve(pos);
  for (let depth = $pos.depth; depth > 1; depth--) {
    const node = $pos.node(depth);
    if (node.type.name === NodeName.actTitle) return { kind: "actTitle", act, clause: null };
    if (node.type.name === NodeName.regionalNote) {
      const region: unknown = node.attrs["region"];
      return { kind: "regionalNote", act, clause: null, region: typeof region === "string" && region.trim() !== "" ? shortened(region) : null };
    }
  }
  return { kind: "act", act, clause: null };
}

const outside = (kind: "title" | "preamble" | "signatories" | "statement"): TextPlace => ({ kind, act: null, clause: null });

/** Outside the Acts: the title, the preamble, or the section after the Acts (named by its heading). */
function outsidePart(doc: PMNode, pos: number): TextPlace {
  const $pos = doc.resolve(pos);
  if ($pos.depth < 1) return outside("statement");
  const index = $pos.index(0);
  const block = doc.child(index);
  if (/signator/i.test(block.type.name)) return outside("signatories");
  let actsBefore = 0;
  let headingsBefore = 0;
  for (let i = 0; i < index; i++) {
    const name = doc.child(i).type.name;
    if (name === NodeName.act) actsBefore += 1;
    if (name === "heading") headingsBefore += 1;
  }
  if (actsBefore === 0) return outside(block.type.name === "heading" && headingsBefore === 0 ? "title" : "preamble");
  for (let i = index; i >= 0; i--) {
    const node = doc.child(i);
    if (node.type.name === NodeName.act) break;
    if (/signator/i.test(node.type.name)) return outside("signatories");
    if (node.type.name === "heading" && node.textContent.trim() !== "") return { kind: "afterActs", act: null, clause: null, heading: shortened(node.textContent) };
  }
  return { kind: "afterActs", act: null, clause: null, heading: null };
}

/** The place of position `pos` in the statement `doc`. */
export function placeAt(doc: PMNode, pos: number): TextPlace {
  const at = Math.max(0, Math.min(pos, doc.content.size));
  const where = locate(doc, at);
  if (!where) return outsidePart(doc, at);
  if (where.clause) return { kind: "clause", act: where.act.number, clause: where.clause.number };
  return actPart(doc, at, where.act.number);
}

/**
 * The place of a thread as the server stores it (its clause's and Act's numbers, as they
 * were when it was last placed): a clause, an Act, or outside the Acts.
 */
export function placeOfNumbers(act: number | null | undefined, clause: string | null | undefined): TextPlace {
  if (clause != null) return { kind: "clause", act: act ?? Number(clause.split(".")[0]), clause };
  if (act != null) return { kind: "act", act, clause: null };
  return { kind: "outsideActs", act: null, clause: null };
}
