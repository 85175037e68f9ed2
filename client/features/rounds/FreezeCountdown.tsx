import { useEffect, useState } from "react";
import { defineMessages, useIntl, type IntlShape, type NoMessageValues } from "react-intl";
import { timeLeft, untilNextMinute } from "./freezeTime.js";

/** What each message is given. */
type Values = {
  closesIn: { round: string; left: string; time: string };
  closingNow: { round: string; time: string };
  daysHours: { days: number; hours: number };
  hoursMinutes: { hours: number; minutes: number };
  minutes: { minutes: number };
  utcTime: { time: string };
  label: NoMessageValues;
};

const messages = defineMessages<Values>({
  closesIn: { id: "freeze.closesIn", defaultMessage: "“{round}” closes in {left} ({time})" },
  closingNow: { id: "freeze.closingNow", defaultMessage: "“{round}” is closing now ({time})" },
  daysHours: { id: "freeze.daysHours", defaultMessage: "{days, plural, one {# day} other {# days}} {hours, plural, one {# hour} other {# hours}}" },
  hoursMinutes: { id: "freeze.hoursMinutes", defaultMessage: "{hours, plural, one {# hour} other {# hours}} {minutes, plural, one {# minute} other {# minutes}}" },
  minutes: { id: "freeze.minutes", defaultMessage: "{minutes, plural, one {# minute} other {# minutes}}" },
  utcTime: { id: "freeze.utcTime", defaultMessage: "{time} UTC" },
  label: { id: "freeze.countdownLabel", defaultMessage: "Scheduled freeze" },
});

/** A freeze's time in UTC, in the reader's language: "28 May 2026, 18:00 UTC". */
export function utcTime(intl: IntlShape, at: string): string {
  const time = intl.formatDate(new Date(at), { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", hourCycle: "h23" });
  return intl.formatMessage(messages.utcTime, { time });
}

/** "1 day 4 hours", "3 hours 12 minutes", "5 minutes". */
function leftText(intl: IntlShape, left: { days: number; hours: number; minutes: number }): string {
  if (left.days > 0) return intl.formatMessage(messages.daysHours, { days: left.days, hours: left.hours });
  if (left.hours > 0) return intl.formatMessage(messages.hoursMinutes, { hours: left.hours, minutes: left.minutes });
  return intl.formatMessage(messages.minutes, { minutes: left.minutes });
}

/**
 * The banner every member sees while the round's freeze is scheduled: how long is left, and
 * the time in UTC. It changes once a minute and is not a live region (a screen reader reads
 * it when the reader gets to it, not at every change).
 */
export function FreezeCountdown({ round, at }: { round: string; at: string }) {
  const intl = useIntl();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const wait = untilNextMinute(new Date(at), now);
    if (wait === 0) return;
    const timer = setTimeout(() => setNow(new Date()), wait);
    return () => clearTimeout(timer);
  }, [at, now]);
  const left = timeLeft(new Date(at), now);
  const time = utcTime(intl, at);
  return (
    <p className="freeze-countdown" role="note" aria-label={intl.formatMessage(messages.label)}>
      {left ? intl.formatMessage(messages.closesIn, { round, left: leftText(intl, left), time }) : intl.formatMessage(messages.closingNow, { round, time })}
    </p>
  );
}
