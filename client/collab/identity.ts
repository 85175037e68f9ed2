/**
 * Who this browser says it is, until accounts exist: a display name kept in
 * localStorage and a colour derived from it (the same name always gets the same colour).
 */

const NAME_KEY = "drafting.displayName";

/** Caret and presence colours, readable on white. */
const palette = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2", "#dc2626", "#4d7c0f"];

/** The person editing, as shown to others. */
export interface Identity {
  name: string;
  color: string;
}

/** A stable colour for a name. */
export function colorFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return palette[hash % palette.length]!;
}

/** The saved identity, or null before the person has given a name. */
export function loadIdentity(): Identity | null {
  const name = localStorage.getItem(NAME_KEY)?.trim();
  return name ? { name, color: colorFor(name) } : null;
}

/** Save the display name. */
export function saveIdentity(name: string): Identity {
  const trimmed = name.trim().slice(0, 60);
  localStorage.setItem(NAME_KEY, trimmed);
  return { name: trimmed, color: colorFor(trimmed) };
}
