/**
 * The suggestion cards of the side panel, derived from the live text and the server's
 * record: one card per suggestion id found in the text (its pieces merged), plus the
 * decided ones the server remembers. Filtering and the bulk selections are here too, so
 * the panel only draws.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import type { Suggestion } from "../../../shared/api.js";
import { suggestionPieces } from "../../../shared/schema/suggestionDecisions.js";
import { locate, outlineOf } from "../../../shared/schema/structure.js";
import { suggestionAuthor, type SuggestionKind, type SuggestionStatus } from "../../../shared/suggestions.js";

/** One suggestion as the panel shows it. */
export interface SuggestionCard {
  id: string;
  /** The author's account id (from the server's record, else from the id itself). */
  authorId: string | null;
  /** The author's name, once the server knows the suggestion. */
  authorName: string | null;
  group: { id: string; name: string } | null;
  kind: SuggestionKind;
  /** Suggested words (for a new clause, its text). */
  inserted: string;
  /** Struck words (for a clause suggested for deletion, its text). */
  deleted: string;
  /** Act number and clause number ("3.2") where it is now, or where it was for a decided one. */
  act: number | null;
  clause: string | null;
  /** Where its pieces are in the live text (null once decided and gone). */
  range: { from: number; to: number } | null;
  status: SuggestionStatus;
  createdAt: string | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
}

function kindOf(kinds: Set<string>): SuggestionKind {
  if (kinds.has("clauseInsertion")) return "clauseInsertion";
  if (kinds.has("clauseDeletion")) return "clauseDeletion";
  if (kinds.has("insertion") && kinds.has("deletion")) return "replacement";
  return kinds.has("insertion") ? "insertion" : "deletion";
}

/**
 * Every card: pending ones from `doc` in document order, then decided ones from
 * `records` (newest decision first). A suggestion in the text but not yet in the record
 * (just made, or made offline) is a card with its author taken from its id.
 */
export function suggestionCards(doc: PMNode, records: readonly Suggestion[]): SuggestionCard[] {
  const byId = new Map(records.map((record) => [record.id, record]));
  const found = new Map<string, { kinds: Set<string>; inserted: string[]; deleted: string[]; from: number; to: number }>();
  for (const piece of suggestionPieces(doc)) {
    const entry = found.get(piece.id) ?? { kinds: new Set<string>(), inserted: [], deleted: [], from: piece.from, to: piece.to };
    entry.kinds.add(piece.kind);
    const words = doc.textBetween(piece.from, piece.to, " ");
    if (piece.kind === "insertion" || piece.kind === "clauseInsertion") entry.inserted.push(words);
    else entry.deleted.push(words);
    entry.from = Math.min(entry.from, piece.from);
    entry.to = Math.max(entry.to, piece.to);
    found.set(piece.id, entry);
  }
  const cards: SuggestionCard[] = [];
  for (const [id, entry] of found) {
    const record = byId.get(id);
    // Inside a suggested clause, the clause is where it is; a clause piece starts before it.
    const where = locate(doc, entry.from + 1);
    cards.push({
      id,
      authorId: record?.author.id ?? suggestionAuthor(id),
      authorName: record?.author.name ?? null,
      group: record?.group ?? null,
      kind: kindOf(entry.kinds),
      inserted: entry.inserted.join(" "),
      deleted: entry.deleted.join(" "),
      act: where?.act.number ?? null,
      clause: where?.clause?.number ?? null,
      range: { from: entry.from, to: entry.to },
      status: "pending",
      createdAt: record?.createdAt ?? null,
      decidedBy: null,
      decidedAt: null,
    });
  }
  const outline = outlineOf(doc);
  const actNumber = new Map(outline.flatMap((act) => (act.id ? [[act.id, act.number] as const] : [])));
  const clauseNumber = new Map(outline.flatMap((act) => act.clauses.flatMap((c) => (c.id ? [[c.id, c.number] as const] : []))));
  const decided = records
    .filter((record) => record.status !== "pending" && !found.has(record.id))
    .sort((a, b) => (b.decidedAt ?? "").localeCompare(a.decidedAt ?? ""));
  for (const record of decided) {
    cards.push({
      id: record.id,
      authorId: record.author.id,
      authorName: record.author.name,
      group: record.group,
      kind: record.kind,
      inserted: record.inserted,
      deleted: record.deleted,
      act: record.actId ? (actNumber.get(record.actId) ?? null) : null,
      clause: record.clauseId ? (clauseNumber.get(record.clauseId) ?? null) : null,
      range: null,
      status: record.status,
      createdAt: record.createdAt,
      decidedBy: record.decidedBy,
      decidedAt: record.decidedAt,
    });
  }
  return cards;
}

/** The panel's filters: "all" or one value each. */
export interface SuggestionFilter {
  act: "all" | number;
  group: "all" | string;
  author: "all" | string;
  status: "all" | SuggestionStatus;
}

/** The cards the filters let through, in their order. */
export function filterCards(cards: readonly SuggestionCard[], filter: SuggestionFilter): SuggestionCard[] {
  return cards.filter(
    (card) =>
      (filter.act === "all" || card.act === filter.act) &&
      (filter.group === "all" || card.group?.id === filter.group) &&
      (filter.author === "all" || card.authorId === filter.author) &&
      (filter.status === "all" || card.status === filter.status),
  );
}

/** Pending suggestions per Act number (for the outline). */
export function pendingPerAct(cards: readonly SuggestionCard[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const card of cards) {
    if (card.status === "pending" && card.act !== null) counts.set(card.act, (counts.get(card.act) ?? 0) + 1);
  }
  return counts;
}

/** What a bulk action takes: every pending suggestion of one author, in one clause, or in one Act. */
export type BulkScope = { kind: "author"; authorId: string } | { kind: "clause"; clause: string } | { kind: "act"; act: number };

/** The ids of the pending cards in `scope`. */
export function idsInScope(cards: readonly SuggestionCard[], scope: BulkScope): Set<string> {
  return new Set(
    cards
      .filter((card) => card.status === "pending" && card.range !== null)
      .filter((card) =>
        scope.kind === "author" ? card.authorId === scope.authorId : scope.kind === "clause" ? card.clause === scope.clause : card.act === scope.act,
      )
      .map((card) => card.id),
  );
}
