/**
 * Times of a scheduled freeze as the screens need them: what a date-and-time field holds
 * (the reader's local time) and back, and how long is left, in whole minutes.
 */

const pad = (n: number) => String(n).padStart(2, "0");

/** `date` as a `datetime-local` field's value ("2026-05-28T20:00") in the reader's time zone. */
export function localFieldValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant a `datetime-local` value names in the reader's time zone (ISO, UTC); null when it names none. */
export function instantOfLocalField(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** What is left until `at` from `now`, rounded up to the minute; null once the time has come. */
export function timeLeft(at: Date, now: Date): { days: number; hours: number; minutes: number } | null {
  const ms = at.getTime() - now.getTime();
  if (ms <= 0) return null;
  const total = Math.ceil(ms / 60_000);
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
}

/** How long until what `timeLeft` shows changes (the next whole minute before `at`), at least a second. */
export function untilNextMinute(at: Date, now: Date): number {
  const ms = at.getTime() - now.getTime();
  if (ms <= 0) return 0;
  return Math.max(1000, ms % 60_000 || 60_000);
}
