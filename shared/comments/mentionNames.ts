/**
 * Where a comment's text names someone: "@Name" counts only when the name ends there, at
 * the end of the text or before a character that is not a letter, digit or accent, so
 * "@Ann" is not found inside "@Anna Smith". The server and the composer both go by this.
 */

/** A letter, digit or combining mark: a name written on past the one looked for. */
const namePart = /^[\p{L}\p{N}\p{M}]/u;

/** Whether `text` names `name` ("@Name", whole) at `index`. */
export function namedAt(text: string, index: number, name: string): boolean {
  const written = `@${name}`;
  if (!text.startsWith(written, index)) return false;
  const end = index + written.length;
  return !namePart.test(text.slice(end, end + 2));
}

/** Whether `text` names `name` anywhere. */
export function names(text: string, name: string): boolean {
  const written = `@${name}`;
  for (let index = text.indexOf(written); index >= 0; index = text.indexOf(written, index + 1)) {
    if (namedAt(text, index, name)) return true;
  }
  return false;
}
