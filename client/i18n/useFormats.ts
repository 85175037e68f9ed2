/**
 * Every date, time and number the interface shows goes through here, in the reader's
 * language, so one screen never mixes "2026-11-02", "11/30/2026" and "Nov 30". Dates
 * read "30 Nov 2026" (in French "30 nov. 2026", in Arabic "30 نوفمبر 2026").
 */
import { useMemo } from "react";
import { defineMessages, useIntl, type IntlShape } from "react-intl";

const messages = defineMessages({
  justNow: { id: "format.justNow", defaultMessage: "just now" },
});

type When = string | Date;

function toDate(value: When): Date | null {
  const date = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The formats of one language. */
export interface Formats {
  /** "30 Nov 2026". */
  date(value: When): string;
  /** "07:08". */
  time(value: When): string;
  /** "30 Nov 2026, 07:08". */
  dateTime(value: When): string;
  /** "3 min ago", "yesterday", or a date: how long ago a time was, for lists (the exact time goes in a tooltip). */
  when(value: When, now?: Date): string;
  /** "1,234" (with the language's separators). */
  number(value: number): string;
}

export function formatsOf(intl: IntlShape): Formats {
  const date = (value: When) => {
    const d = toDate(value);
    return d ? intl.formatDate(d, { day: "numeric", month: "short", year: "numeric" }) : "";
  };
  const time = (value: When) => {
    const d = toDate(value);
    return d ? intl.formatTime(d, { hour: "2-digit", minute: "2-digit" }) : "";
  };
  return {
    date,
    time,
    dateTime: (value) => {
      const d = toDate(value);
      return d ? intl.formatDate(d, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }) : "";
    },
    when: (value, now = new Date()) => {
      const then = toDate(value);
      if (!then) return "";
      const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
      if (seconds < 60) return intl.formatMessage(messages.justNow);
      if (seconds < 3600) return intl.formatRelativeTime(-Math.round(seconds / 60), "minute", { numeric: "auto" });
      if (seconds < 86400) return intl.formatRelativeTime(-Math.round(seconds / 3600), "hour", { numeric: "auto" });
      if (seconds < 7 * 86400) return intl.formatRelativeTime(-Math.round(seconds / 86400), "day", { numeric: "auto" });
      return date(then);
    },
    number: (value) => intl.formatNumber(value),
  };
}

/** The current language's formats. */
export function useFormats(): Formats {
  const intl = useIntl();
  return useMemo(() => formatsOf(intl), [intl]);
}
