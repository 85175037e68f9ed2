/**
 * Each audit action's sentence, in one place: a map from action to a formatter over the
 * structured entry. The page composes sentences from it (so a translated catalogue can
 * replace it later), and the CSV export uses the same map, so both read alike.
 */
import type { AuditAction, AuditEntry } from "./api/audit.js";

type Formatter = (entry: AuditEntry) => string;

const quoted = (text: string) => `“${text}”`;
const who = (entry: AuditEntry) => entry.actor ?? "Someone";
const subjectOf = (entry: AuditEntry) => entry.subjectName ?? "a former member";
const possessive = (name: string) => `${name}’s`;
const withArticle = (word: string) => `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;
const ofStatement = (entry: AuditEntry) => (entry.details.document ? ` of ${quoted(entry.details.document.name)}` : "");
const inStatement = (entry: AuditEntry) => (entry.details.document ? ` in ${quoted(entry.details.document.name)}` : "");
const shortHash = (sha256: string | undefined) => (sha256 ? `${sha256.slice(0, 8)}…` : "");
/** A password change keeps the browser that asked; a reset link ends every session the person had. */
const signedOut = (entry: AuditEntry, other: string) => {
  const count = entry.details.signedOut ?? 0;
  return count > 0 ? ` (${count} ${other}${count === 1 ? "session" : "sessions"} signed out)` : "";
};
const groupList = (names: string[] | undefined) => (names && names.length > 0 ? names.join(", ") : "none");

/** A quote shortened to a phrase: the sentence names the words, it does not reprint a clause. */
function phrase(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine;
}

const refusals: Record<string, string> = {
  read_only: "their role may not edit",
  frozen: "the round was frozen",
  schema: "the change did not fit the statement’s structure",
};

function memberChanged(entry: AuditEntry): string {
  const { before, after, groupsBefore, groupsAfter } = entry.details;
  const name = possessive(subjectOf(entry));
  const changes: string[] = [];
  if (before && after && before !== after) changes.push(`role from ${before} to ${after}`);
  if (groupsAfter && groupList(groupsBefore) !== groupList(groupsAfter)) changes.push(`reference groups from ${groupList(groupsBefore)} to ${groupList(groupsAfter)}`);
  if (changes.length === 0) return `${who(entry)} saved ${name} membership without a change${after ? ` (${after})` : ""}`;
  return `${who(entry)} changed ${name} ${changes.join(" and ")}`;
}

function roundOpened(entry: AuditEntry): string {
  const { round, previousRound } = entry.details;
  const name = round ? quoted(round.name) : "a round";
  if (previousRound) return `${who(entry)} opened the next round ${name}${ofStatement(entry)}, after ${quoted(previousRound.name)}`;
  return `${who(entry)} opened round ${name}${ofStatement(entry)}`;
}

function nameChanged(entry: AuditEntry): string {
  const { before, after } = entry.details;
  const whose = entry.actorId !== null && entry.actorId === entry.subject ? "their" : possessive(subjectOf(entry));
  return before && after ? `${who(entry)} changed ${whose} name from ${quoted(before)} to ${quoted(after)}` : `${who(entry)} changed ${whose} name`;
}

/** The sentence of each action. */
export const auditSentences: Record<AuditAction, Formatter> = {
  workspace_created: (e) => `${who(e)} created the workspace${e.subjectName ? ` ${quoted(e.subjectName)}` : ""}`,
  document_created: (e) => `${who(e)} created the statement${e.details.document ? ` ${quoted(e.details.document.name)}` : ""}`,
  document_language_changed: (e) => `${who(e)} changed the language${ofStatement(e)}${e.details.after ? ` to ${e.details.after}` : ""}`,
  member_changed: memberChanged,
  member_removed: (e) => `${who(e)} removed ${subjectOf(e)}${e.details.role ? ` (${e.details.role})` : ""} from the workspace`,
  invite_created: (e) => `${who(e)} invited ${e.details.role ? withArticle(e.details.role) : "someone"}${e.details.note ? ` (for ${quoted(e.details.note)})` : ""}`,
  invite_revoked: (e) => `${who(e)} withdrew the invitation${e.details.role ? ` for ${withArticle(e.details.role)}` : ""}`,
  invite_accepted: (e) => `${who(e)} joined${e.details.role ? ` as ${e.details.role}` : ""}`,
  name_changed: nameChanged,
  round_opened: roundOpened,
  round_frozen: (e) =>
    `${who(e)} froze ${e.details.round ? quoted(e.details.round.name) : "the round"}${ofStatement(e)}${e.details.version?.sha256 ? ` (version ${shortHash(e.details.version.sha256)})` : ""}`,
  version_restored: (e) => {
    const version = e.details.version;
    const which = version ? `${version.roundName ? `${quoted(version.roundName)} ` : ""}version${version.sha256 ? ` ${shortHash(version.sha256)}` : ""}` : "a version";
    return `${who(e)} restored the ${which}${ofStatement(e)} as the live text`;
  },
  thread_resolved: (e) => `${who(e)} resolved the comment thread${e.details.quote ? ` on ${quoted(phrase(e.details.quote))}` : ""}${inStatement(e)}`,
  thread_reopened: (e) => `${who(e)} reopened the comment thread${e.details.quote ? ` on ${quoted(phrase(e.details.quote))}` : ""}${inStatement(e)}`,
  update_refused: (e) => {
    const times = e.details.count && e.details.count > 1 ? `${e.details.count} changes` : "A change";
    const why = e.details.reason ? ` (${refusals[e.details.reason] ?? e.details.reason})` : "";
    return `${times} by ${who(e)}${inStatement(e) || " to a statement"} refused${why}`;
  },
  login: (e) => `${who(e)} signed in`,
  login_failed: (e) => `Failed sign-in${e.subjectName ? ` as ${e.subjectName}` : ""}`,
  token_created: (e) => `${who(e)} created the API token${e.subjectName ? ` ${quoted(e.subjectName)}` : ""}`,
  token_revoked: (e) => `${who(e)} revoked an API token`,
  password_changed: (e) => `${who(e)} changed their password${signedOut(e, "other ")}`,
  password_reset_link_created: (e) => `${who(e)} created a password reset link for ${subjectOf(e)}`,
  password_reset: (e) => `${subjectOf(e)} set a new password with a reset link${signedOut(e, "")}`,
};

/** Whether an action has a sentence here (an entry from a newer server may not). */
export function isKnownAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(auditSentences, action);
}

/** An entry as a sentence; an action this version does not know reads as its code in words. */
export function describeAuditEntry(entry: AuditEntry): string {
  if (isKnownAuditAction(entry.action)) return auditSentences[entry.action](entry);
  return `${who(entry)}: ${entry.action.replaceAll("_", " ")}`;
}

/** Each action as a filter option names it. */
export const auditActionNames: Record<AuditAction, string> = {
  workspace_created: "Workspace created",
  document_created: "Statement created",
  document_language_changed: "Statement language changed",
  member_changed: "Member changed",
  member_removed: "Member removed",
  invite_created: "Invitation created",
  invite_revoked: "Invitation withdrawn",
  invite_accepted: "Invitation accepted",
  name_changed: "Name changed",
  round_opened: "Round opened",
  round_frozen: "Round frozen",
  version_restored: "Version restored",
  thread_resolved: "Thread resolved",
  thread_reopened: "Thread reopened",
  update_refused: "Change refused",
  login: "Signed in",
  login_failed: "Sign-in failed",
  token_created: "API token created",
  token_revoked: "API token revoked",
  password_changed: "Password changed",
  password_reset_link_created: "Reset link created",
  password_reset: "Password reset",
};
