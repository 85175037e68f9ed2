/**
 * Every date and time the interface shows goes through here, in the page's language
 * (`<html lang>`), so one screen never mixes "2026-11-02", "11/30/2026" and "Nov 30".
 * Dates read "30 Nov 2026"; times are 24-hour unless the language says otherwise.
 */

function language(): string | undefined {
  return typeof document === "undefined" ? undefined : document.documentElement.lang || undefined;
}

function toDate(value: string | Date): Date | null {
  const date = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "30 Nov 2026". */
export function formatDate(value: string | Date): string {
  const date = toDate(value);
  return date ? date.toLocaleDateString(language(), { day: "numeric", month: "short", year: "numeric" }) : "";
}

/** "07:08". */
export function formatTime(value: string | Date): string {
  const date = toDate(value);
  return date ? date.toLocaleTimeString(language(), { hour: "2-digit", minute: "2-digit" }) : "";
}

/** "30 Nov 2026, 07:08". */
export function formatDateTime(value: string | Date): string {
  const date = toDate(value);
  return date ? `${formatDate(date)}, ${formatTime(date)}` : "";
}

/** "3 min ago", "yesterday", or a date: how long ago a time was, for lists (the exact time goes in a tooltip). */
export function formatWhen(value: string | Date, now: Date = new Date()): string {
  const then = toDate(value);
  if (!then) return "";
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (seconds < 60) return "just now";
  const format = new Intl.RelativeTimeFormat(language(), { numeric: "auto" });
  if (seconds < 3600) return format.format(-Math.round(seconds / 60), "minute");
  if (seconds < 86400) return format.format(-Math.round(seconds / 3600), "hour");
  if (seconds < 7 * 86400) return format.format(-Math.round(seconds / 86400), "day");
  return formatDate(then);
}
