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

/** Text as every export prints it: line endings as "\n", characters no export may carry removed. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(unsafeCharacters, "");
}
