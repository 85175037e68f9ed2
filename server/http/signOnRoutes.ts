import type { FastifyInstance, FastifyRequest } from "fastify";
import { Node as PMNode } from "@tiptap/pm/model";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  okSchema,
  signOnCarrySchema,
  signOnCarriedSchema,
  signOnDecisionSchema,
  signOnEditSchema,
  signOnEntryParamsSchema,
  signOnEntrySchema,
  signOnHandSchema,
  signOnListQuerySchema,
  signOnListSchema,
  signOnMergeSchema,
  signOnVersionParamsSchema,
} from "../../shared/api.js";
import type { SignOnStatus } from "../../shared/signOn.js";
import { canManageMembers } from "../../shared/roles.js";
import { DEFAULT_LOCALE } from "../../shared/i18n/locales.js";
import { newId } from "../auth/secrets.js";
import { csvRow } from "../exports/auditCsv.js";
import { normaliseName, signOnCounts, typedKey, typedSignatories, withDuplicates } from "../commands/signOnEntries.js";
import type { SignOnChange, SignOnFields, StoredDocument, StoredSignOnEntry, StoredVersion } from "../storage/Storage.js";
import { audit, requireDocumentAccess, type AppContext } from "./context.js";
import { badRequest, conflict, forbidden, notFound } from "./errors.js";

/** A statement and version as the audit log names them. */
export const auditNames = (document: StoredDocument, version: Pick<StoredVersion, "id" | "sha256" | "roundName">) => ({
  document: { id: document.id, name: document.title },
  version: { id: version.id, sha256: version.sha256, roundName: version.roundName },
});

/** What a name typed in the statement says of its organisation besides its name: nothing yet. */
const typedFields: Omit<SignOnFields, "organisation"> = {
  organisationLocal: "",
  acronym: "",
  country: "",
  region: "",
  type: "other",
  website: "",
  person: "",
  personTitle: "",
  email: "",
  consentContact: false,
};

const editableFields = ["organisation", "organisationLocal", "acronym", "country", "region", "type", "website", "person", "personTitle"] as const;

/** The chairs' moderation of a version's sign-on: open and close it, list, add, decide, correct, merge, carry forward, export. */
export function signOnRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { storage, mailer, schema } = context;

  /** The statement, its frozen version, and the caller, who must be one of its workspace's chairs. */
  async function chairVersion(request: FastifyRequest, documentId: string, versionId: string) {
    const { document, membership, accountId } = await requireDocumentAccess(context, request, documentId);
    if (!canManageMembers(membership.role)) throw forbidden("role_required", "Only chairs manage sign-on.");
    const version = await storage.rounds.getVersion(document.id, versionId);
    if (!version) throw notFound("version_not_found", "No version with that id in this statement.");
    return { document, version, accountId };
  }

  async function entryOf(versionId: string, entryId: string): Promise<StoredSignOnEntry> {
    const entry = await storage.signOn.get(entryId);
    if (!entry || entry.versionId !== versionId) throw notFound("sign_on_not_found", "No sign-on with that id for this version.");
    return entry;
  }

  const present = async (entry: StoredSignOnEntry) => withDuplicates(await storage.signOn.list(entry.versionId)).find((e) => e.id === entry.id)!;

  /**
   * When sign-on first opens for the statement (for any of its versions), the organisations
   * typed in the version's signatories section become approved entries (source `typed`) so
   * nothing typed is lost; a chair completes their country, region and type. Only that once:
   * a later version's list starts empty (the typed section stays in the text, and a name a
   * chair rejected or an organisation withdrew must not come back); chairs carry entries forward.
   */
  async function enterTypedNames(version: StoredVersion, accountId: string, at: string): Promise<void> {
    const known = new Set((await storage.signOn.list(version.id)).map((e) => normaliseName(e.organisation)));
    const typed = typedSignatories(PMNode.fromJSON(schema, JSON.parse(version.content))).filter((name) => !known.has(normaliseName(name)));
    for (const [index, organisation] of typed.entries()) {
      // A millisecond apart, so the list keeps the order they were typed in.
      const createdAt = new Date(Date.parse(at) + index).toISOString();
      const inserted = await storage.signOn.insert({
        ...typedFields,
        organisation,
        id: newId(),
        versionId: version.id,
        documentId: version.documentId,
        language: version.language ?? DEFAULT_LOCALE,
        source: "typed",
        status: "approved",
        createdAt,
        note: "",
        dedupeKey: typedKey(organisation),
        tokenHash: null,
      });
      await storage.signOn.update(inserted.id, { decidedAt: createdAt, decidedBy: accountId, confirmedAt: createdAt });
    }
  }

  const windowRoute = (action: "open" | "close") =>
    api.post(
      `/api/documents/:id/versions/:versionId/sign-on/${action}`,
      { schema: { tags: ["sign-on"], description: `${action === "open" ? "Open (the first time for any version of the statement, the organisations typed in the version's signatories become approved entries, source `typed`)" : "Close"} sign-on for a frozen version (chairs).`, params: signOnVersionParamsSchema, response: { 200: okSchema } } },
      async (request) => {
        const { document, version, accountId } = await chairVersion(request, request.params.id, request.params.versionId);
        const at = new Date().toISOString();
        if (action === "open") {
          const first = !(await storage.signOn.everOpened(document.id));
          await storage.signOn.openWindow({ versionId: version.id, documentId: document.id, by: accountId, at });
          if (first) await enterTypedNames(version, accountId, at);
        } else if (!(await storage.signOn.closeWindow({ versionId: version.id, by: accountId, at }))) throw conflict("sign_on_closed", "Sign-on was never opened for this version.");
        await audit(context, request, { workspaceId: document.workspaceId, action: action === "open" ? "sign_on_opened" : "sign_on_closed", subject: version.id, detail: auditNames(document, version) });
        return { ok: true as const };
      },
    );
  windowRoute("open");
  windowRoute("close");

  api.get(
    "/api/documents/:id/versions/:versionId/sign-on",
    {
      schema: {
        tags: ["sign-on"],
        description: "A version's sign-on (chairs): whether it is open, its entries (filtered by `status`) with their likely duplicates, and counts by status and, of approved entries, by region, country and type.",
        params: signOnVersionParamsSchema,
        querystring: signOnListQuerySchema,
        response: { 200: signOnListSchema },
      },
    },
    async (request) => {
      const { version } = await chairVersion(request, request.params.id, request.params.versionId);
      const window = await storage.signOn.window(version.id);
      const entries = withDuplicates(await storage.signOn.list(version.id));
      const names = new Map((await storage.workspaces.listMembers((await storage.documents.get(version.documentId))!.workspaceId)).map((m) => [m.account.id, m.account.displayName]));
      return {
        window: window && { open: window.closedAt === null, openedAt: window.openedAt, openedBy: names.get(window.openedBy) ?? null, closedAt: window.closedAt, closedBy: window.closedBy ? (names.get(window.closedBy) ?? null) : null },
        mailAvailable: mailer.configured,
        entries: request.query.status ? entries.filter((e) => e.status === request.query.status) : entries,
        counts: signOnCounts(entries),
      };
    },
  );

  api.post(
    "/api/documents/:id/versions/:versionId/sign-on/entries",
    {
      schema: {
        tags: ["sign-on"],
        description: "Add an entry by hand (chairs): source `hand`, approved at once. Whether or not sign-on is open, with or without mail.",
        params: signOnVersionParamsSchema,
        body: signOnHandSchema,
        response: { 201: signOnEntrySchema },
      },
    },
    async (request, reply) => {
      const { document, version, accountId } = await chairVersion(request, request.params.id, request.params.versionId);
      const { consentPublish: _consent, note, ...fields } = request.body;
      const id = newId();
      const now = new Date().toISOString();
      const inserted = await storage.signOn.insert({
        ...fields,
        id,
        versionId: version.id,
        documentId: document.id,
        language: version.language ?? DEFAULT_LOCALE,
        source: "hand",
        status: "approved",
        createdAt: now,
        note,
        dedupeKey: `hand\n${id}`,
        tokenHash: null,
      });
      const entry = (await storage.signOn.update(inserted.id, { decidedAt: now, decidedBy: accountId, confirmedAt: now }))!;
      await audit(context, request, { workspaceId: document.workspaceId, action: "sign_on_added", subject: entry.id, detail: { ...auditNames(document, version), organisation: entry.organisation } });
      reply.code(201);
      return present(entry);
    },
  );

  const decisionRoute = (decision: "approved" | "rejected") =>
    api.post(
      `/api/documents/:id/versions/:versionId/sign-on/entries/:entryId/${decision === "approved" ? "approve" : "reject"}`,
      {
        schema: {
          tags: ["sign-on"],
          description: `${decision === "approved" ? "Approve an entry (chairs) once its contact confirmed it by mail (409 \`sign_on_unconfirmed\` before), or re-decide a rejected one" : "Reject an entry (chairs)"}, with an optional note. A withdrawn or merged entry cannot be: 409 \`sign_on_closed\`.`,
          params: signOnEntryParamsSchema,
          body: signOnDecisionSchema,
          response: { 200: signOnEntrySchema },
        },
      },
      async (request) => {
        const { document, version, accountId } = await chairVersion(request, request.params.id, request.params.versionId);
        const before = await entryOf(version.id, request.params.entryId);
        const change: SignOnChange = { status: decision, decidedAt: new Date().toISOString(), decidedBy: accountId, ...(request.body.note !== undefined ? { note: request.body.note } : {}) };
        // Only what its contact confirmed is published: an unconfirmed entry may be rejected, not approved.
        const from: SignOnStatus[] = decision === "approved" ? ["confirmed", "approved", "rejected"] : ["unconfirmed", "confirmed", "approved", "rejected"];
        const entry = await storage.signOn.update(before.id, change, from);
        if (!entry) {
          const now = (await storage.signOn.get(before.id))?.status ?? before.status;
          if (now === "unconfirmed") throw conflict("sign_on_unconfirmed", "This sign-on was not confirmed by email yet: it cannot be approved.");
          throw conflict("sign_on_closed", `This sign-on was ${now}: it can no longer be decided.`);
        }
        await audit(context, request, {
          workspaceId: document.workspaceId,
          action: decision === "approved" ? "sign_on_approved" : "sign_on_rejected",
          subject: entry.id,
          detail: { ...auditNames(document, version), organisation: entry.organisation, before: before.status, after: entry.status, ...(change.note ? { note: change.note } : {}) },
        });
        return present(entry);
      },
    );
  decisionRoute("approved");
  decisionRoute("rejected");

  api.patch(
    "/api/documents/:id/versions/:versionId/sign-on/entries/:entryId",
    {
      schema: {
        tags: ["sign-on"],
        description: "Correct an entry's organisation fields (chairs); the audit log keeps each field before and after. A later resubmission from the form keeps the chair's correction.",
        params: signOnEntryParamsSchema,
        body: signOnEditSchema,
        response: { 200: signOnEntrySchema },
      },
    },
    async (request) => {
      const { document, version } = await chairVersion(request, request.params.id, request.params.versionId);
      const before = await entryOf(version.id, request.params.entryId);
      const change: Partial<SignOnFields> = {};
      const changes: { field: string; before: string; after: string }[] = [];
      for (const field of editableFields) {
        const value = request.body[field];
        if (value === undefined || value === before[field]) continue;
        Object.assign(change, { [field]: value });
        changes.push({ field, before: before[field], after: value });
      }
      if (changes.length === 0) return present(before);
      const entry = (await storage.signOn.update(before.id, { ...change, editedAt: new Date().toISOString() }))!;
      await audit(context, request, { workspaceId: document.workspaceId, action: "sign_on_edited", subject: entry.id, detail: { ...auditNames(document, version), organisation: before.organisation, changes } });
      return present(entry);
    },
  );

  api.post(
    "/api/documents/:id/versions/:versionId/sign-on/entries/:entryId/merge",
    {
      schema: {
        tags: ["sign-on"],
        description:
          "Merge an entry into another of the same version (chairs): it becomes `merged`, pointing at the one kept, which is unchanged. The one kept must be unconfirmed, confirmed or approved: 409 `sign_on_merge_target` otherwise.",
        params: signOnEntryParamsSchema,
        body: signOnMergeSchema,
        response: { 200: signOnEntrySchema },
      },
    },
    async (request) => {
      const { document, version, accountId } = await chairVersion(request, request.params.id, request.params.versionId);
      const duplicate = await entryOf(version.id, request.params.entryId);
      const kept = await entryOf(version.id, request.body.into);
      if (kept.id === duplicate.id) throw badRequest("invalid_request", "An entry cannot be merged into itself.");
      const merged = await storage.signOn.merge(duplicate.id, kept.id, { decidedAt: new Date().toISOString(), decidedBy: accountId });
      if ("refused" in merged) {
        if (merged.refused === "already_merged") throw conflict("sign_on_closed", "This sign-on was merged already.");
        throw conflict("sign_on_merge_target", "Merge into an entry that is still listed or waiting, not into a withdrawn, rejected or merged one.");
      }
      const { entry } = merged;
      await audit(context, request, { workspaceId: document.workspaceId, action: "sign_on_merged", subject: entry.id, detail: { ...auditNames(document, version), organisation: duplicate.organisation, into: kept.organisation, before: duplicate.status } });
      return present(entry);
    },
  );

  api.post(
    "/api/documents/:id/versions/:versionId/sign-on/carry-forward",
    {
      schema: {
        tags: ["sign-on"],
        description:
          "Carry every approved entry of an earlier version of the statement (`from`; 409 `sign_on_not_earlier` for the same or a later one) into this one (chairs), with a note saying why: each comes as approved, source kept, the note recorded, pointing at the entry it came from. An entry is skipped when this version already lists the organisation (a live entry, not merged, withdrawn or rejected, with the same name and country or the same email) or has a copy of it already; the answer counts both. Otherwise a new version's list starts empty and organisations sign on again.",
        params: signOnVersionParamsSchema,
        body: signOnCarrySchema,
        response: { 200: signOnCarriedSchema },
      },
    },
    async (request) => {
      const { document, version, accountId } = await chairVersion(request, request.params.id, request.params.versionId);
      const from = await storage.rounds.getVersion(document.id, request.body.from);
      if (!from) throw notFound("version_not_found", "No earlier version with that id in this statement.");
      // Only forward: the signatories of a later text never go into an older frozen one.
      if (from.createdAt >= version.createdAt) throw conflict("sign_on_not_earlier", "Entries can only be carried forward from an earlier version of this statement.");
      const now = new Date().toISOString();
      const carried: string[] = [];
      let skipped = 0;
      const target = await storage.signOn.list(version.id);
      const live = (e: StoredSignOnEntry) => e.status !== "merged" && e.status !== "withdrawn" && e.status !== "rejected";
      const sameOrganisation = (a: StoredSignOnEntry, b: StoredSignOnEntry) =>
        (normaliseName(a.organisation) === normaliseName(b.organisation) && a.country === b.country) || (a.email !== "" && a.email === b.email);
      for (const old of (await storage.signOn.list(from.id)).filter((e) => e.status === "approved")) {
        // Never twice: not when the organisation is listed here already (signed again, typed, by hand), nor when a copy of it was carried before (even one withdrawn since).
        if (target.some((e) => e.carriedFrom === old.id || (live(e) && sameOrganisation(e, old)))) {
          skipped++;
          continue;
        }
        const { id: _id, versionId: _v, documentId: _d, createdAt: _c, confirmedAt: _cf, decidedAt: _da, decidedBy: _db, withdrawnAt: _w, mergedInto: _m, note: _n, carriedFrom: _from, editedAt: _e, ...kept } = old;
        const id = newId();
        const inserted = await storage.signOn.insert({
          ...kept,
          id,
          versionId: version.id,
          documentId: document.id,
          status: "approved",
          createdAt: now,
          note: request.body.note,
          dedupeKey: `carried\n${id}`,
          tokenHash: null,
          carriedFrom: old.id,
        });
        const entry = (await storage.signOn.update(inserted.id, { confirmedAt: old.confirmedAt, decidedAt: now, decidedBy: accountId }))!;
        target.push(entry);
        carried.push(entry.id);
      }
      await audit(context, request, {
        workspaceId: document.workspaceId,
        action: "sign_on_carried_forward",
        subject: version.id,
        detail: { ...auditNames(document, version), previousRound: { id: from.roundId, name: from.roundName }, count: carried.length, skipped, note: request.body.note },
      });
      return { carried, skipped, counts: signOnCounts(await storage.signOn.list(version.id)) };
    },
  );

  api.get(
    "/api/documents/:id/versions/:versionId/sign-on.csv",
    {
      schema: {
        tags: ["sign-on"],
        description: "The approved entries as CSV (chairs), by region, country and name; contact columns filled only for those who consented to be contacted. Cells are made safe for spreadsheets.",
        params: signOnVersionParamsSchema,
      },
    },
    async (request, reply) => {
      const { version } = await chairVersion(request, request.params.id, request.params.versionId);
      const approved = (await storage.signOn.list(version.id))
        .filter((e) => e.status === "approved")
        .sort((a, b) => a.region.localeCompare(b.region) || a.country.localeCompare(b.country) || a.organisation.localeCompare(b.organisation));
      const header = ["organisation", "organisationLocal", "acronym", "country", "region", "type", "website", "source", "approvedAt", "person", "personTitle", "email"];
      const rows = approved.map((e) => {
        const contact = e.consentContact ? [e.person, e.personTitle, e.email] : ["", "", ""];
        return csvRow([e.organisation, e.organisationLocal, e.acronym, e.country, e.region, e.type, e.website, e.source, e.decidedAt, ...contact]);
      });
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="sign-on-${version.id}.csv"`)
        .send(`\uFEFF${csvRow(header)}${rows.join("")}`);
    },
  );
}
