/**
 * Calls to the HTTP API, validated with the shared schemas so a server change that
 * breaks the contract fails loudly here, not somewhere in a component.
 */
import type { ZodType } from "zod";
import {
  apiErrorSchema,
  apiTokenListSchema,
  auditListSchema,
  createdInviteSchema,
  createdTokenSchema,
  documentDetailSchema,
  documentListSchema,
  documentSummarySchema,
  inviteListSchema,
  invitePreviewSchema,
  memberListSchema,
  meSchema,
  okSchema,
  setupStatusSchema,
  threadListSchema,
  suggestionListSchema,
  threadSchema,
  roundListSchema,
  roundSchema,
  freezeScheduleSchema,
  versionListSchema,
  versionSummarySchema,
  versionDetailSchema,
  comparisonSchema,
  signOnListSchema,
  signOnEntrySchema,
  signOnCarriedSchema,
  type CommentBodyRequest,
  type CreateThreadRequest,
  type MentionRef,
  type AcceptInviteRequest,
  type CreateDocumentRequest,
  type CreateInviteRequest,
  type SetupRequest,
  type AuditQuery,
  type AuditCsvQuery,
  changedPasswordSchema,
  createdPasswordResetSchema,
  passwordResetPreviewSchema,
  type ChangePasswordRequest,
  type UpdateMeRequest,
  type UpdateDocumentRequest,
} from "../shared/api.js";
import { isErrorId, type ErrorId } from "../shared/errors.js";
import type { Role } from "../shared/roles.js";
import { sessionSchema, type SignOnEdit, type SignOnHand } from "../shared/api.js";
import type { SignOnStatus } from "../shared/signOn.js";
import { notificationListSchema, notificationSettingsSchema } from "../shared/api/notifications.js";
import type { EmailMode } from "../shared/notifications.js";
import { publicSignOnSchema, signOnSubmittedSchema, signOnTokenResultSchema, type signOnSubmitSchema } from "../shared/api/signOn.js";
import { unsubscribedSchema } from "../shared/api/unsubscribe.js";
import {
  matrixAdvocateSchema,
  matrixCellSchema,
  matrixHistorySchema,
  matrixImportResultSchema,
  matrixOrganisationsSchema,
  matrixTargetSchema,
  matrixViewSchema,
  negotiatingGroupSchema,
  type matrixAdvocateInputSchema,
  type matrixAdvocatePatchSchema,
  type matrixCellInputSchema,
} from "../shared/api/matrix.js";
import type { z } from "zod";

type SignOnSubmit = z.input<typeof signOnSubmitSchema>;

/**
 * Why an API call failed: one of the server's stable error ids (shared/errors.ts), or
 * `network` (the server could not be reached) or `unknown` (an answer that is not the
 * API's error body, e.g. a proxy's page, or an id this client does not know).
 */
export type FailureId = ErrorId | "network" | "unknown";

/**
 * A refused API call: HTTP status plus the server's stable error id and its English
 * message (for logs; the interface shows the id's translated message, see
 * client/i18n/errorMessages.ts). `retryAfterSeconds`: the server's Retry-After, if any.
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly id: FailureId,
    message: string,
    readonly retryAfterSeconds?: number,
    /** On a refused form: the body's field the server refused (its dotted path). */
    readonly field?: string,
    /** The refusal's whole body as the server sent it (unchecked: parse it with the call's refusal schema, e.g. `matrixCellConflictSchema`). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The Retry-After header in seconds (the server sends a number of seconds), if present. */
function retryAfterOf(response: Response): number | undefined {
  const value = response.headers.get("retry-after");
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

async function call<T>(schema: ZodType<T>, path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init?.method ?? "GET",
      headers: { accept: "application/json", ...(init?.body !== undefined ? { "content-type": "application/json" } : {}) },
      body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiFailure(0, "network", "The server cannot be reached. Check your connection.");
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(body);
    const id = parsed.success && isErrorId(parsed.data.error.id) ? parsed.data.error.id : "unknown";
    throw new ApiFailure(response.status, id, parsed.success ? parsed.data.error.message : `Request failed (${response.status})`, retryAfterOf(response), parsed.success ? parsed.data.error.field : undefined, body);
  }
  return schema.parse(body);
}

/** The signed-in account and its workspaces. */
export const getMe = () => call(meSchema, "/api/me");
/** Who is signed in, or `{me: null}`: signed out is a normal answer there, so no 401 is logged. */
export const getSession = () => call(sessionSchema, "/api/session");
/** Change one's own display name (refused when it looks like a fellow member's). */
export const updateMe = (change: UpdateMeRequest) => call(meSchema, "/api/me", { method: "PATCH", body: change });
/** Whether this server still needs its first chair. */
export const getSetupStatus = () => call(setupStatusSchema, "/api/setup");
/** First run: create the chair and the workspace (signs in). */
export const runSetup = (request: SetupRequest) => call(meSchema, "/api/setup", { method: "POST", body: request });
/** Sign in with email and password. */
export const login = (email: string, password: string) => call(meSchema, "/api/auth/login", { method: "POST", body: { email, password } });
/** Sign out of this browser. */
export const logout = () => call(okSchema, "/api/auth/logout", { method: "POST" });
/** The account's tokens for scripts. */
export const listTokens = () => call(apiTokenListSchema, "/api/auth/tokens");
/** Create a token for scripts (asks for the password again). */
export const createToken = (email: string, password: string, name: string) =>
  call(createdTokenSchema, "/api/auth/token", { method: "POST", body: { email, password, name } });
/** Revoke a token: scripts and sockets using it stop at once. */
export const revokeToken = (id: string) => call(okSchema, `/api/auth/tokens/${encodeURIComponent(id)}`, { method: "DELETE" });

/** Statements of the caller's workspaces. */
export const listDocuments = (workspaceId?: string) =>
  call(documentListSchema, workspaceId ? `/api/documents?workspaceId=${encodeURIComponent(workspaceId)}` : "/api/documents");
/** One statement and what the caller may do with it. */
export const getDocument = (id: string) => call(documentDetailSchema, `/api/documents/${encodeURIComponent(id)}`);
/** Create a statement; the server seeds its content. */
export const createDocument = (request: CreateDocumentRequest) => call(documentSummarySchema, "/api/documents", { method: "POST", body: request });

/** Chairs: change a statement's language. */
export const updateDocument = (id: string, change: UpdateDocumentRequest) =>
  call(documentSummarySchema, `/api/documents/${encodeURIComponent(id)}`, { method: "PATCH", body: change });

const base = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}`;
/** Members and reference groups of a workspace (chairs). */
export const listMembers = (workspaceId: string) => call(memberListSchema, `${base(workspaceId)}/members`);
/** Change a member's role or groups (chairs). */
export const updateMember = (workspaceId: string, accountId: string, change: { role?: Role; groupIds?: string[] }) =>
  call(okSchema, `${base(workspaceId)}/members/${encodeURIComponent(accountId)}`, { method: "PATCH", body: change });
/** Remove a member (chairs). */
export const removeMember = (workspaceId: string, accountId: string) =>
  call(okSchema, `${base(workspaceId)}/members/${encodeURIComponent(accountId)}`, { method: "DELETE" });
/** Create an invitation link (chairs). */
export const createInvite = (workspaceId: string, request: CreateInviteRequest) =>
  call(createdInviteSchema, `${base(workspaceId)}/invites`, { method: "POST", body: request });
/** Pending invitations (chairs). */
export const listInvites = (workspaceId: string) => call(inviteListSchema, `${base(workspaceId)}/invites`);
/** Withdraw an invitation (chairs). */
export const revokeInvite = (workspaceId: string, inviteId: string) =>
  call(okSchema, `${base(workspaceId)}/invites/${encodeURIComponent(inviteId)}`, { method: "DELETE" });

/** What an invitation link offers. */
export const previewInvite = (token: string) => call(invitePreviewSchema, `/api/invites/${encodeURIComponent(token)}`);
/** Accept an invitation (signed in: `{}`; otherwise a new account). */
export const acceptInvite = (token: string, request: AcceptInviteRequest) =>
  call(meSchema, `/api/invites/${encodeURIComponent(token)}/accept`, { method: "POST", body: request });

const comments = (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}/comments`;
/** Comment threads of a statement, with where they are now. */
export const listThreads = (documentId: string) => call(threadListSchema, comments(documentId));
/** Start a thread on some words. */
export const createThread = (documentId: string, request: CreateThreadRequest) =>
  call(threadSchema, comments(documentId), { method: "POST", body: request });
/** Reply to a thread. */
export const replyToThread = (documentId: string, threadId: string, request: CommentBodyRequest) =>
  call(threadSchema, `${comments(documentId)}/${encodeURIComponent(threadId)}/replies`, { method: "POST", body: request });
/** Resolve, reopen, or edit the opening comment. */
export const updateThread = (documentId: string, threadId: string, change: { status?: "open" | "resolved"; body?: string; mentions?: MentionRef[] }) =>
  call(threadSchema, `${comments(documentId)}/${encodeURIComponent(threadId)}`, { method: "PATCH", body: change });
/** Delete your opening comment. */
export const deleteThread = (documentId: string, threadId: string) =>
  call(okSchema, `${comments(documentId)}/${encodeURIComponent(threadId)}`, { method: "DELETE" });
/** Edit your reply. */
export const editReply = (documentId: string, threadId: string, commentId: string, request: CommentBodyRequest) =>
  call(threadSchema, `${comments(documentId)}/${encodeURIComponent(threadId)}/replies/${encodeURIComponent(commentId)}`, { method: "PATCH", body: request });
/** Delete your reply. */
export const deleteReply = (documentId: string, threadId: string, commentId: string) =>
  call(okSchema, `${comments(documentId)}/${encodeURIComponent(threadId)}/replies/${encodeURIComponent(commentId)}`, { method: "DELETE" });
/** Who suggested what, where, and what became of it. */
export const listSuggestions = (documentId: string) => call(suggestionListSchema, `/api/documents/${encodeURIComponent(documentId)}/suggestions`);
/** Where comment changes are pushed (server-sent events; suggestions' changes come the same way). */
export const threadEventsUrl = (documentId: string) => `${comments(documentId)}/events`;
/** The Markdown export of the comments. */
export const threadExportUrl = (documentId: string, authors: boolean) => `${comments(documentId)}/export?authors=${authors}`;

const doc = (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}`;
/** Rounds of a statement, and whether it is frozen. */
export const listRounds = (documentId: string) => call(roundListSchema, `${doc(documentId)}/rounds`);
/** Open the statement's first round (chairs); later rounds come from `openNextRound`. */
export const openRound = (documentId: string, name: string, draftPublished: string) =>
  call(roundSchema, `${doc(documentId)}/rounds`, { method: "POST", body: { name, draftPublished } });
/** Freeze the current round: its version is recorded (chairs). */
export const freezeRound = (documentId: string, roundId: string) =>
  call(versionSummarySchema, `${doc(documentId)}/rounds/${encodeURIComponent(roundId)}/freeze`, { method: "POST" });
/** Schedule (or move) the freeze of the current round at an instant (chairs). */
export const scheduleFreeze = (documentId: string, roundId: string, at: string) =>
  call(freezeScheduleSchema, `${doc(documentId)}/rounds/${encodeURIComponent(roundId)}/freeze-schedule`, { method: "PUT", body: { at } });
/** Cancel the current round's scheduled freeze (chairs). */
export const cancelFreezeSchedule = (documentId: string, roundId: string) =>
  call(freezeScheduleSchema, `${doc(documentId)}/rounds/${encodeURIComponent(roundId)}/freeze-schedule`, { method: "DELETE" });
/** Open the round after a frozen one (chairs). */
export const openNextRound = (documentId: string, roundId: string, name: string, draftPublished: string) =>
  call(roundSchema, `${doc(documentId)}/rounds/${encodeURIComponent(roundId)}/open-next`, { method: "POST", body: { name, draftPublished } });
/** The versions of a statement. */
export const listVersions = (documentId: string) => call(versionListSchema, `${doc(documentId)}/versions`);
/** A version (or "live"): content, rendered HTML, comments as they were. */
export const getVersion = (documentId: string, versionId: string) => call(versionDetailSchema, `${doc(documentId)}/versions/${encodeURIComponent(versionId)}`);
/** Where to download a version (or "live") as DOCX, Markdown or print-ready HTML: the clean text, or with its pending suggestions marked. */
export const versionExportUrl = (documentId: string, versionId: string, format: "docx" | "md" | "html", options: { comments: boolean; authors: boolean; suggestions: boolean }) =>
  `${doc(documentId)}/versions/${encodeURIComponent(versionId)}?format=${format}&comments=${options.comments}&authors=${options.authors}&suggestions=${options.suggestions ? "marked" : "clean"}`;
/** Compare two versions (or a version with "live"): their clean texts, or with suggested and struck words read as text. */
export const compareVersions = (documentId: string, from: string, to: string, suggestions = false) =>
  call(comparisonSchema, `${doc(documentId)}/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&suggestions=${suggestions ? "marked" : "clean"}`);
/** Bring a version's text back into the live statement, as a new change (chairs). */
export const restoreVersion = (documentId: string, versionId: string) =>
  call(okSchema, `${doc(documentId)}/versions/${encodeURIComponent(versionId)}/restore`, { method: "POST" });

// ---- sign-on (chairs) ----------------------------------------------------------------

const signOn = (documentId: string, versionId: string) => `${doc(documentId)}/versions/${encodeURIComponent(versionId)}/sign-on`;
/** A version's sign-on: whether it is open, its entries (of one status when given) and the counts. */
export const getSignOn = (documentId: string, versionId: string, status?: SignOnStatus) =>
  call(signOnListSchema, `${signOn(documentId, versionId)}${status ? `?status=${status}` : ""}`);
/** Open or close sign-on for a frozen version. */
export const setSignOnOpen = (documentId: string, versionId: string, open: boolean) => call(okSchema, `${signOn(documentId, versionId)}/${open ? "open" : "close"}`, { method: "POST" });
/** Add an organisation by hand (approved at once). */
export const addSignOnEntry = (documentId: string, versionId: string, entry: SignOnHand) => call(signOnEntrySchema, `${signOn(documentId, versionId)}/entries`, { method: "POST", body: entry });
/** Approve or reject an entry. */
export const decideSignOnEntry = (documentId: string, versionId: string, entryId: string, decision: "approve" | "reject") =>
  call(signOnEntrySchema, `${signOn(documentId, versionId)}/entries/${encodeURIComponent(entryId)}/${decision}`, { method: "POST", body: {} });
/** Correct an entry's fields. */
export const editSignOnEntry = (documentId: string, versionId: string, entryId: string, change: SignOnEdit) =>
  call(signOnEntrySchema, `${signOn(documentId, versionId)}/entries/${encodeURIComponent(entryId)}`, { method: "PATCH", body: change });
/** Merge a duplicate into the entry kept. */
export const mergeSignOnEntry = (documentId: string, versionId: string, entryId: string, into: string) =>
  call(signOnEntrySchema, `${signOn(documentId, versionId)}/entries/${encodeURIComponent(entryId)}/merge`, { method: "POST", body: { into } });
/** Carry an earlier version's approved entries forward, with a note. */
export const carrySignOnForward = (documentId: string, versionId: string, from: string, note: string) =>
  call(signOnCarriedSchema, `${signOn(documentId, versionId)}/carry-forward`, { method: "POST", body: { from, note } });
/** The approved entries as CSV. */
export const signOnCsvUrl = (documentId: string, versionId: string) => `${signOn(documentId, versionId)}.csv`;

// ---- audit log ---------------------------------------------------------------------

/** The audit log's filters as query parameters (empty ones left out). */
function auditSearch(query: AuditQuery | AuditCsvQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(key, String(value));
  const search = params.toString();
  return search ? `?${search}` : "";
}
/** A page of the audit log, filtered (chairs). */
export const listAudit = (workspaceId: string, query: AuditQuery = {}) => call(auditListSchema, `${base(workspaceId)}/audit${auditSearch(query)}`);
/** Where the audit log downloads as CSV with the same filters (chairs). */
export const auditCsvUrl = (workspaceId: string, query: AuditCsvQuery = {}) => `${base(workspaceId)}/audit.csv${auditSearch(query)}`;

// ---- passwords and reset links ------------------------------------------------------

/** Change one's password (the current one is asked again); other browsers are signed out. */
export const changePassword = (request: ChangePasswordRequest) => call(changedPasswordSchema, "/api/me/password", { method: "POST", body: request });
/** A single-use link for a member who forgot their password (chairs). */
export const createPasswordReset = (workspaceId: string, accountId: string) =>
  call(createdPasswordResetSchema, `${base(workspaceId)}/members/${encodeURIComponent(accountId)}/password-reset`, { method: "POST", body: {} });
/** Whose password a reset link sets. */
export const previewPasswordReset = (token: string) => call(passwordResetPreviewSchema, `/api/password-resets/${encodeURIComponent(token)}`);
/** Set a new password with a reset link (signs in). */
export const resetPassword = (token: string, password: string) =>
  call(meSchema, `/api/password-resets/${encodeURIComponent(token)}`, { method: "POST", body: { password } });

/** What the public sign-on page shows for a version (no account needed). */
export const getPublicSignOn = (versionId: string) => call(publicSignOnSchema, `/api/public/sign-on/${encodeURIComponent(versionId)}`);
/** Sign an organisation on: the server mails a confirmation link. */
export const submitSignOn = (versionId: string, form: SignOnSubmit) =>
  call(signOnSubmittedSchema, `/api/public/sign-on/${encodeURIComponent(versionId)}`, { method: "POST", body: form });
/** Confirm or withdraw an entry with the secret from the mail's link. */
export const followSignOnLink = (action: "confirm" | "withdraw", token: string) =>
  call(signOnTokenResultSchema, `/api/public/sign-on/${action}`, { method: "POST", body: { token } });

// ---- notifications: the bell and the settings ---------------------------------------

export const listNotifications = (limit = 30) => call(notificationListSchema, `/api/notifications?limit=${limit}`);
export const markNotificationsRead = (which: { ids: string[] } | { all: true }) => call(okSchema, "/api/notifications/read", { method: "POST", body: which });
export const notificationEventsUrl = "/api/notifications/events";
export const getNotificationSettings = () => call(notificationSettingsSchema, "/api/me/notifications");
export const updateNotificationSettings = (change: { email?: EmailMode; follows?: { workspaceId: string; acts: number[] } }) =>
  call(notificationSettingsSchema, "/api/me/notifications", { method: "PATCH", body: change });
/** Stop notification mails with the secret of a mail's unsubscribe link (no session needed). */
export const unsubscribe = (token: string) => call(unsubscribedSchema, "/api/unsubscribe", { method: "POST", body: { token } });

// The Surround Sound matrix (shared/api/matrix.ts).
const matrix = (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}/matrix`;
const roundQuery = (roundId: string | null | undefined) => (roundId ? `?round=${encodeURIComponent(roundId)}` : "");
/** One round's matrix (default: the latest round), cut to the caller's role. */
export const getMatrix = (documentId: string, roundId?: string | null) => call(matrixViewSchema, `${matrix(documentId)}${roundQuery(roundId)}`);
/** Record a position; a stale `baseRevision` is refused with `matrix_cell_changed`. */
export const setMatrixCell = (documentId: string, cell: z.input<typeof matrixCellInputSchema>) => call(matrixCellSchema, `${matrix(documentId)}/cells`, { method: "PUT", body: cell });
export const addMatrixTarget = (documentId: string, target: { code: string; acts?: number[] } | { name: string; acts?: number[] }) =>
  call(matrixTargetSchema, `${matrix(documentId)}/targets`, { method: "POST", body: target });
/** `base`: the Acts as the caller saw them; when they changed meanwhile, 409 `matrix_stale` and nothing changes. */
export const setMatrixTargetActs = (documentId: string, targetId: string, acts: number[], base?: number[]) =>
  call(matrixTargetSchema, `${matrix(documentId)}/targets/${encodeURIComponent(targetId)}/acts`, { method: "PUT", body: { acts, ...(base ? { base } : {}) } });
export const removeMatrixTarget = (documentId: string, targetId: string) => call(okSchema, `${matrix(documentId)}/targets/${encodeURIComponent(targetId)}`, { method: "DELETE" });
export const getMatrixHistory = (documentId: string, targetId: string) => call(matrixHistorySchema, `${matrix(documentId)}/targets/${encodeURIComponent(targetId)}/history`);
export const addMatrixAdvocate = (documentId: string, advocate: z.input<typeof matrixAdvocateInputSchema>) =>
  call(matrixAdvocateSchema, `${matrix(documentId)}/advocates`, { method: "POST", body: advocate });
export const updateMatrixAdvocate = (documentId: string, advocateId: string, change: z.input<typeof matrixAdvocatePatchSchema>) =>
  call(matrixAdvocateSchema, `${matrix(documentId)}/advocates/${encodeURIComponent(advocateId)}`, { method: "PATCH", body: change });
export const removeMatrixAdvocate = (documentId: string, advocateId: string) => call(okSchema, `${matrix(documentId)}/advocates/${encodeURIComponent(advocateId)}`, { method: "DELETE" });
export const getMatrixOrganisations = (documentId: string) => call(matrixOrganisationsSchema, `${matrix(documentId)}/organisations`);
/** Where the caller is in the matrix (a cell, a row, or nowhere), for the others' presence. */
export const reportMatrixPresence = (documentId: string, place: { targetId: string | null; act: number | null }) =>
  call(okSchema, `${matrix(documentId)}/presence`, { method: "POST", body: place });
/** Preview (`commit: false`) or import (`commit: true`) a CSV into one round. */
export const importMatrix = (documentId: string, request: { roundId: string; csv: string; commit: boolean }) =>
  call(matrixImportResultSchema, `${matrix(documentId)}/import`, { method: "POST", body: request });
export const matrixEventsUrl = (documentId: string) => `${matrix(documentId)}/events`;
/** Downloads: `csv`, `xlsx` or the heat map as `svg`, for a round, headings in `lang`. */
export const matrixExportUrl = (documentId: string, format: "csv" | "xlsx" | "svg", roundId: string | null, lang: string) =>
  `${matrix(documentId)}/${format === "svg" ? "heatmap.svg" : `export.${format}`}?${new URLSearchParams({ ...(roundId ? { round: roundId } : {}), lang }).toString()}`;
const groups = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}/negotiating-groups`;
export const addNegotiatingGroup = (workspaceId: string, group: { name: string; codes: string[] }) => call(negotiatingGroupSchema, groups(workspaceId), { method: "POST", body: group });
/** `base`: the group as the caller saw it; when it changed meanwhile, 409 `matrix_stale` and nothing changes. */
export const updateNegotiatingGroup = (workspaceId: string, groupId: string, group: { name: string; codes: string[]; base?: { name: string; codes: string[] } }) =>
  call(negotiatingGroupSchema, `${groups(workspaceId)}/${encodeURIComponent(groupId)}`, { method: "PUT", body: group });
export const removeNegotiatingGroup = (workspaceId: string, groupId: string) => call(okSchema, `${groups(workspaceId)}/${encodeURIComponent(groupId)}`, { method: "DELETE" });
