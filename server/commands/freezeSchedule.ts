/**
 * Scheduled freezes: a chair names the time the current round freezes; every member hears of
 * it, is reminded a day and an hour before, and hears when it froze. Each instance's
 * scheduler looks for due schedules; a lease on the database's clock lets exactly one of them
 * freeze the round, and another takes over after the lease should that one die half-way.
 */
import type { Logger } from "pino";
import type { NotificationDetail, NotificationKind } from "../../shared/notifications.js";
import { notificationLink } from "../../shared/notifications.js";
import type { StoredDocument, StoredFreezeSchedule, StoredRound } from "../storage/Storage.js";
import type { AppContext } from "../http/context.js";
import { CommandError } from "./CommandError.js";
import { freezeRound } from "./rounds.js";

/** The reminders before a scheduled freeze, earliest first. */
export const freezeReminders = [
  { name: "24h", beforeMs: 24 * 3600_000 },
  { name: "1h", beforeMs: 3600_000 },
] as const;

/** The furthest ahead a freeze may be scheduled. */
export const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 3600_000;

/** How long an instance may take to freeze a claimed round before another may try. */
export const SCHEDULED_FREEZE_LEASE_MS = 120_000;

/** A statement as the audit log names it. */
const named = (document: StoredDocument) => ({ id: document.id, name: document.title });

/**
 * Tell every member of the statement's workspace (but `actorId`) about a round. What caused
 * it stays done: this never throws (the notifier logs its own failures; should the members
 * not be readable, nobody is told).
 */
export async function notifyMembers(
  context: AppContext,
  document: StoredDocument,
  event: { kind: NotificationKind; actorId: string | null; subject: string; detail: NotificationDetail; link: string },
): Promise<void> {
  const members = await context.notifier.members(document.workspaceId).catch(() => null);
  if (!members) return;
  await context.notifier.notify(
    members.map((m) => m.accountId),
    { workspaceId: document.workspaceId, documentId: document.id, ...event },
  );
}

/** The current round, if it is `roundId` and still open; otherwise the refusal. */
async function openCurrentRound(context: AppContext, document: StoredDocument, roundId: string): Promise<StoredRound> {
  const round = (await context.storage.rounds.list(document.id)).at(-1);
  if (!round || round.id !== roundId) throw new CommandError("not_found", "round_not_current", "Only the current round's freeze can be scheduled.");
  if (round.frozenAt) throw new CommandError("conflict", "already_frozen", "This round is already frozen.");
  return round;
}

/** The reminders whose time has already passed for a freeze at `atMs` seen at `nowMs`. */
export function passedReminders(atMs: number, nowMs: number): string[] {
  return freezeReminders.filter((r) => atMs - nowMs <= r.beforeMs).map((r) => r.name);
}

/**
 * Schedule (or move) the freeze of the current round at `at` (in the future, at most a year
 * ahead). Reminders whose time has already passed are not sent.
 */
export async function scheduleFreeze(
  context: AppContext,
  input: { document: StoredDocument; roundId: string; at: string; by: string; nowMs?: number },
): Promise<{ round: StoredRound; schedule: StoredFreezeSchedule }> {
  const round = await openCurrentRound(context, input.document, input.roundId);
  const atMs = Date.parse(input.at);
  const nowMs = input.nowMs ?? Date.now();
  if (!Number.isFinite(atMs) || atMs <= nowMs) throw new CommandError("invalid", "freeze_time_past", "Choose a time in the future for the freeze.");
  if (atMs - nowMs > MAX_SCHEDULE_AHEAD_MS) throw new CommandError("invalid", "freeze_time_too_far", "A freeze can be scheduled at most a year ahead.");
  const schedule: StoredFreezeSchedule = {
    roundId: round.id,
    documentId: input.document.id,
    at: new Date(atMs).toISOString(),
    scheduledBy: input.by,
    scheduledAt: new Date(nowMs).toISOString(),
    remindersSent: passedReminders(atMs, nowMs),
    doneAt: null,
  };
  if (!(await context.storage.freezeSchedules.set(schedule))) throw new CommandError("conflict", "already_frozen", "This round is being frozen now.");
  // Frozen (by hand, or by another round opening) while this was being scheduled: the
  // schedule must not outlive its round.
  const now = (await context.storage.rounds.list(input.document.id)).at(-1);
  if (!now || now.id !== round.id || now.frozenAt) {
    await context.storage.freezeSchedules.cancel(round.id);
    throw new CommandError("conflict", "already_frozen", "This round is already frozen.");
  }
  return { round, schedule };
}

/** Cancel the current round's scheduled freeze. */
export async function cancelFreeze(context: AppContext, input: { document: StoredDocument; roundId: string }): Promise<StoredRound> {
  const round = await openCurrentRound(context, input.document, input.roundId);
  if (!(await context.storage.freezeSchedules.cancel(round.id))) throw new CommandError("not_found", "freeze_not_scheduled", "No freeze is scheduled for this round.");
  return round;
}

/**
 * Send the reminders that are due at `nowMs` (one notification per schedule and tick,
 * whichever instance wins). A schedule whose round is frozen or no longer current reminds
 * nobody and is done.
 */
export async function sendFreezeReminders(context: AppContext, nowMs: number): Promise<number> {
  let sent = 0;
  for (const schedule of await context.storage.freezeSchedules.listPending()) {
    const atMs = Date.parse(schedule.at);
    if (atMs <= nowMs) continue;
    const due = freezeReminders.filter((r) => !schedule.remindersSent.includes(r.name) && atMs - nowMs <= r.beforeMs).map((r) => r.name);
    if (due.length === 0) continue;
    const document = await context.storage.documents.get(schedule.documentId);
    const current = document && (await context.storage.rounds.list(document.id)).at(-1);
    if (!document || !current || current.id !== schedule.roundId || current.frozenAt) {
      await context.storage.freezeSchedules.retire(schedule.roundId, new Date().toISOString());
      continue;
    }
    // Of several instances, the one whose update still finds the reminders it read sends them.
    if (!(await context.storage.freezeSchedules.markReminders(schedule.roundId, schedule.at, schedule.remindersSent, due))) continue;
    const round = current;
    await notifyMembers(context, document, {
      kind: "freezeReminder",
      actorId: null,
      subject: round.id,
      detail: { statement: document.title, round: round.name, at: schedule.at },
      link: notificationLink({ documentId: document.id, history: true }),
    });
    sent += 1;
  }
  return sent;
}

/**
 * Freeze every round whose scheduled time has come and that this instance (`holder`) claims;
 * answers how many it froze. A round already frozen (by hand, or by an instance that died
 * before marking its schedule done) counts as done.
 */
export async function runDueFreezes(context: AppContext, holder: string, log: Pick<Logger, "error">): Promise<number> {
  const { storage } = context;
  let frozen = 0;
  const failed = new Set<string>();
  for (;;) {
    const schedule = await storage.freezeSchedules.claimDue(holder, SCHEDULED_FREEZE_LEASE_MS);
    if (!schedule || failed.has(schedule.roundId)) break;
    const document = await storage.documents.get(schedule.documentId);
    if (document) {
      try {
        const version = await freezeRound(context, { document, roundId: schedule.roundId, by: schedule.scheduledBy });
        await storage.audit.record({
          workspaceId: document.workspaceId,
          actorId: schedule.scheduledBy,
          action: "round_frozen",
          subject: version.roundId,
          detail: {
            document: named(document),
            round: { id: version.roundId, name: version.roundName },
            version: { id: version.id, sha256: version.sha256 },
            scheduled: true,
            at: schedule.at,
          },
          address: null,
        });
        await notifyMembers(context, document, {
          kind: "frozen",
          actorId: null,
          subject: version.roundId,
          detail: { statement: document.title, round: version.roundName, at: version.createdAt },
          link: notificationLink({ documentId: document.id, versionId: version.id }),
        });
        frozen += 1;
      } catch (error) {
        if (!(error instanceof CommandError && (error.id === "already_frozen" || error.id === "round_not_current"))) {
          // Left claimed: tried again once the lease runs out.
          log.error({ err: String(error), roundId: schedule.roundId }, "scheduled freeze failed");
          failed.add(schedule.roundId);
          continue;
        }
      }
    }
    await storage.freezeSchedules.finish(schedule.roundId, holder, new Date().toISOString());
  }
  return frozen;
}

/**
 * Each instance's clock for scheduled freezes: every `tickMs` it sends the reminders due and
 * freezes the rounds due. Ticks never overlap; `tick` may be called directly (tests, with the
 * time the reminders are measured at).
 */
export class FreezeScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly context: AppContext,
    private readonly holder: string,
    private readonly log: Pick<Logger, "error">,
  ) {}

  start(tickMs: number): void {
    this.timer = setInterval(() => void this.tick(), tickMs);
    this.timer.unref();
  }

  /** One look: reminders at `nowMs`, then the freezes due on the database's clock. */
  tick(nowMs: number = Date.now()): Promise<void> {
    this.running ??= (async () => {
      try {
        await sendFreezeReminders(this.context, nowMs);
        await runDueFreezes(this.context, this.holder, this.log);
      } catch (error) {
        this.log.error({ err: String(error) }, "freeze scheduler tick failed");
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Stop ticking and wait for a tick under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
