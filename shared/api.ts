/**
 * Request and response schemas of the HTTP API, shared by server and client. The server
 * validates with them and generates its OpenAPI document from them; types are inferred
 * from the schemas so both sides agree by construction.
 */
import { z } from "zod";
import { limits } from "./limits.js";
import { roles } from "./roles.js";
import { displayNameProblem, tidyDisplayName } from "./displayName.js";
import { localeSchema } from "./i18n/locales.js";
import { suggestionKinds, suggestionStatuses } from "./suggestions.js";
import { signOnText } from "./signOn.js";

/** Opaque ids: url-safe, 8 to 64 characters. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "not a valid id");
/** Document ids. */
export const documentIdSchema = idSchema;

/** One of the four roles. */
export const roleSchema = z.enum(roles);

/** Templates a new statement can start from. */
export const templateIdSchema = z.enum(["ten-acts", "blank"]);
/** One of the template ids. */
export type TemplateId = z.infer<typeof templateIdSchema>;

const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email("not an email address"));
const passwordSchema = z.string().min(limits.minPasswordLength, `at least ${limits.minPasswordLength} characters`).max(200);
/**
 * A display name as typed: refused if it holds a text-direction control, an invisible
 * or control character (each named in the message), then stored tidied (NFC, trimmed,
 * spaces collapsed). Whether it looks like another member's is the server's check (409 `name_taken`).
 */
export const displayNameSchema = z
  .string()
  .refine((name) => displayNameProblem(name) === null, { error: (issue) => displayNameProblem(String(issue.input)) ?? "not a valid name", abort: true })
  .overwrite(tidyDisplayName)
  .min(1, "a name is required")
  .max(limits.maxDisplayNameLength, `a name has at most ${limits.maxDisplayNameLength} characters`);

// ---- accounts and sessions -------------------------------------------------------

/** An account as others see it. */
export const accountSchema = z.object({ id: idSchema, email: z.string(), displayName: z.string() });
/** An account as others see it. */
export type Account = z.infer<typeof accountSchema>;

/** A reference group: a thematic working group following some Acts. */
export const referenceGroupSchema = z.object({ id: idSchema, name: z.string(), acts: z.array(z.number().int()) });

/** One workspace the caller belongs to, with their role there. */
export const membershipSchema = z.object({
  workspace: z.object({ id: idSchema, name: z.string() }),
  role: roleSchema,
  groups: z.array(referenceGroupSchema),
});
/** One workspace the caller belongs to. */
export type Membership = z.infer<typeof membershipSchema>;

/** `GET /api/me` */
export const meSchema = z.object({
  account: accountSchema,
  /** The interface language the person chose (null: not chosen, the browser's preference applies). */
  language: localeSchema.nullable().default(null),
  /** The organisation the person works for, as they wrote it ("" until they do). */
  organisation: z.string().default(""),
  memberships: z.array(membershipSchema),
});
/** `GET /api/me` */
export type Me = z.infer<typeof meSchema>;
/** `GET /api/session`: the signed-in account, or null when signed out (a normal answer, not a 401). */
export const sessionSchema = z.object({ me: meSchema.nullable() });
/** Characters of a member's organisation. */
export const ORGANISATION_MAX = 200;
/** `PATCH /api/me`: change one's own display name, interface language, organisation, or several. */
export const updateMeSchema = z
  .object({ displayName: displayNameSchema.optional(), language: localeSchema.optional(), organisation: signOnText(ORGANISATION_MAX).optional() })
  .strict()
  .refine(
    (change) => change.displayName !== undefined || change.language !== undefined || change.organisation !== undefined,
    "give a displayName, a language or an organisation",
  );
/** `PATCH /api/me` */
export type UpdateMeRequest = z.input<typeof updateMeSchema>;

/** `POST /api/auth/login` */
export const loginSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) }).strict();

/** `POST /api/auth/token` */
export const createTokenSchema = z
  .object({ email: emailSchema, password: z.string().min(1).max(200), name: z.string().trim().min(1).max(100).default("script") })
  .strict();
/** `POST /api/auth/token` answer: the token is shown this once. */
export const createdTokenSchema = z.object({ id: idSchema, token: z.string() });

/** A token for scripts, as listed on the account page (never the token itself). */
export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
/** An API token as listed. */
export type ApiToken = z.infer<typeof apiTokenSchema>;
/** `GET /api/auth/tokens` */
export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });

/** `GET /api/setup` */
export const setupStatusSchema = z.object({ needed: z.boolean() });
/** `POST /api/setup`: the first chair and the workspace. */
export const setupSchema = z
  .object({
    workspaceName: z.string().trim().min(1).max(limits.maxTitleLength),
    displayName: displayNameSchema,
    email: emailSchema,
    password: passwordSchema,
    tenActs: z.boolean().default(true),
  })
  .strict();
/** `POST /api/setup` */
export type SetupRequest = z.input<typeof setupSchema>;

// ---- workspaces, members, invitations ----------------------------------------------

/** Whom an invitation is for, noted by the chair (a name or an email): one line of plain text. */
const inviteNoteSchema = z
  .string()
  .trim()
  .max(limits.maxInviteNoteLength, `a note has at most ${limits.maxInviteNoteLength} characters`)
  .refine((note) => !/[\p{Cc}\p{Cf}]/u.test(note), "a note cannot hold control or invisible characters");

/** Params naming a workspace. */
export const workspaceParamsSchema = z.object({ workspaceId: idSchema }).strict();
/** Params naming a member of a workspace. */
export const memberParamsSchema = z.object({ workspaceId: idSchema, accountId: idSchema }).strict();
/** Params naming an invitation of a workspace. */
export const inviteParamsSchema = z.object({ workspaceId: idSchema, inviteId: idSchema }).strict();

/** A member as the members page lists them (emails only for chairs: null for the other roles). */
export const memberSchema = z.object({
  account: accountSchema.extend({ email: z.string().nullable() }),
  role: roleSchema,
  groupIds: z.array(idSchema),
  joinedAt: z.string(),
});
/** `GET /api/workspaces/:workspaceId/members` */
export const memberListSchema = z.object({ members: z.array(memberSchema), groups: z.array(referenceGroupSchema) });
/** `GET /api/workspaces/:workspaceId/members` */
export type MemberList = z.infer<typeof memberListSchema>;

/** `PATCH /api/workspaces/:workspaceId/members/:accountId` */
export const updateMemberSchema = z
  .object({ role: roleSchema.optional(), groupIds: z.array(idSchema).max(50).optional() })
  .strict()
  .refine((value) => value.role !== undefined || value.groupIds !== undefined, "nothing to change");

/** `POST /api/workspaces/:workspaceId/invites` */
export const createInviteSchema = z
  .object({
    role: roleSchema,
    groupIds: z.array(idSchema).max(50).default([]),
    expiresInDays: z.number().int().min(1).max(30).default(7),
    note: inviteNoteSchema.optional(),
    /** Mail the link to this address (only when the server has SMTP; refused otherwise). */
    email: emailSchema.optional(),
  })
  .strict();
/** `POST /api/workspaces/:workspaceId/invites` */
export type CreateInviteRequest = z.input<typeof createInviteSchema>;

/** A pending invitation as the chair sees it. */
export const inviteSchema = z.object({
  id: idSchema,
  role: roleSchema,
  groupIds: z.array(idSchema),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** Whom it is for, as the chair noted it. */
  note: z.string().nullable(),
});
/** A pending invitation. */
export type Invite = z.infer<typeof inviteSchema>;
/** `POST /api/workspaces/:workspaceId/invites` answer: the link is shown this once. */
export const createdInviteSchema = inviteSchema.extend({
  token: z.string(),
  path: z.string(),
  /** Whether the link was mailed (false: no address given, or the send failed). */
  mailed: z.boolean(),
  /**
   * Why an address was given but no mail went (`mail_not_sent`): the invitation exists all
   * the same and its link can be copied. Null when nothing was to be mailed or it went.
   */
  mailError: z.object({ id: z.string(), message: z.string() }).nullable(),
});
/** `GET /api/workspaces/:workspaceId/invites` */
export const inviteListSchema = z.object({
  invites: z.array(inviteSchema),
  /** Whether the server can mail an invitation (SMTP configured): the page offers an email field only then. */
  mailAvailable: z.boolean(),
});

/** Params naming an invitation by its secret token. */
export const inviteTokenParamsSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "not an invitation") }).strict();
/** `GET /api/invites/:token`: what the invitation offers. */
export const invitePreviewSchema = z.object({
  workspaceName: z.string(),
  role: roleSchema,
  groups: z.array(z.string()),
  expiresAt: z.string(),
});
/** `GET /api/invites/:token` */
export type InvitePreview = z.infer<typeof invitePreviewSchema>;
/**
 * `POST /api/invites/:token/accept`: new account details, or empty when signed in. One
 * object with optional fields (not a union) so a refused name is reported as such.
 */
export const acceptInviteSchema = z
  .object({ displayName: displayNameSchema.optional(), email: emailSchema.optional(), password: passwordSchema.optional() })
  .strict()
  .refine(
    (body) => [body.displayName, body.email, body.password].every((v) => v === undefined) || [body.displayName, body.email, body.password].every((v) => v !== undefined),
    "give a name, an email and a password together (or none, when signed in)",
  );
/** `POST /api/invites/:token/accept` */
export type AcceptInviteRequest = z.input<typeof acceptInviteSchema>;

// ---- audit log (schemas in shared/api/audit.ts) ---------------------------------

export * from "./api/audit.js";

// ---- documents ---------------------------------------------------------------------

/** A statement as listed. */
export const documentSummarySchema = z.object({
  id: documentIdSchema,
  workspaceId: idSchema,
  title: z.string(),
  /** The statement's language: its editor's spellcheck and its exports follow it. */
  language: localeSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** A statement as listed. */
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

/** A negotiation round. */
export const roundSchema = z.object({
  id: idSchema,
  seq: z.number().int(),
  name: z.string(),
  draftPublished: z.string(),
  openedAt: z.string(),
  frozenAt: z.string().nullable(),
  versionId: idSchema.nullable(),
  /** When a chair scheduled this round to freeze (ISO, UTC); null when not scheduled or once frozen. */
  freezeAt: z.string().nullable(),
});
/** A negotiation round. */
export type Round = z.infer<typeof roundSchema>;

/** `GET /api/documents/:id`: the statement and what the caller may do with it. */
export const documentDetailSchema = documentSummarySchema.extend({
  role: roleSchema,
  /** The caller's role may edit and the current round is not frozen. */
  canEdit: z.boolean(),
  /** The caller's role may suggest changes (reviewers only suggest) and the current round is not frozen. */
  canSuggest: z.boolean(),
  /** The current round (null before the first is opened). */
  round: roundSchema.nullable(),
  frozen: z.boolean(),
});
/** `GET /api/documents/:id` */
export type DocumentDetail = z.infer<typeof documentDetailSchema>;

/** `GET /api/documents` */
export const documentListSchema = z.object({ documents: z.array(documentSummarySchema) });
/** `GET /api/documents` */
export type DocumentList = z.infer<typeof documentListSchema>;
/** `GET /api/documents` query */
export const documentListQuerySchema = z.object({ workspaceId: idSchema.optional() }).strict();

/** `POST /api/documents` */
export const createDocumentSchema = z
  .object({
    title: z.string().trim().min(1, "a title is required").max(limits.maxTitleLength),
    template: templateIdSchema.default("ten-acts"),
    workspaceId: idSchema.optional(),
    /** English when not given. */
    language: localeSchema.optional(),
  })
  .strict();
/** `POST /api/documents` */
export type CreateDocumentRequest = z.input<typeof createDocumentSchema>;
/** `PATCH /api/documents/:id` (chairs): change the statement's language. */
export const updateDocumentSchema = z.object({ language: localeSchema }).strict();
/** `PATCH /api/documents/:id` */
export type UpdateDocumentRequest = z.input<typeof updateDocumentSchema>;

/** `GET /api/documents/:id` params */
export const documentParamsSchema = z.object({ id: documentIdSchema }).strict();

// ---- comments ----------------------------------------------------------------------

/**
 * Control characters (tab and line breaks allowed), unpaired surrogates and noncharacters
 * (U+FFFE, U+FFFF...): never meant, invisible, and not XML. Exports remove them anyway
 * (statement text never passes here); refusing them keeps comments as their author sees them.
 */
/** Control, surrogate and non-characters (tabs and new lines aside): refused in free text people write. */
const invisibleCharacters = /(?![\t\n\r])[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/u;
const commentBodySchema = z
  .string()
  .trim()
  .min(1, "a comment cannot be empty")
  .max(limits.maxCommentLength, `at most ${limits.maxCommentLength} characters`)
  .refine((body) => !invisibleCharacters.test(body), "a comment cannot hold control characters (tabs and new lines are fine)");
const anchorPositionSchema = z
  .string()
  .max(limits.maxAnchorLength)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, "not base64");

/** Where a thread is anchored: base64 of `Y.encodeRelativePosition` for its start and end. */
export const anchorSchema = z.object({ start: anchorPositionSchema, end: anchorPositionSchema }).strict();
/** A thread's anchor. */
export type Anchor = z.infer<typeof anchorSchema>;

/** Thread status. */
export const threadStatusSchema = z.enum(["open", "resolved"]);

/** Someone named in a thread; null when listed without authors (Chatham House). */
const personSchema = z.object({ id: z.string(), name: z.string() }).nullable();

/** Whom a comment can mention: a member of the workspace, or one of its reference groups. */
export const mentionKinds = ["account", "group"] as const;
/** A mention as a comment is written: whom it names, by id (their "@Name" is in the body). */
export const mentionRefSchema = z.object({ kind: z.enum(mentionKinds), id: idSchema }).strict();
/** A mention as a comment is written. */
export type MentionRef = z.infer<typeof mentionRefSchema>;
/** The mentions a comment is written with (those whose "@Name" is not in the body are dropped). */
const mentionsRequestSchema = z.array(mentionRefSchema).max(limits.maxMentions, `at most ${limits.maxMentions} mentions`).optional();
/** A mention as the API shows it: with the current name of the person or group. */
export const mentionSchema = z.object({ kind: z.enum(mentionKinds), id: z.string(), name: z.string() });
/** A mention with its current name. */
export type Mention = z.infer<typeof mentionSchema>;

/** One comment of a thread (the first is the thread's opening comment). */
export const commentSchema = z.object({
  id: idSchema,
  author: personSchema,
  body: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  /** Who it mentions ("@Name" in the body); absent in versions frozen before mentions existed. */
  mentions: z.array(mentionSchema).optional(),
});
/** One comment. */
export type Comment = z.infer<typeof commentSchema>;

/** A comment thread, with where it sits now in the statement. */
export const threadSchema = z.object({
  id: idSchema,
  documentId: idSchema,
  anchor: anchorSchema,
  /** The words the thread was made on. */
  quote: z.string(),
  /** The anchored words now (empty when they were deleted). */
  currentQuote: z.string(),
  /** True when the anchored words were deleted: the thread stays, with its quote. */
  detached: z.boolean(),
  act: z.object({ id: z.string().nullable(), number: z.number().int(), title: z.string() }).nullable(),
  clause: z.object({ id: z.string().nullable(), number: z.string() }).nullable(),
  group: z.object({ id: idSchema, name: z.string() }).nullable(),
  status: threadStatusSchema,
  createdBy: personSchema,
  createdAt: z.string(),
  resolvedBy: personSchema,
  resolvedAt: z.string().nullable(),
  comments: z.array(commentSchema),
});
/** A comment thread. */
export type Thread = z.infer<typeof threadSchema>;

/** `GET /api/documents/:id/comments` */
export const threadListSchema = z.object({ threads: z.array(threadSchema) });
/** `GET /api/documents/:id/comments` query: `authors=false` leaves authors out (Chatham House). */
export const threadListQuerySchema = z.object({ authors: z.enum(["true", "false"]).default("true") }).strict();
/** `GET /api/documents/:id/comments/export` query. */
export const commentExportQuerySchema = z
  .object({ authors: z.enum(["true", "false"]).default("true"), status: z.enum(["open", "resolved", "all"]).default("all") })
  .strict();

/** `POST /api/documents/:id/comments` */
export const createThreadSchema = z
  .object({ body: commentBodySchema, anchor: anchorSchema, quote: z.string().max(limits.maxQuoteLength), mentions: mentionsRequestSchema })
  .strict();
/** `POST /api/documents/:id/comments` */
export type CreateThreadRequest = z.input<typeof createThreadSchema>;

/** `POST /api/documents/:id/comments/:threadId/replies` and editing a comment. */
export const commentBodyRequestSchema = z.object({ body: commentBodySchema, mentions: mentionsRequestSchema }).strict();
/** A reply or an edited comment. */
export type CommentBodyRequest = z.input<typeof commentBodyRequestSchema>;

/** `PATCH /api/documents/:id/comments/:threadId`: resolve, reopen, or edit its opening comment. */
export const updateThreadSchema = z
  .object({ status: threadStatusSchema.optional(), body: commentBodySchema.optional(), mentions: mentionsRequestSchema })
  .strict()
  .refine((value) => value.status !== undefined || value.body !== undefined, "nothing to change");

/** Params naming a thread. */
export const threadParamsSchema = z.object({ id: documentIdSchema, threadId: idSchema }).strict();
/** Params naming a reply. */
export const replyParamsSchema = z.object({ id: documentIdSchema, threadId: idSchema, commentId: idSchema }).strict();

// ---- suggestions -------------------------------------------------------------------------

/** A suggestion as the API shows it: who made it, where, its words (as last seen; the statement holds them), and what became of it. */
export const suggestionSchema = z.object({
  id: z.string(),
  author: z.object({ id: z.string(), name: z.string() }),
  group: z.object({ id: idSchema, name: z.string() }).nullable(),
  kind: z.enum(suggestionKinds),
  actId: z.string().nullable(),
  clauseId: z.string().nullable(),
  inserted: z.string(),
  deleted: z.string(),
  createdAt: z.string(),
  status: z.enum(suggestionStatuses),
  decidedBy: personSchema,
  decidedAt: z.string().nullable(),
});
/** A suggestion. */
export type Suggestion = z.infer<typeof suggestionSchema>;

/** `GET /api/documents/:id/suggestions`: oldest first. */
export const suggestionListSchema = z.object({ suggestions: z.array(suggestionSchema) });

// ---- rounds, versions, compare -----------------------------------------------------------

/** `GET /api/documents/:id/rounds` */
export const roundListSchema = z.object({ rounds: z.array(roundSchema), frozen: z.boolean() });
/** `POST /api/documents/:id/rounds` and `.../open-next`: the round the governments' new draft starts. */
export const openRoundSchema = z
  .object({
    name: z.string().trim().min(1).max(limits.maxTitleLength),
    draftPublished: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD"),
  })
  .strict();
/** `PUT /api/documents/:id/rounds/:roundId/freeze-schedule`: when to freeze the round (an ISO instant). */
export const freezeScheduleRequestSchema = z.object({ at: z.string().datetime({ offset: true }) }).strict();
/** The round's scheduled freeze after a change (null: none). */
export const freezeScheduleSchema = z.object({ roundId: idSchema, freezeAt: z.string().nullable() });
/** Params naming a round. */
export const roundParamsSchema = z.object({ id: documentIdSchema, roundId: idSchema }).strict();

/** A version as listed. */
export const versionSummarySchema = z.object({
  id: idSchema,
  roundId: idSchema,
  roundName: z.string(),
  draftPublished: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  sha256: z.string(),
});
/** A version as listed. */
export type VersionSummary = z.infer<typeof versionSummarySchema>;
/** `GET /api/documents/:id/versions` */
export const versionListSchema = z.object({ versions: z.array(versionSummarySchema) });
/** Params naming a version, or `live` for the current text. */
export const versionParamsSchema = z.object({ id: documentIdSchema, versionId: z.union([idSchema, z.literal("live")]) }).strict();
/** `GET /api/documents/:id/versions/:versionId` query. */
export const versionQuerySchema = z
  .object({
    format: z.enum(["json", "html", "md", "docx"]).default("json"),
    comments: z.enum(["true", "false"]).default("false"),
    authors: z.enum(["true", "false"]).default("true"),
    /** Pending suggestions left out (`clean`, the default of every download) or marked (the default of `json`, whose HTML the version page shows). */
    suggestions: z.enum(["clean", "marked"]).optional(),
  })
  .strict();
/** `GET /api/documents/:id/versions/:versionId?format=json` */
export const versionDetailSchema = z.object({
  version: versionSummarySchema.nullable(),
  /** ProseMirror JSON of the content. */
  content: z.record(z.string(), z.unknown()),
  html: z.string(),
  threads: z.array(threadSchema),
  /** The suggestions pending in this text: as recorded when the version was frozen, or (live) as they stand. */
  suggestions: z.array(suggestionSchema),
});
/** A version's content, rendered and with its comments. */
export type VersionDetail = z.infer<typeof versionDetailSchema>;

const diffPartSchema = z.object({ op: z.enum(["equal", "insert", "delete"]), text: z.string() });
const actSummarySchema = z.object({ wordsAdded: z.number(), wordsRemoved: z.number(), clausesAdded: z.number(), clausesRemoved: z.number() });
/** `GET /api/documents/:id/compare?from=&to=` */
export const comparisonSchema = z.object({
  from: z.string(),
  to: z.string(),
  acts: z.array(
    z.object({
      id: z.string().nullable(),
      number: z.number(),
      title: z.string(),
      status: z.enum(["added", "removed", "changed", "unchanged"]),
      titleParts: z.array(diffPartSchema),
      items: z.array(
        z.object({
          kind: z.enum(["clause", "note"]),
          id: z.string().nullable(),
          status: z.enum(["added", "removed", "changed", "moved", "unchanged"]),
          fromNumber: z.string().nullable(),
          toNumber: z.string().nullable(),
          fromRegion: z.string().optional(),
          toRegion: z.string().optional(),
          parts: z.array(diffPartSchema),
        }),
      ),
      summary: actSummarySchema,
    }),
  ),
  totals: actSummarySchema,
});
/** A comparison of two versions. */
export type ComparisonResult = z.infer<typeof comparisonSchema>;
/** `GET /api/documents/:id/compare` query: version ids, or `live`. */
export const compareQuerySchema = z
  .object({
    from: z.union([idSchema, z.literal("live")]),
    to: z.union([idSchema, z.literal("live")]).default("live"),
    /** Compare the clean texts (`clean`, every pending suggestion left out: the default) or the texts with suggested and struck words both read as text (`marked`). */
    suggestions: z.enum(["clean", "marked"]).default("clean"),
  })
  .strict();

// ---- service -----------------------------------------------------------------------

/** `GET /api/health` */
export const healthSchema = z.object({
  status: z.literal("ok"),
  /** Rooms (documents) currently loaded in memory. */
  rooms: z.number().int(),
  /** Open collaboration sockets. */
  sockets: z.number().int(),
  /** Document updates refused since start (read-only roles, frozen rounds, outside the statement schema). */
  refusedUpdates: z.number().int(),
  /** Bytes of updates held in memory, waiting for changes they build on (bounded per socket and per statement). */
  pendingBytes: z.number().int(),
  /** Durable commits of statement updates since start (group commits: one transaction, one fsync, for every statement with updates in that turn). */
  commits: z.number().int(),
  /** Statement updates those commits stored (one per statement per commit). */
  committedUpdates: z.number().int(),
  /** Event-loop turns in which at least one update arrived from a socket. */
  turnsWithUpdates: z.number().int(),
  /** Milliseconds spent in those commits (on SQLite the event loop waits for them). */
  commitMs: z.number(),
});
/** `GET /api/health` */
export type Health = z.infer<typeof healthSchema>;

/** Every HTTP error body: a stable id and a human message. */
export const apiErrorSchema = z.object({
  /** `field`: on a 400 `invalid_request`, the request body's field refused first (a dotted path), for a form to point at. */
  error: z.object({ id: z.string(), message: z.string(), field: z.string().optional() }),
});
/** Every HTTP error body. */
export type ApiError = z.infer<typeof apiErrorSchema>;

/** An empty success body. */
export const okSchema = z.object({ ok: z.literal(true) });

// ---- passwords: changing one's own, reset links made by chairs ---------------------

/** `POST /api/me/password`: the current password proves it is the account's owner at the keyboard. */
export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "your current password is required").max(200), newPassword: passwordSchema })
  .strict();
/** `POST /api/me/password` */
export type ChangePasswordRequest = z.input<typeof changePasswordSchema>;
/** `POST /api/me/password` answer: how many other browser sessions were signed out. */
export const changedPasswordSchema = z.object({ ok: z.literal(true), signedOut: z.number().int() });

/** `POST /api/workspaces/:workspaceId/members/:accountId/password-reset` answer: the link is shown this once. */
export const createdPasswordResetSchema = z.object({ token: z.string(), path: z.string(), expiresAt: z.string() });
/** A reset link made for a member. */
export type CreatedPasswordReset = z.infer<typeof createdPasswordResetSchema>;
/** Params naming a reset link by its secret token. */
export const passwordResetParamsSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "not a reset link") }).strict();
/** `GET /api/password-resets/:token`: whose password the link resets. */
export const passwordResetPreviewSchema = z.object({ displayName: z.string(), email: z.string(), expiresAt: z.string() });
/** `GET /api/password-resets/:token` */
export type PasswordResetPreview = z.infer<typeof passwordResetPreviewSchema>;
/** `POST /api/password-resets/:token`: the new password (signs in). */
export const usePasswordResetSchema = z.object({ password: passwordSchema }).strict();
export * from "./api/signOn.js";
export * from "./api/notifications.js";
export * from "./api/unsubscribe.js";
export * from "./api/matrix.js";
