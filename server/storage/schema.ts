/**
 * Every table the server keeps, as the one typed description both databases share
 * (SQLite and PostgreSQL have the same tables and columns after `migrations.ts`).
 * Timestamps are ISO UTC text made in JS, so they compare as text; lists are JSON text;
 * seqs and lease times are numbers (PostgreSQL's BIGINT is read as a JS number).
 */
import type { ColumnType, Generated, Kysely } from "kysely";
import type { Role } from "../../shared/roles.js";
import type { Locale } from "../../shared/i18n/locales.js";
import type { SuggestionKind, SuggestionStatus } from "../../shared/suggestions.js";
import type { OrganisationType, SignOnSource, SignOnStatus } from "../../shared/signOn.js";
import type { EmailMode } from "../../shared/notifications.js";
import type { Channel, Position, TargetKind } from "../../shared/matrix/matrix.js";

export interface DocumentsTable {
  id: string;
  /** Null for a document made before the first workspace existed (adopted at set-up). */
  workspace_id: string | null;
  title: string;
  created_at: string;
  updated_at: string;
  /** Epoch ms (database clock) until which a freeze in progress refuses appends. */
  writes_closed_until: number | null;
  /** The statement's language (`shared/i18n/locales.ts`). */
  language: ColumnType<Locale, Locale | undefined, Locale>;
}

export interface DocumentUpdatesTable {
  seq: Generated<number>;
  document_id: string;
  data: Uint8Array;
}

export interface CompactionLeasesTable {
  document_id: string;
  holder: string;
  /** Epoch ms, database clock. */
  until: number;
}

export interface AccountsTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  created_at: string;
  /** The interface language the person chose; null: their browser's. */
  language: ColumnType<Locale | null, Locale | null | undefined, Locale | null>;
  /** The organisation the person works for, as they wrote it ("" until they do). */
  organisation: ColumnType<string, string | undefined, string>;
}

export interface SessionsTable {
  id_hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: string;
}

export interface MembersTable {
  workspace_id: string;
  account_id: string;
  role: Role;
  /** JSON list of reference group ids. */
  group_ids: string;
  joined_at: string;
}

export interface ReferenceGroupsTable {
  id: string;
  workspace_id: string;
  name: string;
  /** JSON list of Act numbers. */
  acts: string;
}

export interface InvitesTable {
  id: string;
  workspace_id: string;
  token_hash: string;
  role: Role;
  group_ids: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
  note: string | null;
}

export interface PasswordResetsTable {
  id: string;
  account_id: string;
  workspace_id: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  workspace_id: string | null;
  at: string;
  actor_id: string | null;
  action: string;
  subject: string | null;
  /** JSON object. */
  detail: string;
  address: string | null;
}

export interface CommentThreadsTable {
  id: string;
  document_id: string;
  anchor_start: string;
  anchor_end: string;
  quote: string;
  group_id: string | null;
  status: "open" | "resolved";
  created_by: string;
  created_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface CommentsTable {
  id: string;
  thread_id: string;
  author_id: string;
  body: string;
  created_at: string;
  edited_at: string | null;
  /** Set when deleted: the row stays as a tombstone with its body erased. */
  deleted_at: string | null;
  /** JSON list of `{kind, id}`: the people and reference groups it mentions; null for none. */
  mentions: string | null;
}

export interface RoundsTable {
  id: string;
  document_id: string;
  seq: number;
  name: string;
  draft_published: string;
  opened_at: string;
  opened_by: string;
  frozen_at: string | null;
  frozen_by: string | null;
}

export interface VersionsTable {
  id: string;
  document_id: string;
  round_id: string;
  created_at: string;
  created_by: string;
  sha256: string;
  state: Uint8Array;
  content: string;
  html: string;
  threads: string;
  /** The suggestions pending when frozen (JSON of the API's suggestions; '[]' for versions frozen before). */
  suggestions: ColumnType<string, string | undefined, never>;
  /** The statement's language when frozen (null: frozen before statements had one, so English). */
  language: ColumnType<Locale | null, Locale | null | undefined, never>;
}

export interface SuggestionsTable {
  id: string;
  document_id: string;
  author_id: string;
  group_id: string | null;
  kind: SuggestionKind;
  act_id: string | null;
  clause_id: string | null;
  /** The words suggested (for a clause, its text), as last seen. */
  inserted: string;
  /** The words suggested for deletion, as last seen. */
  deleted: string;
  created_at: string;
  status: SuggestionStatus;
  decided_by: string | null;
  decided_at: string | null;
}

export interface DocumentWritersTable {
  document_id: string;
  client_id: number;
  account_id: string;
  first_seen: string;
}

export interface SignOnWindowsTable {
  version_id: string;
  document_id: string;
  opened_at: string;
  opened_by: string;
  closed_at: string | null;
  closed_by: string | null;
}

export interface SignOnEntriesTable {
  id: string;
  version_id: string;
  document_id: string;
  /** The same email and organisation signing again for a version finds the entry by this key. */
  dedupe_key: string;
  organisation: string;
  organisation_local: string;
  acronym: string;
  country: string;
  region: string;
  type: OrganisationType;
  website: string;
  person: string;
  person_title: string;
  email: string;
  /** 1 when the person agreed to be contacted. */
  consent_contact: number;
  language: Locale;
  source: SignOnSource;
  status: SignOnStatus;
  token_hash: string | null;
  created_at: string;
  confirmed_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  withdrawn_at: string | null;
  merged_into: string | null;
  note: string;
  /** The entry of an earlier version this one was carried forward from (null: not carried). */
  carried_from: string | null;
  /** When a chair last corrected the organisation's fields (null: never). */
  edited_at: string | null;
}

export interface NotificationsTable {
  id: string;
  account_id: string;
  workspace_id: string;
  document_id: string | null;
  kind: string;
  actor_id: string | null;
  subject: string;
  /** JSON of `NotificationDetail`. */
  detail: string;
  link: string;
  created_at: string;
  read_at: string | null;
  mailed_at: string | null;
  /** The comment it is about (`mention`, `comment`, `reply`); null otherwise. */
  comment_id: string | null;
}

export interface NotificationSettingsTable {
  account_id: string;
  email_mode: EmailMode;
}

export interface ActFollowsTable {
  workspace_id: string;
  account_id: string;
  act: number;
  /** 1 follows, 0 stopped following (a reviewer's group default). */
  follows: number;
}

export interface FreezeSchedulesTable {
  round_id: string;
  document_id: string;
  /** ISO instant, and the same in epoch ms (compared with the database's clock). */
  at: string;
  at_ms: number;
  scheduled_by: string;
  scheduled_at: string;
  /** JSON array of the reminders sent (or passed over) for this time: "24h", "1h". */
  reminders_sent: string;
  claimed_by: string | null;
  claimed_until_ms: number | null;
  done_at: string | null;
}

/** A queued mail: one notification, sent as it happens, or a day's digest. */
export type MailJobKind = "notification" | "digest";

export interface MailQueueTable {
  id: string;
  workspace_id: string;
  account_id: string;
  recipient: string;
  language: Locale;
  kind: MailJobKind;
  subject: string;
  text: string;
  /** JSON object of extra headers. */
  headers: string;
  message_id: string;
  unsubscribe_hash: string;
  created_at: string;
  due_at_ms: number;
  attempts: Generated<number>;
  last_error: string | null;
  claimed_by: string | null;
  claimed_until_ms: number | null;
  sent_at: string | null;
  failed_at: string | null;
}

export interface MatrixTargetsTable {
  id: string;
  document_id: string;
  kind: TargetKind;
  code: string | null;
  name: string;
  /** The code, or "name:" and the lower-cased name: unique per statement. */
  match_key: string;
  /** JSON list of the Acts' stable ids, sorted. */
  acts: string;
  added_by: string;
  added_at: string;
}

export interface MatrixCellsTable {
  target_id: string;
  /** The Act's stable id. */
  act_id: string;
  round_id: string;
  document_id: string;
  position: Position;
  note: string;
  /** 1: the note is internal (observers never see it). */
  internal: number;
  evidence_url: string;
  evidence_quote: string;
  evidence_date: string;
  recorded_by: string;
  recorded_at: string;
  revision: number;
}

export interface MatrixAdvocatesTable {
  id: string;
  document_id: string;
  target_id: string;
  channel: Channel;
  organisation: string;
  /** The organisation as compared: unique per target and channel. */
  organisation_key: string;
  contact_name: string;
  contact_email: string;
  note: string;
  added_by: string;
  added_at: string;
}

export interface MatrixHistoryTable {
  seq: Generated<number>;
  id: string;
  document_id: string;
  target_id: string;
  action: string;
  /** The Act's number when the change was made. */
  act: number | null;
  act_id: string | null;
  round_id: string | null;
  position_before: Position | null;
  position_after: Position | null;
  detail: string | null;
  by_account: string | null;
  at: string;
}

export interface NegotiatingGroupsTable {
  id: string;
  workspace_id: string;
  name: string;
  /** The lower-cased name: unique per workspace. */
  name_key: string;
  /** JSON list of state codes, sorted. */
  codes: string;
}

/** The whole schema, table by table. */
export interface Database {
  documents: DocumentsTable;
  document_updates: DocumentUpdatesTable;
  compaction_leases: CompactionLeasesTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  workspaces: WorkspacesTable;
  members: MembersTable;
  reference_groups: ReferenceGroupsTable;
  invites: InvitesTable;
  password_resets: PasswordResetsTable;
  audit_log: AuditLogTable;
  comment_threads: CommentThreadsTable;
  comments: CommentsTable;
  rounds: RoundsTable;
  versions: VersionsTable;
  suggestions: SuggestionsTable;
  document_writers: DocumentWritersTable;
  sign_on_windows: SignOnWindowsTable;
  sign_on_entries: SignOnEntriesTable;
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
  act_follows: ActFollowsTable;
  freeze_schedules: FreezeSchedulesTable;
  mail_queue: MailQueueTable;
  matrix_targets: MatrixTargetsTable;
  matrix_cells: MatrixCellsTable;
  matrix_advocates: MatrixAdvocatesTable;
  matrix_history: MatrixHistoryTable;
  negotiating_groups: NegotiatingGroupsTable;
}

/** A connection to either database, typed by the schema. */
export type Db = Kysely<Database>;

