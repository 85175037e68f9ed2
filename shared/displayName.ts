/**
 * Display names: what a name may contain, its tidy stored form, and its "name key", the
 * form two names share when a reader could take one for the other. Members of a
 * workspace are told apart by name in the editor, comments and exports, so no two
 * members of a workspace may have names that look alike.
 */
import { remove as removeConfusables } from "confusables";

/**
 * Characters a name may never contain, with the reason shown to the person typing it:
 * text-direction controls (they reorder what follows, in the app and in exports),
 * invisible format characters (zero-width spaces and joiners, soft hyphens, tags), other
 * control characters, line breaks, private-use, unassigned and lone surrogate code points.
 */
const forbidden: { pattern: RegExp; reason: string }[] = [
  { pattern: /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u, reason: "a character that changes the direction of text" },
  { pattern: /[\u200B-\u200D\u2060\uFEFF]/u, reason: "an invisible zero-width character" },
  { pattern: /\p{Cc}/u, reason: "a control character (such as a tab or a line break)" },
  { pattern: /[\p{Cf}\p{Zl}\p{Zp}]/u, reason: "an invisible formatting character" },
  { pattern: /[\p{Co}\p{Cn}\p{Cs}]/u, reason: "a private-use or unassigned character" },
];

/**
 * A name as it may be shown: every character a name may not hold removed (names stored
 * before these rules may still carry a direction override that would reverse what is
 * printed after them). Never empty: an all-invisible name shows as "?".
 */
export function visibleName(name: string): string {
  let shown = name;
  for (const { pattern } of forbidden) shown = shown.replace(new RegExp(pattern.source, "gu"), "");
  return shown.trim() || "?";
}

/** `U+202E`: how a code point is named in messages. */
function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Why a display name is refused (a sentence for the person typing it), or null when it may be used. */
export function displayNameProblem(name: string): string | null {
  for (const { pattern, reason } of forbidden) {
    const found = pattern.exec(name);
    if (found) return `a name cannot contain ${reason} (${codePointName(found[0])})`;
  }
  return null;
}

/** Any run of spacing characters (space, no-break space, ideographic space...), collapsed to one space. */
const spaces = /\s+/gu;

/** The stored form of an accepted name: NFC, trimmed, every run of spaces one ASCII space. */
export function tidyDisplayName(name: string): string {
  return name.normalize("NFC").replace(spaces, " ").trim();
}

/** Case folding as far as JavaScript offers it: upper then lower folds ß/SS, ſ/s, ﬀ/ff and the like together. */
function foldCase(text: string): string {
  return text.toUpperCase().toLowerCase();
}

/** Each character replaced by the letter it can be taken for; marks and invisible characters dropped. */
function skeleton(text: string): string {
  // Character by character: the package leaves a string alone when it is all ASCII, so
  // "l|" would stay as it is while "l|а" would not; per character, a name's key never
  // depends on what else it holds.
  return Array.from(text, (char) => removeConfusables(char)).join("");
}

/** Spacing collapsed and trimmed: the last step of both keys. */
function spaced(text: string): string {
  return text.replace(spaces, " ").trim();
}

/**
 * The name key: the form two names share when they differ only by case, look-alike
 * letters (Cyrillic а for a), compatibility forms (NFKC: full-width, ligatures, styled
 * letters), accents or spacing. Case is folded first, then each character is mapped to
 * the letter it can be taken for, marks and invisible characters dropped.
 */
export function nameKey(name: string): string {
  return spaced(foldCase(skeleton(foldCase(skeleton(foldCase(name.normalize("NFKD")))).normalize("NFKD"))).normalize("NFKC"));
}

/**
 * The key with look-alikes mapped before case is folded. A capital can look like one
 * Latin letter and its small form like another (Greek Η is H, η is n): folding first
 * catches "ΗANS" for "ηans" but not "Ηans" for "Hans"; this key catches that one.
 */
function capitalsKey(name: string): string {
  return spaced(foldCase(skeleton(skeleton(name.normalize("NFD")).normalize("NFKD"))).normalize("NFKC"));
}

/**
 * Whether a reader could take one name for the other: the same name key, or the same
 * key with look-alike capitals mapped first. No single key can do both (it would have
 * to merge H and n through Η and η), so names are compared, not keyed.
 */
export function namesLookAlike(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b) || capitalsKey(a) === capitalsKey(b);
}
