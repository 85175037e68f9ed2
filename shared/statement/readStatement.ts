/**
 * The statement as plain data (title, Acts of numbered clauses and regional notes, the
 * blocks around them), read from a ProseMirror document of the statement schema. Exports
 * and the compare view are built from it, so numbering is the editor's numbering.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import { NodeName } from "../schema/names.js";
import { DEFAULT_SIGNATORIES_HEADING, signatoryNames } from "../schema/Signatories.js";

/** A clause or a regional note, in Act order. */
export type ActItem =
  | { kind: "clause"; id: string | null; number: string; text: string }
  | { kind: "note"; id: string | null; region: string; text: string };

/** One Act. */
export interface ActModel {
  id: string | null;
  number: number;
  title: string;
  items: ActItem[];
}

/** A block outside the Acts (title, preamble, the signatory organisations). */
export type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "signatories"; heading: string; names: string[] };

/** The whole statement as data. */
export interface StatementModel {
  title: string;
  before: Block[];
  acts: ActModel[];
  after: Block[];
}

function idOf(node: PMNode): string | null {
  const id: unknown = node.attrs["id"];
  return typeof id === "string" && id !== "" ? id : null;
}

/** Text of a block-holding node: its blocks joined by new lines, list items bulleted. */
export function blockText(node: PMNode): string {
  const lines: string[] = [];
  node.forEach((child) => {
    if (child.type.name === "bulletList" || child.type.name === "orderedList") {
      child.forEach((item, _offset, index) => lines.push(`${child.type.name === "orderedList" ? `${index + 1}.` : "•"} ${item.textContent}`));
    } else {
      lines.push(child.isTextblock ? child.textContent : blockText(child));
    }
  });
  return lines.join("\n");
}

function readBlock(node: PMNode): Block {
  if (node.type.name === NodeName.signatories) {
    const heading = node.attrs["heading"];
    return { kind: "signatories", heading: typeof heading === "string" && heading !== "" ? heading : DEFAULT_SIGNATORIES_HEADING, names: signatoryNames(node) };
  }
  if (node.type.name === "heading") return { kind: "heading", level: Number(node.attrs["level"] ?? 2), text: node.textContent };
  if (node.type.name === "bulletList" || node.type.name === "orderedList") {
    const items: string[] = [];
    node.forEach((item) => items.push(item.textContent));
    return { kind: "list", ordered: node.type.name === "orderedList", items };
  }
  return { kind: "paragraph", text: node.isTextblock ? node.textContent : blockText(node) };
}

/** A block as headings, paragraphs and lists only: the signatories become their heading and a bulleted list of names. */
export function plainBlocks(block: Block): Exclude<Block, { kind: "signatories" }>[] {
  if (block.kind !== "signatories") return [block];
  const heading = { kind: "heading" as const, level: 1, text: block.heading };
  return block.names.length > 0 ? [heading, { kind: "list", ordered: false, items: block.names }] : [heading];
}

/** Read the statement's structure and text. */
export function readStatement(doc: PMNode): StatementModel {
  const model: StatementModel = { title: "", before: [], acts: [], after: [] };
  doc.forEach((node) => {
    if (node.type.name === NodeName.act) {
      const number = model.acts.length + 1;
      const act: ActModel = { id: idOf(node), number, title: "", items: [] };
      let clauses = 0;
      node.forEach((child) => {
        if (child.type.name === NodeName.actTitle) act.title = child.textContent;
        else if (child.type.name === NodeName.clause) {
          clauses += 1;
          act.items.push({ kind: "clause", id: idOf(child), number: `${number}.${clauses}`, text: blockText(child) });
        } else if (child.type.name === NodeName.regionalNote) {
          act.items.push({ kind: "note", id: idOf(child), region: String(child.attrs["region"] ?? ""), text: blockText(child) });
        }
      });
      model.acts.push(act);
      return;
    }
    const block = readBlock(node);
    if (!model.title && block.kind === "heading" && block.level === 1) model.title = block.text;
    (model.acts.length === 0 ? model.before : model.after).push(block);
  });
  return model;
}
