import { Document, HeadingLevel, Packer, Paragraph, ShadingType, TextRun } from "docx";
import type { Thread } from "../../shared/api.js";
import { plainBlocks, type Block } from "../../shared/statement/readStatement.js";
import { exportLabels, withoutTitle, type ExportInput, type ExportLabels } from "./exportInput.js";
import { CommentInk, direction, plainLines, wordComment, type Lines } from "./docxComments.js";
import { withoutEdges } from "./placeThreads.js";
import { cleanText as t } from "./safeText.js";
import { withoutSuggestionEdges } from "./suggestionMarks.js";

// Every text goes through `t` (cleanText, also inside `lines`): one character outside XML 1.0 makes Word refuse the whole file.
// Direction: a paragraph of text reads as its first strong character says (an Arabic clause in an English statement is
// right to left, and the reverse; a regional note as its label, in the statement's language, starts it); a line of
// labels (subtitle, Act heading, comment headings, fingerprint) reads as the statement's language does.

function block(b: Block, lines: Lines, labels: ExportLabels): Paragraph[] {
  if (b.kind === "signatories") return plainBlocks(b).flatMap((plain) => block(plain, lines, labels));
  if (b.kind === "heading") {
    const { paragraph, runs } = direction(b.text, labels.direction);
    return [new Paragraph({ children: lines(b.text, runs), heading: b.level <= 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, ...paragraph })];
  }
  if (b.kind === "list") {
    return b.items.map((item) => {
      const { paragraph, runs } = direction(item, labels.direction);
      return new Paragraph({ children: lines(item, runs), bullet: { level: 0 }, ...paragraph });
    });
  }
  if (!b.text) return [];
  const { paragraph, runs } = direction(b.text, labels.direction);
  return [new Paragraph({ children: lines(b.text, runs), ...paragraph })];
}

/**
 * The statement as a Word document, in the statement's language: title, round, Acts as
 * headings, each clause a paragraph starting with its number, regional notes shaded and
 * indented, signatories, optional comments; every paragraph in its reading direction;
 * marked suggestions as Word's tracked changes.
 */
export async function renderDocx(input: ExportInput): Promise<Buffer> {
  const labels = exportLabels(input.language);
  const threads = input.threads ?? [];
  const anchored = threads.length > 0 ? (input.anchored ?? null) : null;
  const anchoredIds = new Set([...(anchored?.edges.values() ?? [])].map((edge) => edge.threadId));
  let placed = threads.filter((thread) => anchoredIds.has(thread.id));
  const inkFor = (threads: Thread[]) => new CommentInk(anchored, new Map(threads.map((thread, index) => [thread.id, index])), input.suggestions ?? null, labels.suggestionAuthor);
  let ink = inkFor(placed);
  let children = statementParagraphs(input, ink.lines, labels);
  // A thread whose words landed in text printed without ranges is listed apart instead.
  const misplaced = ink.misplaced();
  if (misplaced.size > 0) {
    placed = placed.filter((thread) => !misplaced.has(thread.id));
    ink = inkFor(placed);
    children = statementParagraphs(input, ink.lines, labels);
  }
  const apart = threads.filter((thread) => !placed.includes(thread));
  if (apart.length > 0) children.push(...threadList(apart, placed.length > 0 ? labels.commentsOnDeletedText : labels.comments, labels));
  if (input.sha256) {
    const { paragraph, runs } = direction("", labels.direction);
    children.push(new Paragraph({ children: [new TextRun({ text: `SHA-256 ${t(input.sha256)}`, size: 14, color: "888888", ...runs })], spacing: { before: 480 }, ...paragraph }));
  }
  const title = withoutSuggestionEdges(withoutEdges(input.model.title || input.documentTitle, anchored?.edges ?? new Map()), input.suggestions);
  const document = new Document({
    title: t(title),
    creator: labels.creator,
    ...(placed.length > 0 ? { comments: { children: placed.map((thread, index) => wordComment(thread, index, labels)) } } : {}),
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

/** Title, round, the text before the Acts, the Acts, the text after them. */
function statementParagraphs(input: ExportInput, lines: Lines, labels: ExportLabels): Paragraph[] {
  const model = input.anchored && input.threads?.length ? input.anchored.model : input.model;
  const title = model.title || input.documentTitle;
  const label = direction("", labels.direction);
  const titled = direction(title, labels.direction);
  const children: Paragraph[] = [
    new Paragraph({ children: lines(title, titled.runs), heading: HeadingLevel.TITLE, ...titled.paragraph }),
    new Paragraph({ children: [new TextRun({ text: t(labels.subtitle(input)), italics: true, color: "555555", ...label.runs })], spacing: { after: 300 }, ...label.paragraph }),
  ];
  for (const b of withoutTitle(model.before, title)) children.push(...block(b, lines, labels));
  for (const act of model.acts) {
    children.push(new Paragraph({ children: lines(labels.actHeading(act.number, act.title), label.runs), heading: HeadingLevel.HEADING_2, spacing: { before: 360 }, ...label.paragraph }));
    for (const item of act.items) {
      if (item.kind === "clause") {
        const { paragraph, runs } = direction(item.text, labels.direction);
        children.push(new Paragraph({ children: [new TextRun({ text: `${item.number}\t`, bold: true, ...runs }), ...lines(item.text, runs)], indent: { left: 720, hanging: 720 }, spacing: { after: 120 }, ...paragraph }));
      } else {
        const lead = t(labels.noteLead(t(item.region)));
        const { paragraph, runs } = direction(`${lead} ${item.text}`, labels.direction);
        children.push(
          new Paragraph({
            children: [new TextRun({ text: `${lead} `, bold: true, ...runs }), ...lines(item.text, runs)],
            indent: { left: 720 },
            shading: { type: ShadingType.CLEAR, color: "auto", fill: "FFF8E6" },
            spacing: { after: 160 },
            ...paragraph,
          }),
        );
      }
    }
  }
  for (const b of model.after) children.push(...block(b, lines, labels));
  return children;
}

/** Threads listed after the text: where, status, group, the words quoted, each comment. */
function threadList(threads: Thread[], heading: string, labels: ExportLabels): Paragraph[] {
  const label = direction("", labels.direction);
  const children = [new Paragraph({ children: plainLines(heading, label.runs), heading: HeadingLevel.HEADING_2, spacing: { before: 480 }, ...label.paragraph })];
  for (const thread of threads) {
    const group = thread.group ? ` · ${thread.group.name}` : "";
    children.push(new Paragraph({ children: plainLines(`${labels.threadPlace(thread)} · ${labels.threadStatus(thread.status)}${group}`, { bold: true, ...label.runs }), ...label.paragraph }));
    const quoted = direction(thread.quote, labels.direction);
    children.push(new Paragraph({ children: plainLines(thread.quote, { italics: true, ...quoted.runs }), indent: { left: 360 }, ...quoted.paragraph }));
    for (const comment of thread.comments) {
      const by = comment.author ? `${t(comment.author.name)}: ` : "";
      // The comment's own words decide its direction, not the author's name before them.
      const { paragraph, runs } = direction(comment.body, labels.direction);
      const author = by ? [new TextRun({ text: by, bold: true, ...runs })] : [];
      children.push(new Paragraph({ children: [...author, ...plainLines(comment.body, runs)], bullet: { level: 0 }, ...paragraph }));
    }
  }
  return children;
}
