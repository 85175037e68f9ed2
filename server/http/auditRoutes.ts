import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  auditCsvQuerySchema,
  auditDetailsSchema,
  auditListSchema,
  auditQuerySchema,
  auditRange,
  workspaceParamsSchema,
  type AuditDetails,
  type AuditEntry,
} from "../../shared/api.js";
import { canManageMembers } from "../../shared/roles.js";
import type { AuditFilter, StoredAuditEntry } from "../storage/Storage.js";
import { auditCsvName, renderAuditCsv } from "../exports/auditCsv.js";
import { attachment } from "../exports/fileName.js";
import { intlFor, readerLocale } from "../i18n.js";
import { requireMembership, requireUser, type AppContext } from "./context.js";

/** Actions whose subject is words (a workspace name, an email, a token name), not an id. */
const textSubjects = new Set(["workspace_created", "login", "login_failed", "token_created"]);
/** Actions whose subject is a statement's id. */
const documentSubjects = new Set(["update_refused"]);

/** The most entries one CSV carries; past it, narrow the filters. */
const CSV_MAX_ENTRIES = 20_000;
const CSV_PAGE = 500;

/**
 * The recorded detail as the typed details: each field kept only if it has its type
 * (entries recorded by older versions carry other shapes), `from`/`to` read as before/after.
 */
function detailsOf(detail: Record<string, unknown>): AuditDetails {
  const details: Record<string, unknown> = {};
  const shape = auditDetailsSchema.shape as Record<string, { safeParse(value: unknown): { success: boolean; data?: unknown } }>;
  const source = { before: detail.from, after: detail.to, ...detail };
  for (const [key, field] of Object.entries(shape)) {
    if (source[key as keyof typeof source] === undefined) continue;
    const parsed = field.safeParse(source[key as keyof typeof source]);
    if (parsed.success && parsed.data !== undefined) details[key] = parsed.data;
  }
  return details as AuditDetails;
}

/** The audit log of a workspace (chairs): filtered, paged, as JSON or CSV. */
export function auditRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { storage } = context;

  /** Stored entries as the API shows them, naming the statements that refusals name only by id. */
  async function present(stored: StoredAuditEntry[]): Promise<AuditEntry[]> {
    const documentIds = [...new Set(stored.filter((e) => documentSubjects.has(e.action) && e.subject).map((e) => e.subject!))];
    const titles = new Map<string, string>();
    await Promise.all(
      documentIds.map(async (id) => {
        const document = await storage.documents.get(id);
        if (document) titles.set(id, document.title);
      }),
    );
    return stored.map((entry) => {
      const details = detailsOf(entry.detail);
      if (!details.document && entry.subject && titles.has(entry.subject)) details.document = { id: entry.subject, name: titles.get(entry.subject)! };
      const recordedName = typeof entry.detail.subjectName === "string" ? entry.detail.subjectName : null;
      return {
        id: entry.id,
        at: entry.at,
        action: entry.action,
        actor: entry.actorName,
        actorId: entry.actorId,
        subject: entry.subject,
        subjectName: entry.subjectAccountName ?? recordedName ?? (textSubjects.has(entry.action) ? entry.subject : null),
        details,
        detail: entry.detail,
        address: entry.address,
      };
    });
  }

  const filterOf = (query: { personId?: string | undefined; action?: string | undefined; from?: string | undefined; to?: string | undefined }): AuditFilter => ({
    ...(query.personId ? { personId: query.personId } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...auditRange(query),
  });

  api.get(
    "/api/workspaces/:workspaceId/audit",
    {
      schema: {
        tags: ["workspaces"],
        description:
          "The audit log, newest first: by or about a person (`personId`), one `action`, `from` (inclusive) and `to` (a day: through it; an instant: before it). Page on with `before` = the previous page's `nextBefore`.",
        params: workspaceParamsSchema,
        querystring: auditQuerySchema,
        response: { 200: auditListSchema },
      },
    },
    async (request) => {
      const { workspaceId } = request.params;
      await requireMembership(context, requireUser(request), workspaceId, canManageMembers);
      const { limit, before } = request.query;
      // One more than asked tells whether another page follows.
      const stored = await storage.audit.list(workspaceId, limit + 1, { ...filterOf(request.query), ...(before ? { before } : {}) });
      const page = stored.slice(0, limit);
      const [entries, people] = await Promise.all([present(page), storage.audit.people(workspaceId)]);
      return { entries, nextBefore: stored.length > limit ? page.at(-1)!.id : null, people };
    },
  );

  api.get(
    "/api/workspaces/:workspaceId/audit.csv",
    {
      schema: {
        tags: ["workspaces"],
        description:
          "The audit log as CSV, with the same filters, in the language of the person downloading it (their account's, else Accept-Language, else English), times in UTC; cells are safe to open in a spreadsheet.",
        params: workspaceParamsSchema,
        querystring: auditCsvQuerySchema,
      },
    },
    async (request, reply) => {
      const { workspaceId } = request.params;
      const principal = requireUser(request);
      await requireMembership(context, principal, workspaceId, canManageMembers);
      // In the language of whoever downloads it: their account's, else their browser's.
      const intl = intlFor(readerLocale(principal.account, request.headers["accept-language"]));
      const filter = filterOf(request.query);
      const stored: StoredAuditEntry[] = [];
      for (;;) {
        const page = await storage.audit.list(workspaceId, CSV_PAGE, { ...filter, ...(stored.length > 0 ? { before: stored.at(-1)!.id } : {}) });
        stored.push(...page);
        if (page.length < CSV_PAGE || stored.length >= CSV_MAX_ENTRIES) break;
      }
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", attachment(auditCsvName(intl, day), `audit-log-${day}`, "csv"))
        .header("cache-control", "no-store")
        .header("vary", "accept-language")
        .send(renderAuditCsv(intl, await present(stored.slice(0, CSV_MAX_ENTRIES))));
    },
  );
}
