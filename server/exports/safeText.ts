/**
 * Text made safe for every export. Statement text comes from Yjs (no schema checks it)
 * and versions keep it forever, so every renderer cleans what it prints at render time:
 * a frozen version stored before any input check still exports as a valid file.
 */

/**
 * What no export carries: control characters other than tab and new line (C0, DEL, C1),
 * unpaired surrogates, and noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and each plane's
 * last two). The C0 controls, lone surrogates, U+FFFE and U+FFFF are not XML 1.0
 * characters (a DOCX holding one will not open); the rest print as nothing or as boxes.
 * With the `u` flag a surrogate pair is one code point, so `\p{Cs}` matches only lone halves.
 */
const unsafeCharacters = /(?![\t\n])[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/gu;

/** Bidi embeddings and overrides (closed by PDF, U+202C) and isolates (closed by PDI, U+2069). */
const PDF = "\u202C";
const PDI = "\u2069";
const embeddings = new Set(["\u202A", "\u202B", "\u202D", "\u202E"]);
const isolates = new Set(["\u2066", "\u2067", "\u2068"]);
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * The line with every bidi embedding, override and isolate it opens closed at its end, so
 * one text (a name, a comment) cannot reverse how the label, number or text printed after
 * it on the same line reads. Balanced text is unchanged; closers are only ever added.
 */
function closeBidi(line: string): string {
  if (!bidiControls.test(line)) return line;
  const open: string[] = [];
  for (const c of line) {
    if (embeddings.has(c) || isolates.has(c)) open.push(c);
    else if (c === PDF && open.length > 0 && embeddings.has(open.at(-1)!)) open.pop();
    else if (c === PDI) {
      // A PDI closes its isolate and every embedding opened inside it (Unicode bidi rule X6a).
      const at = open.findLastIndex((o) => isolates.has(o));
      if (at >= 0) open.length = at;
    }
  }
  return line + open.reverse().map((o) => (isolates.has(o) ? PDI : PDF)).join("");
}

/**
 * Text as every export prints it: line endings as "\n", characters no export may carry
 * removed, and bidi controls closed at the end of each line.
 */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(unsafeCharacters, "").split("\n").map(closeBidi).join("\n");
}
