/**
 * Notifications by email, through a queue kept in the database so nothing is lost to a
 * restart or an SMTP outage:
 * - the notifier's sink queues one mail per notification for those who want each one
 *   (in the same transaction that marks them mailed), before the action's request answers;
 * - once a day, at `DIGEST_HOUR_UTC`, each digest reader's notifications of the past day
 *   in a workspace are taken and queued as one mail (taken and queued in one transaction,
 *   so two instances never digest the same notification);
 * - a sweep queues the mail of any notification of someone who wants each one that is
 *   still unmailed after `MISSED_GRACE_MS` (its sink failed, the server died between the
 *   two writes, or the reader switched from the digest during the day), each taken once;
 * - every instance polls for due mail and sends each under a lease taken on the
 *   database's clock; a failed attempt is retried later (doubling waits), and after the
 *   last one the mail is given up and the workspace's audit log says so;
 * - before sending, the reader's choice and membership are read again: a mail they no
 *   longer want, or of a workspace they left, is cancelled, never sent.
 */
import type { Logger } from "pino";
import { DEFAULT_EMAIL_MODE, DIGEST_HOUR_UTC } from "../../shared/notifications.js";
import { visibleName } from "../../shared/displayName.js";
import { DEFAULT_LOCALE } from "../../shared/i18n/locales.js";
import { hashSecret, newId, newSecret } from "../auth/secrets.js";
import type { NotificationSink } from "../notifications/Notifier.js";
import type { NewMailJob, NewNotification, Storage, StoredAccount, StoredMailJob, StoredNotification } from "../storage/Storage.js";
import type { Mailer } from "./mailer.js";
import { digestMail, notificationMail, unsubscribeHeaders, unsubscribeLinks, type MailedNotification } from "./notificationMail.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Mails taken per poll. */
const BATCH = 20;
/** The longest wait between attempts, as a multiple of the first. */
const MAX_BACKOFF_FACTOR = 64;
/** How long a notification of someone who wants each one may stay unmailed before the sweep queues it. */
export const MISSED_GRACE_MS = 30_000;

/** The latest digest time (today's or yesterday's `DIGEST_HOUR_UTC`) at or before `nowMs`. */
export function digestCutoff(nowMs: number): number {
  const day = new Date(nowMs);
  const cutoff = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), DIGEST_HOUR_UTC);
  return cutoff <= nowMs ? cutoff : cutoff - DAY_MS;
}

/** The wait before attempt `attempts + 1` after `attempts` failed ones. */
export function retryDelay(retryMs: number, attempts: number): number {
  return retryMs * Math.min(2 ** Math.max(0, attempts - 1), MAX_BACKOFF_FACTOR);
}

export interface MailQueueOptions {
  /** This instance, as the holder of the leases it takes. */
  holder: string;
  /** The workspace's public address (`https://...`, no trailing slash), for links. */
  origin: () => string;
  pollMs: number;
  retryMs: number;
  maxAttempts: number;
  leaseMs: number;
  /** The clock deciding when digests are due (tests move it); epoch ms. */
  now: () => number;
}

export class MailQueue {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly storage: Storage,
    private readonly mailer: Mailer,
    private readonly options: MailQueueOptions,
    private readonly log: Pick<Logger, "error" | "warn">,
  ) {}

  /** For the notifier: queue a mail for each notification whose recipient wants each one by email. */
  readonly sink: NotificationSink = async (rows) => {
    const modes = await this.storage.notifications.emailModes([...new Set(rows.map((row) => row.accountId))]);
    const modeOf = (row: NewNotification) => modes.get(row.accountId) ?? DEFAULT_EMAIL_MODE;
    const immediate = rows.filter((row) => modeOf(row) === "immediate");
    // Those who want no mail: set aside, so that a later change of mode does not mail them.
    const unwanted = rows.filter((row) => modeOf(row) === "off").map((row) => row.id);
    if (immediate.length === 0 && unwanted.length === 0) return;
    const accounts = await this.accounts(immediate.flatMap((row) => [row.accountId, row.actorId]));
    const origin = this.options.origin();
    const at = new Date(this.options.now()).toISOString();
    const jobs: NewMailJob[] = [];
    for (const row of immediate) {
      const account = accounts.get(row.accountId);
      if (!account) continue;
      jobs.push(this.job(account, row.workspaceId, "notification", at, (links) => notificationMail(this.languageOf(account), this.mailed(row, accounts), origin, links)));
    }
    await this.storage.mail.enqueue(jobs, [...immediate.map((row) => row.id), ...unwanted], at);
    if (jobs.length > 0) this.kick();
  };

  /** Poll every `pollMs` (the timer does not keep the process alive). */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Stop polling and wait for the round in progress (before storage closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Run a round now (or once more after the one in progress); errors are logged. */
  kick(): void {
    void this.tick();
  }

  /** One round: queue the digests that are due and the mail missed, then send what is due. Resolves when done. */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.dropFormerMembers();
          await this.queueDigests();
          await this.queueMissed();
          await this.sendDue();
        } catch (error) {
          this.log.error({ err: String(error) }, "mail queue round failed");
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private languageOf(account: StoredAccount) {
    return account.language ?? DEFAULT_LOCALE;
  }

  private async accounts(ids: (string | null)[]): Promise<Map<string, StoredAccount>> {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    const found = await Promise.all(unique.map((id) => this.storage.accounts.get(id)));
    return new Map(found.filter((account): account is StoredAccount => account !== null).map((account) => [account.id, account]));
  }

  private mailed(row: NewNotification | StoredNotification, accounts: Map<string, StoredAccount>): MailedNotification {
    const actor = row.actorId ? accounts.get(row.actorId) : undefined;
    return { kind: row.kind, actor: actor ? { id: actor.id, name: visibleName(actor.displayName) } : null, documentId: row.documentId, detail: row.detail, link: row.link, createdAt: row.createdAt };
  }

  /** A job for `account` with a fresh unsubscribe secret (only its hash is kept) and a stable Message-ID. */
  private job(
    account: StoredAccount,
    workspaceId: string,
    kind: NewMailJob["kind"],
    at: string,
    compose: (links: ReturnType<typeof unsubscribeLinks>) => { subject: string; text: string },
  ): NewMailJob {
    const id = newId();
    const secret = newSecret();
    const origin = this.options.origin();
    const links = unsubscribeLinks(origin, secret);
    const { subject, text } = compose(links);
    return {
      id,
      workspaceId,
      accountId: account.id,
      recipient: account.email,
      language: this.languageOf(account),
      kind,
      subject,
      text,
      headers: unsubscribeHeaders(links),
      messageId: `<${id}.notification@${new URL(origin).hostname}>`,
      unsubscribeHash: hashSecret(secret),
      createdAt: at,
    };
  }

  /** The start of the oldest day a digest or the sweep still looks at. */
  private windowStart(nowMs: number): string {
    return new Date(digestCutoff(nowMs) - DAY_MS).toISOString();
  }

  /** Notifications of workspaces their reader has left are never mailed: set them aside once. */
  private async dropFormerMembers(): Promise<void> {
    const nowMs = this.options.now();
    await this.storage.mail.dropFormerMembers(this.windowStart(nowMs), new Date(nowMs).toISOString());
  }

  /**
   * Notifications of readers who want each one, still unmailed after a grace: since the
   * start of the last digest's day, whatever their age (a day switched from the digest
   * to each one is not lost; older ones were a digest's to take). One mail each, each
   * notification taken once (as digests are), so two instances never both queue it.
   */
  private async queueMissed(): Promise<void> {
    const nowMs = this.options.now();
    const pending = await this.storage.mail.unmailedImmediate(this.windowStart(nowMs), new Date(nowMs - MISSED_GRACE_MS).toISOString(), BATCH);
    if (pending.length === 0) return;
    const accounts = await this.accounts(pending.flatMap((row) => [row.accountId, row.actorId]));
    const origin = this.options.origin();
    const at = new Date(nowMs).toISOString();
    for (const row of pending) {
      if (this.stopped) return;
      const account = accounts.get(row.accountId);
      if (!account) {
        // No account to mail: set aside, so it does not come back each round.
        await this.storage.mail.enqueue([], [row.id], at);
        continue;
      }
      await this.storage.mail.enqueueDigest([row.id], at, () =>
        this.job(account, row.workspaceId, "notification", at, (links) => notificationMail(this.languageOf(account), this.mailed(row, accounts), origin, links)),
      );
    }
  }

  /** At or after the digest hour: each digest reader's unmailed notifications of the day before it, one mail per workspace. */
  private async queueDigests(): Promise<void> {
    const nowMs = this.options.now();
    const cutoff = digestCutoff(nowMs);
    const pending = await this.storage.mail.undigested(new Date(cutoff - DAY_MS).toISOString(), new Date(cutoff).toISOString());
    if (pending.length === 0) return;
    const groups = new Map<string, StoredNotification[]>();
    for (const row of pending) {
      const key = `${row.accountId}\u0000${row.workspaceId}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const accounts = await this.accounts(pending.flatMap((row) => [row.accountId, row.actorId]));
    const origin = this.options.origin();
    const at = new Date(nowMs).toISOString();
    for (const rows of groups.values()) {
      if (this.stopped) return;
      const first = rows[0]!;
      const account = accounts.get(first.accountId);
      if (!account) continue;
      const workspace = (await this.storage.workspaces.get(first.workspaceId))?.name ?? "";
      await this.storage.mail.enqueueDigest(
        rows.map((row) => row.id),
        at,
        (taken) => {
          const included = rows.filter((row) => taken.includes(row.id)).map((row) => this.mailed(row, accounts));
          return this.job(account, first.workspaceId, "digest", at, (links) => digestMail(this.languageOf(account), workspace, included, origin, links));
        },
      );
    }
  }

  /** Claim and send each due mail; a failure is retried later, or given up after the last attempt. */
  private async sendDue(): Promise<void> {
    for (const id of await this.storage.mail.due(BATCH)) {
      if (this.stopped) return;
      const job = await this.storage.mail.claim(id, this.options.holder, this.options.leaseMs);
      if (!job) continue;
      const unwanted = await this.unwanted(job);
      if (unwanted === null) await this.send(job);
      else await this.storage.mail.cancel(job.id, this.options.holder, unwanted, new Date(this.options.now()).toISOString());
    }
  }

  /** Why the reader no longer wants this mail (their email mode, or they left its workspace); null if they still do. */
  private async unwanted(job: StoredMailJob): Promise<string | null> {
    const mode = (await this.storage.notifications.emailMode(job.accountId)) ?? DEFAULT_EMAIL_MODE;
    if (mode === "off") return "email mode off";
    if (job.kind === "notification" && mode !== "immediate") return `email mode ${mode}`;
    if (!(await this.storage.workspaces.membership(job.workspaceId, job.accountId))) return "no longer a member";
    return null;
  }

  private async send(job: StoredMailJob): Promise<void> {
    let failure: unknown = null;
    try {
      await this.mailer.send({ to: job.recipient, subject: job.subject, text: job.text, headers: job.headers, messageId: job.messageId });
    } catch (error) {
      failure = error;
    }
    const at = new Date(this.options.now()).toISOString();
    if (failure === null) {
      // Accepted by the SMTP server: a crash before this line is the one way it goes out twice (README, Mail).
      await this.storage.mail.markSent(job.id, at);
      return;
    }
    const reason = failure instanceof Error ? failure.message : String(failure);
    const attempts = job.attempts + 1;
    const giveUp = attempts >= this.options.maxAttempts;
    const recorded = await this.storage.mail.markFailed(job.id, this.options.holder, reason, giveUp ? null : retryDelay(this.options.retryMs, attempts), at);
    this.log.warn({ mail: job.id, attempts, giveUp, err: reason }, "mail not sent");
    if (giveUp && recorded) {
      await this.storage.audit.record({
        workspaceId: job.workspaceId,
        actorId: null,
        action: "mail_failed",
        subject: job.accountId,
        detail: { count: attempts, reason: reason.slice(0, 200), kind: job.kind, mail: job.id },
        address: null,
      });
    }
  }
}
