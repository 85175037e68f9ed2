/**
 * Test helpers that read exports back as a strict consumer would: every XML part of a
 * DOCX through a strict XML 1.0 parser (any error fails), Markdown through the reference
 * CommonMark parser, so tests compare what a reader sees, not substrings.
 */
import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { Parser, type Node as MdNode } from "commonmark";

/** One paragraph of a DOCX body: its text (breaks as "\n", tabs as "\t"). */
export interface DocxParagraph {
  text: string;
}

/** Parse one XML part strictly; returns the paragraphs (`w:p`) with their text. Throws on the first well-formedness error. */
export function parseXmlPart(name: string, xml: string): DocxParagraph[] {
  const parser = new SaxesParser({ xmlns: true, fileName: name });
  const paragraphs: DocxParagraph[] = [];
  let paragraph: DocxParagraph | null = null;
  let inText = false;
  let error: Error | null = null;
  parser.on("error", (e) => {
    error ??= e;
  });
  parser.on("opentag", (tag) => {
    if (tag.name === "w:p") paragraph = { text: "" };
    else if (tag.name === "w:t") inText = true;
    else if (paragraph && tag.name === "w:br") paragraph.text += "\n";
    else if (paragraph && tag.name === "w:tab") paragraph.text += "\t";
  });
  parser.on("closetag", (tag) => {
    if (tag.name === "w:p" && paragraph) {
      paragraphs.push(paragraph);
      paragraph = null;
    } else if (tag.name === "w:t") inText = false;
  });
  parser.on("text", (text) => {
    if (paragraph && inText) paragraph.text += text;
  });
  parser.write(xml).close();
  if (error) throw error;
  return paragraphs;
}

/** Unzip a DOCX, parse every XML part strictly (throws on any error), and return the body's paragraphs. */
export function readDocx(bytes: Uint8Array): DocxParagraph[] {
  const parts = unzipSync(bytes);
  let body: DocxParagraph[] | null = null;
  for (const [name, data] of Object.entries(parts)) {
    if (!name.endsWith(".xml") && !name.endsWith(".rels")) continue;
    const paragraphs = parseXmlPart(name, strFromU8(data));
    if (name === "word/document.xml") body = paragraphs;
  }
  if (!body) throw new Error("no word/document.xml");
  return body;
}

/** A Markdown block as a reader sees it: its type, heading level, and text (hard breaks as "\n"). */
export interface MdBlock {
  type: string;
  level?: number;
  /** Text of the block; for a list, one entry per item in `items`. */
  text: string;
  items?: string[];
  /** Inline node types other than text and line breaks found inside (strong, emph, link...). */
  inline: string[];
}

function textOf(node: MdNode, inline: string[]): string {
  let out = "";
  const walker = node.walker();
  let event;
  while ((event = walker.next())) {
    const child = event.node;
    if (child === node) continue;
    if (!event.entering) continue;
    if (child.type === "text") out += child.literal ?? "";
    else if (child.type === "linebreak") out += "\n";
    else if (child.type === "softbreak") {
      inline.push("softbreak");
      out += "\n";
    } else if (child.type === "paragraph") {
      if (out !== "") {
        inline.push("paragraph");
        out += "\n";
      }
    } else {
      inline.push(child.type);
      if (child.literal !== null) out += child.literal;
    }
  }
  return out;
}

/** Parse Markdown with the reference CommonMark parser and list its top-level blocks. */
export function readMarkdown(markdown: string): MdBlock[] {
  const document = new Parser().parse(markdown);
  const blocks: MdBlock[] = [];
  for (let node = document.firstChild; node; node = node.next) {
    const inline: string[] = [];
    if (node.type === "list") {
      const items: string[] = [];
      for (let item = node.firstChild; item; item = item.next) items.push(textOf(item, inline));
      blocks.push({ type: node.listType === "ordered" ? "ordered_list" : "bullet_list", text: items.join("\n"), items, inline });
    } else if (node.type === "html_block" || node.type === "code_block") {
      blocks.push({ type: node.type, text: node.literal ?? "", inline });
    } else {
      const block: MdBlock = { type: node.type, text: textOf(node, inline), inline };
      if (node.type === "heading") block.level = node.level;
      blocks.push(block);
    }
  }
  return blocks;
}
