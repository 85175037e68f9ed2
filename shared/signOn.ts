/**
 * Sign-on: organisations endorse a frozen version of a statement. What the public form
 * sends, what a chair sees, and the states an entry goes through; one list for the
 * public page, the chairs' screens and the server (which validates every field with
 * these schemas and never trusts the page).
 */
import { z } from "zod";
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

/** No control or invisible characters: these names and titles end up in every export and the CSV. */
const printable = (value: string) => !/[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/u.test(value);
const PRINTABLE = "cannot hold control characters";
const text = (max: number) => z.string().trim().min(1).max(max).refine(printable, PRINTABLE);
/** An optional free-text field of the form (empty when not given). */
export const optionalSignOnText = (max: number) => z.string().trim().max(max).refine(printable, PRINTABLE).optional().default("");
const optionalText = optionalSignOnText;

/** What the public form sends (`POST /api/public/sign-on/:versionId`). */
export const signOnFormSchema = z
  .object({
    organisation: text(signOnLimits.name),
    /** The organisation's name in its own language (optional). */
    organisationLocal: optionalText(signOnLimits.name),
    acronym: optionalText(signOnLimits.acronym),
    /** ISO 3166-1 alpha-2, upper case. */
    country: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 country code"),
    region: z.string().refine((region) => SIGN_ON_REGIONS.includes(region), "one of the coalition's regions"),
    type: z.enum(organisationTypes),
    website: z
      .string()
      .trim()
      .max(signOnLimits.website)
      .refine((url) => url === "" || /^https?:\/\/[^\s]+$/i.test(url), "an http or https address")
      .optional()
      .default(""),
    person: text(signOnLimits.person),
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
