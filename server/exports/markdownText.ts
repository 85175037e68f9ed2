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

/** ASCII punctuation: what a backslash escapes. */
const asciiPunctuation = /[!-/:-@[-`{-~]/;
/** An entity or numeric character reference (`&amp;`, `&#35;`, `&#x23;`). */
const entity = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;
/** Where Markdown would read a line's start as a block: heading, quote, list item, thematic break, setext underline, definition. */
const blockStart = /^(?:#{1,6}(?:[ \t]|$)|[>[]|[-+*](?:[ \t]|$)|[-=*_+ \t]+$)/;
/** An ordered list marker at a line's start: up to nine digits, then `.` or `)` and a space or the end. */
const orderedMarker = /^(\d{1,9})([.)])(?=[ \t]|$)/;

const isSpace = (c: string | undefined) => c === " " || c === "\t";
const isAlphanumeric = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * One line, already cleaned and trimmed, escaped so it reads as written wherever it
 * starts and whatever we print around it, yet reads as prose: only a character that
 * would mean Markdown where it stands is escaped. Characters just outside the line count
 * as unknown (our own markup may stand there).
 */
function escapeLine(line: string): string {
  const chars = Array.from(line);
  const escaped = new Array<boolean>(chars.length).fill(false);
  if (blockStart.test(line)) escaped[0] = true;
  const ordered = orderedMarker.exec(line);
  if (ordered) escaped[ordered[1]!.length] = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    if (c === "\\") escaped[i] = next === undefined || asciiPunctuation.test(next);
    // Code spans and fences; GFM tables and strikethrough (rare in prose, so always).
    else if (c === "`" || c === "|" || c === "~") escaped[i] = true;
    // Raw HTML, autolinks and comments start with `<` then a letter, `/`, `!` or `?`.
    else if (c === "<") escaped[i] = !(isSpace(next) || next === "=" || (next !== undefined && /\d/.test(next) && !line.slice(i).includes("@")));
    // Inline links and images need `](`; with no definitions printed, nothing else makes a link.
    else if (c === "]") escaped[i] = next === "(" || next === undefined;
    else if (c === "&") escaped[i] = entity.test(chars.slice(i, i + 42).join(""));
    else if (c === "*" || c === "_") {
      // A run of them opens or closes emphasis unless spaces stand on both sides (or, for `_`, letters or digits).
      let end = i;
      while (chars[end + 1] === c) end += 1;
      const before = chars[i - 1];
      const after = chars[end + 1];
      const inert = i > 0 && end < chars.length - 1 && ((isSpace(before) && isSpace(after)) || (c === "_" && isAlphanumeric(before) && isAlphanumeric(after)));
      const whole = !inert || escaped[i] === true;
      for (let k = i; k <= end; k++) escaped[k] = whole;
      i = end;
    }
  }
  // A heading's closing sequence: `#`s at its end.
  for (let i = chars.length - 1; i >= 0 && chars[i] === "#"; i--) escaped[i] = true;
  return chars.map((c, i) => (escaped[i] ? `\\${c}` : c)).join("");
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
