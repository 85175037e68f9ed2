import { sql } from "kysely";
import type { StoredSuggestion, SuggestionStore } from "../Storage.js";
import type { Db } from "../schema.js";

/** A suggestion's columns under the API's names. */
const columns = [
  "id",
  "document_id as documentId",
  "author_id as authorId",
  "group_id as groupId",
  "kind",
  "act_id as actId",
  "clause_id as clauseId",
  "inserted",
  "deleted",
  "created_at as createdAt",
  "status",
  "decided_by as decidedBy",
  "decided_at as decidedAt",
] as const;

/** Suggestions: one row each, written when the server sees one appear, change or go. */
export class SqlSuggestions implements SuggestionStore {
  constructor(private readonly db: Db) {}

  async save(suggestions: StoredSuggestion[]): Promise<void> {
    if (suggestions.length === 0) return;
    const rows = suggestions.map((s) => ({
      id: s.id,
      document_id: s.documentId,
      author_id: s.authorId,
      group_id: s.groupId,
      kind: s.kind,
      act_id: s.actId,
      clause_id: s.clauseId,
      inserted: s.inserted,
      deleted: s.deleted,
      created_at: s.createdAt,
      status: s.status,
      decided_by: s.decidedBy,
      decided_at: s.decidedAt,
    }));
    await this.db
      .insertInto("suggestions")
      .values(rows)
      // Who made it, for which statement and when never change (a group, once known, stays); the rest follows the text.
      .onConflict((conflict) =>
        conflict.columns(["document_id", "id"]).doUpdateSet((eb) => ({
          group_id: sql<string | null>`coalesce(suggestions.group_id, excluded.group_id)`,
          kind: eb.ref("excluded.kind"),
          act_id: eb.ref("excluded.act_id"),
          clause_id: eb.ref("excluded.clause_id"),
          inserted: eb.ref("excluded.inserted"),
          deleted: eb.ref("excluded.deleted"),
          status: eb.ref("excluded.status"),
          decided_by: eb.ref("excluded.decided_by"),
          decided_at: eb.ref("excluded.decided_at"),
        })),
      )
      .execute();
  }

  async listForDocument(documentId: string): Promise<StoredSuggestion[]> {
    return this.db.selectFrom("suggestions").select(columns).where("document_id", "=", documentId).orderBy("created_at").orderBy("id").execute();
  }
}
