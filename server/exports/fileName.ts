/**
 * The name a download is saved under: in `filename*` (RFC 6266 / 5987) the name in its own
 * script (an Arabic title stays Arabic), and an ASCII-only `filename` for clients that
 * read nothing else.
 */

/** Characters no file name may hold on common systems, and controls and format characters. */
const unsafe = /[\p{Cc}\p{Cf}\\/:*?"<>|]+/gu;
const MAX_NAME = 150;

/** Words as a file name: characters no file name may hold removed, spaces collapsed, not too long. */
export function fileSafe(name: string): string {
  return Array.from(name.replace(unsafe, " ").replace(/\s+/g, " ").trim()).slice(0, MAX_NAME).join("").trim();
}

/** `attachment; filename="ascii.ext"; filename*=UTF-8''name.ext`: `name` in any script, `ascii` (letters, digits, spaces, `.`, `-`, `_` kept) for old clients. */
export function attachment(name: string, ascii: string, extension: string): string {
  const plain = ascii.replace(/[^\w .-]+/g, "").replace(/\s+/g, " ").trim() || "download";
  const full = fileSafe(name) || plain;
  const encoded = encodeURIComponent(`${full}.${extension}`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${plain}.${extension}"; filename*=UTF-8''${encoded}`;
}
