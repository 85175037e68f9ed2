import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type {
  MatrixCellWrite,
  MatrixImportWrite,
  MatrixStore,
  StoredMatrixAdvocate,
  StoredMatrixCell,
  StoredMatrixChange,
  StoredMatrixTarget,
  StoredNegotiatingGroup,
} from "../Storage.js";
import { nameKey } from "../../matrix/governmentNames.js";
import { StorageConflict } from "../StorageConflict.js";
import type { Database, Db, MatrixAdvocatesTable, MatrixCellsTable, MatrixHistoryTable } from "../schema.js";
import type { SqlDialect } from "../dialect.js";

type Trx = Transaction<Database>;

/** A target's columns under the stored type's names (acts still JSON). */
const targetColumns = ["id", "document_id as documentId", "kind", "code", "name", "acts", "added_by as addedBy", "added_at as addedAt"] as const;

/** A cell's columns under the stored type's names, its recorder's name joined in. */
const cellColumns = [
  "c.document_id as documentId",
  "c.target_id as targetId",
  "c.act_id as actId",
  "c.round_id as roundId",
  "c.position",
  "c.note",
  "c.internal",
  "c.evidence_url as evidenceUrl",
  "c.evidence_quote as evidenceQuote",
  "c.evidence_date as evidenceDate",
  "c.recorded_by as recordedBy",
  "a.display_name as recordedByName",
  "c.recorded_at as recordedAt",
  "c.revision",
] as const;

/** An advocate's columns under the stored type's names, the name of who added it joined in. */
const advocateColumns = [
  "v.id",
  "v.document_id as documentId",
  "v.target_id as targetId",
  "v.channel",
  "v.organisation",
  "v.contact_name as contactName",
  "v.contact_email as contactEmail",
  "v.note",
  "v.added_by as addedBy",
  "a.display_name as addedByName",
  "v.added_at as addedAt",
] as const;

const groupColumns = ["id", "workspace_id as workspaceId", "name", "codes"] as const;

const toTarget = ({ acts, ...row }: Omit<StoredMatrixTarget, "actIds"> & { acts: string }): StoredMatrixTarget => ({ ...row, actIds: JSON.parse(acts) as string[] });
const toCell = (row: Omit<StoredMatrixCell, "internal"> & { internal: number }): StoredMatrixCell => ({ ...row, internal: Number(row.internal) === 1 });
const toGroup = (row: Omit<StoredNegotiatingGroup, "codes"> & { codes: string }): StoredNegotiatingGroup => ({ ...row, codes: JSON.parse(row.codes) as string[] });

/** What makes a target unique in its statement: the state's code, or the other actor's name in lower case. */
function matchKey(target: Pick<StoredMatrixTarget, "kind" | "code" | "name">): string {
  return target.kind === "state" ? (target.code ?? "") : `name:${target.name.trim().toLowerCase()}`;
}

const sortedActs = (actIds: string[]): string[] => [...new Set(actIds)].sort();
const sortedCodes = (codes: string[]): string[] => [...new Set(codes)].sort();

/**
 * Rows per insert: SQLite allows 32,766 variables per statement, and a cell row has 13
 * (an import of a few thousand positions in one statement would pass it).
 */
const ROWS_PER_INSERT = 500;

/** `rows` in slices of at most ROWS_PER_INSERT. */
function batches<T>(rows: readonly T[]): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) slices.push(rows.slice(start, start + ROWS_PER_INSERT));
  return slices;
}

/** A target as a row. */
function targetRow(target: Omit<StoredMatrixTarget, "addedBy" | "addedAt">, by: string, at: string) {
  return {
    id: target.id,
    document_id: target.documentId,
    kind: target.kind,
    code: target.kind === "state" ? target.code : null,
    name: target.name,
    match_key: matchKey(target),
    acts: JSON.stringify(sortedActs(target.actIds)),
    added_by: by,
    added_at: at,
  };
}

/** An advocate as a row. */
function advocateRow(advocate: Omit<StoredMatrixAdvocate, "addedBy" | "addedByName" | "addedAt">, by: string, at: string): MatrixAdvocatesTable {
  return {
    id: advocate.id,
    document_id: advocate.documentId,
    target_id: advocate.targetId,
    channel: advocate.channel,
    organisation: advocate.organisation,
    organisation_key: nameKey(advocate.organisation),
    contact_name: advocate.contactName,
    contact_email: advocate.contactEmail,
    note: advocate.note,
    added_by: by,
    added_at: at,
  };
}

/** A cell as a row at `revision`. */
function cellRow(cell: MatrixCellWrite, revision: number): MatrixCellsTable {
  return {
    target_id: cell.targetId,
    act_id: cell.actId,
    round_id: cell.roundId,
    document_id: cell.documentId,
    position: cell.position,
    note: cell.note,
    internal: cell.internal ? 1 : 0,
    evidence_url: cell.evidenceUrl,
    evidence_quote: cell.evidenceQuote,
    evidence_date: cell.evidenceDate,
    recorded_by: cell.recordedBy,
    recorded_at: cell.recordedAt,
    revision,
  };
}

/** One history entry to write (the store gives it its id unless it has one). */
type ChangeWrite = Omit<StoredMatrixChange, "id" | "byName"> & { id?: string };

function changeRow(change: ChangeWrite): Omit<MatrixHistoryTable, "seq"> {
  return {
    id: change.id ?? randomUUID(),
    document_id: change.documentId,
    target_id: change.targetId,
    action: change.action,
    act: change.act,
    act_id: change.actId,
    round_id: change.roundId,
    position_before: change.before,
    position_after: change.after,
    detail: change.detail,
    by_account: change.by,
    at: change.at,
  };
}

/** A history entry with nothing but its action, detail and author. */
const plainChange = (documentId: string, targetId: string, action: string, detail: string | null, by: string, at: string): ChangeWrite => ({
  documentId,
  targetId,
  action,
  act: null,
  actId: null,
  roundId: null,
  before: null,
  after: null,
  detail,
  by,
  at,
});

/**
 * The Surround Sound matrix and negotiating groups. Uniqueness (a target per statement,
 * a group name per workspace) is the database's unique constraints', so concurrent adds
 * cannot both pass; a cell's revision is checked on its locked row.
 */
export class SqlMatrix implements MatrixStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
  ) {}

  /**
   * Run `write`, answering a second target with the same state or name as
   * `matrix_target_exists`, and a second group with the same name as `group_exists`.
   */
  private async unique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (this.dialect.isUniqueViolation(error, "matrix_targets", "match_key")) throw new StorageConflict("matrix_target_exists");
      if (this.dialect.isUniqueViolation(error, "negotiating_groups", "name_key")) throw new StorageConflict("group_exists");
      if (this.dialect.isUniqueViolation(error, "matrix_advocates", "organisation_key")) throw new StorageConflict("matrix_advocate_exists");
      throw error;
    }
  }

  private async record(trx: Trx, changes: ChangeWrite[]): Promise<void> {
    for (const batch of batches(changes)) await trx.insertInto("matrix_history").values(batch.map(changeRow)).execute();
  }

  /**
   * Lock the statement's targets `targetIds` for the rest of `trx` (a removal waits for it),
   * failing with StorageConflict `matrix_target_not_found` when one is gone: a write for a
   * removed target is refused as such, not by its foreign key.
   */
  private async lockTargets(trx: Trx, documentId: string, targetIds: readonly string[]): Promise<void> {
    const wanted = [...new Set(targetIds)];
    for (const batch of batches(wanted)) {
      const found = await this.dialect.lockRows(trx.selectFrom("matrix_targets").select("id").where("document_id", "=", documentId).where("id", "in", batch)).execute();
      if (found.length < batch.length) throw new StorageConflict("matrix_target_not_found");
    }
  }

  /** Lock a parent row (a statement, a workspace) so that counting its children and adding one are one step. */
  private async lockParent(trx: Trx, table: "documents" | "workspaces", id: string): Promise<void> {
    await this.dialect.lockRows(trx.selectFrom(table).select("id").where("id", "=", id)).execute();
  }

  async targets(documentId: string): Promise<StoredMatrixTarget[]> {
    const rows = await this.db
      .selectFrom("matrix_targets")
      .select(targetColumns)
      .where("document_id", "=", documentId)
      .orderBy(this.dialect.binary("added_at"))
      .orderBy(this.dialect.binary("match_key"))
      .execute();
    return rows.map(toTarget);
  }

  async target(documentId: string, targetId: string): Promise<StoredMatrixTarget | null> {
    return this.targetIn(this.db, documentId, targetId);
  }

  private async targetIn(db: Db | Trx, documentId: string, targetId: string): Promise<StoredMatrixTarget | null> {
    const row = await db.selectFrom("matrix_targets").select(targetColumns).where("document_id", "=", documentId).where("id", "=", targetId).executeTakeFirst();
    return row ? toTarget(row) : null;
  }

  async addTarget(target: StoredMatrixTarget, limit: number): Promise<StoredMatrixTarget> {
    return this.unique(() =>
      this.db.transaction().execute(async (trx) => {
        await this.lockParent(trx, "documents", target.documentId);
        const { count } = await trx.selectFrom("matrix_targets").select((eb) => eb.fn.countAll<number>().as("count")).where("document_id", "=", target.documentId).executeTakeFirstOrThrow();
        if (Number(count) >= limit) throw new StorageConflict("matrix_too_many");
        await trx.insertInto("matrix_targets").values(targetRow(target, target.addedBy, target.addedAt)).execute();
        await this.record(trx, [plainChange(target.documentId, target.id, "target_added", null, target.addedBy, target.addedAt)]);
        return (await this.targetIn(trx, target.documentId, target.id))!;
      }),
    );
  }

  async addTargets(targets: StoredMatrixTarget[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const target of targets) {
        const inserted = await trx
          .insertInto("matrix_targets")
          .values(targetRow(target, target.addedBy, target.addedAt))
          .onConflict((conflict) => conflict.doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
          await this.record(trx, [plainChange(target.documentId, target.id, "target_added", null, target.addedBy, target.addedAt)]);
        }
      }
    });
  }

  async setTargetActs(documentId: string, targetId: string, change: { actIds: string[]; expected: string[]; detail: string }, by: string, at: string): Promise<StoredMatrixTarget | null> {
    return this.db.transaction().execute(async (trx) => {
      const current = await this.dialect.lockRows(trx.selectFrom("matrix_targets").select("acts").where("document_id", "=", documentId).where("id", "=", targetId)).executeTakeFirst();
      if (!current) return null;
      if (current.acts !== JSON.stringify(sortedActs(change.expected))) throw new StorageConflict("matrix_stale");
      await trx.updateTable("matrix_targets").set({ acts: JSON.stringify(sortedActs(change.actIds)) }).where("document_id", "=", documentId).where("id", "=", targetId).execute();
      await this.record(trx, [plainChange(documentId, targetId, "target_acts_set", change.detail, by, at)]);
      return this.targetIn(trx, documentId, targetId);
    });
  }

  async removeTarget(documentId: string, targetId: string): Promise<boolean> {
    // Its cells, advocates and history go with it (foreign keys cascade).
    const deleted = await this.db.deleteFrom("matrix_targets").where("document_id", "=", documentId).where("id", "=", targetId).executeTakeFirst();
    return Number(deleted.numDeletedRows) > 0;
  }

  /** Cells with their recorder's name. */
  private cellQuery(db: Db | Trx) {
    return db.selectFrom("matrix_cells as c").innerJoin("accounts as a", "a.id", "c.recorded_by").select(cellColumns);
  }

  async cells(documentId: string, roundIds: string[]): Promise<StoredMatrixCell[]> {
    if (roundIds.length === 0) return [];
    const rows = await this.cellQuery(this.db)
      .where("c.document_id", "=", documentId)
      .where("c.round_id", "in", roundIds)
      .orderBy(this.dialect.binary("c.target_id"))
      .orderBy(this.dialect.binary("c.act_id"))
      .orderBy(this.dialect.binary("c.round_id"))
      .execute();
    return rows.map(toCell);
  }

  async cellsOf(documentId: string, targetId: string): Promise<StoredMatrixCell[]> {
    const rows = await this.cellQuery(this.db)
      .where("c.document_id", "=", documentId)
      .where("c.target_id", "=", targetId)
      .orderBy(this.dialect.binary("c.act_id"))
      .orderBy(this.dialect.binary("c.recorded_at"))
      .execute();
    return rows.map(toCell);
  }

  private async cellIn(trx: Trx, cell: Pick<MatrixCellWrite, "targetId" | "actId" | "roundId">): Promise<StoredMatrixCell | null> {
    const row = await this.cellQuery(trx).where("c.target_id", "=", cell.targetId).where("c.act_id", "=", cell.actId).where("c.round_id", "=", cell.roundId).executeTakeFirst();
    return row ? toCell(row) : null;
  }

  async setCell(cell: MatrixCellWrite, baseRevision: number | null): Promise<{ cell: StoredMatrixCell } | { conflict: StoredMatrixCell | null }> {
    return this.db.transaction().execute(async (trx) => {
      await this.lockTargets(trx, cell.documentId, [cell.targetId]);
      // The row is locked as it is read: a concurrent change waits, then reads this one's revision.
      const current = await this.dialect
        .lockRows(
          trx
            .selectFrom("matrix_cells")
            .select(["position", "revision"])
            .where("target_id", "=", cell.targetId)
            .where("act_id", "=", cell.actId)
            .where("round_id", "=", cell.roundId),
        )
        .executeTakeFirst();
      if ((current?.revision ?? null) !== baseRevision) return { conflict: await this.cellIn(trx, cell) };
      if (current) {
        await trx
          .updateTable("matrix_cells")
          .set(cellRow(cell, current.revision + 1))
          .where("target_id", "=", cell.targetId)
          .where("act_id", "=", cell.actId)
          .where("round_id", "=", cell.roundId)
          .execute();
      } else {
        // Two first recordings at once: the primary key lets one in; the other finds it there.
        const inserted = await trx
          .insertInto("matrix_cells")
          .values(cellRow(cell, 1))
          .onConflict((conflict) => conflict.doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { conflict: await this.cellIn(trx, cell) };
      }
      await this.record(trx, [
        {
          documentId: cell.documentId,
          targetId: cell.targetId,
          action: "cell_set",
          act: cell.act,
          actId: cell.actId,
          roundId: cell.roundId,
          before: current?.position ?? null,
          after: cell.position,
          detail: null,
          by: cell.recordedBy,
          at: cell.recordedAt,
        },
      ]);
      return { cell: (await this.cellIn(trx, cell))! };
    });
  }

  /** Advocates with the name of who added them. */
  private advocateQuery(db: Db | Trx) {
    return db.selectFrom("matrix_advocates as v").innerJoin("accounts as a", "a.id", "v.added_by").select(advocateColumns);
  }

  async advocates(documentId: string): Promise<StoredMatrixAdvocate[]> {
    return this.advocateQuery(this.db).where("v.document_id", "=", documentId).orderBy(this.dialect.binary("v.added_at")).orderBy(this.dialect.binary("v.id")).execute();
  }

  async advocate(documentId: string, advocateId: string): Promise<StoredMatrixAdvocate | null> {
    return this.advocateIn(this.db, documentId, advocateId);
  }

  private async advocateIn(db: Db | Trx, documentId: string, advocateId: string): Promise<StoredMatrixAdvocate | null> {
    return (await this.advocateQuery(db).where("v.document_id", "=", documentId).where("v.id", "=", advocateId).executeTakeFirst()) ?? null;
  }

  async addAdvocate(advocate: Omit<StoredMatrixAdvocate, "addedByName">, limit: number): Promise<StoredMatrixAdvocate> {
    return this.unique(() =>
      this.db.transaction().execute(async (trx) => {
        // The target's row is the lock: parallel adds for it count one after the other.
        await this.lockTargets(trx, advocate.documentId, [advocate.targetId]);
        const { count } = await trx.selectFrom("matrix_advocates").select((eb) => eb.fn.countAll<number>().as("count")).where("target_id", "=", advocate.targetId).executeTakeFirstOrThrow();
        if (Number(count) >= limit) throw new StorageConflict("matrix_too_many");
        await trx.insertInto("matrix_advocates").values(advocateRow(advocate, advocate.addedBy, advocate.addedAt)).execute();
        await this.record(trx, [plainChange(advocate.documentId, advocate.targetId, "advocate_added", advocate.organisation, advocate.addedBy, advocate.addedAt)]);
        return (await this.advocateIn(trx, advocate.documentId, advocate.id))!;
      }),
    );
  }

  async updateAdvocate(
    documentId: string,
    advocateId: string,
    change: Partial<Pick<StoredMatrixAdvocate, "channel" | "organisation" | "contactName" | "contactEmail" | "note">>,
    by: string,
    at: string,
  ): Promise<StoredMatrixAdvocate | null> {
    return this.unique(() => this.updateAdvocateIn(documentId, advocateId, change, by, at));
  }

  private async updateAdvocateIn(
    documentId: string,
    advocateId: string,
    change: Partial<Pick<StoredMatrixAdvocate, "channel" | "organisation" | "contactName" | "contactEmail" | "note">>,
    by: string,
    at: string,
  ): Promise<StoredMatrixAdvocate | null> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.dialect
        .lockRows(trx.selectFrom("matrix_advocates").select(["target_id", "organisation"]).where("document_id", "=", documentId).where("id", "=", advocateId))
        .executeTakeFirst();
      if (!existing) return null;
      await trx
        .updateTable("matrix_advocates")
        .set({
          channel: change.channel,
          organisation: change.organisation,
          organisation_key: change.organisation === undefined ? undefined : nameKey(change.organisation),
          contact_name: change.contactName,
          contact_email: change.contactEmail,
          note: change.note,
        })
        .where("id", "=", advocateId)
        .execute();
      await this.record(trx, [plainChange(documentId, existing.target_id, "advocate_changed", change.organisation ?? existing.organisation, by, at)]);
      return this.advocateIn(trx, documentId, advocateId);
    });
  }

  async removeAdvocate(documentId: string, advocateId: string, by: string, at: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.deleteFrom("matrix_advocates").where("document_id", "=", documentId).where("id", "=", advocateId).returning(["target_id", "organisation"]).executeTakeFirst();
      if (!existing) return false;
      await this.record(trx, [plainChange(documentId, existing.target_id, "advocate_removed", existing.organisation, by, at)]);
      return true;
    });
  }

  async history(documentId: string, targetId: string, limit: number): Promise<StoredMatrixChange[]> {
    return this.db
      .selectFrom("matrix_history as h")
      .leftJoin("accounts as a", "a.id", "h.by_account")
      .select([
        "h.id",
        "h.document_id as documentId",
        "h.target_id as targetId",
        "h.action",
        "h.act",
        "h.act_id as actId",
        "h.round_id as roundId",
        "h.position_before as before",
        "h.position_after as after",
        "h.detail",
        "h.by_account as by",
        "a.display_name as byName",
        "h.at",
      ])
      .where("h.document_id", "=", documentId)
      .where("h.target_id", "=", targetId)
      .orderBy(this.dialect.binary("h.at"), "desc")
      .orderBy("h.seq", "desc")
      .limit(limit)
      .execute();
  }

  async importAll(write: MatrixImportWrite): Promise<void> {
    const { documentId, by, at } = write;
    await this.unique(() =>
      this.db.transaction().execute(async (trx) => {
        const added = new Set(write.targets.map((target) => target.id));
        const named = [...write.cells.map((cell) => cell.targetId), ...write.advocates.map((advocate) => advocate.targetId), ...write.changes.map((change) => change.targetId)];
        await this.lockTargets(
          trx,
          documentId,
          named.filter((id) => !added.has(id)),
        );
        for (const batch of batches(write.targets)) await trx.insertInto("matrix_targets").values(batch.map((target) => targetRow(target, by, at))).execute();
        for (const batch of batches(write.cells)) {
          // An imported position replaces the one recorded, as a change would.
          await trx
            .insertInto("matrix_cells")
            .values(batch.map((cell) => cellRow({ ...cell, recordedBy: by, recordedAt: at }, 1)))
            .onConflict((conflict) =>
              conflict.columns(["target_id", "act_id", "round_id"]).doUpdateSet((eb) => ({
                position: eb.ref("excluded.position"),
                note: eb.ref("excluded.note"),
                internal: eb.ref("excluded.internal"),
                evidence_url: eb.ref("excluded.evidence_url"),
                evidence_quote: eb.ref("excluded.evidence_quote"),
                evidence_date: eb.ref("excluded.evidence_date"),
                recorded_by: eb.ref("excluded.recorded_by"),
                recorded_at: eb.ref("excluded.recorded_at"),
                revision: eb(eb.ref("matrix_cells.revision"), "+", 1),
              })),
            )
            .execute();
        }
        for (const batch of batches(write.advocates)) {
          // One added by someone else since the preview (or by the same file imported at once) is there already.
          await trx
            .insertInto("matrix_advocates")
            .values(batch.map((advocate) => advocateRow(advocate, by, at)))
            .onConflict((conflict) => conflict.columns(["target_id", "channel", "organisation_key"]).doNothing())
            .execute();
        }
        await this.record(
          trx,
          write.changes.map((change) => ({ ...change, documentId, by, at })),
        );
      }),
    );
  }

  async groups(workspaceId: string): Promise<StoredNegotiatingGroup[]> {
    const rows = await this.db.selectFrom("negotiating_groups").select(groupColumns).where("workspace_id", "=", workspaceId).orderBy(this.dialect.binary("name_key")).execute();
    return rows.map(toGroup);
  }

  async addGroup(group: StoredNegotiatingGroup, limit: number): Promise<StoredNegotiatingGroup> {
    const codes = sortedCodes(group.codes);
    await this.unique(() =>
      this.db.transaction().execute(async (trx) => {
        await this.lockParent(trx, "workspaces", group.workspaceId);
        const { count } = await trx.selectFrom("negotiating_groups").select((eb) => eb.fn.countAll<number>().as("count")).where("workspace_id", "=", group.workspaceId).executeTakeFirstOrThrow();
        if (Number(count) >= limit) throw new StorageConflict("matrix_too_many");
        await trx
          .insertInto("negotiating_groups")
          .values({ id: group.id, workspace_id: group.workspaceId, name: group.name, name_key: group.name.trim().toLowerCase(), codes: JSON.stringify(codes) })
          .execute();
      }),
    );
    return { ...group, codes };
  }

  async updateGroup(workspaceId: string, groupId: string, change: { name: string; codes: string[] }): Promise<StoredNegotiatingGroup | null> {
    const codes = sortedCodes(change.codes);
    const updated = await this.unique(() =>
      this.db
        .updateTable("negotiating_groups")
        .set({ name: change.name, name_key: change.name.trim().toLowerCase(), codes: JSON.stringify(codes) })
        .where("workspace_id", "=", workspaceId)
        .where("id", "=", groupId)
        .executeTakeFirst(),
    );
    return Number(updated.numUpdatedRows) > 0 ? { id: groupId, workspaceId, name: change.name, codes } : null;
  }

  async removeGroup(workspaceId: string, groupId: string): Promise<boolean> {
    const deleted = await this.db.deleteFrom("negotiating_groups").where("workspace_id", "=", workspaceId).where("id", "=", groupId).executeTakeFirst();
    return Number(deleted.numDeletedRows) > 0;
  }
}
