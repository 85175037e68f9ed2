/**
 * Text as Markdown that reads back as exactly that text: nothing a member writes can
 * become a heading, list, quote, code, table, link, HTML or emphasis, and a text of
 * several lines stays one block (each line ends with a hard break). Both Markdown
 * exports (the statement, the comments) print every user text through these.
 *
 * What a reader gets back is the text after `cleanText`, with spaces trimmed at the
 * ends of each line (Markdown readers drop them anyway) and, for a text of several
 * lines, blank lines at its start and end dropped (a block cannot end on a break).
 */
import { cleanText } from "./safeText.js";

/** Punctuation that starts an inline construct anywhere in a line: code, emphasis, links, images, HTML and autolinks, tables, strikethrough, escapes. */
const inlineSyntax = /[\\`*_{}[\]()#+!|<>~]/g;
/** `&` that could start an entity or numeric character reference (`&amp;`, `&#35;`). */
const entityStart = /&(?=[#A-Za-z0-9])/g;
/** At the start of a line: setext underlines, thematic breaks and list markers (`-`, `=`), ordered list markers (`1.`). The other line-start markers (`#`, `>`, `+`, `*`, `1)`, fences, `<`, `[`, `|`) are escaped everywhere by `inlineSyntax`. */
const lineStartSyntax = /^(?:([-=])|(\d+)\.)/;

/** One line, already cleaned and trimmed, escaped so it reads as written wherever it starts. */
function escapeLine(line: string): string {
  return line
    .replace(inlineSyntax, "\\$&")
    .replace(entityStart, "\\&")
    .replace(lineStartSyntax, (_match, mark: string | undefined, digits: string | undefined) => (mark ? `\\${mark}` : `${digits}\\.`));
}

/** The text's lines, cleaned and trimmed. */
const linesOf = (text: string) => cleanText(text).split("\n").map((line) => line.trim());

/** Markdown-escape text that sits within one line (a heading, a name, a label): its lines joined by spaces. */
export function markdownInline(text: string): string {
  return escapeLine(
    linesOf(text)
      .filter((line) => line !== "")
      .join(" "),
  );
}

/**
 * Markdown-escape text of any number of lines as one block's content: lines joined by
 * hard breaks (a backslash, which survives editors that strip trailing spaces and works
 * on an empty line), each following line starting with `continuation` ("> " inside a
 * quote, spaces inside a list item) so it stays in that block.
 */
export function markdownLines(text: string, continuation = ""): string {
  const lines = linesOf(text);
  while (lines.length > 0 && lines[0] === "") lines.shift();
  while (lines.length > 0 && lines.at(-1) === "") lines.pop();
  return lines.map(escapeLine).join(`\\\n${continuation}`);
}
