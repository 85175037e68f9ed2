/**
 * Counts events per key in a sliding window, in memory (per instance: a restart forgets
 * them, which only lets someone try sooner). Used for the sign-on form's per-address and
 * per-email limits.
 */
export class SlidingWindow {
  private readonly events = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Count one event for every key, or none when any key is at `max` already: then the
   * milliseconds until that key's oldest event leaves the window (0: counted).
   */
  take(keys: { key: string; max: number }[]): number {
    const now = this.now();
    this.sweep(now);
    const recent = keys.map(({ key, max }) => ({ key, max, times: (this.events.get(key) ?? []).filter((t) => t > now - this.windowMs) }));
    const wait = Math.max(0, ...recent.filter(({ times, max }) => times.length >= max).map(({ times, max }) => times[times.length - max]! + this.windowMs - now));
    if (wait > 0) return wait;
    for (const { key, times } of recent) this.events.set(key, [...times, now]);
    return 0;
  }

  /** Drop keys with nothing left in the window (at most once a minute). */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, times] of this.events) if (times.every((t) => t <= now - this.windowMs)) this.events.delete(key);
  }
}
