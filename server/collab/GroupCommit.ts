import type { Logger } from "pino";
import type { DocumentStore, GroupedAppend, GroupedOutcome } from "../storage/Storage.js";

/** Statements one transaction stores at most (the rest go in the next): keeps each query's list of statements bounded. */
const MAX_STATEMENTS_PER_COMMIT = 1_000;

interface Waiting {
  entry: GroupedAppend;
  resolve(seq: number): void;
  reject(error: unknown): void;
}

/**
 * Group commit across statements. Each room, after applying a batch, hands its update
 * here and waits; what every room handed in during one event-loop turn is committed in
 * ONE transaction (one fsync), then each room is answered and broadcasts its own update.
 * So an update is still durable before anyone receives it, and 100 statements with an
 * edit each cost one commit, not 100 in a row.
 *
 * One statement's failure stays its own: a frozen statement (`writes_closed`) is left
 * out of the group and only its room is told. Any other failure fails the transaction
 * as a whole (nothing of it is stored); then each statement's part is committed again
 * alone, so only the statement at fault fails and the others are stored, in the order
 * their rooms sent them. A room hands in its next update only
 * after the previous one is answered, so a statement's updates keep their order.
 */
export class GroupCommit {
  private queue: Waiting[] = [];
  private scheduled = false;
  private flushing = false;
  private turnMarked = false;
  /** Durable transactions of statement updates since start. */
  commits = 0;
  /** Statement updates those transactions stored. */
  committedUpdates = 0;
  /** Event-loop turns in which at least one update arrived from a socket. */
  turnsWithUpdates = 0;
  /** Milliseconds from each commit's start to its outcome (on SQLite the event loop waits that long: the commit is synchronous). */
  commitMs = 0;

  constructor(
    private readonly documents: DocumentStore,
    private readonly log: Logger,
  ) {}

  /** An update arrived from a socket (counted once per event-loop turn). */
  noteUpdate(): void {
    if (this.turnMarked) return;
    this.turnMarked = true;
    this.turnsWithUpdates += 1;
    setImmediate(() => {
      this.turnMarked = false;
    });
  }

  /** Store `entry` with the others of this turn; resolves with its seq once durable, rejects with its own failure. */
  append(entry: GroupedAppend): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // After the rooms' drains of this turn (they run as immediates too), so they all join.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, MAX_STATEMENTS_PER_COMMIT);
    if (batch.length === 0) return;
    this.flushing = true;
    const started = performance.now();
    try {
      const outcomes = await this.commit(batch.map((waiting) => waiting.entry));
      this.commitMs += performance.now() - started;
      batch.forEach((waiting, index) => {
        const outcome = outcomes[index] ?? { ok: false, error: new Error("the store gave no outcome for this statement") };
        if (outcome.ok) waiting.resolve(outcome.seq);
        else waiting.reject(outcome.error);
      });
    } finally {
      this.flushing = false;
      // What arrived while this commit was in flight (a database that answers asynchronously) goes in the next one.
      if (this.queue.length > 0) this.schedule();
    }
  }

  /** One transaction for all; if it fails as a whole, one for each, so each statement gets its own answer. */
  private async commit(entries: GroupedAppend[]): Promise<GroupedOutcome[]> {
    try {
      const outcomes = await this.documents.appendGrouped(entries);
      this.count(outcomes);
      return outcomes;
    } catch (error) {
      if (entries.length === 1) return [{ ok: false, error }];
      this.log.warn({ statements: entries.length, err: String(error) }, "group commit failed; committing each statement alone");
      const outcomes: GroupedOutcome[] = [];
      for (const entry of entries) {
        try {
          const [outcome] = await this.documents.appendGrouped([entry]);
          this.count([outcome!]);
          outcomes.push(outcome!);
        } catch (alone) {
          outcomes.push({ ok: false, error: alone });
        }
      }
      return outcomes;
    }
  }

  /** Count a transaction that stored something (a statement refused alone stored nothing). */
  private count(outcomes: GroupedOutcome[]): void {
    const stored = outcomes.filter((outcome) => outcome.ok).length;
    if (stored === 0) return;
    this.commits += 1;
    this.committedUpdates += stored;
  }
}
