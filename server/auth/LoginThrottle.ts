import { limits } from "../../shared/limits.js";

/**
 * Counts failed logins per account and per address in a sliding window; past the limit,
 * further attempts are refused until the oldest failure leaves the window. Kept in
 * memory: a restart forgets it, which only ever lets someone try a little sooner.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until `email` from `address` may try again; 0 when allowed now. */
  retryAfter(email: string, address: string): number {
    return Math.max(
      this.wait(`account:${email}`, limits.loginFailuresPerAccount),
      this.wait(`address:${address}`, limits.loginFailuresPerAddress),
    );
  }

  /** Record a failed attempt. */
  fail(email: string, address: string): void {
    for (const key of [`account:${email}`, `address:${address}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
  }

  /** A successful login clears the account's failures (not the address's). */
  succeed(email: string): void {
    this.failures.delete(`account:${email}`);
  }

  private recent(key: string): number[] {
    const since = this.now() - limits.loginWindowMs;
    const list = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }

  private wait(key: string, max: number): number {
    const list = this.recent(key);
    if (list.length < max) return 0;
    return list[list.length - max]! + limits.loginWindowMs - this.now();
  }
}
