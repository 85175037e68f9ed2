import type { WriterStore } from "../Storage.js";
import type { Db } from "../schema.js";

/** First writers per client id and statement. */
export class SqlWriters implements WriterStore {
  constructor(private readonly db: Db) {}

  async claim(documentId: string, claims: { clientId: number; accountId: string }[]): Promise<void> {
    if (claims.length === 0) return;
    const now = new Date().toISOString();
    await this.db
      .insertInto("document_writers")
      .values(claims.map((claim) => ({ document_id: documentId, client_id: claim.clientId, account_id: claim.accountId, first_seen: now })))
      .onConflict((conflict) => conflict.columns(["document_id", "client_id"]).doNothing())
      .execute();
  }

  async writers(documentId: string, clientIds?: number[]): Promise<Map<number, string>> {
    if (clientIds && clientIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("document_writers")
      .select(["client_id", "account_id"])
      .where("document_id", "=", documentId)
      .$if(clientIds !== undefined, (query) => query.where("client_id", "in", clientIds!))
      .execute();
    return new Map(rows.map((row) => [Number(row.client_id), row.account_id]));
  }
}
