import { isIPv6 } from "node:net";
import type { FastifyInstance, FastifyRequest } from "fastify";
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
import type { StoredDocument, StoredSignOnEntry, StoredVersion } from "../storage/Storage.js";
import { audit, type AppContext } from "./context.js";
import { auditNames } from "./signOnRoutes.js";
import { notifySignOnPending } from "../notifications/triggers.js";
import { HttpError, conflict, notFound, TooManyRequests } from "./errors.js";

/**
 * The address a client is counted by: an IPv4 address as it is, an IPv6 address by its /64
 * (one client usually holds a whole /64 and could rotate through it), an IPv4 address mapped
 * into IPv6 as the IPv4 address.
 */
export function addressKey(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const [head = "", tail = ""] = ip.split("%")[0]!.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = ip.includes("::") ? (tail === "" ? [] : tail.split(":")) : [];
  const groups = ip.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}

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
      // The largest valid form is a few KB: anyone may post here, so no more is read.
      bodyLimit: limits.publicFormBodyBytes,
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
      // The largest valid form is a few KB: anyone may post here, so no more is read.
      bodyLimit: limits.publicFormBodyBytes,
      schema: {
        tags: ["sign-on"],
        description: `Sign an organisation on (the public form). Answered 202 alike for a new entry, the same email and organisation again (one entry, a new link mailed; fields a chair corrected are kept) and a filled honeypot (nothing stored). Rate limited per address (${limits.signOnsPerAddress}, IPv6 by /64), per email (${limits.signOnsPerEmail}) and per version (${limits.signOnsPerVersion}) an hour: 429. 409 \`sign_on_closed\`, 503 \`mail_unavailable\` without SMTP.`,
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
        { key: `address\n${addressKey(request.ip)}`, max: limits.signOnsPerAddress },
        { key: `email\n${form.email}`, max: limits.signOnsPerEmail },
        { key: `version\n${version.id}`, max: limits.signOnsPerVersion },
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

  /** The audit entry of a change made by a mail's link: chairs see that the organisation's contact (not a member) acted, from which address. */
  async function auditLink(request: FastifyRequest, action: "sign_on_confirmed" | "sign_on_withdrawn", entry: StoredSignOnEntry, extra: Record<string, unknown> = {}): Promise<void> {
    const document = await storage.documents.get(entry.documentId);
    const version = document && (await storage.rounds.getVersion(document.id, entry.versionId));
    if (!document || !version) return;
    await audit(context, request, { workspaceId: document.workspaceId, action, subject: entry.id, detail: { ...auditNames(document, version), organisation: entry.organisation, ...extra }, actorId: null });
  }

  /** The states a link's withdrawal takes an entry from (a merged one is handled apart). */
  const withdrawable: SignOnStatus[] = ["unconfirmed", "confirmed", "approved", "rejected"];

  /**
   * Withdraw an entry and every entry carried forward from it (and from those), since the
   * organisation withdrew its endorsement; each change is audited. Idempotent: entries already
   * withdrawn stay as they are. The entry as it stands after.
   */
  async function withdrawWithCopies(request: FastifyRequest, entry: StoredSignOnEntry, extra: Record<string, unknown> = {}): Promise<StoredSignOnEntry> {
    const at = new Date().toISOString();
    const changed = await storage.signOn.update(entry.id, { status: "withdrawn", withdrawnAt: at }, withdrawable);
    if (changed) await auditLink(request, "sign_on_withdrawn", changed, extra);
    const seen = new Set([entry.id]);
    const queue = [entry.id];
    while (queue.length > 0) {
      for (const copy of await storage.signOn.copies(queue.shift()!)) {
        if (seen.has(copy.id)) continue;
        seen.add(copy.id);
        queue.push(copy.id);
        const withdrawn = await storage.signOn.update(copy.id, { status: "withdrawn", withdrawnAt: at }, withdrawable);
        if (withdrawn) await auditLink(request, "sign_on_withdrawn", withdrawn, { carriedFrom: entry.id });
      }
    }
    return changed ?? (await storage.signOn.get(entry.id))!;
  }

  api.post(
    "/api/public/sign-on/confirm",
    {
      bodyLimit: limits.publicFormBodyBytes,
      schema: {
        tags: ["sign-on"],
        description: "Confirm a sign-on with its mail's secret. Idempotent: an entry past `unconfirmed` is answered as it stands. 404 `sign_on_not_found` for an unknown secret.",
        body: signOnTokenSchema,
        response: { 200: signOnTokenResultSchema },
      },
    },
    async (request) => {
      const entry = await byToken(request.body.token);
      const changed = await storage.signOn.update(entry.id, { status: "confirmed", confirmedAt: new Date().toISOString() }, ["unconfirmed"]);
      if (changed) {
        await auditLink(request, "sign_on_confirmed", changed);
        // The chairs have an organisation to approve.
        const document = await storage.documents.get(changed.documentId);
        const version = document && (await storage.rounds.getVersion(document.id, changed.versionId));
        if (document && version) await notifySignOnPending(context, changed, document, version);
      }
      const now = changed ?? (await storage.signOn.get(entry.id))!;
      return { status: now.status, organisation: now.organisation };
    },
  );

  api.post(
    "/api/public/sign-on/withdraw",
    {
      bodyLimit: limits.publicFormBodyBytes,
      schema: {
        tags: ["sign-on"],
        description:
          "Withdraw a sign-on with its mail's secret, whatever its state, with every entry carried forward from it into later versions. Idempotent. For an entry a chair merged into another: the kept entry is withdrawn too when it has the same email (the same contact); otherwise it stays, the merged entry records the withdrawal and the audit log flags it to chairs, and the answer stays `merged`. 404 `sign_on_not_found` for an unknown secret.",
        body: signOnTokenSchema,
        response: { 200: signOnTokenResultSchema },
      },
    },
    async (request) => {
      const entry = await byToken(request.body.token);
      if (entry.status !== "merged") {
        const now = await withdrawWithCopies(request, entry);
        return { status: now.status, organisation: now.organisation };
      }
      // Merged: the organisation is listed through the entry kept (followed to the end of the chain).
      let kept: StoredSignOnEntry | null = entry;
      for (let hops = 0; kept?.status === "merged" && kept.mergedInto && hops < 100; hops++) kept = await storage.signOn.get(kept.mergedInto);
      if (kept && kept.status !== "merged" && entry.email !== "" && kept.email === entry.email) {
        // The same contact: their withdrawal is the organisation's.
        await withdrawWithCopies(request, kept, { mergedFrom: entry.id });
        if (entry.withdrawnAt === null) await storage.signOn.update(entry.id, { withdrawnAt: new Date().toISOString() }, ["merged"]);
        return { status: "withdrawn" as const, organisation: entry.organisation };
      }
      // Another contact kept the organisation's entry: it stays listed; chairs decide, told by the audit log.
      if (entry.withdrawnAt === null) {
        const now = (await storage.signOn.update(entry.id, { withdrawnAt: new Date().toISOString() }, ["merged"])) ?? entry;
        await auditLink(request, "sign_on_withdrawn", now, { mergedInto: kept?.id ?? null, keptListed: true });
      }
      return { status: entry.status, organisation: entry.organisation };
    },
  );

}
