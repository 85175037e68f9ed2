/**
 * Each notification as a sentence in the reader's language: the bell and the mails say the
 * same. Names, titles and quotes are content and stay as recorded.
 */
import { defineMessages, type IntlShape } from "@formatjs/intl";
import type { Notification } from "./api/notifications.js";
import { notificationKinds, type NotificationKind } from "./notifications.js";

type Place = { place: string; statement: string };
type Actor = { actor: string };

const messages = defineMessages<{
  someone: {};
  placeClause: { clause: string };
  placeAct: { act: string };
  placeStatement: {};
  mention: Actor & Place;
  mentionGroup: Actor & Place & { group: string };
  reply: Actor & Place;
  comment: Actor & Place;
  suggestion: Actor & Place;
  suggestionDecided: Actor & Place & { decision: string };
  roundOpened: Actor & { round: string; statement: string };
  freezeScheduled: Actor & { round: string; statement: string; at: string };
  freezeCancelled: Actor & { round: string; statement: string };
  freezeReminder: { round: string; statement: string; at: string };
  frozen: { round: string; statement: string };
  signOnPending: { organisation: string; round: string; statement: string };
  inviteAccepted: Actor & { workspace: string; role: string };
  unknown: {};
}>({
  someone: { id: "notification.someone", defaultMessage: "Someone" },
  placeClause: { id: "notification.placeClause", defaultMessage: "clause {clause}" },
  placeAct: { id: "notification.placeAct", defaultMessage: "Act {act}" },
  placeStatement: { id: "notification.placeStatement", defaultMessage: "the statement" },
  mention: { id: "notification.mention", defaultMessage: "{actor} mentioned you on {place} of “{statement}”" },
  mentionGroup: { id: "notification.mentionGroup", defaultMessage: "{actor} mentioned {group} on {place} of “{statement}”" },
  reply: { id: "notification.reply", defaultMessage: "{actor} replied in a thread on {place} of “{statement}”" },
  comment: { id: "notification.comment", defaultMessage: "{actor} commented on {place} of “{statement}”" },
  suggestion: { id: "notification.suggestion", defaultMessage: "{actor} suggested wording on {place} of “{statement}”" },
  suggestionDecided: {
    id: "notification.suggestionDecided",
    defaultMessage: "{decision, select, accepted {{actor} accepted your suggestion on {place} of “{statement}”} other {{actor} rejected your suggestion on {place} of “{statement}”}}",
  },
  roundOpened: { id: "notification.roundOpened", defaultMessage: "{actor} opened the round “{round}” of “{statement}”" },
  freezeScheduled: { id: "notification.freezeScheduled", defaultMessage: "{actor} scheduled the freeze of “{round}” of “{statement}” for {at}" },
  freezeCancelled: { id: "notification.freezeCancelled", defaultMessage: "{actor} cancelled the scheduled freeze of “{round}” of “{statement}”" },
  freezeReminder: { id: "notification.freezeReminder", defaultMessage: "“{round}” of “{statement}” freezes at {at}" },
  frozen: { id: "notification.frozen", defaultMessage: "“{round}” of “{statement}” is frozen" },
  signOnPending: { id: "notification.signOnPending", defaultMessage: "{organisation} confirmed its sign-on to “{round}” of “{statement}” and waits for a chair" },
  inviteAccepted: {
    id: "notification.inviteAccepted",
    defaultMessage: "{actor} accepted your invitation and joined {workspace} as {role, select, chair {a chair} coordinator {a coordinator} reviewer {a reviewer} other {an observer}}",
  },
  unknown: { id: "notification.unknown", defaultMessage: "Something happened in the workspace" },
});

/** What the sentences use of an `IntlShape` (react-intl's in the browser, @formatjs/intl's on the server). */
export type SentenceIntl = Pick<IntlShape<never>, "formatMessage">;

/** The fields a sentence reads: what the bell gets from the API and what a mail is built from. */
export type NotificationFacts = Pick<Notification, "kind" | "actor" | "detail">;

function placeOf(intl: SentenceIntl, detail: Notification["detail"]): string {
  if (detail.clause) return intl.formatMessage(messages.placeClause, { clause: detail.clause });
  if (detail.act !== undefined) return intl.formatMessage(messages.placeAct, { act: String(detail.act) });
  return intl.formatMessage(messages.placeStatement);
}

function isKnownKind(kind: string): kind is NotificationKind {
  return (notificationKinds as readonly string[]).includes(kind);
}

/**
 * The notification as a sentence in `intl`'s language. `formatTime` writes a time (ISO) for
 * the reader: the bell in their time zone, a mail in UTC saying so.
 */
export function describeNotification(intl: SentenceIntl, notification: NotificationFacts, formatTime: (iso: string) => string): string {
  const { detail } = notification;
  const actor = notification.actor?.name ?? intl.formatMessage(messages.someone);
  const statement = detail.statement ?? "";
  const round = detail.round ?? "";
  const place = () => ({ actor, place: placeOf(intl, detail), statement });
  if (!isKnownKind(notification.kind)) return intl.formatMessage(messages.unknown);
  switch (notification.kind) {
    case "mention":
      return detail.group ? intl.formatMessage(messages.mentionGroup, { ...place(), group: detail.group }) : intl.formatMessage(messages.mention, place());
    case "reply":
      return intl.formatMessage(messages.reply, place());
    case "comment":
      return intl.formatMessage(messages.comment, place());
    case "suggestion":
      return intl.formatMessage(messages.suggestion, place());
    case "suggestionDecided":
      return intl.formatMessage(messages.suggestionDecided, { ...place(), decision: detail.decision ?? "accepted" });
    case "roundOpened":
      return intl.formatMessage(messages.roundOpened, { actor, round, statement });
    case "freezeScheduled":
      return detail.at ? intl.formatMessage(messages.freezeScheduled, { actor, round, statement, at: formatTime(detail.at) }) : intl.formatMessage(messages.freezeCancelled, { actor, round, statement });
    case "freezeReminder":
      return intl.formatMessage(messages.freezeReminder, { round, statement, at: detail.at ? formatTime(detail.at) : "" });
    case "frozen":
      return intl.formatMessage(messages.frozen, { round, statement });
    case "signOnPending":
      return intl.formatMessage(messages.signOnPending, { organisation: detail.organisation ?? "", round, statement });
    case "inviteAccepted":
      return intl.formatMessage(messages.inviteAccepted, { actor, workspace: detail.workspace ?? "", role: detail.role ?? "observer" });
  }
}
