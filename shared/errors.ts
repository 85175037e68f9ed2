/**
 * Every error id the HTTP API and the collaboration socket's upgrade can answer with, in
 * `{error: {id, message}}`. The id is the stable part: the client picks its translated
 * message by it (client/i18n/errorMessages.ts), while `message` stays English for scripts
 * and logs. The server's error constructors take an `ErrorId`, so an id not listed here
 * does not compile; the client must give every listed id a message.
 */
export const errorIds = [
  // Requests in general (server/http/errorHandler.ts, app.ts, clientApp.ts).
  "invalid_request",
  "body_too_large",
  "unsupported_media_type",
  "internal_error",
  "not_found",
  "unknown_host",
  "cross_site_request",
  // Signing in, sessions, tokens.
  "sign_in_required",
  "invalid_credentials",
  "too_many_attempts",
  "wrong_password",
  "same_password",
  "token_not_found",
  "already_set_up",
  "email_taken",
  "name_taken",
  // Workspaces, members, roles.
  "workspace_not_found",
  "role_required",
  "member_not_found",
  "last_chair",
  "unknown_group",
  // Invitations.
  "account_required",
  "account_exists",
  "invite_not_found",
  "invite_used",
  "invite_expired",
  // Mail (server/mail/): asked to mail without an SMTP server; the SMTP server refused or failed.
  "mail_unavailable",
  "mail_not_sent",
  // Notification mails: an unsubscribe link whose secret no mail carried.
  "unsubscribe_not_found",
  // Password reset links.
  "reset_own_password",
  "reset_needs_other_chair",
  "reset_not_found",
  "reset_used",
  "reset_expired",
  // Statements, comments.
  "document_not_found",
  "writes_closed",
  "thread_not_found",
  "comment_not_found",
  "not_author",
  "bad_anchor",
  "bad_mention",
  "too_many_streams",
  // Rounds and versions.
  "round_exists",
  "round_open",
  "round_not_current",
  "already_frozen",
  "frozen",
  "version_not_found",
  "freeze_time_past",
  "freeze_time_too_far",
  "freeze_not_scheduled",
  // Sign-on.
  "sign_on_closed",
  "sign_on_not_found",
  // A chair approving an entry its contact never confirmed by mail.
  "sign_on_unconfirmed",
  // Carrying forward from a version that is not an earlier one of the statement.
  "sign_on_not_earlier",
  // Merging into an entry that is withdrawn, rejected or merged itself.
  "sign_on_merge_target",
  // The Surround Sound matrix.
  "matrix_no_round",
  "round_not_found",
  "matrix_cell_changed",
  "matrix_target_exists",
  "matrix_target_not_found",
  "matrix_advocate_not_found",
  "matrix_advocate_exists",
  "unknown_state",
  "act_not_found",
  "matrix_too_many",
  "group_exists",
  "group_not_found",
  "matrix_import_invalid",
  "matrix_stale",
  "matrix_use_state",
  // The collaboration socket's upgrade refusals (server/collab/collabSocket.ts).
  "cross_site_origin",
  "not_a_member_of_this_workspace",
  "too_many_open_connections_for_this_account",
  "too_many_open_connections_from_this_address",
  "server_shutting_down",
  "upgrade_failed",
] as const;

/** A stable error id of the API. */
export type ErrorId = (typeof errorIds)[number];

const known: ReadonlySet<string> = new Set(errorIds);

/** Whether `id` (from a server's answer) is one this code knows. */
export function isErrorId(id: string): id is ErrorId {
  return known.has(id);
}
