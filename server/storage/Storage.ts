/**
 * The one storage interface, in parts. The embedded default is SQLite
 * (`sqlite/SqliteStorage.ts`); several server instances share PostgreSQL
 * (`postgres/PgStorage.ts`). Every method that writes returns only once the write is
 * durable; methods that change several tables do it in one transaction.
 */
import type { SuggestionKind, SuggestionStatus } from "../../shared/suggestions.js";
import type { Role } from "../../shared/roles.js";
import type { Locale } from "../../shared/i18n/locales.js";
import type { OrganisationType, SignOnSource, SignOnStatus } from "../../shared/signOn.js";
import type { EmailMode, NotificationDetail } from "../../shared/notifications.js";
import type { MailJobKind } from "./schema.js";
import type { Channel, Position, TargetKind } from "../../shared/matrix/matrix.js";

/** A statement's metadata row. */
export interface StoredDocument {
  id: string;
  workspaceId: string;
  title: string;
  language: Locale;
  createdAt: string;
  updatedAt: string;
}

/** One row of a document's update log. `seq` grows with every append. */
export interface StoredUpdate {
  seq: number;
  data: Uint8Array;
}

/** Documents and their Yjs update logs. */
/** One document's part of a group commit. */
export interface GroupedAppend {
  documentId: string;
  update: Uint8Array;
  /** Client ids this update writes under for the first time, and whose they are (kept if already recorded). */
  writers: { clientId: number; accountId: string }[];
}

/** What became of one entry of a group commit: its new log row's seq, or why it was refused. */
export type GroupedOutcome = { ok: true; seq: number } | { ok: false; error: unknown };

export interface DocumentStore {
  /** Create a document with its initial Yjs state as the first log row. */
  create(doc: { id: string; workspaceId: string; title: string; language?: Locale }, initialState: Uint8Array): Promise<StoredDocument>;
  /** The document, or null when there is none with that id. */
  get(id: string): Promise<StoredDocument | null>;
  /** Change the statement's language; false when there is no such document. */
  setLanguage(id: string, language: Locale): Promise<boolean>;
  /** Documents of these workspaces, most recently updated first. */
  listForWorkspaces(workspaceIds: string[]): Promise<StoredDocument[]>;
  /** The document's update log in order (its first `limit` rows when given). */
  loadUpdates(documentId: string, limit?: number): Promise<StoredUpdate[]>;
  /** The document's log rows with `seq > afterSeq`, in order (an instance catching up on rows it missed). */
  loadUpdatesAfter(documentId: string, afterSeq: number): Promise<StoredUpdate[]>;
  /**
   * Append updates in one transaction; resolves once they are durable, with the seq of
   * the last row appended (0 when `updates` is empty). Per document, seqs grow in commit
   * order. Fails with `writes_closed`, appending nothing, while the document's latest
   * round is frozen or a `closeWrites` lease is live.
   */
  appendUpdates(documentId: string, updates: Uint8Array[]): Promise<number>;
  /**
   * Group commit: append each entry's update (and record its new writers) for many
   * documents in ONE durable transaction (one fsync). An entry whose document is closed
   * to writes gets `writes_closed` as its outcome and stores nothing; the others commit.
   * Resolves once the commit is durable, with one outcome per entry, in order. Rejects
   * when the transaction as a whole failed (nothing of it committed), e.g. a row the
   * database refused: the caller may then commit each entry alone.
   */
  appendGrouped(entries: GroupedAppend[]): Promise<GroupedOutcome[]>;
  /**
   * Refuse every append to the document from when this resolves (appends already in
   * flight have committed by then) until `openWrites`, or until `leaseMs` have passed,
   * so an instance that dies mid-freeze never leaves the document read-only.
   */
  closeWrites(documentId: string, leaseMs: number): Promise<void>;
  /** End a `closeWrites` lease (a frozen latest round still refuses appends). */
  openWrites(documentId: string): Promise<void>;
  /**
   * Take the document's compaction lease for `leaseMs`: true when there was none, it
   * had expired, or `holder` already held it (renewed); false while another holder's is live.
   */
  claimCompaction(documentId: string, holder: string, leaseMs: number): Promise<boolean>;
  /** Give the compaction lease back (only if `holder` holds it). */
  releaseCompaction(documentId: string, holder: string): Promise<void>;
  /** Number of rows in the document's update log. */
  countUpdates(documentId: string): Promise<number>;
  /** Total bytes of the document's update log. */
  storedBytes(documentId: string): Promise<number>;
  /**
   * Compaction: atomically replace every row with `seq <= uptoSeq` by one row holding
   * `merged` (which must contain exactly those rows' content). Later rows are untouched.
   */
  replaceUpdates(documentId: string, uptoSeq: number, merged: Uint8Array): Promise<void>;
}

/** An account (never with its password hash, except from `findByEmail`). */
export interface StoredAccount {
  id: string;
  email: string;
  displayName: string;
  /** The interface language the person chose (null: their browser's). */
  language: Locale | null;
  /** The organisation the person works for, as they wrote it ("" until they do). */
  organisation: string;
  createdAt: string;
}

/** An API token row (the token itself is never stored, only its hash). */
export interface StoredToken {
  id: string;
  accountId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/**
 * Whether two display names look alike (`namesLookAlike` of shared/displayName.ts): the
 * stores apply it inside their transactions but never define it.
 */
export type LooksAlike = (a: string, b: string) => boolean;

/** Accounts, browser sessions and API tokens. */
export interface AccountStore {
  /** How many accounts exist (0 means first run). */
  count(): Promise<number>;
  /** Create an account. Fails with `email_taken` if the email is in use. */
  create(account: { id: string; email: string; displayName: string; passwordHash: string }): Promise<StoredAccount>;
  get(id: string): Promise<StoredAccount | null>;
  /** The account and its password hash, by email (lowercase). */
  findByEmail(email: string): Promise<(StoredAccount & { passwordHash: string }) | null>;
  createSession(session: { idHash: string; accountId: string; expiresAt: string }): Promise<void>;
  /** The account of a live session (not expired), or null. */
  sessionAccount(idHash: string, now: string): Promise<StoredAccount | null>;
  deleteSession(idHash: string): Promise<void>;
  createToken(token: { id: string; accountId: string; name: string; tokenHash: string }): Promise<StoredToken>;
  /** The account of an unrevoked token (and marks it used), or null. */
  tokenAccount(tokenHash: string, now: string): Promise<{ account: StoredAccount; tokenId: string } | null>;
  listTokens(accountId: string): Promise<StoredToken[]>;
  /** Revoke one of the account's tokens; false when it has no such token. */
  revokeToken(accountId: string, tokenId: string, now: string): Promise<boolean>;
  /**
   * Change the account's display name, in one transaction with the check: fails with
   * `name_taken` when another member of any workspace the account belongs to has a name
   * that looks alike.
   */
  rename(accountId: string, displayName: string, looksAlike: LooksAlike): Promise<StoredAccount>;
  /** Store the interface language the person chose. */
  setLanguage(accountId: string, language: Locale): Promise<StoredAccount>;
  /** Store the organisation the person works for ("" for none). */
  setOrganisation(accountId: string, organisation: string): Promise<StoredAccount>;
  /**
   * Set a new password hash and end the account's browser sessions but `keepSession`
   * (the one that asked), in one transaction. Returns the ended sessions' id hashes, so
   * their open sockets can be closed too.
   */
  setPassword(accountId: string, passwordHash: string, keepSession: string | null): Promise<string[]>;
  /** Store a reset link; an earlier unused one for the same account stops working. */
  createPasswordReset(reset: Omit<StoredPasswordReset, "usedAt"> & { tokenHash: string }): Promise<void>;
  passwordResetByTokenHash(tokenHash: string): Promise<StoredPasswordReset | null>;
  /**
   * Use a reset link, once, in one transaction: mark it used (only if unused and
   * unexpired), set the password, end every session of the account. Null when it was
   * used or expired meanwhile; otherwise the ended sessions' id hashes.
   */
  usePasswordReset(input: { resetId: string; passwordHash: string; now: string }): Promise<string[] | null>;
}

/** A password reset link a chair made for a member (only its token's hash is stored). */
export interface StoredPasswordReset {
  id: string;
  accountId: string;
  /** The workspace whose chair made it (its audit log records it). */
  workspaceId: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** A workspace row. */
export interface StoredWorkspace {
  id: string;
  name: string;
  createdAt: string;
}

/** A reference group row. */
export interface StoredGroup {
  id: string;
  workspaceId: string;
  name: string;
  acts: number[];
}

/** Someone's membership of a workspace. */
export interface StoredMembership {
  workspaceId: string;
  accountId: string;
  role: Role;
  groupIds: string[];
  joinedAt: string;
}

/** An invitation row. */
export interface StoredInvite {
  id: string;
  workspaceId: string;
  role: Role;
  groupIds: string[];
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  /** Whom it was meant for, as the chair noted it (a name or an email), or null. */
  note: string | null;
}

/** Workspaces, members, reference groups and invitations. */
export interface WorkspaceStore {
  /** First run, in one transaction: the account, the workspace, its groups, the chair membership, orphan documents adopted. */
  createWithChair(input: {
    workspace: { id: string; name: string };
    chair: { id: string; email: string; displayName: string; passwordHash: string };
    groups: StoredGroup[];
  }): Promise<void>;
  /** A new workspace with `accountId` as its chair. */
  create(input: { workspace: { id: string; name: string }; chairId: string; groups: StoredGroup[] }): Promise<StoredWorkspace>;
  get(id: string): Promise<StoredWorkspace | null>;
  /** The membership of one account in one workspace, or null. */
  membership(workspaceId: string, accountId: string): Promise<StoredMembership | null>;
  /** Every workspace the account belongs to, with its role there. */
  memberships(accountId: string): Promise<{ workspace: StoredWorkspace; membership: StoredMembership }[]>;
  listMembers(workspaceId: string): Promise<{ account: StoredAccount; membership: StoredMembership }[]>;
  /** Add a member (or change their role and groups if already one). */
  addMember(membership: Omit<StoredMembership, "joinedAt">): Promise<void>;
  updateMember(workspaceId: string, accountId: string, change: { role?: Role; groupIds?: string[] }): Promise<void>;
  removeMember(workspaceId: string, accountId: string): Promise<void>;
  listGroups(workspaceId: string): Promise<StoredGroup[]>;
  createInvite(invite: Omit<StoredInvite, "usedAt" | "note"> & { tokenHash: string; note?: string | null }): Promise<void>;
  /** Invitations neither used nor expired. */
  listInvites(workspaceId: string, now: string): Promise<StoredInvite[]>;
  inviteByTokenHash(tokenHash: string): Promise<StoredInvite | null>;
  /**
   * Accept an invitation in one transaction: mark it used (only if unused and unexpired),
   * create the account if given, add the membership. False when it was used or expired.
   * Fails with `name_taken`, changing nothing, when the joining account's name (the new
   * one, or the existing account's) looks like another member's name there; concurrent
   * accepts into one workspace take turns, so two look-alikes cannot join at once.
   */
  acceptInvite(input: {
    inviteId: string;
    accountId: string;
    newAccount?: { email: string; displayName: string; passwordHash: string };
    now: string;
    looksAlike: LooksAlike;
  }): Promise<boolean>;
  deleteInvite(workspaceId: string, inviteId: string): Promise<boolean>;
}

/** One audit entry to record. */
export interface AuditRecord {
  workspaceId: string | null;
  actorId: string | null;
  action: string;
  subject: string | null;
  detail: Record<string, unknown>;
  address: string | null;
}

/** A stored audit entry, with the actor's display name (and the subject's, when it is an account). */
export interface StoredAuditEntry extends AuditRecord {
  id: number;
  at: string;
  actorName: string | null;
  subjectAccountName: string | null;
}

/** Which audit entries to list; times are ISO UTC (`from` inclusive, `to` exclusive). */
export interface AuditFilter {
  /** Entries by this account or about it. */
  personId?: string;
  action?: string;
  from?: string;
  to?: string;
  /** Entries older than this id (paging). */
  before?: number;
}

/** The audit log: appended to, never changed. */
export interface AuditStore {
  record(entry: AuditRecord): Promise<void>;
  /** Entries of a workspace, plus sign-ins of its members, newest first, filtered. */
  list(workspaceId: string, limit: number, filter?: AuditFilter): Promise<StoredAuditEntry[]>;
  /** The accounts a workspace's log can be filtered by (members and anyone in its log), by name. */
  people(workspaceId: string): Promise<{ id: string; name: string }[]>;
}

/** One comment row, with its author's display name. */
export interface StoredComment {
  id: string;
  threadId: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  /** The people and reference groups it mentions. */
  mentions: StoredMention[];
}

/** A mention in a comment: a member (`account`) or a reference group of the workspace. */
export interface StoredMention {
  kind: "account" | "group";
  id: string;
}

/** A comment thread with its live (not deleted) comments, oldest first. */
export interface StoredThread {
  id: string;
  documentId: string;
  anchorStart: string;
  anchorEnd: string;
  quote: string;
  groupId: string | null;
  status: "open" | "resolved";
  createdBy: string;
  createdByName: string;
  createdAt: string;
  resolvedBy: string | null;
  resolvedByName: string | null;
  resolvedAt: string | null;
  comments: StoredComment[];
}

/** Comment threads. A thread whose comments are all deleted is no longer listed. */
export interface CommentStore {
  /** Create a thread and its opening comment in one transaction. */
  createThread(thread: {
    id: string;
    documentId: string;
    anchorStart: string;
    anchorEnd: string;
    quote: string;
    groupId: string | null;
    createdBy: string;
    firstComment: { id: string; body: string; mentions?: StoredMention[] };
  }): Promise<StoredThread>;
  /** Threads of a document that still have a comment, oldest first. */
  listThreads(documentId: string): Promise<StoredThread[]>;
  /** One thread of that document (null if none, or all its comments are deleted). */
  getThread(documentId: string, threadId: string): Promise<StoredThread | null>;
  addComment(comment: { id: string; threadId: string; authorId: string; body: string; mentions?: StoredMention[] }): Promise<void>;
  /** Change a live comment's text and, when given, its mentions. */
  editComment(commentId: string, body: string, mentions?: StoredMention[]): Promise<void>;
  /** Delete a comment (kept as a tombstone row, its text erased). */
  deleteComment(commentId: string): Promise<void>;
  setStatus(threadId: string, status: "open" | "resolved", by: string): Promise<void>;
}

/** A negotiation round of a document. */
export interface StoredRound {
  id: string;
  documentId: string;
  seq: number;
  name: string;
  /** Date the governments published their draft (YYYY-MM-DD). */
  draftPublished: string;
  openedAt: string;
  openedBy: string;
  frozenAt: string | null;
  frozenBy: string | null;
}

/** A version as listed (without its content). */
export interface StoredVersionSummary {
  id: string;
  documentId: string;
  roundId: string;
  roundName: string;
  draftPublished: string;
  createdAt: string;
  createdBy: string;
  createdByName: string;
  sha256: string;
}

/** A version: the immutable snapshot taken when a round was frozen. */
export interface StoredVersion extends StoredVersionSummary {
  /** The Yjs state (full, encodeStateAsUpdate). */
  state: Uint8Array;
  /** ProseMirror JSON of the content. */
  content: string;
  /** The content rendered as HTML through the shared schema. */
  html: string;
  /** The comment threads as they were (JSON of the API's threads). */
  threads: string;
  /** The suggestions pending when frozen, as the server knew them (JSON of the API's suggestions; "[]" for versions frozen before). */
  suggestions: string;
  /** The statement's language when frozen: its exports keep it (null: frozen before statements had one, so English). */
  language: Locale | null;
}

/** Rounds and their versions. Versions are never changed or deleted (the store refuses). */
export interface RoundStore {
  /** Rounds of a document, oldest first. */
  list(documentId: string): Promise<StoredRound[]>;
  /** Documents whose latest round is frozen (to restore the freeze after a restart). */
  frozenDocuments(): Promise<string[]>;
  /**
   * Open a round, checked and inserted in one transaction so that two chairs at the same
   * moment never open two. `after: null` opens the statement's first round: fails with
   * `round_exists` once it has any. Otherwise the round follows `after`, which must be the
   * latest (`round_not_current`) and frozen (`round_open`).
   */
  open(round: { id: string; documentId: string; name: string; draftPublished: string; openedBy: string; after: string | null }): Promise<StoredRound>;
  /**
   * Freeze a round and record its version, in one transaction. Fails with
   * `already_frozen` if the round was frozen meanwhile.
   */
  freeze(input: { roundId: string; frozenBy: string; version: Omit<StoredVersion, "createdAt" | "createdByName" | "roundName" | "draftPublished"> }): Promise<StoredVersion>;
  listVersions(documentId: string): Promise<StoredVersionSummary[]>;
  getVersion(documentId: string, versionId: string): Promise<StoredVersion | null>;
}

/** Everything the server keeps. */
/** A suggestion as the server knows it (its words live in the statement; these are as last seen). */
export interface StoredSuggestion {
  id: string;
  documentId: string;
  authorId: string;
  /** The author's reference group when they made it (null: none). */
  groupId: string | null;
  kind: SuggestionKind;
  actId: string | null;
  clauseId: string | null;
  inserted: string;
  deleted: string;
  createdAt: string;
  status: SuggestionStatus;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** Who suggested what, where and when, and what became of it. */
export interface SuggestionStore {
  /** Record new suggestions and what changed in known ones (by id), in one transaction; a group once recorded is kept. */
  save(suggestions: StoredSuggestion[]): Promise<void>;
  /** A statement's suggestions, oldest first. */
  listForDocument(documentId: string): Promise<StoredSuggestion[]>;
}

/**
 * Who writes under each Yjs client id of a statement: the first account to write under
 * one keeps it, so no socket can write structs in another's name (which would also
 * make the server skip that writer's own changes later).
 */
export interface WriterStore {
  /** Record first writers; a client id already recorded keeps its writer. */
  claim(documentId: string, claims: { clientId: number; accountId: string }[]): Promise<void>;
  /** Client id -> account, for a statement (only `clientIds` when given). */
  writers(documentId: string, clientIds?: number[]): Promise<Map<number, string>>;
}

/** Whether sign-on is open for a frozen version, and who opened and closed it when. */
export interface StoredSignOnWindow {
  versionId: string;
  documentId: string;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
}

/** What an organisation (or a chair for it) says about itself when signing on. */
export interface SignOnFields {
  organisation: string;
  organisationLocal: string;
  acronym: string;
  country: string;
  region: string;
  type: OrganisationType;
  website: string;
  person: string;
  personTitle: string;
  email: string;
  consentContact: boolean;
}

/** One organisation's sign-on to a version (never with its link's hash). */
export interface StoredSignOnEntry extends SignOnFields {
  id: string;
  versionId: string;
  documentId: string;
  /** The language the organisation signed in (its mails are written in it). */
  language: Locale;
  source: SignOnSource;
  status: SignOnStatus;
  createdAt: string;
  confirmedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  withdrawnAt: string | null;
  mergedInto: string | null;
  note: string;
  /** The entry of an earlier version this one was carried forward from (null: not carried). */
  carriedFrom: string | null;
  /** When a chair last corrected its fields (null: never). */
  editedAt: string | null;
}

/**
 * A new entry as stored: `dedupeKey` is unique per version; `tokenHash` is its link's hash (null: none);
 * `carriedFrom` the entry it was carried forward from.
 */
export type NewSignOnEntry = Omit<StoredSignOnEntry, "confirmedAt" | "decidedAt" | "decidedBy" | "withdrawnAt" | "mergedInto" | "carriedFrom" | "editedAt"> & {
  dedupeKey: string;
  tokenHash: string | null;
  carriedFrom?: string | null;
};

/** What may change in an entry (fields, state, times, who decided, what it was merged into, the note, when a chair corrected it). */
export type SignOnChange = Partial<SignOnFields & Pick<StoredSignOnEntry, "status" | "confirmedAt" | "decidedAt" | "decidedBy" | "withdrawnAt" | "mergedInto" | "note" | "editedAt">>;

/** Why a merge was refused: the kept entry is not live (withdrawn, rejected or merged), or the duplicate was merged already. */
export type SignOnMergeRefusal = "target_not_live" | "already_merged";

/** Sign-on windows and entries. */
export interface SignOnStore {
  window(versionId: string): Promise<StoredSignOnWindow | null>;
  /** Open sign-on for a version (again, if it was closed: the opening is recorded anew). */
  openWindow(input: { versionId: string; documentId: string; by: string; at: string }): Promise<StoredSignOnWindow>;
  /** Close it; null when it was never opened. */
  closeWindow(input: { versionId: string; by: string; at: string }): Promise<StoredSignOnWindow | null>;
  /** Whether sign-on was ever opened for any version of the statement. */
  everOpened(documentId: string): Promise<boolean>;
  /**
   * A submission from the public form, in one transaction: a new entry, or, when the version
   * already has one with this `dedupeKey`, that one entry takes the new link (and, while it is
   * unconfirmed or withdrawn, the new language, back to unconfirmed, and the new fields unless
   * a chair corrected the entry: the chair's correction is kept).
   */
  submit(entry: NewSignOnEntry): Promise<{ entry: StoredSignOnEntry; created: boolean }>;
  /** Insert an entry as it is (a chair's, by hand). */
  insert(entry: NewSignOnEntry): Promise<StoredSignOnEntry>;
  get(id: string): Promise<StoredSignOnEntry | null>;
  byTokenHash(tokenHash: string): Promise<StoredSignOnEntry | null>;
  /** A version's entries, oldest first. */
  list(versionId: string): Promise<StoredSignOnEntry[]>;
  /** Change an entry, only while its status is one of `from` when given; null when nothing matched. */
  update(id: string, change: SignOnChange, from?: readonly SignOnStatus[]): Promise<StoredSignOnEntry | null>;
  /** The entries carried forward from this one (into later versions). */
  copies(id: string): Promise<StoredSignOnEntry[]>;
  /**
   * Merge entry `id` into `into`, in one transaction that locks both: refused unless `into` is
   * live (unconfirmed, confirmed or approved) and `id` not merged already, so two opposite
   * merges can never point at each other.
   */
  merge(id: string, into: string, change: Pick<SignOnChange, "decidedAt" | "decidedBy">): Promise<{ entry: StoredSignOnEntry } | { refused: SignOnMergeRefusal }>;
}

/** A notification as stored: `detail` parsed. */
export interface StoredNotification {
  id: string;
  accountId: string;
  workspaceId: string;
  documentId: string | null;
  kind: string;
  actorId: string | null;
  /** What it is about (a thread, suggestion, round, entry or invitation id). */
  subject: string;
  detail: NotificationDetail;
  link: string;
  createdAt: string;
  readAt: string | null;
  mailedAt: string | null;
}

/** A notification to record; `commentId`: the comment it is about (told once per person and kind). */
export type NewNotification = Omit<StoredNotification, "readAt" | "mailedAt"> & { commentId?: string | null };

/** An explicit choice about an Act: follow it, or stop following what a reference group follows by default. */
export interface StoredFollow {
  accountId: string;
  act: number;
  follows: boolean;
}

/** Notifications, each member's email mode, and the Acts they follow. */
export interface NotificationStore {
  /**
   * Record notifications, leaving out those already told once (a new suggestion per person;
   * a comment per person and kind); answers those actually recorded.
   */
  add(notifications: NewNotification[]): Promise<NewNotification[]>;
  /**
   * An account's notifications, newest first (`before`: only older than that one), only of
   * the workspaces it is a member of now.
   */
  list(accountId: string, options: { limit: number; before?: string }): Promise<StoredNotification[]>;
  /** How many of `list` are unread. */
  unreadCount(accountId: string): Promise<number>;
  /** Whether anyone was already notified of this kind about this subject (a suggestion announced once). */
  hasSubject(subject: string, kind: string): Promise<boolean>;
  /** Take a deleted comment's words (excerpt and quote) out of its notifications; answers their ids. */
  forgetComment(commentId: string): Promise<string[]>;
  /** Mark read (those of `ids` that are the account's in its current workspaces, or all of those); answers how many changed. */
  markRead(accountId: string, which: { ids: string[] } | { all: true }, at: string): Promise<number>;
  emailMode(accountId: string): Promise<EmailMode | null>;
  /** Email modes of many accounts (those with none set are left out). */
  emailModes(accountIds: string[]): Promise<Map<string, EmailMode>>;
  setEmailMode(accountId: string, mode: EmailMode): Promise<void>;
  /** The explicit follow choices made in a workspace (by everyone, or by one account). */
  follows(workspaceId: string, accountId?: string): Promise<StoredFollow[]>;
  /** Replace an account's explicit choices in a workspace. */
  setFollows(workspaceId: string, accountId: string, follows: { act: number; follows: boolean }[]): Promise<void>;
}

/** A round's scheduled freeze. */
export interface StoredFreezeSchedule {
  roundId: string;
  documentId: string;
  /** ISO instant. */
  at: string;
  scheduledBy: string;
  scheduledAt: string;
  /** The reminders sent (or passed over because the time was already nearer when scheduled). */
  remindersSent: string[];
  doneAt: string | null;
}

/** Scheduled freezes: set, cancelled, claimed by one instance when due, reminded of once each. */
export interface FreezeScheduleStore {
  /**
   * Schedule (or move) a round's freeze; a move starts afresh (reminders, lease, done).
   * False, changing nothing, while an instance holds a live claim on it (it is being frozen).
   */
  set(schedule: Omit<StoredFreezeSchedule, "doneAt">): Promise<boolean>;
  /** Cancel a pending schedule; false when there was none. */
  cancel(roundId: string): Promise<boolean>;
  /** The pending (not yet done) schedules of documents, keyed by document id. */
  pendingFor(documentIds: string[]): Promise<Map<string, StoredFreezeSchedule>>;
  /** Every pending schedule (for reminders). */
  listPending(): Promise<StoredFreezeSchedule[]>;
  /**
   * Claim a pending schedule whose time has come on the database's clock and that no other
   * holder has a live lease on, for `leaseMs`; null when there is none.
   */
  claimDue(holder: string, leaseMs: number): Promise<StoredFreezeSchedule | null>;
  /**
   * Mark a pending schedule done without freezing (its round is frozen or no longer current),
   * unless an instance holds a live claim on it; false when nothing changed.
   */
  retire(roundId: string, at: string): Promise<boolean>;
  /** Mark a claimed schedule done (only while `holder` claims it); false when it no longer did. */
  finish(roundId: string, holder: string, at: string): Promise<boolean>;
  /**
   * Record `reminders` as sent, only if the reminders sent are still `seen` and the time is
   * still `at`: of several instances, one sends them.
   */
  markReminders(roundId: string, at: string, seen: string[], reminders: string[]): Promise<boolean>;
}

/** A mail to queue. */
export interface NewMailJob {
  id: string;
  workspaceId: string;
  accountId: string;
  recipient: string;
  language: Locale;
  kind: MailJobKind;
  subject: string;
  text: string;
  headers: Record<string, string>;
  /** The Message-ID every attempt sends (`<...@host>`), so a resent copy is recognisably the same message. */
  messageId: string;
  /** SHA-256 of the secret in the mail's unsubscribe links. */
  unsubscribeHash: string;
  createdAt: string;
}

/** A queued mail and where it stands. */
export interface StoredMailJob extends NewMailJob {
  /** Epoch ms (database clock) from when it may be sent. */
  dueAtMs: number;
  attempts: number;
  lastError: string | null;
  claimedBy: string | null;
  sentAt: string | null;
  failedAt: string | null;
}

/**
 * The durable mail queue. A job is sent by whichever instance claims it: a lease measured
 * on the database's clock, taken by a conditional update, so two instances never hold the
 * same job at once.
 */
export interface MailQueueStore {
  /** Queue `jobs` and mark the notifications they carry as mailed at `at`, in one transaction. */
  enqueue(jobs: NewMailJob[], mailed: string[], at: string): Promise<void>;
  /**
   * A digest (or the mail of a notification the sweep found unmailed): mark those of
   * `notificationIds` not mailed yet as mailed at `at` and queue the job `build` makes of
   * them, in one transaction; answers the ids it took (none: no job queued, another
   * instance took them first).
   */
  enqueueDigest(notificationIds: string[], at: string, build: (taken: string[]) => NewMailJob): Promise<string[]>;
  /**
   * Notifications not mailed yet, created in `[since, before)`, of accounts whose email
   * mode is `digest`, in workspaces they are still members of, oldest first.
   */
  undigested(since: string, before: string): Promise<StoredNotification[]>;
  /**
   * At most `limit` notifications not mailed yet, created in `[since, before)`, of accounts
   * that get each notification by mail (by choice or by default), in workspaces they are
   * still members of, oldest first: those whose mail was never queued.
   */
  unmailedImmediate(since: string, before: string, limit: number): Promise<StoredNotification[]>;
  /**
   * Set aside (mark mailed at `at`, no mail) the unmailed notifications created since
   * `since` whose account is no longer a member of their workspace; answers how many.
   */
  dropFormerMembers(since: string, at: string): Promise<number>;
  /**
   * `holder` will not send job `id` after all (the reader's choice or membership changed):
   * end it at `at` with `cancelled: <reason>` as its last error, never sent. False when
   * `holder` no longer held it.
   */
  cancel(id: string, holder: string, reason: string, at: string): Promise<boolean>;
  /**
   * The account wants no more mail: in one transaction, end every unsent job of it at `at`
   * (`cancelled: <reason>`) and set aside its unmailed notifications (marked mailed, so no
   * later change of mode mails them); answers how many jobs it ended.
   */
  stopFor(accountId: string, reason: string, at: string): Promise<number>;
  /** Ids of jobs due now (database clock): not sent, not given up, not held by a live lease. */
  due(limit: number): Promise<string[]>;
  /** Take job `id` for `leaseMs` if it is still due and unheld; null when another holder has it or it is done. */
  claim(id: string, holder: string, leaseMs: number): Promise<StoredMailJob | null>;
  /** The SMTP server accepted it. */
  markSent(id: string, at: string): Promise<void>;
  /**
   * An attempt by `holder` failed: count it and try again in `retryInMs`, or (null) give
   * up at `at`. False when `holder` no longer held the job, or it was cancelled meanwhile.
   */
  markFailed(id: string, holder: string, error: string, retryInMs: number | null, at: string): Promise<boolean>;
  get(id: string): Promise<StoredMailJob | null>;
  /** Every job of an account, oldest first. */
  listFor(accountId: string): Promise<StoredMailJob[]>;
  /** The account whose mail carried the unsubscribe secret hashed to `hash`; null if none. */
  accountOfUnsubscribe(hash: string): Promise<string | null>;
}

/** A matrix target (a UN state by code, or another actor by name) of a statement. */
export interface StoredMatrixTarget {
  id: string;
  documentId: string;
  kind: TargetKind;
  /** ISO 3166-1 alpha-2 for a state; null for another actor. */
  code: string | null;
  /** Another actor's name; "" for a state. */
  name: string;
  /**
   * The Acts that matter with this target, by their stable ids, sorted (an Act's number
   * is its place in the text and moves; routes present numbers). Ids of Acts the text
   * no longer has stay here and are left out of views and exports.
   */
  actIds: string[];
  addedBy: string;
  addedAt: string;
}

/** A government's recorded position on an Act in a round. */
export interface StoredMatrixCell {
  documentId: string;
  targetId: string;
  /** The Act's stable id (see StoredMatrixTarget.actIds). */
  actId: string;
  roundId: string;
  position: Position;
  note: string;
  internal: boolean;
  evidenceUrl: string;
  evidenceQuote: string;
  evidenceDate: string;
  recordedBy: string;
  recordedByName: string;
  recordedAt: string;
  /** 1 for the first recording, +1 for each change. */
  revision: number;
}

/** An organisation that reaches a target through a channel. */
export interface StoredMatrixAdvocate {
  id: string;
  documentId: string;
  targetId: string;
  channel: Channel;
  organisation: string;
  contactName: string;
  contactEmail: string;
  note: string;
  addedBy: string;
  addedByName: string;
  addedAt: string;
}

/** A negotiating group of a workspace (the African Group, the EU, the G77). */
export interface StoredNegotiatingGroup {
  id: string;
  workspaceId: string;
  name: string;
  /** Member states' codes, sorted. */
  codes: string[];
}

/** One change in a target's history (the government page's list). */
export interface StoredMatrixChange {
  id: string;
  documentId: string;
  targetId: string;
  /** `cell_set`, `target_added`, `target_acts_set`, `advocate_added`, `advocate_changed`, `advocate_removed`, `imported`. */
  action: string;
  /** The Act's number when the change was made (what the reader saw then). */
  act: number | null;
  /** The Act's stable id. */
  actId: string | null;
  roundId: string | null;
  before: Position | null;
  after: Position | null;
  /** The organisation concerned, or the target's Acts as "1, 3, 9". */
  detail: string | null;
  by: string | null;
  byName: string | null;
  at: string;
}

/** What a cell change writes; `act` is the Act's number now, kept in the history. */
export type MatrixCellWrite = Omit<StoredMatrixCell, "recordedByName" | "revision"> & { act: number };

/** What an import writes, all in one transaction. */
export interface MatrixImportWrite {
  documentId: string;
  by: string;
  at: string;
  targets: Array<Omit<StoredMatrixTarget, "addedBy" | "addedAt">>;
  cells: Array<Omit<MatrixCellWrite, "recordedBy" | "recordedAt">>;
  advocates: Array<Omit<StoredMatrixAdvocate, "addedBy" | "addedByName" | "addedAt">>;
  /** Each target's history entries (one `imported` per target, with the Act and round when a cell). */
  changes: Array<Omit<StoredMatrixChange, "by" | "byName" | "at" | "documentId">>;
}

/**
 * The Surround Sound matrix of each statement, and each workspace's negotiating groups.
 * Every write that changes a target's row records its history entry in the same transaction.
 */
export interface MatrixStore {
  targets(documentId: string): Promise<StoredMatrixTarget[]>;
  target(documentId: string, targetId: string): Promise<StoredMatrixTarget | null>;
  /**
   * Add a target; fails with StorageConflict `matrix_target_exists` when the statement has that
   * state (or that other actor's name, case-insensitively) already, `matrix_too_many` when it has
   * `limit` targets (counted in the insert's transaction).
   */
  addTarget(target: StoredMatrixTarget, limit: number): Promise<StoredMatrixTarget>;
  /** Several at once (a new statement's seed), in one transaction; those already there are skipped. */
  addTargets(targets: StoredMatrixTarget[]): Promise<void>;
  /**
   * Set a target's Acts (ids) when its stored Acts are still `expected` (any order); otherwise
   * nothing changes and it fails with StorageConflict `matrix_stale`. `detail` is the history's text
   * (the Acts' numbers). Null when there is no such target.
   */
  setTargetActs(documentId: string, targetId: string, change: { actIds: string[]; expected: string[]; detail: string }, by: string, at: string): Promise<StoredMatrixTarget | null>;
  /** Remove a target with its cells, advocates and history; false when there was none. */
  removeTarget(documentId: string, targetId: string): Promise<boolean>;
  /** Cells of these rounds. */
  cells(documentId: string, roundIds: string[]): Promise<StoredMatrixCell[]>;
  /** Every cell of one target, all rounds. */
  cellsOf(documentId: string, targetId: string): Promise<StoredMatrixCell[]>;
  /**
   * Record a position, checked and written in one transaction: only when the cell's revision
   * is still `baseRevision` (null: no cell yet); otherwise nothing is written and the cell as
   * it is now comes back as `conflict`. Fails with StorageConflict `matrix_target_not_found`
   * when the target is gone.
   */
  setCell(cell: MatrixCellWrite, baseRevision: number | null): Promise<{ cell: StoredMatrixCell } | { conflict: StoredMatrixCell | null }>;
  advocates(documentId: string): Promise<StoredMatrixAdvocate[]>;
  advocate(documentId: string, advocateId: string): Promise<StoredMatrixAdvocate | null>;
  /**
   * Fails with StorageConflict `matrix_advocate_exists` when the target has that organisation on
   * that channel (compared as governmentNames.nameKey does), `matrix_too_many` when it has `limit`
   * advocates, `matrix_target_not_found` when the target is gone (all checked in the insert's transaction).
   */
  addAdvocate(advocate: Omit<StoredMatrixAdvocate, "addedByName">, limit: number): Promise<StoredMatrixAdvocate>;
  /** Fails with StorageConflict `matrix_advocate_exists` when the change names an organisation the target has on that channel already. */
  updateAdvocate(documentId: string, advocateId: string, change: Partial<Pick<StoredMatrixAdvocate, "channel" | "organisation" | "contactName" | "contactEmail" | "note">>, by: string, at: string): Promise<StoredMatrixAdvocate | null>;
  removeAdvocate(documentId: string, advocateId: string, by: string, at: string): Promise<boolean>;
  /** A target's history, newest first. */
  history(documentId: string, targetId: string, limit: number): Promise<StoredMatrixChange[]>;
  /**
   * Write a whole import in one transaction: nothing of it is written if any part fails.
   * An advocate the target has on that channel by then is skipped (two imports of one file
   * never add it twice); a target removed meanwhile fails it with StorageConflict `matrix_target_not_found`.
   */
  importAll(write: MatrixImportWrite): Promise<void>;
  groups(workspaceId: string): Promise<StoredNegotiatingGroup[]>;
  /** Fails with StorageConflict `group_exists` on a name the workspace has (case-insensitively), `matrix_too_many` when it has `limit` groups (counted in the insert's transaction). */
  addGroup(group: StoredNegotiatingGroup, limit: number): Promise<StoredNegotiatingGroup>;
  updateGroup(workspaceId: string, groupId: string, change: { name: string; codes: string[] }): Promise<StoredNegotiatingGroup | null>;
  removeGroup(workspaceId: string, groupId: string): Promise<boolean>;
}

export interface Storage {
  matrix: MatrixStore;
  freezeSchedules: FreezeScheduleStore;
  mail: MailQueueStore;
  notifications: NotificationStore;
  signOn: SignOnStore;
  rounds: RoundStore;
  writers: WriterStore;
  suggestions: SuggestionStore;
  documents: DocumentStore;
  accounts: AccountStore;
  workspaces: WorkspaceStore;
  audit: AuditStore;
  comments: CommentStore;
  /** Release the store (after the last write). */
  close(): Promise<void>;
}
