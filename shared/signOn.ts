/**
 * Sign-on: organisations endorse a frozen version of a statement. What the public form
 * sends, what a chair sees, and the states an entry goes through; one list for the
 * public page, the chairs' screens and the server (which validates every field with
 * these schemas and never trusts the page).
 */
import { z } from "zod";
import countries from "i18n-iso-countries";
import tenActs from "./templates/tenActs.json" with { type: "json" };

/** The coalition's regions (the Ten Acts template's list), in the order shown. */
export const SIGN_ON_REGIONS: readonly string[] = tenActs.regions;

/** Kinds of organisation that sign on. */
export const organisationTypes = ["ngo", "network", "tradeUnion", "faithBased", "migrantLed", "academic", "other"] as const;
export type OrganisationType = (typeof organisationTypes)[number];

/**
 * Where an entry stands: `unconfirmed` until the link in the confirmation email is
 * opened; `confirmed` waits for a chair; `approved` is listed; `rejected` is not;
 * `withdrawn` by the organisation (its link); `merged` into another entry (a duplicate).
 */
export const signOnStatuses = ["unconfirmed", "confirmed", "approved", "rejected", "withdrawn", "merged"] as const;
export type SignOnStatus = (typeof signOnStatuses)[number];

/** How an entry came in: the public form, a chair by hand, or a name typed in the statement before sign-on existed. */
export const signOnSources = ["form", "hand", "typed"] as const;
export type SignOnSource = (typeof signOnSources)[number];

/** Longest values the form takes. */
export const signOnLimits = {
  name: 200,
  acronym: 40,
  website: 300,
  person: 120,
  title: 120,
  email: 254,
  note: 500,
} as const;

/** The name of the form's hidden field: people never fill it; a bot that fills every field is refused. */
export const HONEYPOT_FIELD = "homepage";

/**
 * No control or invisible characters: these names and titles end up in every export and the
 * CSV. Format characters (zero-width spaces, byte-order marks, direction overrides and
 * isolates, direction marks) are refused too: they hide text, reorder it in exports and
 * dodge duplicate detection. Only the zero-width non-joiner and joiner (U+200C, U+200D) stay,
 * which Persian and Indic scripts need to spell words.
 */
const printable = (value: string) => !/[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]|(?![\u200C\u200D])\p{Cf}/u.test(value);
const PRINTABLE = "cannot hold control or invisible characters";
/** A name must show something: at least one letter or digit. */
const legible = (value: string) => value === "" || /[\p{L}\p{N}]/u.test(value);
const LEGIBLE = "needs at least one letter or digit";
/** Any free text of sign-on (a note, a website): printable. */
export const signOnText = (max: number) => z.string().trim().max(max).refine(printable, PRINTABLE);
const name = (max: number) => z.string().trim().min(1).max(max).refine(printable, PRINTABLE).refine(legible, LEGIBLE);
/** An optional free-text field of the form (empty when not given). */
export const optionalSignOnText = (max: number) => signOnText(max).optional().default("");
const optionalText = optionalSignOnText;
/** An optional name (the organisation's in its own language, an acronym): legible when given. */
const optionalName = (max: number) => signOnText(max).refine(legible, LEGIBLE).optional().default("");

/** What the public form sends (`POST /api/public/sign-on/:versionId`). */
export const signOnFormSchema = z
  .object({
    organisation: name(signOnLimits.name),
    /** The organisation's name in its own language (optional). */
    organisationLocal: optionalName(signOnLimits.name),
    acronym: optionalName(signOnLimits.acronym),
    /** ISO 3166-1 alpha-2, upper case: an assigned code, not any two letters. */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 country code")
      .refine((code) => countries.isValid(code), "an ISO 3166-1 alpha-2 country code"),
    region: z.string().refine((region) => SIGN_ON_REGIONS.includes(region), "one of the coalition's regions"),
    type: z.enum(organisationTypes),
    website: signOnText(signOnLimits.website)
      .refine((url) => url === "" || /^https?:\/\/[^\s]+$/i.test(url), "an http or https address")
      .optional()
      .default(""),
    person: name(signOnLimits.person),
    personTitle: optionalText(signOnLimits.title),
    email: z.string().trim().toLowerCase().max(signOnLimits.email).email(),
    /** Required: the organisation's name may be published with the statement. */
    consentPublish: z.literal(true),
    /** Optional: the coalition may contact the person. */
    consentContact: z.boolean().optional().default(false),
    [HONEYPOT_FIELD]: z.string().max(200).optional().default(""),
  })
  .strict();
export type SignOnForm = z.input<typeof signOnFormSchema>;
