/**
 * Suggested wording: the names the statement uses for suggestions and their ids. One
 * list for the editor, the server's check (shared/collab/suggestionCheck.ts) and the
 * exports.
 *
 * A suggestion lives in the text itself:
 * - a suggested insertion is text carrying the `insertion` mark,
 * - a suggested deletion is text carrying the `deletion` mark (it stays until accepted),
 * - a replacement is both, sharing one id,
 * - a suggested new clause, or the deletion of one, is the clause's
 *   `suggestedInsertion` / `suggestedDeletion` attribute.
 * Each carries the suggestion's id, `<author account id>.<random part>`: the server
 * refuses a new id whose author is not the socket's account.
 */

/** Mark names of suggested text. */
export const SuggestionMark = {
  insertion: "insertion",
  deletion: "deletion",
} as const;

/** Clause attributes of a suggested new clause and of a clause suggested for deletion. */
export const SuggestionAttribute = {
  insertion: "suggestedInsertion",
  deletion: "suggestedDeletion",
} as const;

/**
 * Transaction meta of an editor change that decides suggestions (accepting or
 * rejecting): a plain edit even while its author is suggesting.
 */
export const SUGGESTION_DECISION_META = "suggestionDecision";

/** What a suggestion proposes. */
export const suggestionKinds = ["insertion", "deletion", "replacement", "clauseInsertion", "clauseDeletion"] as const;
/** One of `suggestionKinds`. */
export type SuggestionKind = (typeof suggestionKinds)[number];

/** Where a suggestion stands: waiting for a decision, taken, left, or taken back by its author. */
export const suggestionStatuses = ["pending", "accepted", "rejected", "withdrawn"] as const;
/** One of `suggestionStatuses`. */
export type SuggestionStatus = (typeof suggestionStatuses)[number];

const idPattern = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{8,64})$/;

/** True when `value` is a well-formed suggestion id. */
export function isSuggestionId(value: unknown): value is string {
  return typeof value === "string" && idPattern.test(value);
}

/** The account that made the suggestion `id` (null for a malformed id). */
export function suggestionAuthor(id: string): string | null {
  return idPattern.exec(id)?.[1] ?? null;
}

/** A new suggestion id for `accountId`. */
export function newSuggestionId(accountId: string): string {
  const random = new Uint8Array(12);
  globalThis.crypto.getRandomValues(random);
  const part = btoa(String.fromCharCode(...random)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `${accountId}.${part}`;
}
