import { createHash, randomBytes } from "node:crypto";

/** A new random id (16 url-safe characters). */
export function newId(): string {
  return randomBytes(12).toString("base64url");
}

/** A new secret for a session, token or invitation (43 url-safe characters, 256 bits). */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** What is stored of a secret: its SHA-256, so a database leak does not leak live credentials. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}
