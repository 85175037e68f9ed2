import { sql } from "kysely";
import type { FreezeScheduleStore, StoredFreezeSchedule } from "../Storage.js";
import type { Db } from "../schema.js";
import type { SqlDialect } from "../dialect.js";

const columns = [
  "round_id as roundId",
  "document_id as documentId",
  "at",
  "scheduled_by as scheduledBy",
  "scheduled_at as scheduledAt",
  "reminders_sent as remindersSent",
  "done_at as doneAt",
] as const;

type Row = Omit<StoredFreezeSchedule, "remindersSent"> & { remindersSent: string };

const stored = (row: Row): StoredFreezeSchedule => ({ ...row, remindersSent: JSON.parse(row.remindersSent) as string[] });

/** Scheduled freezes, for both databases; claims and reminders are conditional updates. */
export class SqlFreezeSchedules implements FreezeScheduleStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
  ) {}

  async set(schedule: Omit<StoredFreezeSchedule, "doneAt">): Promise<boolean> {
    const values = {
      document_id: schedule.documentId,
      at: schedule.at,
      at_ms: Date.parse(schedule.at),
      scheduled_by: schedule.scheduledBy,
      scheduled_at: schedule.scheduledAt,
      reminders_sent: JSON.stringify(schedule.remindersSent),
      claimed_by: null,
      claimed_until_ms: null,
      done_at: null,
    };
    // A schedule an instance is freezing now (a live lease) is left to it.
    const result = await this.db
      .insertInto("freeze_schedules")
      .values({ round_id: schedule.roundId, ...values })
      .onConflict((conflict) =>
        conflict
          .column("round_id")
          .doUpdateSet(values)
          .where((eb) => eb.or([eb("freeze_schedules.claimed_until_ms", "is", null), eb("freeze_schedules.claimed_until_ms", "<=", this.dialect.nowMs())])),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async retire(roundId: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable("freeze_schedules")
      .set({ done_at: at, claimed_until_ms: null })
      .where("round_id", "=", roundId)
      .where("done_at", "is", null)
      .where((eb) => eb.or([eb("claimed_until_ms", "is", null), eb("claimed_until_ms", "<=", this.dialect.nowMs())]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async cancel(roundId: string): Promise<boolean> {
    const result = await this.db.deleteFrom("freeze_schedules").where("round_id", "=", roundId).where("done_at", "is", null).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async pendingFor(documentIds: string[]): Promise<Map<string, StoredFreezeSchedule>> {
    if (documentIds.length === 0) return new Map();
    const rows = await this.db.selectFrom("freeze_schedules").select(columns).where("document_id", "in", documentIds).where("done_at", "is", null).execute();
    return new Map(rows.map((row) => [row.documentId, stored(row)]));
  }

  async listPending(): Promise<StoredFreezeSchedule[]> {
    const rows = await this.db.selectFrom("freeze_schedules").select(columns).where("done_at", "is", null).orderBy("at_ms").execute();
    return rows.map(stored);
  }

  async claimDue(holder: string, leaseMs: number): Promise<StoredFreezeSchedule | null> {
    const now = this.dialect.nowMs();
    const candidates = await this.db
      .selectFrom("freeze_schedules")
      .select("round_id")
      .where("done_at", "is", null)
      .where("at_ms", "<=", now)
      .where((eb) => eb.or([eb("claimed_until_ms", "is", null), eb("claimed_until_ms", "<=", now)]))
      .orderBy("at_ms")
      .limit(5)
      .execute();
    for (const { round_id } of candidates) {
      // Only one holder's update finds the row still unclaimed (or its lease run out).
      const result = await this.db
        .updateTable("freeze_schedules")
        .set({ claimed_by: holder, claimed_until_ms: sql<number>`${this.dialect.nowMs()} + ${Math.ceil(leaseMs)}` })
        .where("round_id", "=", round_id)
        .where("done_at", "is", null)
        .where("at_ms", "<=", this.dialect.nowMs())
        .where((eb) => eb.or([eb("claimed_until_ms", "is", null), eb("claimed_until_ms", "<=", this.dialect.nowMs())]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) continue;
      const row = await this.db.selectFrom("freeze_schedules").select(columns).where("round_id", "=", round_id).executeTakeFirst();
      if (row) return stored(row);
    }
    return null;
  }

  async finish(roundId: string, holder: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable("freeze_schedules")
      .set({ done_at: at, claimed_until_ms: null })
      .where("round_id", "=", roundId)
      .where("claimed_by", "=", holder)
      .where("done_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async markReminders(roundId: string, at: string, seen: string[], reminders: string[]): Promise<boolean> {
    const result = await this.db
      .updateTable("freeze_schedules")
      .set({ reminders_sent: JSON.stringify([...seen, ...reminders]) })
      .where("round_id", "=", roundId)
      .where("at", "=", at)
      .where("done_at", "is", null)
      .where("reminders_sent", "=", JSON.stringify(seen))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
