import { limits } from "../../shared/limits.js";

/** A sign-in attempt let through; report how it ended (exactly one of these, then `end`). */
export interface LoginAttempt {
  /** A wrong email or password: returns how long to hold the answer, in milliseconds. */
  fail(): number;
  /** The right password: forget this account's failures from this address. */
  succeed(): void;
  /** Always call (in `finally`): frees the attempt's place even if checking it threw. */
  end(): void;
}

/** Let through, or refused for `retryAfterMs`. */
export type LoginAdmission = { kind: "allowed"; attempt: LoginAttempt } | { kind: "refused"; retryAfterMs: number };

/** Entries are swept of expired failures once the maps hold this many keys... */
const SWEEP_AT_KEYS = 10_000;
/** ...at most this often, so a crowd of addresses does not make every attempt walk them all. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Slows password guessing without letting a guesser lock the owner out.
 *
 * Failures are counted per (account, address) pair and per address in a sliding window
 * (`limits.loginWindowMs`); past `loginFailuresPerAccount` for a pair or
 * `loginFailuresPerAddress` for an address, attempts are refused (429) until the oldest
 * failure leaves the window. Nothing is counted per account alone: guesses from other
 * addresses never stop the owner signing in from theirs. Each wrong password is answered
 * after a delay that doubles with the recent failures of its pair or address (capped at
 * `loginFailureMaxDelayMs`), and a pair may have one attempt at a time, held delay
 * included: one address cannot guess faster by sending in parallel or by hanging up.
 *
 * Kept in memory, per instance: a restart forgets it, which only lets someone try sooner.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  /** Pairs with an attempt being checked or held. */
  private readonly busyPairs = new Map<string, number>();
  /** Attempts being checked per address, counted against its allowance. */
  private readonly checking = new Map<string, number>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Admit an attempt for `email` from `address`, or say how long to wait. */
  begin(email: string, address: string): LoginAdmission {
    this.sweep();
    const pair = `pair:${email.trim().toLowerCase()}\n${address}`;
    const from = `address:${address}`;
    const now = this.now();
    const busyUntil = this.busyPairs.get(pair) ?? 0;
    const wait = Math.max(
      // While being checked the end is unknown; the check plus its hold take at most this long.
      busyUntil === Number.POSITIVE_INFINITY ? limits.loginFailureMaxDelayMs : busyUntil - now,
      this.wait(pair, limits.loginFailuresPerAccount, 0),
      this.wait(from, limits.loginFailuresPerAddress, this.checking.get(from) ?? 0),
    );
    if (wait > 0) return { kind: "refused", retryAfterMs: wait };

    // Busy until released; a held failure keeps it busy until the answer is sent.
    this.busyPairs.set(pair, Number.POSITIVE_INFINITY);
    this.checking.set(from, (this.checking.get(from) ?? 0) + 1);
    let checked = false;
    let holdUntil = 0;
    const doneChecking = () => {
      if (checked) return;
      checked = true;
      const left = (this.checking.get(from) ?? 1) - 1;
      if (left > 0) this.checking.set(from, left);
      else this.checking.delete(from);
    };
    return {
      kind: "allowed",
      attempt: {
        fail: () => {
          const at = this.now();
          const recent = Math.max(this.record(pair, at), this.record(from, at));
          const delay = Math.min(limits.loginFailureDelayMs * 2 ** (recent - 1), limits.loginFailureMaxDelayMs);
          holdUntil = at + delay;
          doneChecking();
          return delay;
        },
        succeed: () => {
          this.failures.delete(pair);
          doneChecking();
        },
        end: () => {
          doneChecking();
          if (holdUntil > this.now()) this.busyPairs.set(pair, holdUntil);
          else this.busyPairs.delete(pair);
        },
      },
    };
  }

  /** Add a failure at `at`; returns how many are recent now. */
  private record(key: string, at: number): number {
    const list = this.recent(key);
    list.push(at);
    this.failures.set(key, list);
    return list.length;
  }

  private recent(key: string): number[] {
    const since = this.now() - limits.loginWindowMs;
    const list = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }

  /** Milliseconds until `key` is under `max` failures, counting `pending` attempts still being checked. */
  private wait(key: string, max: number, pending: number): number {
    const list = this.recent(key);
    if (list.length + pending < max) return 0;
    // Attempts still being checked will free their place within a few seconds.
    if (list.length < max) return limits.loginFailureMaxDelayMs;
    return list[list.length - max]! + limits.loginWindowMs - this.now();
  }

  /** Forget expired failures and finished holds, so many addresses cannot grow memory without end. */
  private sweep(): void {
    if (this.failures.size + this.busyPairs.size < SWEEP_AT_KEYS || this.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = this.now();
    for (const key of Array.from(this.failures.keys())) this.recent(key);
    const now = this.now();
    for (const [pair, until] of this.busyPairs) if (until <= now) this.busyPairs.delete(pair);
  }
}
