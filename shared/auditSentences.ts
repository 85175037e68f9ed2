/**
 * Each audit action's sentence, in one place, as ICU messages: one message per sentence
 * (its optional parts as selects, its counts as plurals), composed from the structured
 * entry in the reader's language. The page and the CSV export both use them, so both
 * read alike. Names, titles and quotes are content and stay as recorded.
 */
import { defineMessages, type IntlShape as FormatjsIntlShape, type MessageDescriptor } from "@formatjs/intl";
import type { AuditAction, AuditEntry } from "./api/audit.js";
import { channelName, positionName } from "./matrix/matrixNames.js";
import { channels, positions, type Channel, type Position } from "./matrix/matrix.js";

/**
 * What the sentences use of an `IntlShape`: react-intl's (`useIntl()`, in the browser) and
 * @formatjs/intl's (`createIntl`, on the server) both are one.
 */
export type IntlShape = Pick<FormatjsIntlShape<never>, "formatMessage" | "formatList" | "formatDisplayName">;

/** Whether an optional part of a sentence is there: the select its message words it by. */
type YesNo = "yes" | "no";
type Actor = { actor: string };
type In = { of: YesNo; statement: string };
/** Whose possession a sentence names: a member's (by name) or a former member's (name unknown). */
type Possessor = Actor & { former: YesNo; subject: string };
type Roles = { before: string; after: string };
type Groups = { groupsBefore: string; groupsAfter: string };
type Thread = Actor & { quoted: YesNo; quote: string; in: YesNo; statement: string };
type Refused = Actor & { count: number; reason: string };
type SignOnVersion = Actor & { round: string; statement: string };
type SignOn = SignOnVersion & { organisation: string };
type InMatrix = Actor & { target: string; statement: string };
type Advocate = InMatrix & { organisation: string; channel: string };
type Group = Actor & { group: string; count: number };
type MatrixRound = Actor & { statement: string; round: string };

const messages = defineMessages<{
  someone: {};
  formerMember: {};
  noGroups: {};
  roleName: { role: string };
  refusalReason: { reason: string };
  threadStatus: { status: string };
  unknownAction: Actor & { action: string };
  workspaceCreated: Actor & { named: YesNo; name: string };
  documentCreated: Actor & { named: YesNo; statement: string };
  documentLanguageChanged: Actor & { named: YesNo; statement: string; language: string };
  memberRoleChanged: Possessor & Roles;
  memberGroupsChanged: Possessor & Groups;
  memberRoleAndGroupsChanged: Possessor & Roles & Groups;
  memberUnchanged: Possessor & { hasRole: YesNo; role: string };
  memberRemoved: Actor & { subject: string; hasRole: YesNo; role: string };
  inviteCreated: Actor & { role: string; noted: YesNo; note: string };
  inviteRevoked: Actor & { role: string };
  inviteAccepted: Actor & { role: string };
  nameChanged: Actor & { whose: "own" | "former" | "other"; subject: string; before: string; after: string };
  nameChangedUnrecorded: Actor & { whose: "own" | "former" | "other"; subject: string };
  roundOpened: Actor & In & { round: string };
  nextRoundOpened: Actor & In & { round: string; previous: string };
  roundOpenedUnnamed: Actor & In;
  roundFrozen: Actor & In & { round: string; hashed: YesNo; version: string };
  roundFrozenUnnamed: Actor & In;
  roundFrozenScheduled: Actor & In & { round: string; version: string };
  freezeScheduled: Actor & In & { round: string; at: string };
  freezeCancelled: Actor & In & { round: string };
  versionRestored: Actor & In & { round: string; version: string };
  versionRestoredUnnamed: Actor & In;
  threadResolved: Thread;
  threadReopened: Thread;
  updateRefused: Refused & { statement: string };
  updateRefusedElsewhere: Refused;
  login: Actor;
  loginFailed: { named: YesNo; name: string };
  tokenCreated: Actor & { named: YesNo; name: string };
  tokenRevoked: Actor;
  passwordChanged: Actor & { signedOut: number };
  passwordResetLinkCreated: Actor & { subject: string };
  passwordReset: { subject: string; signedOut: number };
  signOnOpened: SignOnVersion;
  matrixImported: MatrixRound & { targets: number; cells: number; advocates: number };
  matrixExported: MatrixRound & { format: string };
  signOnClosed: SignOnVersion;
  signOnAdded: SignOn;
  signOnApproved: SignOn;
  signOnRejected: SignOn;
  signOnEdited: SignOn & { changes: string };
  signOnChange: { field: string; before: string; after: string };
  signOnField: { field: string };
  signOnMerged: SignOn & { into: string };
  signOnCarriedForward: SignOnVersion & { count: number; previous: string; note: string };
  signOnConfirmed: Omit<SignOn, "actor">;
  signOnWithdrawn: Omit<SignOn, "actor">;
  mailFailed: { subject: string; count: number; reason: string };
  matrixCellSet: InMatrix & { act: number; round: string; changed: YesNo; before: string; after: string };
  matrixTargetAdded: InMatrix;
  matrixTargetRemoved: InMatrix;
  matrixTargetActsSet: InMatrix & { acts: string };
  matrixAdvocateAdded: Advocate;
  matrixAdvocateChanged: Advocate;
  matrixAdvocateRemoved: Advocate;
  negotiatingGroupAdded: Group;
  negotiatingGroupChanged: Group & { renamed: YesNo; before: string };
  negotiatingGroupRemoved: Actor & { group: string };
}>({
  someone: { id: "audit.someone", defaultMessage: "Someone" },
  formerMember: { id: "audit.formerMember", defaultMessage: "a former member" },
  noGroups: { id: "audit.noGroups", defaultMessage: "none" },
  roleName: {
    id: "audit.roleName",
    defaultMessage: "{role, select, chair {chair} coordinator {coordinator} reviewer {reviewer} observer {observer} other {{role}}}",
  },
  refusalReason: {
    id: "audit.refusalReason",
    defaultMessage:
      "{reason, select, read_only {their role may not edit} frozen {the round was frozen} schema {the change did not fit the statement’s structure} not_a_suggestion {a reviewer’s change did more than suggest} none {no reason recorded} other {{reason}}}",
  },
  threadStatus: { id: "audit.threadStatus", defaultMessage: "{status, select, open {open} resolved {resolved} other {{status}}}" },
  unknownAction: { id: "audit.unknownAction", defaultMessage: "{actor}: {action}" },

  workspaceCreated: {
    id: "audit.workspaceCreated",
    defaultMessage: "{named, select, yes {{actor} created the workspace “{name}”} other {{actor} created the workspace}}",
  },
  documentCreated: {
    id: "audit.documentCreated",
    defaultMessage: "{named, select, yes {{actor} created the statement “{statement}”} other {{actor} created the statement}}",
  },
  documentLanguageChanged: {
    id: "audit.documentLanguageChanged",
    defaultMessage: "{named, select, yes {{actor} changed the language of “{statement}” to {language}} other {{actor} changed the language of a statement to {language}}}",
  },
  memberRoleChanged: {
    id: "audit.memberRoleChanged",
    defaultMessage: "{actor} changed {former, select, yes {a former member’s} other {{subject}’s}} role from {before} to {after}",
  },
  memberGroupsChanged: {
    id: "audit.memberGroupsChanged",
    defaultMessage: "{actor} changed {former, select, yes {a former member’s} other {{subject}’s}} reference groups from {groupsBefore} to {groupsAfter}",
  },
  memberRoleAndGroupsChanged: {
    id: "audit.memberRoleAndGroupsChanged",
    defaultMessage:
      "{actor} changed {former, select, yes {a former member’s} other {{subject}’s}} role from {before} to {after} and reference groups from {groupsBefore} to {groupsAfter}",
  },
  memberUnchanged: {
    id: "audit.memberUnchanged",
    defaultMessage:
      "{hasRole, select, yes {{actor} saved {former, select, yes {a former member’s} other {{subject}’s}} membership without a change ({role})} other {{actor} saved {former, select, yes {a former member’s} other {{subject}’s}} membership without a change}}",
  },
  memberRemoved: {
    id: "audit.memberRemoved",
    defaultMessage: "{hasRole, select, yes {{actor} removed {subject} ({role}) from the workspace} other {{actor} removed {subject} from the workspace}}",
  },
  inviteCreated: {
    id: "audit.inviteCreated",
    defaultMessage:
      "{noted, select, yes {{actor} invited {role, select, chair {a chair} coordinator {a coordinator} reviewer {a reviewer} observer {an observer} other {someone}} (for “{note}”)} other {{actor} invited {role, select, chair {a chair} coordinator {a coordinator} reviewer {a reviewer} observer {an observer} other {someone}}}}",
  },
  inviteRevoked: {
    id: "audit.inviteRevoked",
    defaultMessage:
      "{role, select, chair {{actor} withdrew the invitation for a chair} coordinator {{actor} withdrew the invitation for a coordinator} reviewer {{actor} withdrew the invitation for a reviewer} observer {{actor} withdrew the invitation for an observer} other {{actor} withdrew the invitation}}",
  },
  inviteAccepted: {
    id: "audit.inviteAccepted",
    defaultMessage:
      "{role, select, chair {{actor} joined as chair} coordinator {{actor} joined as coordinator} reviewer {{actor} joined as reviewer} observer {{actor} joined as observer} other {{actor} joined}}",
  },
  nameChanged: {
    id: "audit.nameChanged",
    defaultMessage:
      "{whose, select, own {{actor} changed their name from “{before}” to “{after}”} former {{actor} changed a former member’s name from “{before}” to “{after}”} other {{actor} changed {subject}’s name from “{before}” to “{after}”}}",
  },
  nameChangedUnrecorded: {
    id: "audit.nameChangedUnrecorded",
    defaultMessage: "{whose, select, own {{actor} changed their name} former {{actor} changed a former member’s name} other {{actor} changed {subject}’s name}}",
  },
  roundOpened: {
    id: "audit.roundOpened",
    defaultMessage: "{of, select, yes {{actor} opened round “{round}” of “{statement}”} other {{actor} opened round “{round}”}}",
  },
  nextRoundOpened: {
    id: "audit.nextRoundOpened",
    defaultMessage:
      "{of, select, yes {{actor} opened the next round “{round}” of “{statement}”, after “{previous}”} other {{actor} opened the next round “{round}”, after “{previous}”}}",
  },
  roundOpenedUnnamed: {
    id: "audit.roundOpenedUnnamed",
    defaultMessage: "{of, select, yes {{actor} opened a round of “{statement}”} other {{actor} opened a round}}",
  },
  roundFrozen: {
    id: "audit.roundFrozen",
    defaultMessage:
      "{of, select, yes {{hashed, select, yes {{actor} froze “{round}” of “{statement}” (version {version})} other {{actor} froze “{round}” of “{statement}”}}} other {{hashed, select, yes {{actor} froze “{round}” (version {version})} other {{actor} froze “{round}”}}}}",
  },
  roundFrozenScheduled: {
    id: "audit.roundFrozenScheduled",
    defaultMessage:
      "{of, select, yes {“{round}” of “{statement}” froze at the time {actor} scheduled (version {version})} other {“{round}” froze at the time {actor} scheduled (version {version})}}",
  },
  freezeScheduled: {
    id: "audit.freezeScheduled",
    defaultMessage: "{of, select, yes {{actor} scheduled the freeze of “{round}” of “{statement}” for {at}} other {{actor} scheduled the freeze of “{round}” for {at}}}",
  },
  freezeCancelled: {
    id: "audit.freezeCancelled",
    defaultMessage: "{of, select, yes {{actor} cancelled the scheduled freeze of “{round}” of “{statement}”} other {{actor} cancelled the scheduled freeze of “{round}”}}",
  },
  roundFrozenUnnamed: {
    id: "audit.roundFrozenUnnamed",
    defaultMessage: "{of, select, yes {{actor} froze the round of “{statement}”} other {{actor} froze the round}}",
  },
  versionRestored: {
    id: "audit.versionRestored",
    defaultMessage:
      "{of, select, yes {{actor} restored the “{round}” version {version} of “{statement}” as the live text} other {{actor} restored the “{round}” version {version} as the live text}}",
  },
  versionRestoredUnnamed: {
    id: "audit.versionRestoredUnnamed",
    defaultMessage: "{of, select, yes {{actor} restored a version of “{statement}” as the live text} other {{actor} restored a version as the live text}}",
  },
  threadResolved: {
    id: "audit.threadResolved",
    defaultMessage:
      "{quoted, select, yes {{in, select, yes {{actor} resolved the comment thread on “{quote}” in “{statement}”} other {{actor} resolved the comment thread on “{quote}”}}} other {{in, select, yes {{actor} resolved the comment thread in “{statement}”} other {{actor} resolved the comment thread}}}}",
  },
  threadReopened: {
    id: "audit.threadReopened",
    defaultMessage:
      "{quoted, select, yes {{in, select, yes {{actor} reopened the comment thread on “{quote}” in “{statement}”} other {{actor} reopened the comment thread on “{quote}”}}} other {{in, select, yes {{actor} reopened the comment thread in “{statement}”} other {{actor} reopened the comment thread}}}}",
  },
  updateRefused: {
    id: "audit.updateRefused",
    defaultMessage:
      "{count, plural, =1 {A change by {actor} in “{statement}” refused ({reason})} one {# change by {actor} in “{statement}” refused ({reason})} other {# changes by {actor} in “{statement}” refused ({reason})}}",
  },
  updateRefusedElsewhere: {
    id: "audit.updateRefusedElsewhere",
    defaultMessage:
      "{count, plural, =1 {A change by {actor} to a statement refused ({reason})} one {# change by {actor} to a statement refused ({reason})} other {# changes by {actor} to a statement refused ({reason})}}",
  },
  login: { id: "audit.login", defaultMessage: "{actor} signed in" },
  loginFailed: { id: "audit.loginFailed", defaultMessage: "{named, select, yes {Failed sign-in as {name}} other {Failed sign-in}}" },
  tokenCreated: {
    id: "audit.tokenCreated",
    defaultMessage: "{named, select, yes {{actor} created the API token “{name}”} other {{actor} created the API token}}",
  },
  tokenRevoked: { id: "audit.tokenRevoked", defaultMessage: "{actor} revoked an API token" },
  passwordChanged: {
    id: "audit.passwordChanged",
    defaultMessage:
      "{signedOut, plural, =0 {{actor} changed their password} one {{actor} changed their password (# other session signed out)} other {{actor} changed their password (# other sessions signed out)}}",
  },
  passwordResetLinkCreated: { id: "audit.passwordResetLinkCreated", defaultMessage: "{actor} created a password reset link for {subject}" },
  passwordReset: {
    id: "audit.passwordReset",
    defaultMessage:
      "{signedOut, plural, =0 {{subject} set a new password with a reset link} one {{subject} set a new password with a reset link (# session signed out)} other {{subject} set a new password with a reset link (# sessions signed out)}}",
  },
  signOnOpened: { id: "audit.signOnOpened", defaultMessage: "{actor} opened sign-on for “{round}” of “{statement}”" },
  signOnClosed: { id: "audit.signOnClosed", defaultMessage: "{actor} closed sign-on for “{round}” of “{statement}”" },
  signOnAdded: { id: "audit.signOnAdded", defaultMessage: "{actor} added {organisation} by hand to the sign-ons of “{round}” of “{statement}”" },
  signOnApproved: { id: "audit.signOnApproved", defaultMessage: "{actor} approved the sign-on of {organisation} to “{round}” of “{statement}”" },
  signOnRejected: { id: "audit.signOnRejected", defaultMessage: "{actor} rejected the sign-on of {organisation} to “{round}” of “{statement}”" },
  signOnEdited: { id: "audit.signOnEdited", defaultMessage: "{actor} corrected the sign-on of {organisation} to “{round}” of “{statement}”: {changes}" },
  signOnChange: { id: "audit.signOnChange", defaultMessage: "{field} “{before}” → “{after}”" },
  signOnField: {
    id: "audit.signOnField",
    defaultMessage:
      "{field, select, organisation {name} organisationLocal {name in its language} acronym {acronym} country {country} region {region} type {type} website {website} person {person} personTitle {title} other {{field}}}",
  },
  signOnMerged: { id: "audit.signOnMerged", defaultMessage: "{actor} merged the sign-on of {organisation} into that of {into} (“{round}” of “{statement}”)" },
  signOnCarriedForward: {
    id: "audit.signOnCarriedForward",
    defaultMessage: "{count, plural, one {{actor} carried # approved sign-on forward from “{previous}” to “{round}” of “{statement}”: {note}} other {{actor} carried # approved sign-ons forward from “{previous}” to “{round}” of “{statement}”: {note}}}",
  },
  signOnConfirmed: { id: "audit.signOnConfirmed", defaultMessage: "{organisation} confirmed its sign-on to “{round}” of “{statement}” by the link mailed to its contact" },
  signOnWithdrawn: { id: "audit.signOnWithdrawn", defaultMessage: "{organisation} withdrew its sign-on from “{round}” of “{statement}” by the link mailed to its contact" },
  matrixImported: {
    id: "audit.matrixImported",
    defaultMessage:
      "{actor} imported positions into the matrix of “{statement}” for “{round}”: {cells, plural, one {# position} other {# positions}}, {targets, plural, one {# new target} other {# new targets}}, {advocates, plural, one {# advocate} other {# advocates}}",
  },
  matrixExported: { id: "audit.matrixExported", defaultMessage: "{actor} exported the matrix of “{statement}” for “{round}” as {format}" },
  mailFailed: {
    id: "audit.mailFailed",
    defaultMessage: "A notification mail to {subject} could not be sent after {count, plural, one {# attempt} other {# attempts}} and was given up ({reason})",
  },
  matrixCellSet: {
    id: "audit.matrixCellSet",
    defaultMessage: "{actor} recorded the position of {target} on Act {act} in “{round}” of “{statement}”: {changed, select, yes {{before} → {after}} other {{after}}}",
  },
  matrixTargetAdded: { id: "audit.matrixTargetAdded", defaultMessage: "{actor} added {target} to the matrix of “{statement}”" },
  matrixTargetRemoved: { id: "audit.matrixTargetRemoved", defaultMessage: "{actor} removed {target} from the matrix of “{statement}”" },
  matrixTargetActsSet: { id: "audit.matrixTargetActsSet", defaultMessage: "{actor} set the Acts that matter with {target} in the matrix of “{statement}”: {acts}" },
  matrixAdvocateAdded: { id: "audit.matrixAdvocateAdded", defaultMessage: "{actor} named {organisation} as an advocate with {target} ({channel}) in the matrix of “{statement}”" },
  matrixAdvocateChanged: { id: "audit.matrixAdvocateChanged", defaultMessage: "{actor} changed the advocate {organisation} with {target} ({channel}) in the matrix of “{statement}”" },
  matrixAdvocateRemoved: { id: "audit.matrixAdvocateRemoved", defaultMessage: "{actor} removed the advocate {organisation} with {target} ({channel}) from the matrix of “{statement}”" },
  negotiatingGroupAdded: { id: "audit.negotiatingGroupAdded", defaultMessage: "{actor} added the negotiating group {group}: {count, plural, one {# state} other {# states}}" },
  negotiatingGroupChanged: {
    id: "audit.negotiatingGroupChanged",
    defaultMessage: "{actor} changed the negotiating group {group}{renamed, select, yes { (formerly {before})} other {}}: {count, plural, one {# state} other {# states}}",
  },
  negotiatingGroupRemoved: { id: "audit.negotiatingGroupRemoved", defaultMessage: "{actor} removed the negotiating group {group}" },
});

/** Each action as the filter and the CSV name it. */
const actionNames: Record<AuditAction, MessageDescriptor> = defineMessages({
  workspace_created: { id: "audit.actionWorkspaceCreated", defaultMessage: "Workspace created" },
  document_created: { id: "audit.actionDocumentCreated", defaultMessage: "Statement created" },
  document_language_changed: { id: "audit.actionDocumentLanguageChanged", defaultMessage: "Statement language changed" },
  member_changed: { id: "audit.actionMemberChanged", defaultMessage: "Member changed" },
  member_removed: { id: "audit.actionMemberRemoved", defaultMessage: "Member removed" },
  invite_created: { id: "audit.actionInviteCreated", defaultMessage: "Invitation created" },
  invite_revoked: { id: "audit.actionInviteRevoked", defaultMessage: "Invitation withdrawn" },
  invite_accepted: { id: "audit.actionInviteAccepted", defaultMessage: "Invitation accepted" },
  name_changed: { id: "audit.actionNameChanged", defaultMessage: "Name changed" },
  round_opened: { id: "audit.actionRoundOpened", defaultMessage: "Round opened" },
  round_frozen: { id: "audit.actionRoundFrozen", defaultMessage: "Round frozen" },
  freeze_scheduled: { id: "audit.actionFreezeScheduled", defaultMessage: "Freeze scheduled" },
  freeze_cancelled: { id: "audit.actionFreezeCancelled", defaultMessage: "Scheduled freeze cancelled" },
  version_restored: { id: "audit.actionVersionRestored", defaultMessage: "Version restored" },
  thread_resolved: { id: "audit.actionThreadResolved", defaultMessage: "Thread resolved" },
  thread_reopened: { id: "audit.actionThreadReopened", defaultMessage: "Thread reopened" },
  update_refused: { id: "audit.actionUpdateRefused", defaultMessage: "Change refused" },
  login: { id: "audit.actionLogin", defaultMessage: "Signed in" },
  login_failed: { id: "audit.actionLoginFailed", defaultMessage: "Sign-in failed" },
  token_created: { id: "audit.actionTokenCreated", defaultMessage: "API token created" },
  token_revoked: { id: "audit.actionTokenRevoked", defaultMessage: "API token revoked" },
  password_changed: { id: "audit.actionPasswordChanged", defaultMessage: "Password changed" },
  password_reset_link_created: { id: "audit.actionPasswordResetLinkCreated", defaultMessage: "Reset link created" },
  password_reset: { id: "audit.actionPasswordReset", defaultMessage: "Password reset" },
  sign_on_opened: { id: "audit.actionSignOnOpened", defaultMessage: "Sign-on opened" },
  sign_on_closed: { id: "audit.actionSignOnClosed", defaultMessage: "Sign-on closed" },
  sign_on_added: { id: "audit.actionSignOnAdded", defaultMessage: "Sign-on added by hand" },
  sign_on_approved: { id: "audit.actionSignOnApproved", defaultMessage: "Sign-on approved" },
  sign_on_rejected: { id: "audit.actionSignOnRejected", defaultMessage: "Sign-on rejected" },
  sign_on_edited: { id: "audit.actionSignOnEdited", defaultMessage: "Sign-on corrected" },
  sign_on_merged: { id: "audit.actionSignOnMerged", defaultMessage: "Sign-on merged" },
  sign_on_carried_forward: { id: "audit.actionSignOnCarriedForward", defaultMessage: "Sign-ons carried forward" },
  sign_on_confirmed: { id: "audit.actionSignOnConfirmed", defaultMessage: "Sign-on confirmed by its contact" },
  sign_on_withdrawn: { id: "audit.actionSignOnWithdrawn", defaultMessage: "Sign-on withdrawn by its contact" },
  mail_failed: { id: "audit.actionMailFailed", defaultMessage: "Notification mail given up" },
  matrix_cell_set: { id: "audit.actionMatrixCellSet", defaultMessage: "Matrix position recorded" },
  matrix_target_added: { id: "audit.actionMatrixTargetAdded", defaultMessage: "Matrix target added" },
  matrix_target_removed: { id: "audit.actionMatrixTargetRemoved", defaultMessage: "Matrix target removed" },
  matrix_target_acts_set: { id: "audit.actionMatrixTargetActsSet", defaultMessage: "Matrix target’s Acts set" },
  matrix_advocate_added: { id: "audit.actionMatrixAdvocateAdded", defaultMessage: "Matrix advocate added" },
  matrix_advocate_changed: { id: "audit.actionMatrixAdvocateChanged", defaultMessage: "Matrix advocate changed" },
  matrix_advocate_removed: { id: "audit.actionMatrixAdvocateRemoved", defaultMessage: "Matrix advocate removed" },
  negotiating_group_added: { id: "audit.actionNegotiatingGroupAdded", defaultMessage: "Negotiating group added" },
  negotiating_group_changed: { id: "audit.actionNegotiatingGroupChanged", defaultMessage: "Negotiating group changed" },
  negotiating_group_removed: { id: "audit.actionNegotiatingGroupRemoved", defaultMessage: "Negotiating group removed" },
  matrix_imported: { id: "audit.actionMatrixImported", defaultMessage: "Matrix imported" },
  matrix_exported: { id: "audit.actionMatrixExported", defaultMessage: "Matrix exported" },
});

type Formatter = (intl: IntlShape, entry: AuditEntry) => string;

/** "yes" when a part of the sentence is there: the selector its message chooses the wording by. */
const has = (value: unknown): YesNo => (value === undefined || value === null || value === "" ? "no" : "yes");
const who = (intl: IntlShape, entry: AuditEntry) => entry.actor ?? intl.formatMessage(messages.someone);
const subjectOf = (intl: IntlShape, entry: AuditEntry) => entry.subjectName ?? intl.formatMessage(messages.formerMember);
const shortHash = (sha256: string) => `${sha256.slice(0, 8)}…`;
/** A role (or any other recorded value) in words. */
const roleName = (intl: IntlShape, role: string | undefined) => (role ? intl.formatMessage(messages.roleName, { role }) : "");
const groupList = (intl: IntlShape, names: string[] | undefined) =>
  names && names.length > 0 ? intl.formatList(names, { type: "unit", style: "short" }) : intl.formatMessage(messages.noGroups);
const sameGroups = (a: string[] | undefined, b: string[] | undefined) => (a ?? []).join("\n") === (b ?? []).join("\n");

/** A quote shortened to a phrase: the sentence names the words, it does not reprint a clause. */
function phrase(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine;
}

/** A language code (as recorded) named in the reader's language. */
function languageName(intl: IntlShape, code: string | undefined): string {
  if (!code) return "";
  try {
    return intl.formatDisplayName(code, { type: "language" }) ?? code;
  } catch {
    return code;
  }
}

function memberChanged(intl: IntlShape, entry: AuditEntry): string {
  const { before, after, groupsBefore, groupsAfter } = entry.details;
  const person = { actor: who(intl, entry), former: entry.subjectName ? ("no" as const) : ("yes" as const), subject: entry.subjectName ?? "" };
  const roleChanged = Boolean(before && after && before !== after);
  const groupsChanged = groupsAfter !== undefined && !sameGroups(groupsBefore, groupsAfter);
  const roles = { before: roleName(intl, before), after: roleName(intl, after) };
  const groups = { groupsBefore: groupList(intl, groupsBefore), groupsAfter: groupList(intl, groupsAfter) };
  if (roleChanged && groupsChanged) return intl.formatMessage(messages.memberRoleAndGroupsChanged, { ...person, ...roles, ...groups });
  if (roleChanged) return intl.formatMessage(messages.memberRoleChanged, { ...person, ...roles });
  if (groupsChanged) return intl.formatMessage(messages.memberGroupsChanged, { ...person, ...groups });
  return intl.formatMessage(messages.memberUnchanged, { ...person, hasRole: has(after), role: roleName(intl, after) });
}

function nameChanged(intl: IntlShape, entry: AuditEntry): string {
  const { before, after } = entry.details;
  const whose = entry.actorId !== null && entry.actorId === entry.subject ? ("own" as const) : entry.subjectName ? ("other" as const) : ("former" as const);
  const values = { actor: who(intl, entry), whose, subject: entry.subjectName ?? "" };
  return before && after ? intl.formatMessage(messages.nameChanged, { ...values, before, after }) : intl.formatMessage(messages.nameChangedUnrecorded, values);
}

function roundOpened(intl: IntlShape, entry: AuditEntry): string {
  const { round, previousRound, document } = entry.details;
  const values: Actor & In = { actor: who(intl, entry), of: has(document), statement: document?.name ?? "" };
  if (!round) return intl.formatMessage(messages.roundOpenedUnnamed, values);
  if (previousRound) return intl.formatMessage(messages.nextRoundOpened, { ...values, round: round.name, previous: previousRound.name });
  return intl.formatMessage(messages.roundOpened, { ...values, round: round.name });
}

function roundFrozen(intl: IntlShape, entry: AuditEntry): string {
  const { round, version, document } = entry.details;
  const values: Actor & In = { actor: who(intl, entry), of: has(document), statement: document?.name ?? "" };
  if (!round) return intl.formatMessage(messages.roundFrozenUnnamed, values);
  if (entry.details.scheduled) return intl.formatMessage(messages.roundFrozenScheduled, { ...values, round: round.name, version: version?.sha256 ? shortHash(version.sha256) : "" });
  return intl.formatMessage(messages.roundFrozen, { ...values, round: round.name, hashed: has(version?.sha256), version: version?.sha256 ? shortHash(version.sha256) : "" });
}

/** A scheduled freeze's time as "2026-05-28 18:00 UTC": the log is read in several time zones. */
function utcTime(at: string | undefined): string {
  const time = at ? new Date(at) : null;
  return time && !Number.isNaN(time.getTime()) ? `${time.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
}

function freezeSchedule(intl: IntlShape, entry: AuditEntry): string {
  const { round, document, at } = entry.details;
  const values = { actor: who(intl, entry), of: has(document), statement: document?.name ?? "", round: round?.name ?? "" };
  return entry.action === "freeze_cancelled" ? intl.formatMessage(messages.freezeCancelled, values) : intl.formatMessage(messages.freezeScheduled, { ...values, at: utcTime(at) });
}

function versionRestored(intl: IntlShape, entry: AuditEntry): string {
  const { version, document } = entry.details;
  const values: Actor & In = { actor: who(intl, entry), of: has(document), statement: document?.name ?? "" };
  if (!version?.roundName || !version.sha256) return intl.formatMessage(messages.versionRestoredUnnamed, values);
  return intl.formatMessage(messages.versionRestored, { ...values, round: version.roundName, version: shortHash(version.sha256) });
}

const thread =
  (message: typeof messages.threadResolved): Formatter =>
  (intl, entry) => {
    const { quote, document } = entry.details;
    const words = quote ? phrase(quote) : "";
    return intl.formatMessage(message, { actor: who(intl, entry), quoted: has(words), quote: words, in: has(document), statement: document?.name ?? "" });
  };

function updateRefused(intl: IntlShape, entry: AuditEntry): string {
  const { count, reason, document } = entry.details;
  const values = { actor: who(intl, entry), count: count && count > 1 ? count : 1, reason: intl.formatMessage(messages.refusalReason, { reason: reason || "none" }) };
  return document ? intl.formatMessage(messages.updateRefused, { ...values, statement: document.name }) : intl.formatMessage(messages.updateRefusedElsewhere, values);
}

/** The version a sign-on entry is about, as its sentence names it. */
function signOnVersion(intl: IntlShape, entry: AuditEntry): SignOnVersion {
  return { actor: who(intl, entry), round: entry.details.version?.roundName ?? "", statement: entry.details.document?.name ?? "" };
}

const signOn =
  (message: typeof messages.signOnApproved): Formatter =>
  (intl, entry) =>
    intl.formatMessage(message, { ...signOnVersion(intl, entry), organisation: entry.details.organisation ?? "" });

/** What an organisation's contact did by a mailed link: no member acted, the organisation is the sentence's subject. */
const byContact =
  (message: typeof messages.signOnConfirmed): Formatter =>
  (intl, entry) =>
    intl.formatMessage(message, { round: entry.details.version?.roundName ?? "", statement: entry.details.document?.name ?? "", organisation: entry.details.organisation ?? "" });

function signOnEdited(intl: IntlShape, entry: AuditEntry): string {
  const changes = (entry.details.changes ?? []).map(({ field, before, after }) =>
    intl.formatMessage(messages.signOnChange, { field: intl.formatMessage(messages.signOnField, { field }), before, after }),
  );
  return intl.formatMessage(messages.signOnEdited, { ...signOnVersion(intl, entry), organisation: entry.details.organisation ?? "", changes: intl.formatList(changes, { type: "unit", style: "short" }) });
}

/** A matrix target in words: a state by its name in the reader's language, another actor as recorded. */
function targetOf(intl: IntlShape, entry: AuditEntry): string {
  const target = entry.details.target;
  if (!target) return "";
  if (!target.code) return target.name;
  try {
    return intl.formatDisplayName(target.code, { type: "region" }) ?? target.code;
  } catch {
    return target.code;
  }
}

const isPosition = (value: string | undefined): value is Position => (positions as readonly string[]).includes(value ?? "");
const isChannel = (value: string | undefined): value is Channel => (channels as readonly string[]).includes(value ?? "");
const inMatrix = (intl: IntlShape, entry: AuditEntry) => ({ actor: who(intl, entry), target: targetOf(intl, entry), statement: entry.details.document?.name ?? "" });

function matrixCellSet(intl: IntlShape, entry: AuditEntry): string {
  const { before, after, act, round } = entry.details;
  const word = (value: string | undefined) => (isPosition(value) ? positionName(intl, value) : (value ?? ""));
  return intl.formatMessage(messages.matrixCellSet, { ...inMatrix(intl, entry), act: act ?? 0, round: round?.name ?? "", changed: has(before), before: word(before), after: word(after) });
}

const advocate =
  (message: typeof messages.matrixAdvocateAdded): Formatter =>
  (intl, entry) => {
    const { channel, organisation } = entry.details;
    return intl.formatMessage(message, { ...inMatrix(intl, entry), organisation: organisation ?? "", channel: isChannel(channel) ? channelName(intl, channel) : (channel ?? "") });
  };

const groupValues = (intl: IntlShape, entry: AuditEntry): Group => ({ actor: who(intl, entry), group: entry.details.group?.name ?? "", count: entry.details.count ?? 0 });

/** The statement and round a matrix import or export was of. */
function matrixRound(intl: IntlShape, entry: AuditEntry): MatrixRound {
  return { actor: who(intl, entry), statement: entry.details.document?.name ?? "", round: entry.details.round?.name ?? "" };
}

/** The sentence of each action. */
const auditSentences: Record<AuditAction, Formatter> = {
  workspace_created: (intl, e) => intl.formatMessage(messages.workspaceCreated, { actor: who(intl, e), named: has(e.subjectName), name: e.subjectName ?? "" }),
  document_created: (intl, e) => intl.formatMessage(messages.documentCreated, { actor: who(intl, e), named: has(e.details.document), statement: e.details.document?.name ?? "" }),
  document_language_changed: (intl, e) =>
    intl.formatMessage(messages.documentLanguageChanged, {
      actor: who(intl, e),
      named: has(e.details.document),
      statement: e.details.document?.name ?? "",
      language: languageName(intl, e.details.after),
    }),
  member_changed: memberChanged,
  member_removed: (intl, e) =>
    intl.formatMessage(messages.memberRemoved, { actor: who(intl, e), subject: subjectOf(intl, e), hasRole: has(e.details.role), role: roleName(intl, e.details.role) }),
  invite_created: (intl, e) => intl.formatMessage(messages.inviteCreated, { actor: who(intl, e), role: e.details.role ?? "none", noted: has(e.details.note), note: e.details.note ?? "" }),
  invite_revoked: (intl, e) => intl.formatMessage(messages.inviteRevoked, { actor: who(intl, e), role: e.details.role ?? "none" }),
  invite_accepted: (intl, e) => intl.formatMessage(messages.inviteAccepted, { actor: who(intl, e), role: e.details.role ?? "none" }),
  name_changed: nameChanged,
  round_opened: roundOpened,
  round_frozen: roundFrozen,
  freeze_scheduled: freezeSchedule,
  freeze_cancelled: freezeSchedule,
  version_restored: versionRestored,
  thread_resolved: thread(messages.threadResolved),
  thread_reopened: thread(messages.threadReopened),
  update_refused: updateRefused,
  login: (intl, e) => intl.formatMessage(messages.login, { actor: who(intl, e) }),
  login_failed: (intl, e) => intl.formatMessage(messages.loginFailed, { named: has(e.subjectName), name: e.subjectName ?? "" }),
  token_created: (intl, e) => intl.formatMessage(messages.tokenCreated, { actor: who(intl, e), named: has(e.subjectName), name: e.subjectName ?? "" }),
  token_revoked: (intl, e) => intl.formatMessage(messages.tokenRevoked, { actor: who(intl, e) }),
  password_changed: (intl, e) => intl.formatMessage(messages.passwordChanged, { actor: who(intl, e), signedOut: e.details.signedOut ?? 0 }),
  password_reset_link_created: (intl, e) => intl.formatMessage(messages.passwordResetLinkCreated, { actor: who(intl, e), subject: subjectOf(intl, e) }),
  password_reset: (intl, e) => intl.formatMessage(messages.passwordReset, { subject: subjectOf(intl, e), signedOut: e.details.signedOut ?? 0 }),
  sign_on_opened: (intl, e) => intl.formatMessage(messages.signOnOpened, signOnVersion(intl, e)),
  sign_on_closed: (intl, e) => intl.formatMessage(messages.signOnClosed, signOnVersion(intl, e)),
  sign_on_added: signOn(messages.signOnAdded),
  sign_on_approved: signOn(messages.signOnApproved),
  sign_on_rejected: signOn(messages.signOnRejected),
  sign_on_edited: signOnEdited,
  sign_on_merged: (intl, e) => intl.formatMessage(messages.signOnMerged, { ...signOnVersion(intl, e), organisation: e.details.organisation ?? "", into: e.details.into ?? "" }),
  sign_on_carried_forward: (intl, e) =>
    intl.formatMessage(messages.signOnCarriedForward, { ...signOnVersion(intl, e), count: e.details.count ?? 0, previous: e.details.previousRound?.name ?? "", note: e.details.note ?? "" }),
  sign_on_confirmed: byContact(messages.signOnConfirmed),
  sign_on_withdrawn: byContact(messages.signOnWithdrawn),
  mail_failed: (intl, e) => intl.formatMessage(messages.mailFailed, { subject: subjectOf(intl, e), count: e.details.count ?? 0, reason: e.details.reason ?? "" }),
  matrix_cell_set: matrixCellSet,
  matrix_target_added: (intl, e) => intl.formatMessage(messages.matrixTargetAdded, inMatrix(intl, e)),
  matrix_target_removed: (intl, e) => intl.formatMessage(messages.matrixTargetRemoved, inMatrix(intl, e)),
  matrix_target_acts_set: (intl, e) =>
    intl.formatMessage(messages.matrixTargetActsSet, {
      ...inMatrix(intl, e),
      acts: e.details.acts && e.details.acts.length > 0 ? intl.formatList(e.details.acts.map(String), { type: "unit", style: "short" }) : intl.formatMessage(messages.noGroups),
    }),
  matrix_advocate_added: advocate(messages.matrixAdvocateAdded),
  matrix_advocate_changed: advocate(messages.matrixAdvocateChanged),
  matrix_advocate_removed: advocate(messages.matrixAdvocateRemoved),
  negotiating_group_added: (intl, e) => intl.formatMessage(messages.negotiatingGroupAdded, groupValues(intl, e)),
  negotiating_group_changed: (intl, e) =>
    intl.formatMessage(messages.negotiatingGroupChanged, { ...groupValues(intl, e), renamed: e.details.before && e.details.before !== e.details.after ? "yes" : "no", before: e.details.before ?? "" }),
  negotiating_group_removed: (intl, e) => intl.formatMessage(messages.negotiatingGroupRemoved, { actor: who(intl, e), group: e.details.group?.name ?? "" }),
  matrix_imported: (intl, e) => intl.formatMessage(messages.matrixImported, { ...matrixRound(intl, e), targets: e.details.imported?.targets ?? 0, cells: e.details.imported?.cells ?? 0, advocates: e.details.imported?.advocates ?? 0 }),
  matrix_exported: (intl, e) => intl.formatMessage(messages.matrixExported, { ...matrixRound(intl, e), format: (e.details.format ?? "").toUpperCase() }),
};

/** Whether an action has a sentence here (an entry from a newer server may not). */
export function isKnownAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(auditSentences, action);
}

/** An entry as a sentence in `intl`'s language; an action this version does not know reads as its code in words. */
export function describeAuditEntry(intl: IntlShape, entry: AuditEntry): string {
  if (isKnownAuditAction(entry.action)) return auditSentences[entry.action](intl, entry);
  return intl.formatMessage(messages.unknownAction, { actor: who(intl, entry), action: entry.action.replaceAll("_", " ") });
}

/** An action as the filter options and the CSV name it (an unknown one: its code in words). */
export function auditActionName(intl: IntlShape, action: string): string {
  return isKnownAuditAction(action) ? intl.formatMessage(actionNames[action]) : action.replaceAll("_", " ");
}

/**
 * A recorded value as words, for the CSV's Before and After columns: roles, thread
 * statuses, languages and matrix positions named in the reader's language; names and
 * anything else as recorded.
 */
export function auditValueName(intl: IntlShape, action: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (action === "member_changed" || action === "member_removed") return roleName(intl, value);
  if (action === "thread_resolved" || action === "thread_reopened") return intl.formatMessage(messages.threadStatus, { status: value });
  if (action === "document_language_changed") return languageName(intl, value);
  if (action === "matrix_cell_set" && isPosition(value)) return positionName(intl, value);
  return value;
}
