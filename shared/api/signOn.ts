/**
 * The sign-on API's requests and answers: the public page's (no account, never any
 * contact data) and the chairs' (entries, counts, duplicates).
 */
import { z } from "zod";
import { HONEYPOT_FIELD, optionalSignOnText, organisationTypes, signOnFormSchema, signOnLimits, signOnSources, signOnStatuses, signOnText } from "../signOn.js";
import { LOCALES } from "../i18n/locales.js";

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "not a valid id");

/** `/api/public/sign-on/:versionId` */
export const publicVersionParamsSchema = z.object({ versionId: idSchema }).strict();

/** What the public sign-on page shows: the frozen text and what the form needs; nothing about who signed. */
/**
 * The statement as plain data (shared/statement/readStatement.ts): what the public page shows,
 * numbered as in the editor, with each Act's heading and each regional note's label in the
 * statement's language (the statement keeps its language whatever the page's).
 */
const blockSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("heading"), level: z.number().int(), text: z.string() }),
  z.object({ kind: z.literal("paragraph"), text: z.string() }),
  z.object({ kind: z.literal("list"), ordered: z.boolean(), items: z.array(z.string()) }),
  z.object({ kind: z.literal("signatories"), heading: z.string(), names: z.array(z.string()) }),
]);
export const statementModelSchema = z.object({
  title: z.string(),
  before: z.array(blockSchema),
  acts: z.array(
    z.object({
      id: z.string().nullable(),
      number: z.number().int(),
      title: z.string(),
      /** "Act 1: Title", in the statement's language. */
      heading: z.string(),
      items: z.array(
        z.discriminatedUnion("kind", [
          z.object({ kind: z.literal("clause"), id: z.string().nullable(), number: z.string(), text: z.string() }),
          /** `label`: "Regional note (Africa)", in the statement's language. */
          z.object({ kind: z.literal("note"), id: z.string().nullable(), region: z.string(), label: z.string(), text: z.string() }),
        ]),
      ),
    }),
  ),
  after: z.array(blockSchema),
});

export const publicSignOnSchema = z.object({
  versionId: z.string(),
  title: z.string(),
  round: z.object({ name: z.string(), draftPublished: z.string() }),
  frozenAt: z.string(),
  sha256: z.string(),
  /** The statement's language as frozen (the page's language by default). */
  language: z.enum(LOCALES),
  /** ProseMirror JSON of the frozen text (clean: pending suggestions left out). */
  content: z.record(z.string(), z.unknown()),
  /** The same text as data: blocks, Acts of numbered clauses and regional notes (what the page shows). */
  statement: statementModelSchema,
  /** The same text rendered as HTML (as the version page gets it, without comments). */
  html: z.string(),
  open: z.boolean(),
  /** False without SMTP: the page says sign-on by email is unavailable. */
  mailAvailable: z.boolean(),
  regions: z.array(z.string()),
  organisationTypes: z.array(z.enum(organisationTypes)),
});
export type PublicSignOn = z.infer<typeof publicSignOnSchema>;

/** The form as the server takes it: the shared schema plus the language the page was in (for the mail). */
export const signOnSubmitSchema = signOnFormSchema.extend({ language: z.enum(LOCALES).optional() });

/** The answer to a submission (the same whether the entry is new, known again, or the honeypot was filled). */
export const signOnSubmittedSchema = z.object({ ok: z.literal(true) });

/** `POST /api/public/sign-on/confirm` and `.../withdraw`: the secret from the mail's link. */
export const signOnTokenSchema = z.object({ token: z.string().min(20).max(100) }).strict();

/** Where an entry stands after its link was used. */
export const signOnTokenResultSchema = z.object({ status: z.enum(signOnStatuses), organisation: z.string() });

/** One entry as chairs see it (contact data included: chairs moderate). */
export const signOnEntrySchema = z.object({
  id: z.string(),
  versionId: z.string(),
  organisation: z.string(),
  organisationLocal: z.string(),
  acronym: z.string(),
  country: z.string(),
  region: z.string(),
  type: z.enum(organisationTypes),
  website: z.string(),
  person: z.string(),
  personTitle: z.string(),
  email: z.string(),
  consentContact: z.boolean(),
  language: z.enum(LOCALES),
  source: z.enum(signOnSources),
  status: z.enum(signOnStatuses),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  mergedInto: z.string().nullable(),
  note: z.string(),
  /** The entry of an earlier version it was carried forward from. */
  carriedFrom: z.string().nullable(),
  /** When a chair last corrected its fields (a resubmission from the form then keeps them). */
  editedAt: z.string().nullable(),
  /** Other live entries (not merged) that look like the same organisation: same normalised name and country, or same email. */
  duplicates: z.array(z.string()),
});
export type SignOnEntry = z.infer<typeof signOnEntrySchema>;

const countsSchema = z.record(z.string(), z.number().int());

/** `GET /api/documents/:id/versions/:versionId/sign-on` */
export const signOnListSchema = z.object({
  window: z
    .object({ open: z.boolean(), openedAt: z.string(), openedBy: z.string().nullable(), closedAt: z.string().nullable(), closedBy: z.string().nullable() })
    .nullable(),
  mailAvailable: z.boolean(),
  /** The entries with the status asked (all when none was). */
  entries: z.array(signOnEntrySchema),
  counts: z.object({
    /** Entries of every status, whatever the filter. */
    byStatus: countsSchema,
    /** Approved entries only. */
    approved: z.number().int(),
    byRegion: countsSchema,
    byCountry: countsSchema,
    byType: countsSchema,
  }),
});
export type SignOnList = z.infer<typeof signOnListSchema>;

export const signOnListQuerySchema = z.object({ status: z.enum(signOnStatuses).optional() }).strict();

export const signOnEntryParamsSchema = z.object({ id: idSchema, versionId: idSchema, entryId: idSchema }).strict();
export const signOnVersionParamsSchema = z.object({ id: idSchema, versionId: idSchema }).strict();

const optionalText = optionalSignOnText;

/** A chair adding an entry by hand: the form's fields, the person and email optional; approved at once. */
export const signOnHandSchema = signOnFormSchema
  .omit({ [HONEYPOT_FIELD]: true, person: true, email: true })
  .extend({
    person: optionalText(signOnLimits.person),
    email: z.union([z.literal(""), z.string().trim().toLowerCase().max(signOnLimits.email).email()]).optional().default(""),
    note: optionalText(signOnLimits.note),
  })
  .strict();

/** A chair correcting an entry: any of the organisation's fields (at least one); a field not sent is kept. */
const form = signOnFormSchema.shape;
export const signOnEditSchema = z
  .object({
    organisation: form.organisation.optional(),
    organisationLocal: form.organisationLocal.unwrap(),
    acronym: form.acronym.unwrap(),
    country: form.country.optional(),
    region: form.region.optional(),
    type: form.type.optional(),
    website: form.website.unwrap(),
    person: form.person.optional(),
    personTitle: form.personTitle.unwrap(),
  })
  .strict()
  .refine((edit) => Object.values(edit).some((value) => value !== undefined), "change at least one field");

/** Approve or reject, with an optional note. */
export const signOnDecisionSchema = z.object({ note: signOnText(signOnLimits.note).optional() }).strict();

/** Merge the entry into another of the same version (it stays, as `merged`). */
export const signOnMergeSchema = z.object({ into: idSchema }).strict();

/** Carry an earlier version's approved entries forward, with a note saying why. */
export const signOnCarrySchema = z.object({ from: idSchema, note: signOnText(signOnLimits.note).refine((note) => note !== "", "a note saying why") }).strict();


export type SignOnHand = z.input<typeof signOnHandSchema>;
export type SignOnEdit = z.input<typeof signOnEditSchema>;
/**
 * What carrying forward answers: the version's counts, the ids of the entries carried, and how
 * many were skipped because the version already lists the organisation.
 */
export const signOnCarriedSchema = signOnListSchema.pick({ counts: true }).extend({ carried: signOnEntrySchema.shape.id.array(), skipped: z.number().int() });
