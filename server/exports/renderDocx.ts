import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, ShadingType, TextRun } from "docx";
import type { Thread } from "../../shared/api.js";
import { plainBlocks, type Block } from "../../shared/statement/readStatement.js";
import { subtitle, threadPlace, withoutTitle, type ExportInput } from "./exportInput.js";
import { CommentInk, plainLines, wordComment, type Lines } from "./docxComments.js";
import { withoutEdges } from "./placeThreads.js";
import { cleanText as t } from "./safeText.js";

// Every text goes through `t` (cleanText, also inside `lines`): one character outside XML 1.0 makes Word refuse the whole file.

function block(b: Block, lines: Lines): Paragraph[] {
  if (b.kind === "signatories") return plainBlocks(b).flatMap((plain) => block(plain, lines));
  if (b.kind === "heading") return [new Paragraph({ children: lines(b.text), heading: b.level <= 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 })];
  if (b.kind === "list") return b.items.map((item) => new Paragraph({ children: lines(item), bullet: { level: 0 } }));
  return b.text ? [new Paragraph({ children: lines(b.text) })] : [];
}

/**
 * The statement as a Word document: title, round, Acts as headings, each clause a
 * paragraph starting with its number, regional notes shaded and indented, signatories,
 * optional comments.
 */
export async function renderDocx(input: ExportInput): Promise<Buffer> {
  const threads = input.threads ?? [];
  const anchored = threads.length > 0 ? (input.anchored ?? null) : null;
  const anchoredIds = new Set([...(anchored?.edges.values() ?? [])].map((edge) => edge.threadId));
  let placed = threads.filter((thread) => anchoredIds.has(thread.id));
  let ink = new CommentInk(anchored, new Map(placed.map((thread, index) => [thread.id, index])));
  let children = statementParagraphs(input, ink.lines);
  // A thread whose words landed in text printed without ranges is listed apart instead.
  const misplaced = ink.misplaced();
  if (misplaced.size > 0) {
    placed = placed.filter((thread) => !misplaced.has(thread.id));
    ink = new CommentInk(anchored, new Map(placed.map((thread, index) => [thread.id, index])));
    children = statementParagraphs(input, ink.lines);
  }
  const apart = threads.filter((thread) => !placed.includes(thread));
  if (apart.length > 0) children.push(...threadList(apart, placed.length > 0 ? "Comments on text since deleted" : "Comments"));
  if (input.sha256) children.push(new Paragraph({ children: [new TextRun({ text: `SHA-256 ${t(input.sha256)}`, size: 14, color: "888888" })], alignment: AlignmentType.LEFT, spacing: { before: 480 } }));
  const title = withoutEdges(input.model.title || input.documentTitle, anchored?.edges ?? new Map());
  const document = new Document({
    title: t(title),
    creator: "Drafting workspace",
    ...(placed.length > 0 ? { comments: { children: placed.map((thread, index) => wordComment(thread, index)) } } : {}),
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

/** Title, round, the text before the Acts, the Acts, the text after them. */
function statementParagraphs(input: ExportInput, lines: Lines): Paragraph[] {
  const model = input.anchored && input.threads?.length ? input.anchored.model : input.model;
  const title = model.title || input.documentTitle;
  const children: Paragraph[] = [
    new Paragraph({ children: lines(title), heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: t(subtitle(input)), italics: true, color: "555555" })], spacing: { after: 300 } }),
  ];
  for (const b of withoutTitle(model.before, title)) children.push(...block(b, lines));
  for (const act of model.acts) {
    children.push(new Paragraph({ children: lines(`Act ${act.number}: ${act.title}`), heading: HeadingLevel.HEADING_2, spacing: { before: 360 } }));
    for (const item of act.items) {
      if (item.kind === "clause") {
        children.push(new Paragraph({ children: [new TextRun({ text: `${item.number}\t`, bold: true }), ...lines(item.text)], indent: { left: 720, hanging: 720 }, spacing: { after: 120 } }));
      } else {
        children.push(
          new Paragraph({
            children: [new TextRun({ text: `Regional note${t(item.region) ? ` (${t(item.region)})` : ""}: `, bold: true }), ...lines(item.text)],
            indent: { left: 720 },
            shading: { type: ShadingType.CLEAR, color: "auto", fill: "FFF8E6" },
            spacing: { after: 160 },
          }),
        );
      }
    }
  }
  for (const b of model.after) children.push(...block(b, lines));
  return children;
}

/** Threads listed after the text: where, status, group, the words quoted, each comment. */
function threadList(threads: Thread[], heading: string): Paragraph[] {
  const children = [new Paragraph({ text: heading, heading: HeadingLevel.HEADING_2, spacing: { before: 480 } })];
  for (const thread of threads) {
    const group = thread.group ? ` · ${thread.group.name}` : "";
    children.push(new Paragraph({ children: plainLines(`${threadPlace(thread)} · ${thread.status}${group}`, { bold: true }) }));
    children.push(new Paragraph({ children: plainLines(thread.quote, { italics: true }), indent: { left: 360 } }));
    for (const comment of thread.comments) {
      const by = comment.author ? [new TextRun({ text: `${t(comment.author.name)}: `, bold: true })] : [];
      children.push(new Paragraph({ children: [...by, ...plainLines(comment.body)], bullet: { level: 0 } }));
    }
  }
  return children;
}
