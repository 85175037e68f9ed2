/**
 * What the interface says when a call to the server fails: a translated message chosen by
 * the API's stable error id (shared/errors.ts), never the server's English `message`
 * (kept for scripts and logs). The record's type asks for a message for every id, so an
 * id added to the API does not compile until it has one here.
 */
import { defineMessages, type IntlShape, type MessageDescriptor } from "react-intl";
import { ApiFailure, type FailureId } from "../api.js";

export const errorMessages: Record<FailureId, MessageDescriptor> = defineMessages({
  // Requests in general.
  invalid_request: { id: "error.invalid_request", defaultMessage: "Some of what was entered is not valid: check it and try again." },
  body_too_large: { id: "error.body_too_large", defaultMessage: "What you sent is too large." },
  unsupported_media_type: { id: "error.unsupported_media_type", defaultMessage: "The server cannot read this kind of request." },
  internal_error: { id: "error.internal_error", defaultMessage: "Something went wrong on the server. Try again." },
  not_found: { id: "error.not_found", defaultMessage: "Nothing was found at this address." },
  unknown_host: { id: "error.unknown_host", defaultMessage: "This server does not answer to that host name." },
  cross_site_request: { id: "error.cross_site_request", defaultMessage: "Requests from other sites are refused." },
  network: { id: "error.network", defaultMessage: "The server cannot be reached. Check your connection." },
  unknown: { id: "error.unknown", defaultMessage: "Something went wrong. Try again." },
  // Signing in, sessions, tokens.
  sign_in_required: { id: "error.sign_in_required", defaultMessage: "Sign in to do this." },
  invalid_credentials: { id: "error.invalid_credentials", defaultMessage: "Wrong email or password." },
  too_many_attempts: { id: "error.too_many_attempts", defaultMessage: "Too many failed attempts. Try again later." },
  wrong_password: { id: "error.wrong_password", defaultMessage: "Your current password is not right." },
  same_password: { id: "error.same_password", defaultMessage: "The new password is the same as the current one: choose another." },
  token_not_found: { id: "error.token_not_found", defaultMessage: "This token no longer exists: it may already have been revoked." },
  already_set_up: { id: "error.already_set_up", defaultMessage: "This workspace is already set up: sign in." },
  email_taken: { id: "error.email_taken", defaultMessage: "An account with this email already exists." },
  name_taken: {
    id: "error.name_taken",
    defaultMessage: "Another member already has this name, or one that looks like it: choose another (add a surname or an initial).",
  },
  // Workspaces, members, roles.
  workspace_not_found: { id: "error.workspace_not_found", defaultMessage: "This workspace cannot be found, or you are not a member of it." },
  role_required: { id: "error.role_required", defaultMessage: "Your role in this workspace does not allow this." },
  member_not_found: { id: "error.member_not_found", defaultMessage: "That person is not a member of this workspace." },
  last_chair: { id: "error.last_chair", defaultMessage: "A workspace needs at least one chair: make someone else chair first." },
  unknown_group: { id: "error.unknown_group", defaultMessage: "One of the reference groups chosen no longer exists in this workspace. Reload the page." },
  // Invitations.
  account_required: {
    id: "error.account_required",
    defaultMessage: "Give a name, email and password to create your account, or sign in first.",
  },
  account_exists: { id: "error.account_exists", defaultMessage: "An account with this email exists: sign in first, then open the link again." },
  unsubscribe_not_found: { id: "error.unsubscribe_not_found", defaultMessage: "This unsubscribe link is not valid. You can change how you get notification emails on your account page." },
  invite_not_found: { id: "error.invite_not_found", defaultMessage: "This invitation link is not valid." },
  invite_used: { id: "error.invite_used", defaultMessage: "This invitation has already been used." },
  invite_expired: { id: "error.invite_expired", defaultMessage: "This invitation has expired." },
  // Mail.
  mail_unavailable: { id: "error.mail_unavailable", defaultMessage: "This workspace cannot send mail right now: no mail server is set up, or it did not answer." },
  mail_not_sent: {
    id: "error.mail_not_sent",
    defaultMessage: "The invitation was created, but the mail could not be sent: copy the link below and send it yourself.",
  },
  // Password reset links.
  reset_own_password: { id: "error.reset_own_password", defaultMessage: "Change your own password on your account page." },
  reset_needs_other_chair: {
    id: "error.reset_needs_other_chair",
    defaultMessage:
      "This person is also a member of a workspace you do not chair: a chair of every workspace they belong to must make the link.",
  },
  reset_not_found: {
    id: "error.reset_not_found",
    defaultMessage: "This reset link is not valid: a newer one may have replaced it. Ask your chair for a new one.",
  },
  reset_used: { id: "error.reset_used", defaultMessage: "This reset link has already been used. Ask your chair for a new one." },
  reset_expired: { id: "error.reset_expired", defaultMessage: "This reset link has expired. Ask your chair for a new one." },
  // Statements, comments.
  document_not_found: {
    id: "error.document_not_found",
    defaultMessage: "This statement cannot be found, or you are not a member of its workspace.",
  },
  writes_closed: { id: "error.writes_closed", defaultMessage: "This statement no longer accepts changes here. Reload the page." },
  thread_not_found: { id: "error.thread_not_found", defaultMessage: "This comment thread cannot be found: it may have been deleted." },
  comment_not_found: { id: "error.comment_not_found", defaultMessage: "This comment cannot be found: it may have been deleted." },
  not_author: { id: "error.not_author", defaultMessage: "Only its author may change or delete a comment." },
  bad_anchor: {
    id: "error.bad_anchor",
    defaultMessage: "The words this comment is on cannot be found in the statement: select them again.",
  },
  bad_mention: {
    id: "error.bad_mention",
    defaultMessage: "Only members and reference groups of this workspace can be mentioned. Remove that mention and try again.",
  },
  too_many_streams: { id: "error.too_many_streams", defaultMessage: "Too many comment streams are open: close a tab and try again." },
  // Rounds and versions.
  round_exists: { id: "error.round_exists", defaultMessage: "This statement already has a round: freeze the current round, then open the next one." },
  round_open: { id: "error.round_open", defaultMessage: "Freeze this round before opening the next." },
  round_not_current: { id: "error.round_not_current", defaultMessage: "Only the current round can be frozen or followed by the next." },
  already_frozen: { id: "error.already_frozen", defaultMessage: "This round is already frozen." },
  frozen: { id: "error.frozen", defaultMessage: "The round is frozen: open the next round before restoring a version's text." },
  version_not_found: { id: "error.version_not_found", defaultMessage: "This version cannot be found in this statement." },
  freeze_time_past: { id: "error.freeze_time_past", defaultMessage: "Choose a time in the future for the freeze." },
  freeze_time_too_far: { id: "error.freeze_time_too_far", defaultMessage: "A freeze can be scheduled at most a year ahead." },
  freeze_not_scheduled: { id: "error.freeze_not_scheduled", defaultMessage: "No freeze is scheduled for this round." },
  // Sign-on.
  sign_on_closed: { id: "error.sign_on_closed", defaultMessage: "Sign-on for this version is closed." },
  sign_on_not_found: { id: "error.sign_on_not_found", defaultMessage: "This sign-on link is not valid, or the sign-on cannot be found." },
  sign_on_unconfirmed: { id: "error.sign_on_unconfirmed", defaultMessage: "This sign-on was not confirmed by email yet: it cannot be approved." },
  sign_on_not_earlier: { id: "error.sign_on_not_earlier", defaultMessage: "Entries can only be carried forward from an earlier version of this statement." },
  sign_on_merge_target: { id: "error.sign_on_merge_target", defaultMessage: "Merge into an entry that is still listed or waiting, not into a withdrawn, rejected or merged one." },
  // The Surround Sound matrix.
  matrix_no_round: { id: "error.matrix_no_round", defaultMessage: "Open the statement's first round before recording positions." },
  round_not_found: { id: "error.round_not_found", defaultMessage: "This round cannot be found in this statement." },
  matrix_cell_changed: { id: "error.matrix_cell_changed", defaultMessage: "Someone changed this position meanwhile: look at their version, then save yours again if it should replace it." },
  matrix_target_exists: { id: "error.matrix_target_exists", defaultMessage: "This government is already a target of the matrix." },
  matrix_target_not_found: { id: "error.matrix_target_not_found", defaultMessage: "This target cannot be found in the matrix." },
  matrix_advocate_not_found: { id: "error.matrix_advocate_not_found", defaultMessage: "This advocate cannot be found in the matrix." },
  matrix_advocate_exists: { id: "error.matrix_advocate_exists", defaultMessage: "This organisation already reaches this government through this channel." },
  unknown_state: { id: "error.unknown_state", defaultMessage: "This is not the code of a UN member or observer state." },
  act_not_found: { id: "error.act_not_found", defaultMessage: "The statement has no Act with this number." },
  matrix_too_many: { id: "error.matrix_too_many", defaultMessage: "The matrix has reached its limit here: remove something before adding more." },
  group_exists: { id: "error.group_exists", defaultMessage: "The workspace already has a negotiating group with this name." },
  group_not_found: { id: "error.group_not_found", defaultMessage: "This negotiating group cannot be found." },
  matrix_import_invalid: { id: "error.matrix_import_invalid", defaultMessage: "The file has problems on the lines listed: nothing was imported. Correct them and try again." },
  matrix_stale: { id: "error.matrix_stale", defaultMessage: "Someone changed this meanwhile: look at it again, then make your change." },
  matrix_use_state: { id: "error.matrix_use_state", defaultMessage: "This is a UN state: add it by its country." },
  // The live connection (answered when a websocket is refused; scripts see these ids).
  cross_site_origin: { id: "error.cross_site_origin", defaultMessage: "Connections from other sites are refused." },
  not_a_member_of_this_workspace: {
    id: "error.not_a_member_of_this_workspace",
    defaultMessage: "You are not a member of this statement's workspace.",
  },
  too_many_open_connections_for_this_account: {
    id: "error.too_many_open_connections_for_this_account",
    defaultMessage: "Too many connections are open for this account: close a tab and try again.",
  },
  too_many_open_connections_from_this_address: {
    id: "error.too_many_open_connections_from_this_address",
    defaultMessage: "Too many connections are open from this address: close a tab and try again.",
  },
  server_shutting_down: { id: "error.server_shutting_down", defaultMessage: "The server is restarting. Try again in a moment." },
  upgrade_failed: { id: "error.upgrade_failed", defaultMessage: "The live connection could not be opened. Try again in a moment." },
});

const messages = defineMessages<{ tooManyAttemptsWait: { minutes: number } }>({
  tooManyAttemptsWait: {
    id: "error.tooManyAttemptsWait",
    defaultMessage: "Too many failed attempts. Try again in {minutes, plural, one {# minute} other {# minutes}}.",
  },
});

/**
 * The message to show for a failed call, in the interface's language: an `ApiFailure`'s
 * id's message (after too many sign-in attempts, with the wait the server asks for, in
 * minutes rounded up); anything else, a general one.
 */
export function describeFailure(intl: IntlShape, failure: unknown): string {
  if (!(failure instanceof ApiFailure)) return intl.formatMessage(errorMessages.unknown);
  if (failure.id === "too_many_attempts" && failure.retryAfterSeconds !== undefined) {
    return intl.formatMessage(messages.tooManyAttemptsWait, { minutes: Math.max(1, Math.ceil(failure.retryAfterSeconds / 60)) });
  }
  return intl.formatMessage(errorMessages[failure.id]);
}
