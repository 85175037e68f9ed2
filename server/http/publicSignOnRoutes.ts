import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Node as PMNode } from "@tiptap/pm/model";
import {
  publicSignOnSchema,
  publicVersionParamsSchema,
  signOnSubmitSchema,
  signOnSubmittedSchema,
  signOnTokenResultSchema,
  signOnTokenSchema,
} from "../../shared/api.js";
import { HONEYPOT_FIELD, SIGN_ON_REGIONS, organisationTypes, type SignOnStatus } from "../../shared/signOn.js";
import { limits } from "../../shared/limits.js";
import { DEFAULT_LOCALE, type Locale } from "../../shared/i18n/locales.js";
import { readStatement } from "../../shared/statement/readStatement.js";
import { hashSecret, newId, newSecret } from "../auth/secrets.js";
import { SlidingWindow } from "../auth/SlidingWindow.js";
import { signOnLinks, signOnMail } from "../mail/signOnMail.js";
import { renderHtml } from "../exports/renderHtml.js";
import { exportLabels } from "../exports/exportInput.js";
import { prepareText } from "../exports/suggestionMarks.js";
import { formKey } from "../commands/signOnEntries.js";
import type { SignOnChange, StoredDocument, StoredSignOnEntry, StoredVersion } from "../storage/Storage.js";
import { audit, type AppContext } from "./context.js";
import { auditNames } from "./signOnRoutes.js";
import { notifySignOnPending } from "../notifications/triggers.js";
import { HttpError, conflict, notFound, TooManyRequests } from "./errors.js";

/**
 * The public sign-on page's API: reading a version open for sign-on, submitting the form,
 * confirming and withdrawing by the mail's link. No session needed, none set, and no
 * answer names anyone who signed.
 */
export function publicSignOnRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { storage, schema, mailer } = context;
  const submissions = new SlidingWindow(limits.signOnWindowMs);

  /**
   * The version, its statement and whether sign-on is open, for the public: 404 when there is no
   * such version or a chair never opened sign-on for it (a statement's text is not public before).
   */
  async function publicVersion(versionId: string): Promise<{ document: StoredDocument; version: StoredVersion; open: boolean }> {
    const window = await storage.signOn.window(versionId);
    const document = window && (await storage.documents.get(window.documentId));
    const version = document && (await storage.rounds.getVersion(document.id, versionId));
    if (!window || !document || !version) throw notFound("version_not_found", "No version with that id open for sign-on.");
    return { document, version, open: window.closedAt === null };
  }

  api.get(
    "/api/public/sign-on/:versionId",
    {
      schema: {
        tags: ["sign-on"],
        description: "What the public sign-on page shows (404 `version_not_found` unless a chair opened sign-on for the version, even if it is closed now): the statement's title, round and frozen text, whether sign-on is open and mail available, the regions and organisation types. Never anyone's entry.",
        params: publicVersionParamsSchema,
        response: { 200: publicSignOnSchema },
      },
    },
    async (request) => {
      const { document, version, open } = await publicVersion(request.params.versionId);
      const language: Locale = version.language ?? DEFAULT_LOCALE;
      const text = prepareText(PMNode.fromJSON(schema, JSON.parse(version.content)), "clean");
      const statement = readStatement(text.content);
      const labels = exportLabels(language);
      const html = renderHtml({
        model: statement,
        documentTitle: document.title,
        language,
        round: { name: version.roundName, draftPublished: version.draftPublished },
        date: version.createdAt,
        frozen: true,
        sha256: version.sha256,
        threads: null,
        anchored: null,
        suggestions: null,
      });
      return {
        versionId: version.id,
        title: document.title,
        round: { name: version.roundName, draftPublished: version.draftPublished },
        frozenAt: version.createdAt,
        sha256: version.sha256,
        language,
        content: text.content.toJSON() as Record<string, unknown>,
        statement: {
          ...statement,
          acts: statement.acts.map((act) => ({
            ...act,
            heading: labels.actHeading(act.number, act.title),
            items: act.items.map((item) => (item.kind === "note" ? { ...item, label: labels.noteLabel(item.region) } : item)),
          })),
        },
        html,
        open,
        mailAvailable: mailer.configured,
        regions: [...SIGN_ON_REGIONS],
        organisationTypes: [...organisationTypes],
      };
    },
  );

  api.post(
    "/api/public/sign-on/:versionId",
    {
      schema: {
        tags: ["sign-on"],
        description: `Sign an organisation on (the public form). Answered 202 alike for a new entry, the same email and organisation again (one entry, a new link mailed) and a filled honeypot (nothing stored). Rate limited per address (${limits.signOnsPerAddress}) and per email (${limits.signOnsPerEmail}) an hour: 429. 409 \`sign_on_closed\`, 503 \`mail_unavailable\` without SMTP.`,
        params: publicVersionParamsSchema,
        body: signOnSubmitSchema,
        response: { 202: signOnSubmittedSchema },
      },
    },
    async (request, reply) => {
      const { document, version, open } = await publicVersion(request.params.versionId);
      if (!open) throw conflict("sign_on_closed", "Sign-on for this version is closed.");
      if (!mailer.configured) throw new HttpError(503, "mail_unavailable", "Sign-on by email is unavailable: this workspace sends no mail.");
      const { [HONEYPOT_FIELD]: honeypot, language: pageLanguage, ...form } = request.body;
      const wait = submissions.take([
        { key: `address\n${request.ip}`, max: limits.signOnsPerAddress },
        { key: `email\n${form.email}`, max: limits.signOnsPerEmail },
      ]);
      if (wait > 0) throw new TooManyRequests(wait / 1000);
      reply.code(202);
      // A bot filled the field people never see: answered as if accepted, nothing kept or sent.
      if (honeypot !== "") return { ok: true as const };
      const language = pageLanguage ?? version.language ?? DEFAULT_LOCALE;
      const token = newSecret();
      const { consentPublish: _consent, ...fields } = form;
      const { entry } = await storage.signOn.submit({
        ...fields,
        id: newId(),
        versionId: version.id,
        documentId: document.id,
        language,
        source: "form",
        status: "unconfirmed",
        createdAt: new Date().toISOString(),
        note: "",
        dedupeKey: formKey(form.email, form.organisation),
        tokenHash: hashSecret(token),
      });
      try {
        await mailer.send(
          signOnMail({
            to: form.email,
            language: entry.language,
            person: entry.person,
            organisation: entry.organisation,
            statement: document.title,
            round: version.roundName,
            ...signOnLinks(`${request.protocol}://${request.host}`, token),
          }),
        );
      } catch (error) {
        request.log.warn({ err: error }, "sign-on confirmation mail not sent");
        throw new HttpError(503, "mail_unavailable", "The confirmation mail could not be sent; try again later.");
      }
      return { ok: true as const };
    },
  );

  /** The entry of a mail's link, or 404. */
  async function byToken(token: string): Promise<StoredSignOnEntry> {
    const entry = await storage.signOn.byTokenHash(hashSecret(token));
    if (!entry) throw notFound("sign_on_not_found", "This sign-on link is not valid.");
    return entry;
  }

  /** A mail link's action: the change it makes and the states it makes it from (idempotent: otherwise the entry is answered as it stands). */
  const linkRoute = (action: "confirm" | "withdraw", description: string, change: () => SignOnChange, from: SignOnStatus[]) =>
    api.post(
      `/api/public/sign-on/${action}`,
      { schema: { tags: ["sign-on"], description: `${description} 404 \`sign_on_not_found\` for an unknown secret.`, body: signOnTokenSchema, response: { 200: signOnTokenResultSchema } } },
      async (request) => {
        const entry = await byToken(request.body.token);
        const changed = await storage.signOn.update(entry.id, change(), from);
        if (changed) {
          // Chairs see in the audit log that the organisation's contact (not a member) acted, from which address.
          const document = await storage.documents.get(changed.documentId);
          const version = document && (await storage.rounds.getVersion(document.id, changed.versionId));
          if (document && version) {
            await audit(context, request, {
              workspaceId: document.workspaceId,
              action: action === "confirm" ? "sign_on_confirmed" : "sign_on_withdrawn",
              subject: changed.id,
              detail: { ...auditNames(document, version), organisation: changed.organisation },
              actorId: null,
            });
            if (changed.status === "confirmed") await notifySignOnPending(context, changed, document, version);
          }
        }
        const now = changed ?? (await storage.signOn.get(entry.id))!;
        return { status: now.status, organisation: now.organisation };
      },
    );
  linkRoute("confirm", "Confirm a sign-on with its mail's secret. Idempotent: an entry past `unconfirmed` is answered as it stands.", () => ({ status: "confirmed", confirmedAt: new Date().toISOString() }), [
    "unconfirmed",
  ]);
  linkRoute("withdraw", "Withdraw a sign-on with its mail's secret, whatever its state (but merged). Idempotent.", () => ({ status: "withdrawn", withdrawnAt: new Date().toISOString() }), [
    "unconfirmed",
    "confirmed",
    "approved",
    "rejected",
  ]);
}
