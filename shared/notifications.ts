/**
 * Notifications: what a member hears about, in the app (the bell) and by email. One list of
 * kinds for the server that records them, the bell that shows them and the mails that
 * carry them; each kind's sentence is in `notificationSentences.ts`.
 */

/**
 * What happened:
 * - `mention`: someone mentioned me (or a reference group I belong to) in a comment or reply;
 * - `reply`: a reply in a thread I started or replied to;
 * - `comment`: a new comment thread on an Act I follow;
 * - `suggestion`: new suggested wording on an Act I follow;
 * - `suggestionDecided`: my suggestion was accepted or rejected;
 * - `roundOpened`: a chair opened a round;
 * - `freezeScheduled`: a chair scheduled (or moved, or cancelled) the freeze of a round;
 * - `freezeReminder`: a scheduled freeze is near;
 * - `frozen`: a round was frozen;
 * - `signOnPending`: an organisation confirmed its sign-on and waits for a chair (chairs);
 * - `inviteAccepted`: someone accepted my invitation.
 */
export const notificationKinds = [
  "mention",
  "reply",
  "comment",
  "suggestion",
  "suggestionDecided",
  "roundOpened",
  "freezeScheduled",
  "freezeReminder",
  "frozen",
  "signOnPending",
  "inviteAccepted",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** How a member gets notifications by email: each one as it happens, one digest a day, or none. */
export const emailModes = ["immediate", "digest", "off"] as const;
export type EmailMode = (typeof emailModes)[number];

/** The default for a new member: immediately (they can choose a digest or nothing on their account page). */
export const DEFAULT_EMAIL_MODE: EmailMode = "immediate";

/** The hour (UTC) a daily digest is sent. */
export const DIGEST_HOUR_UTC = 7;

/**
 * What a notification says besides its kind, as recorded when it happened (names and titles
 * as they were): every field optional, each kind uses some.
 */
export interface NotificationDetail {
  /** The statement's title. */
  statement?: string;
  /** The Act number and the clause number ("9.2") the thread or suggestion is on. */
  act?: number;
  clause?: string;
  /** The words a thread is anchored on, or a suggestion's words (shortened). */
  quote?: string;
  /** The start of the comment or reply (shortened). */
  excerpt?: string;
  /** `mention` of a reference group: the group's name. */
  group?: string;
  /** `suggestionDecided`: what became of it. */
  decision?: "accepted" | "rejected";
  /** Round kinds: the round's name; a scheduled freeze's time (ISO, UTC), or null when cancelled. */
  round?: string;
  at?: string | null;
  /** `signOnPending`: the organisation. */
  organisation?: string;
  /** `inviteAccepted`: the workspace's name and the role given. */
  workspace?: string;
  role?: string;
}

/** Longest quote or excerpt kept in a notification. */
export const NOTIFICATION_EXCERPT = 160;

/** `text` cut to `NOTIFICATION_EXCERPT` characters (on a word where it can), with an ellipsis. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= NOTIFICATION_EXCERPT) return flat;
  const cut = flat.slice(0, NOTIFICATION_EXCERPT);
  const space = cut.lastIndexOf(" ");
  return `${(space > NOTIFICATION_EXCERPT / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Where a notification leads: the statement at a thread (`?thread=`) or a suggestion (`?suggestion=`), a version, the history, the members page. */
export function notificationLink(target: { documentId?: string; threadId?: string; suggestionId?: string; versionId?: string; history?: boolean; members?: boolean }): string {
  if (target.members) return "/members";
  if (!target.documentId) return "/";
  const base = `/d/${encodeURIComponent(target.documentId)}`;
  if (target.versionId) return `${base}/versions/${encodeURIComponent(target.versionId)}`;
  if (target.history) return `${base}/history`;
  if (target.threadId) return `${base}?thread=${encodeURIComponent(target.threadId)}`;
  if (target.suggestionId) return `${base}?suggestion=${encodeURIComponent(target.suggestionId)}`;
  return base;
}
