import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, ShadingType, TextRun, type ParagraphChild } from "docx";
import { plainBlocks, type Block } from "../../shared/statement/readStatement.js";
import { subtitle, threadPlace, withoutTitle, type ExportInput } from "./exportInput.js";
import { cleanText as t } from "./safeText.js";

// Every text goes through `t` (cleanText): one character outside XML 1.0 makes Word refuse the whole file.

function lines(text: string, options: { bold?: boolean; italics?: boolean } = {}): ParagraphChild[] {
  return t(text).split("\n").map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : 0, ...options }));
}

function block(b: Block): Paragraph[] {
  if (b.kind === "signatories") return plainBlocks(b).flatMap(block);
  if (b.kind === "heading") return [new Paragraph({ text: t(b.text), heading: b.level <= 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 })];
  if (b.kind === "list") return b.items.map((item) => new Paragraph({ text: t(item), bullet: { level: 0 } }));
  return b.text ? [new Paragraph({ children: lines(b.text) })] : [];
}

/**
 * The statement as a Word document: title, round, Acts as headings, each clause a
 * paragraph starting with its number, regional notes shaded and indented, signatories,
 * optional comments.
 */
export async function renderDocx(input: ExportInput): Promise<Buffer> {
  const { model } = input;
  const title = model.title || input.documentTitle;
  const children: Paragraph[] = [
    new Paragraph({ text: t(title), heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: t(subtitle(input)), italics: true, color: "555555" })], spacing: { after: 300 } }),
  ];
  for (const b of withoutTitle(model.before, title)) children.push(...block(b));
  for (const act of model.acts) {
    children.push(new Paragraph({ text: `Act ${act.number}: ${t(act.title)}`, heading: HeadingLevel.HEADING_2, spacing: { before: 360 } }));
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
  for (const b of model.after) children.push(...block(b));
  if (input.threads && input.threads.length > 0) {
    children.push(new Paragraph({ text: "Comments", heading: HeadingLevel.HEADING_2, spacing: { before: 480 } }));
    for (const thread of input.threads) {
      children.push(new Paragraph({ children: [new TextRun({ text: `${threadPlace(thread)} · ${thread.status}`, bold: true })] }));
      children.push(new Paragraph({ children: lines(thread.quote, { italics: true }), indent: { left: 360 } }));
      for (const comment of thread.comments) {
        const by = comment.author ? [new TextRun({ text: `${t(comment.author.name)}: `, bold: true })] : [];
        children.push(new Paragraph({ children: [...by, ...lines(comment.body)], bullet: { level: 0 } }));
      }
    }
  }
  if (input.sha256) children.push(new Paragraph({ children: [new TextRun({ text: `SHA-256 ${t(input.sha256)}`, size: 14, color: "888888" })], alignment: AlignmentType.LEFT, spacing: { before: 480 } }));
  const document = new Document({ title: t(title), creator: "Drafting workspace", sections: [{ children }] });
  return Packer.toBuffer(document);
}
