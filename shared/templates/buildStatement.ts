/**
 * Turns a statement template (plain data) into ProseMirror JSON of the statement
 * schema. The server seeds new documents from it, once.
 */
import type { JSONContent } from "@tiptap/core";
import { NodeName } from "../schema/names.js";
import { newNodeId } from "../schema/statementExtensions.js";
import tenActs from "./tenActs.json" with { type: "json" };

/** A regional note placed under a clause. */
export interface NoteTemplate {
  region: string;
  text: string;
}

/** One Act of a template: its title, clause texts and, per clause index, notes under it. */
export interface ActTemplate {
  title: string;
  clauses: string[];
  notes?: Record<number, NoteTemplate[]>;
}

/** A whole statement as plain data. */
export interface StatementTemplate {
  title: string;
  preamble?: string;
  acts: ActTemplate[];
  signatoriesHeading: string;
  signatories: string[];
  /** Regions suggested for regional notes. */
  regions: string[];
  /** Reference groups a workspace from this template starts with. */
  referenceGroups: { name: string; acts: number[] }[];
}

/** The Ten Acts template, with ten Acts of one empty clause each. */
export const tenActsTemplate: StatementTemplate = tenActs;

function paragraph(text: string): JSONContent {
  return text === "" ? { type: "paragraph" } : { type: "paragraph", content: [{ type: "text", text }] };
}

function actJson(act: ActTemplate): JSONContent {
  const content: JSONContent[] = [
    { type: NodeName.actTitle, content: act.title === "" ? [] : [{ type: "text", text: act.title }] },
  ];
  act.clauses.forEach((text, index) => {
    content.push({ type: NodeName.clause, attrs: { id: newNodeId() }, content: [paragraph(text)] });
    for (const note of act.notes?.[index] ?? []) {
      content.push({
        type: NodeName.regionalNote,
        attrs: { id: newNodeId(), region: note.region },
        content: [paragraph(note.text)],
      });
    }
  });
  return { type: NodeName.act, attrs: { id: newNodeId() }, content };
}

/** The signatories section: one entry per organisation (one empty entry to type into when there are none yet). */
export function signatoriesJson(heading: string, names: string[]): JSONContent {
  const entries = names.length > 0 ? names : [""];
  return {
    type: NodeName.signatories,
    attrs: { heading },
    content: entries.map((name) => (name === "" ? { type: NodeName.signatory } : { type: NodeName.signatory, content: [{ type: "text", text: name }] })),
  };
}

/** ProseMirror JSON for a statement built from `template`, with fresh stable ids. */
export function buildStatement(template: StatementTemplate): JSONContent {
  return {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: template.title }] },
      paragraph(template.preamble ?? ""),
      ...template.acts.map(actJson),
      signatoriesJson(template.signatoriesHeading, template.signatories),
    ],
  };
}

/** A blank statement: a title and one empty paragraph. */
export function buildBlankStatement(title: string): JSONContent {
  return {
    type: "doc",
    content: [{ type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: title }] }, paragraph("")],
  };
}
