/**
 * Notification mails in the recipient's language: one notification as it happens, or a
 * day's in one digest grouped by statement. Each sentence is the bell's
 * (`describeNotification`), times in UTC saying so; every mail ends with a link to stop
 * them, and carries the one-click unsubscribe headers of RFC 8058.
 */
import { defineMessages, type IntlShape } from "@formatjs/intl";
import type { Locale } from "../../shared/i18n/locales.js";
import type { NotificationDetail } from "../../shared/notifications.js";
import { describeNotification } from "../../shared/notificationSentences.js";
import { formatInstant, intlFor } from "../i18n.js";

type NoValues = Record<string, never>;

const messages = defineMessages<{
  utc: { time: string };
  open: NoValues;
  reasonImmediate: NoValues;
  reasonDigest: NoValues;
  stop: NoValues;
  settings: NoValues;
  digestSubject: { count: number; workspace: string };
  digestIntro: { count: number; workspace: string };
  inWorkspace: NoValues;
  quoted: { text: string };
}>({
  utc: { id: "notificationMail.utc", defaultMessage: "{time} UTC" },
  open: { id: "notificationMail.open", defaultMessage: "Open it in the workspace:" },
  reasonImmediate: { id: "notificationMail.reasonImmediate", defaultMessage: "You receive this mail because your account gets each notification by email." },
  reasonDigest: { id: "notificationMail.reasonDigest", defaultMessage: "You receive this mail because your account gets a daily digest of notifications by email." },
  stop: { id: "notificationMail.stop", defaultMessage: "To stop notification mails, open this link:" },
  settings: { id: "notificationMail.settings", defaultMessage: "To choose between each notification, a daily digest or none, and which Acts you follow, go to your account page:" },
  digestSubject: {
    id: "notificationMail.digestSubject",
    defaultMessage: "{count, plural, one {# notification} other {# notifications}} in {workspace}",
  },
  digestIntro: {
    id: "notificationMail.digestIntro",
    defaultMessage: "{count, plural, one {What happened in {workspace} since the last digest:} other {What happened in {workspace} since the last digest (# notifications):}}",
  },
  inWorkspace: { id: "notificationMail.inWorkspace", defaultMessage: "In the workspace" },
  quoted: { id: "notificationMail.quoted", defaultMessage: "“{text}”" },
});

/** What a mail says of one notification. */
export interface MailedNotification {
  kind: string;
  actor: { id: string; name: string } | null;
  documentId: string | null;
  detail: NotificationDetail;
  /** Where it leads in the app (a path). */
  link: string;
  createdAt: string;
}

/** The two ways out a mail offers: the one-click address mail clients POST to, and the page a person opens. */
export interface UnsubscribeLinks {
  oneClick: string;
  page: string;
}

/** The unsubscribe links of a secret under `origin` (on the page, the secret travels in the fragment). */
export function unsubscribeLinks(origin: string, secret: string): UnsubscribeLinks {
  return { oneClick: `${origin}/api/unsubscribe/${secret}`, page: `${origin}/unsubscribe#${secret}` };
}

/** RFC 8058 one-click unsubscribe, and RFC 3834's mark of a message no one should auto-reply to. */
export function unsubscribeHeaders(links: UnsubscribeLinks): Record<string, string> {
  return { "List-Unsubscribe": `<${links.oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "Auto-Submitted": "auto-generated" };
}

function sentence(intl: IntlShape, notification: MailedNotification): string {
  return describeNotification(intl, notification, (iso) => intl.formatMessage(messages.utc, { time: formatInstant(intl, iso) }));
}

/** The quoted words and the comment's start, as the notification recorded them. */
function quoted(intl: IntlShape, detail: NotificationDetail): string[] {
  return [detail.quote ? intl.formatMessage(messages.quoted, { text: detail.quote }) : null, detail.excerpt ? `> ${detail.excerpt}` : null].filter((line): line is string => line !== null);
}

function footer(intl: IntlShape, origin: string, links: UnsubscribeLinks, reason: string): string {
  return ["—", reason, `${intl.formatMessage(messages.stop)}\n${links.page}`, `${intl.formatMessage(messages.settings)}\n${origin}/account`].join("\n\n");
}

/** A subject line: one line, not endless. */
function subjectLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

/** One notification, sent as it happens. */
export function notificationMail(language: Locale, notification: MailedNotification, origin: string, links: UnsubscribeLinks): { subject: string; text: string } {
  const intl = intlFor(language);
  const said = sentence(intl, notification);
  const body = [said, ...quoted(intl, notification.detail), `${intl.formatMessage(messages.open)}\n${origin}${notification.link}`].join("\n\n");
  return { subject: subjectLine(said), text: `${body}\n\n${footer(intl, origin, links, intl.formatMessage(messages.reasonImmediate))}\n` };
}

/** A day's notifications in one workspace, grouped by statement (in the order each first appears). */
export function digestMail(
  language: Locale,
  workspace: string,
  notifications: MailedNotification[],
  origin: string,
  links: UnsubscribeLinks,
): { subject: string; text: string } {
  const intl = intlFor(language);
  const groups = new Map<string, MailedNotification[]>();
  for (const notification of notifications) {
    const key = notification.documentId ?? "";
    groups.set(key, [...(groups.get(key) ?? []), notification]);
  }
  const sections = [...groups.entries()].map(([documentId, items]) => {
    const statement = items.find((item) => item.detail.statement)?.detail.statement;
    const heading = documentId !== "" && statement ? intl.formatMessage(messages.quoted, { text: statement }) : intl.formatMessage(messages.inWorkspace);
    const lines = items.map((item) => {
      const when = intl.formatMessage(messages.utc, { time: formatInstant(intl, item.createdAt) });
      return [`- ${sentence(intl, item)} (${when})`, ...quoted(intl, item.detail).map((line) => `  ${line}`), `  ${origin}${item.link}`].join("\n");
    });
    return [heading, ...lines].join("\n\n");
  });
  const count = notifications.length;
  const text = [intl.formatMessage(messages.digestIntro, { count, workspace }), ...sections].join("\n\n");
  return {
    subject: subjectLine(intl.formatMessage(messages.digestSubject, { count, workspace })),
    text: `${text}\n\n${footer(intl, origin, links, intl.formatMessage(messages.reasonDigest))}\n`,
  };
}
