import { sql } from "kysely";
import type { DocumentStore, GroupedAppend, GroupedOutcome, StoredDocument, StoredUpdate } from "../Storage.js";
import { StorageConflict } from "../StorageConflict.js";
import type { Db } from "../schema.js";
import type { SqlDialect } from "../dialect.js";
import { DEFAULT_LOCALE, type Locale } from "../../../shared/i18n/locales.js";
import { compiledOnce, PreparedQuery, resultOf, type PreparedTransactions, type TransactionSteps } from "../prepared.js";

/** A document's columns under the API's names (a document not yet adopted by a workspace has `""`). */
const documentColumns = ["id", sql<string>`coalesce(workspace_id, '')`.as("workspaceId"), "title", "language", "created_at as createdAt", "updated_at as updatedAt"] as const;

function toUpdate(row: { seq: number; data: Uint8Array }): StoredUpdate {
  return { seq: row.seq, data: new Uint8Array(row.data) };
}

/** Rows one set-wise query of a group commit inserts at most (4 values a row: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters). */
const GROUP_ROWS_PER_QUERY = 1_000;

/** Each document's id and what decides whether it takes writes: a live `closeWrites` lease, and its latest round's freeze. */
function writeStates(db: Db, dialect: SqlDialect) {
  return db
    .selectFrom("documents")
    .select((eb) => [
      "documents.id",
      sql<boolean>`coalesce(${eb.ref("documents.writes_closed_until")} > ${dialect.nowMs()}, false)`.as("lease_live"),
      eb.selectFrom("rounds").select("rounds.frozen_at").whereRef("rounds.document_id", "=", "documents.id").orderBy("rounds.seq", "desc").limit(1).as("latest_frozen_at"),
    ]);
}

/** True while a document refuses appends: its writes closed by a lease, or its latest round frozen. */
function closedToWrites(state: { lease_live: boolean | number; latest_frozen_at: string | null }): boolean {
  return Boolean(state.lease_live) || state.latest_frozen_at !== null;
}

/**
 * Documents and update logs. Every change to whether a document takes writes (appends,
 * closeWrites, openWrites, opening and freezing rounds) first writes or locks its
 * `documents` row, so they happen one after another: an append never slips past a
 * freeze, and per document seqs grow in commit order (what `loadUpdatesAfter` relies on).
 * Lease times are epoch ms of the database's clock.
 */
export class SqlDocuments implements DocumentStore {
  /** The queries of `appendUpdates`, compiled once (the hot path). */
  private readonly append;

  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
    private readonly transactions: PreparedTransactions,
  ) {
    this.append = {
      // The row write, first: it waits for a closeWrites or a freeze in flight.
      touch: new PreparedQuery((id: string, now: string) => db.updateTable("documents").set({ updated_at: now }).where("id", "=", id)),
      // A statement of its own, after the row write, so it sees a freeze committed while this transaction waited for the lock.
      writesClosed: new PreparedQuery((id: string) =>
        writeStates(db, dialect).where("documents.id", "=", id),
      ),
      insert: new PreparedQuery((id: string, data: Uint8Array) =>
        db
          .insertInto("document_updates")
          .values({ document_id: id, data })
          .$if(!dialect.reportsInsertId, (query) => query.returning("seq")),
      ),
      writer: new PreparedQuery((id: string, clientId: number, accountId: string, now: string) =>
        db
          .insertInto("document_writers")
          .values({ document_id: id, client_id: clientId, account_id: accountId, first_seen: now })
          .onConflict((conflict) => conflict.columns(["document_id", "client_id"]).doNothing()),
      ),
    };
  }

  /** One document's append, as steps of a transaction: its row written first, refused while writes are closed, then its rows. */
  private *appendSteps(documentId: string, updates: Uint8Array[], now: string, writers: GroupedAppend["writers"] = []): TransactionSteps<number> {
    const append = this.append;
    // The document's row first (every path locks it before anything else: no two transactions wait on each other in a cycle).
    yield* resultOf(append.touch.bind(documentId, now));
    const [document] = (yield* resultOf(append.writesClosed.bind(documentId))).rows;
    if (document && closedToWrites(document)) throw new StorageConflict("writes_closed");
    for (const writer of writers) yield* resultOf(append.writer.bind(documentId, writer.clientId, writer.accountId, now));
    let seq = 0;
    for (const update of updates) {
      const inserted = yield* resultOf(append.insert.bind(documentId, update));
      seq = inserted.insertId ?? inserted.rows[0]!.seq!;
    }
    return seq;
  }

  async create(doc: { id: string; workspaceId: string; title: string; language?: Locale }, initialState: Uint8Array): Promise<StoredDocument> {
    const now = new Date().toISOString();
    const language = doc.language ?? DEFAULT_LOCALE;
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("documents").values({ id: doc.id, workspace_id: doc.workspaceId, title: doc.title, language, created_at: now, updated_at: now }).execute();
      await trx.insertInto("document_updates").values({ document_id: doc.id, data: initialState }).execute();
    });
    return { id: doc.id, workspaceId: doc.workspaceId, title: doc.title, language, createdAt: now, updatedAt: now };
  }

  async setLanguage(id: string, language: Locale): Promise<boolean> {
    const result = await this.db.updateTable("documents").set({ language }).where("id", "=", id).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async get(id: string): Promise<StoredDocument | null> {
    return (await this.db.selectFrom("documents").select(documentColumns).where("id", "=", id).executeTakeFirst()) ?? null;
  }

  async listForWorkspaces(workspaceIds: string[]): Promise<StoredDocument[]> {
    if (workspaceIds.length === 0) return [];
    return this.db
      .selectFrom("documents")
      .select(documentColumns)
      .where("workspace_id", "in", workspaceIds)
      .orderBy(this.dialect.binary("updated_at"), "desc")
      .orderBy(this.dialect.binary("id"))
      .execute();
  }

  async loadUpdates(documentId: string, limit?: number): Promise<StoredUpdate[]> {
    const rows = await this.db
      .selectFrom("document_updates")
      .select(["seq", "data"])
      .where("document_id", "=", documentId)
      .orderBy("seq")
      .$if(limit !== undefined && limit >= 0, (query) => query.limit(limit!))
      .execute();
    return rows.map(toUpdate);
  }

  async loadUpdatesAfter(documentId: string, afterSeq: number): Promise<StoredUpdate[]> {
    const rows = await this.db
      .selectFrom("document_updates")
      .select(["seq", "data"])
      .where("document_id", "=", documentId)
      .where("seq", ">", afterSeq)
      .orderBy("seq")
      .execute();
    return rows.map(toUpdate);
  }

  /** A group commit entry's steps: its update, and the writers it brings. */
  private groupedSteps(entry: GroupedAppend, now: string): TransactionSteps<number> {
    return this.appendSteps(entry.documentId, [entry.update], now, entry.writers);
  }

  async appendUpdates(documentId: string, updates: Uint8Array[]): Promise<number> {
    if (updates.length === 0) return 0;
    const now = new Date().toISOString();
    return this.transactions.run(() => this.appendSteps(documentId, updates, now));
  }

  async appendGrouped(entries: GroupedAppend[]): Promise<GroupedOutcome[]> {
    if (entries.length === 0) return [];
    const now = new Date().toISOString();
    if (entries.length === 1) {
      // Alone: the prepared single append (the hot path when edits are few).
      const [entry] = entries as [GroupedAppend];
      try {
        return [{ ok: true, seq: await this.transactions.run(() => this.groupedSteps(entry, now)) }];
      } catch (error) {
        return [{ ok: false, error }];
      }
    }
    return this.transactions.run(() => this.groupSteps(entries, now));
  }

  /**
   * Many statements' appends as a few set-wise queries, whatever their number (on
   * PostgreSQL a query is a round trip: per statement queries would cost more than the
   * commits they save): lock the statements' rows in id order (the same in every
   * instance's group, so two groups never wait on each other in a cycle), read which are
   * closed to writes, touch the open ones, then insert their writers and updates (in
   * slices of GROUP_ROWS_PER_QUERY rows).
   */
  private *groupSteps(entries: GroupedAppend[], now: string): TransactionSteps<GroupedOutcome[]> {
    const { db, dialect } = this;
    const ids = Array.from(new Set(entries.map((entry) => entry.documentId))).sort();
    yield compiledOnce(dialect.lockRows(db.selectFrom("documents").select("id").where("id", "in", ids).orderBy("id")));
    const states = (yield* resultOf(
      compiledOnce(writeStates(db, dialect).where("documents.id", "in", ids)),
    )).rows;
    const open = new Set(states.filter((state) => !closedToWrites(state)).map((state) => state.id));
    if (open.size > 0) yield compiledOnce(db.updateTable("documents").set({ updated_at: now }).where("id", "in", Array.from(open)));
    const taking = entries.filter((entry) => open.has(entry.documentId));
    const writers = taking.flatMap((entry) => entry.writers.map((writer) => ({ document_id: entry.documentId, client_id: writer.clientId, account_id: writer.accountId, first_seen: now })));
    // In slices: one query's values stay far below either database's limit on parameters, however many client ids an update brings.
    for (let i = 0; i < writers.length; i += GROUP_ROWS_PER_QUERY) {
      yield compiledOnce(db.insertInto("document_writers").values(writers.slice(i, i + GROUP_ROWS_PER_QUERY)).onConflict((conflict) => conflict.columns(["document_id", "client_id"]).doNothing()));
    }
    const seqs = new Map<string, number[]>();
    for (let i = 0; i < taking.length; i += GROUP_ROWS_PER_QUERY) {
      const slice = taking.slice(i, i + GROUP_ROWS_PER_QUERY);
      const inserted = (yield* resultOf(
        compiledOnce(db.insertInto("document_updates").values(slice.map((entry) => ({ document_id: entry.documentId, data: entry.update }))).returning(["seq", "document_id"])),
      )).rows;
      for (const row of [...inserted].sort((a, b) => Number(a.seq) - Number(b.seq))) seqs.set(row.document_id, [...(seqs.get(row.document_id) ?? []), Number(row.seq)]);
    }
    // A statement's entries take its new rows in order (a statement has one entry per group in practice).
    return entries.map((entry): GroupedOutcome => {
      const seq = open.has(entry.documentId) ? seqs.get(entry.documentId)?.shift() : undefined;
      if (seq !== undefined) return { ok: true, seq };
      return { ok: false, error: states.some((state) => state.id === entry.documentId) ? new StorageConflict("writes_closed") : new Error(`no document ${entry.documentId}`) };
    });
  }

  async closeWrites(documentId: string, leaseMs: number): Promise<void> {
    await this.db
      .updateTable("documents")
      .set({ writes_closed_until: sql<number>`${this.dialect.nowMs()} + ${Math.ceil(leaseMs)}` })
      .where("id", "=", documentId)
      .execute();
  }

  async openWrites(documentId: string): Promise<void> {
    await this.db.updateTable("documents").set({ writes_closed_until: null }).where("id", "=", documentId).execute();
  }

  async claimCompaction(documentId: string, holder: string, leaseMs: number): Promise<boolean> {
    // Takes the lease when there is none, it has expired, or the same holder renews it.
    const result = await this.db
      .insertInto("compaction_leases")
      .values({ document_id: documentId, holder, until: sql<number>`${this.dialect.nowMs()} + ${Math.ceil(leaseMs)}` })
      .onConflict((conflict) =>
        conflict
          .column("document_id")
          .doUpdateSet({ holder: (eb) => eb.ref("excluded.holder"), until: (eb) => eb.ref("excluded.until") })
          .where((eb) => eb.or([eb("compaction_leases.until", "<=", this.dialect.nowMs()), eb("compaction_leases.holder", "=", eb.ref("excluded.holder"))])),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async releaseCompaction(documentId: string, holder: string): Promise<void> {
    await this.db.deleteFrom("compaction_leases").where("document_id", "=", documentId).where("holder", "=", holder).execute();
  }

  async countUpdates(documentId: string): Promise<number> {
    const row = await this.db
      .selectFrom("document_updates")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("document_id", "=", documentId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async storedBytes(documentId: string): Promise<number> {
    const row = await this.db
      .selectFrom("document_updates")
      .select(sql<number>`coalesce(sum(length(data)), 0)`.as("n"))
      .where("document_id", "=", documentId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async replaceUpdates(documentId: string, uptoSeq: number, merged: Uint8Array): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("document_updates").where("document_id", "=", documentId).where("seq", "<=", uptoSeq).execute();
      await trx.insertInto("document_updates").values({ seq: uptoSeq, document_id: documentId, data: merged }).execute();
    });
  }
}
