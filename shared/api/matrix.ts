/**
 * The Surround Sound matrix API's requests and answers (`/api/documents/:id/matrix...`,
 * `/api/workspaces/:id/negotiating-groups...`). What a caller gets back is already cut to
 * its role (shared/matrix/matrix.ts): contacts only for chairs and coordinators, internal
 * notes never for observers.
 */
import { z } from "zod";
import { channels, matrixLimits, positions, targetKinds } from "../matrix/matrix.js";
import { unRegionalGroups } from "../matrix/governments.js";
import { signOnText } from "../signOn.js";

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "not a valid id");
const text = (max: number) => signOnText(max);
const optionalText = (max: number) => signOnText(max).optional().default("");
const requiredName = z.string().trim().min(1).max(matrixLimits.name).pipe(signOnText(matrixLimits.name));
/** An organisation's name: no ";", which separates organisations in a CSV cell (a name with one would come back as two). */
const organisationName = requiredName.refine((name) => !name.includes(";"), "an organisation's name without a semicolon (a CSV separates organisations with it)");
/** An ISO 3166-1 alpha-2 code of a UN member or observer state (checked against shared/matrix/governments.ts by the server). */
export const stateCodeSchema = z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code");
/** An Act number. */
export const actNumberSchema = z.number().int().min(1).max(matrixLimits.acts);
/** An evidence link: http(s) only, or empty. */
const evidenceUrl = text(matrixLimits.url).refine((url) => url === "" || /^https?:\/\/[^\s]+$/i.test(url), "an http or https address");
/** A date (YYYY-MM-DD) or empty. */
const evidenceDate = z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, "a date as YYYY-MM-DD").refine((date) => date === "" || (!Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date)), "a real date");

export const matrixParamsSchema = z.object({ id: idSchema }).strict();
export const matrixTargetParamsSchema = z.object({ id: idSchema, targetId: idSchema }).strict();
export const matrixAdvocateParamsSchema = z.object({ id: idSchema, advocateId: idSchema }).strict();
export const negotiatingGroupParamsSchema = z.object({ id: idSchema, groupId: idSchema }).strict();
/** `?round=` (default: the statement's latest round). */
export const matrixQuerySchema = z.object({ round: idSchema.optional() }).strict();
/** Exports: `?round=` and the language of the headings and names. */
export const matrixExportQuerySchema = z.object({ round: idSchema.optional(), lang: z.enum(["en", "fr", "es", "ar"]).optional() }).strict();

/** A person as the matrix names them. */
const personSchema = z.object({ id: z.string(), name: z.string() });

export const matrixTargetSchema = z.object({
  id: z.string(),
  kind: z.enum(targetKinds),
  /** ISO code of a state; null for another actor. */
  code: z.string().nullable(),
  /** Another actor's name; "" for a state (the client names states in its language). */
  name: z.string(),
  /** A state's UN regional group (null: none, or another actor). */
  regionalGroup: z.enum(unRegionalGroups).nullable(),
  /** The Acts that matter with this target (its row's priorities), ascending. */
  acts: z.array(z.number().int()),
  addedAt: z.string(),
});
export type MatrixTarget = z.infer<typeof matrixTargetSchema>;

export const matrixCellSchema = z.object({
  targetId: z.string(),
  act: z.number().int(),
  roundId: z.string(),
  position: z.enum(positions),
  /** null: an internal note the caller may not read. */
  note: z.string().nullable(),
  internal: z.boolean(),
  evidenceUrl: z.string(),
  evidenceQuote: z.string(),
  evidenceDate: z.string(),
  recordedBy: personSchema,
  recordedAt: z.string(),
  /** Counts the cell's changes; a change names the revision it was based on. */
  revision: z.number().int(),
});
export type MatrixCell = z.infer<typeof matrixCellSchema>;

export const matrixAdvocateSchema = z.object({
  id: z.string(),
  targetId: z.string(),
  channel: z.enum(channels),
  organisation: z.string(),
  /** The contact person and email: null for callers who may not see contacts. */
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  /** null for callers who may not see contacts (it is about the contact). */
  note: z.string().nullable(),
  addedBy: personSchema,
  addedAt: z.string(),
});
export type MatrixAdvocate = z.infer<typeof matrixAdvocateSchema>;

export const negotiatingGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Member states' codes, sorted. */
  codes: z.array(z.string()),
});
export type NegotiatingGroup = z.infer<typeof negotiatingGroupSchema>;

/** `GET /api/documents/:id/matrix?round=`: everything one round's matrix shows, cut to the caller's role. */
export const matrixViewSchema = z.object({
  documentId: z.string(),
  workspaceId: z.string(),
  /** The statement's rounds, oldest first. */
  rounds: z.array(z.object({ id: z.string(), name: z.string(), draftPublished: z.string(), frozenAt: z.string().nullable() })),
  /** The round shown (null: the statement has no round yet, nothing can be recorded). */
  roundId: z.string().nullable(),
  /** The round before it (its cells come too, for "change since the previous round"). */
  previousRoundId: z.string().nullable(),
  /** The statement's Acts as its text has them now. */
  acts: z.array(z.object({ number: z.number().int(), title: z.string() })),
  targets: z.array(matrixTargetSchema),
  groups: z.array(negotiatingGroupSchema),
  /** Cells of the round shown and of the previous round. */
  cells: z.array(matrixCellSchema),
  advocates: z.array(matrixAdvocateSchema),
  can: z.object({ edit: z.boolean(), manageTargets: z.boolean(), seeContacts: z.boolean() }),
});
export type MatrixView = z.infer<typeof matrixViewSchema>;

/** `PUT /api/documents/:id/matrix/cells`: record a position. */
export const matrixCellInputSchema = z
  .object({
    targetId: idSchema,
    act: actNumberSchema,
    roundId: idSchema,
    position: z.enum(positions),
    note: optionalText(matrixLimits.note),
    internal: z.boolean().optional().default(false),
    evidenceUrl: evidenceUrl.optional().default(""),
    evidenceQuote: optionalText(matrixLimits.quote),
    evidenceDate: evidenceDate.optional().default(""),
    /** The revision the change was made on (null: the cell was empty). A stale one is a 409 `matrix_cell_changed` carrying the cell as it is now. */
    baseRevision: z.number().int().min(0).nullable(),
  })
  .strict();
export type MatrixCellInput = z.infer<typeof matrixCellInputSchema>;
/** A 409 of `PUT .../matrix/cells`: on `matrix_cell_changed`, `current` is the cell as it is now (null: it was removed), cut to the caller's role. */
export const matrixCellConflictSchema = z.object({
  error: z.object({ id: z.string(), message: z.string() }),
  current: matrixCellSchema.nullable().optional(),
});
export type MatrixCellConflict = z.infer<typeof matrixCellConflictSchema>;

/** `POST /api/documents/:id/matrix/targets`: add a state by code, or another actor by name (chairs). */
export const matrixTargetInputSchema = z.union([
  z.object({ code: stateCodeSchema, acts: z.array(actNumberSchema).max(matrixLimits.acts).optional().default([]) }).strict(),
  z.object({ name: requiredName, acts: z.array(actNumberSchema).max(matrixLimits.acts).optional().default([]) }).strict(),
]);
/** `PUT /api/documents/:id/matrix/targets/:targetId/acts`: the Acts that matter with a target (chairs). */
export const matrixTargetActsSchema = z
  .object({
    acts: z.array(actNumberSchema).max(matrixLimits.acts),
    /** The Acts as the caller last saw them: when the target's Acts are no longer these, 409 `matrix_stale` and nothing changes (two chairs never undo each other silently). */
    base: z.array(actNumberSchema).max(matrixLimits.acts).optional(),
  })
  .strict();

/** `POST /api/documents/:id/matrix/advocates`, and (every field optional but the target, at least one given) `PATCH .../advocates/:advocateId`. */
export const matrixAdvocateInputSchema = z
  .object({
    targetId: idSchema,
    channel: z.enum(channels),
    organisation: organisationName,
    contactName: optionalText(matrixLimits.name),
    contactEmail: z.union([z.literal(""), z.string().trim().toLowerCase().max(matrixLimits.email).pipe(z.email("not an email address"))]).optional().default(""),
    note: optionalText(matrixLimits.advocateNote),
  })
  .strict();
export const matrixAdvocatePatchSchema = z
  .object({
    channel: z.enum(channels).optional(),
    organisation: organisationName.optional(),
    contactName: text(matrixLimits.name).optional(),
    contactEmail: z.union([z.literal(""), z.string().trim().toLowerCase().max(matrixLimits.email).pipe(z.email("not an email address"))]).optional(),
    note: text(matrixLimits.advocateNote).optional(),
  })
  .strict()
  .refine((change) => Object.values(change).some((value) => value !== undefined), "at least one field to change");

/** `POST /api/workspaces/:id/negotiating-groups`, `PUT .../:groupId` (chairs). */
export const negotiatingGroupInputSchema = z
  .object({
    name: requiredName,
    codes: z.array(stateCodeSchema).max(250),
    /** On a change (`PUT`): the group as the caller last saw it; when it is no longer that, 409 `matrix_stale` and nothing changes. */
    base: z.object({ name: z.string(), codes: z.array(z.string()).max(250) }).strict().optional(),
  })
  .strict();

/** `POST /api/documents/:id/matrix/presence`: where the caller is (a cell, a target's row or page, or nowhere). */
export const matrixPresenceInputSchema = z.object({ targetId: idSchema.nullable(), act: actNumberSchema.nullable() }).strict();
/** The `presence` event: who is where, stamped by the server from the account. Absent after `matrixPresenceTtlMs` without a new report. */
export const matrixPresenceSchema = z.object({ accountId: z.string(), name: z.string(), targetId: z.string().nullable(), act: z.number().int().nullable(), at: z.string() });
export type MatrixPresence = z.infer<typeof matrixPresenceSchema>;
export const matrixPresenceTtlMs = 30_000;

/**
 * The matrix event stream (`GET /api/documents/:id/matrix/events`): `changed` says what
 * changed and who changed it (the client reloads the view, which the server cuts to its
 * role: no event carries a note or a contact); `presence` is one member's place. `resync`:
 * the server lost touch with other instances and changes may have been missed; `by` is
 * nobody (empty id and name).
 */
export const matrixChangedEventSchema = z.object({
  what: z.enum(["cell", "targets", "advocates", "groups", "import", "resync"]),
  by: personSchema,
  targetId: z.string().nullable(),
  act: z.number().int().nullable(),
  roundId: z.string().nullable(),
});
export type MatrixChangedEvent = z.infer<typeof matrixChangedEventSchema>;

/** `POST /api/documents/:id/matrix/import`: a CSV for one round, previewed (`commit: false`) or imported whole (`commit: true`). */
export const matrixImportInputSchema = z.object({ roundId: idSchema, csv: z.string().max(matrixLimits.importBytes), commit: z.boolean() }).strict();
export const matrixImportRowSchema = z.object({
  line: z.number().int(),
  code: z.string().nullable(),
  /** The target as the line named it. */
  target: z.string(),
  act: z.number().int().nullable(),
  position: z.enum(positions).nullable(),
  note: z.string(),
  internal: z.boolean(),
  evidenceUrl: z.string(),
  evidenceQuote: z.string(),
  evidenceDate: z.string(),
  advocates: z.array(z.object({ channel: z.enum(channels), organisation: z.string() })),
});
export const matrixImportProblemSchema = z.object({ line: z.number().int(), column: z.string().nullable(), id: z.string(), message: z.string() });
export type MatrixImportProblem = z.infer<typeof matrixImportProblemSchema>;
export const matrixImportResultSchema = z.object({
  rows: z.array(matrixImportRowSchema),
  problems: z.array(matrixImportProblemSchema),
  /** What the import adds: new targets, cells set, advocates added (0 in a preview that has problems). */
  summary: z.object({ targetsAdded: z.number().int(), cellsSet: z.number().int(), advocatesAdded: z.number().int() }),
  committed: z.boolean(),
});
export type MatrixImportResult = z.infer<typeof matrixImportResultSchema>;
/** A 400 of the import: on `matrix_import_invalid` (a commit refused, nothing written) every problem by line, as the preview lists them. */
export const matrixImportInvalidSchema = z.object({ error: z.object({ id: z.string(), message: z.string(), field: z.string().optional() }), problems: z.array(matrixImportProblemSchema).optional() });

/** `GET /api/documents/:id/matrix/targets/:targetId/history`: a target's changes, newest first, cut to the caller's role. */
export const matrixHistorySchema = z.object({
  entries: z.array(
    z.object({
      at: z.string(),
      by: personSchema.nullable(),
      action: z.string(),
      act: z.number().int().nullable(),
      roundId: z.string().nullable(),
      roundName: z.string().nullable(),
      before: z.enum(positions).nullable(),
      after: z.enum(positions).nullable(),
      /** The organisation or group concerned, when an advocate or the target's Acts changed. */
      detail: z.string().nullable(),
    }),
  ),
});
export type MatrixHistory = z.infer<typeof matrixHistorySchema>;

/** `GET /api/documents/:id/matrix/organisations`: names an advocate can be picked from (members' organisations, the statement's approved signatories, advocates already named). */
export const matrixOrganisationsSchema = z.object({ organisations: z.array(z.string()) });
