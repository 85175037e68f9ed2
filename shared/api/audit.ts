/**
 * The audit log's API: structured entries (who, about whom, what changed from what to
 * what) and the filters a chair reads them by. Sentences are composed from these by
 * `shared/auditSentences.ts`, never stored, so they can be translated later.
 */
import { z } from "zod";
import { roles } from "../roles.js";

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "not a valid id");

/** Every action the audit log records. */
export const auditActions = [
  "workspace_created",
  "document_created",
  "document_language_changed",
  "member_changed",
  "member_removed",
  "invite_created",
  "invite_revoked",
  "invite_accepted",
  "name_changed",
  "round_opened",
  "round_frozen",
  "freeze_scheduled",
  "freeze_cancelled",
  "version_restored",
  "thread_resolved",
  "thread_reopened",
  "update_refused",
  "login",
  "login_failed",
  "token_created",
  "token_revoked",
  "password_changed",
  "password_reset_link_created",
  "password_reset",
  "sign_on_opened",
  "sign_on_closed",
  "sign_on_added",
  "sign_on_approved",
  "sign_on_rejected",
  "sign_on_edited",
  "sign_on_merged",
  "sign_on_carried_forward",
  "sign_on_confirmed",
  "sign_on_withdrawn",
  "mail_failed",
  "matrix_cell_set",
  "matrix_target_added",
  "matrix_target_removed",
  "matrix_target_acts_set",
  "matrix_advocate_added",
  "matrix_advocate_changed",
  "matrix_advocate_removed",
  "negotiating_group_added",
  "negotiating_group_changed",
  "negotiating_group_removed",
] as const;
/** One action the audit log records. */
export type AuditAction = (typeof auditActions)[number];
/** One of the recorded actions (a filter naming another is refused). */
export const auditActionSchema = z.enum(auditActions);

const namedSchema = z.object({ id: z.string(), name: z.string() });

/**
 * What an entry is about, with names as they were at the time. Every field is optional:
 * each action records the ones it needs, and entries recorded before a field existed
 * simply lack it.
 */
export const auditDetailsSchema = z.object({
  /** A role, name or status before and after the change. */
  before: z.string().optional(),
  after: z.string().optional(),
  /** Reference groups (names) before and after a member change. */
  groupsBefore: z.array(z.string()).optional(),
  groupsAfter: z.array(z.string()).optional(),
  /** The role an invitation offers, a joiner took, a removed member had, a refused socket held. */
  role: z.enum(roles).optional(),
  /** The statement concerned. */
  document: namedSchema.optional(),
  /** The round opened or frozen; for a next round, the frozen round it follows. */
  round: namedSchema.optional(),
  previousRound: namedSchema.optional(),
  /** A scheduled freeze's time (ISO); on `round_frozen`, true when it froze at that time rather than by hand. */
  at: z.string().optional(),
  scheduled: z.boolean().optional(),
  /** The version frozen or restored (its content hash identifies it). */
  version: z.object({ id: z.string(), sha256: z.string().optional(), roundName: z.string().optional() }).optional(),
  /** The words a comment thread is anchored to. */
  quote: z.string().optional(),
  /** Refused updates counted into this entry, and why they were refused. */
  count: z.number().int().optional(),
  reason: z.string().optional(),
  expiresAt: z.string().optional(),
  /** Whom an invitation was meant for, as the chair noted it. */
  note: z.string().optional(),
  /** Other sessions a password change or reset signed out. */
  signedOut: z.number().int().optional(),
  /** The organisation whose sign-on it is (its name then), and the one a duplicate was merged into. */
  organisation: z.string().optional(),
  into: z.string().optional(),
  /** A sign-on's fields a chair corrected, each before and after. */
  changes: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })).optional(),
  /** A matrix target (a state by its ISO code, named by it too; another actor by its name), the Act and the Acts concerned. */
  target: z.object({ id: z.string(), name: z.string(), code: z.string().optional() }).optional(),
  act: z.number().int().optional(),
  acts: z.array(z.number().int()).optional(),
  /** An advocate's channel, and the names (never the values) of the advocate's fields changed. */
  channel: z.string().optional(),
  fields: z.array(z.string()).optional(),
  /** A negotiating group (its name then). */
  group: namedSchema.optional(),
});
/** What an entry is about. */
export type AuditDetails = z.infer<typeof auditDetailsSchema>;

/** One audit log entry. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  /** Usually one of `auditActions`; an older or newer server may have recorded others. */
  action: z.string(),
  /** Who did it (their current name), null when unknown (a failed sign-in, the server). */
  actor: z.string().nullable(),
  actorId: z.string().nullable(),
  /** What it was done to, as recorded: an id, an email, a name. */
  subject: z.string().nullable(),
  /** The person or thing `subject` names, in words; null when there is nothing to name. */
  subjectName: z.string().nullable(),
  details: auditDetailsSchema,
  /** The detail as recorded, for scripts. */
  detail: z.record(z.string(), z.unknown()),
  address: z.string().nullable(),
});
/** One audit log entry. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Someone the log can be filtered by: a member, or a former member who appears in it. */
export const auditPersonSchema = z.object({ id: z.string(), name: z.string() });
/** Someone the log can be filtered by. */
export type AuditPerson = z.infer<typeof auditPersonSchema>;

/** `GET /api/workspaces/:workspaceId/audit`: newest first; `nextBefore` pages on (null: no more). */
export const auditListSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextBefore: z.number().int().nullable(),
  people: z.array(auditPersonSchema),
});
/** A page of the audit log. */
export type AuditList = z.infer<typeof auditListSchema>;

/** A day (`2026-11-30`, the whole UTC day) or an instant with its offset. */
const whenSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "a date (YYYY-MM-DD) or an ISO date-time with offset" });

/** The filters of the audit log, shared by the page and the CSV export. */
export const auditFilterShape = {
  /** Entries by this person or about them. */
  personId: idSchema.optional(),
  action: auditActionSchema.optional(),
  /** From this day or instant, inclusive. */
  from: whenSchema.optional(),
  /** Until this instant (exclusive) or through this day (inclusive). */
  to: whenSchema.optional(),
};

function fromNotAfterTo(query: { from?: string | undefined; to?: string | undefined }): boolean {
  if (!query.from || !query.to) return true;
  try {
    const range = auditRange(query);
    return range.from! < range.to!;
  } catch {
    return true; // an invalid date: its own field reports it
  }
}
const rangeMessage = { message: "`from` must be before `to`", path: ["from"] };

/** `GET .../audit` query: the filters and a page. */
export const auditQuerySchema = z
  .object({
    ...auditFilterShape,
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** Entries older than this one (the previous page's `nextBefore`). */
    before: z.coerce.number().int().positive().optional(),
  })
  .strict()
  .refine(fromNotAfterTo, rangeMessage);
/** `GET .../audit` query. */
export type AuditQuery = z.input<typeof auditQuerySchema>;

/** `GET .../audit.csv` query: the same filters, every matching entry. */
export const auditCsvQuerySchema = z.object(auditFilterShape).strict().refine(fromNotAfterTo, rangeMessage);
/** `GET .../audit.csv` query. */
export type AuditCsvQuery = z.input<typeof auditCsvQuerySchema>;

/**
 * The filter's range as instants to compare stored times with (ISO, UTC, milliseconds):
 * `from` inclusive, `to` exclusive; a day given as `to` runs to the end of that day.
 */
export function auditRange(query: { from?: string | undefined; to?: string | undefined }): { from?: string; to?: string } {
  const instant = (value: string, endOfDay: boolean) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const day = new Date(`${value}T00:00:00.000Z`);
      if (endOfDay) day.setUTCDate(day.getUTCDate() + 1);
      return day.toISOString();
    }
    return new Date(value).toISOString();
  };
  return {
    ...(query.from ? { from: instant(query.from, false) } : {}),
    ...(query.to ? { to: instant(query.to, true) } : {}),
  };
}
