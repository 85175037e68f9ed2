import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { matrixExportQuerySchema, matrixImportInputSchema, matrixImportInvalidSchema, matrixImportResultSchema, matrixParamsSchema } from "../../shared/api/matrix.js";
import { canEditMatrix, canManageTargets, matrixLimits } from "../../shared/matrix/matrix.js";
import { isLocale, type Locale } from "../../shared/i18n/locales.js";
import { newId } from "../auth/secrets.js";
import { attachment, fileSafe } from "../exports/fileName.js";
import { publishMatrixChange } from "../matrix/live.js";
import { readMatrixCsv } from "../matrix/matrixCsv.js";
import { planMatrixImport } from "../matrix/importPlan.js";
import { matrixExportData, renderMatrixCsv, renderMatrixXlsx } from "../matrix/matrixExport.js";
import { renderHeatmapSvg } from "../matrix/heatmapSvg.js";
import { actIndex, statementActs } from "../matrix/statementActs.js";
import { matrixWrite } from "./matrixRoutes.js";
import type { StoredDocument, StoredRound } from "../storage/Storage.js";
import { audit, requireDocumentAccess, type AppContext } from "./context.js";
import { conflict, forbidden, notFound } from "./errors.js";

/** A statement and round as the audit log names them. */
const auditNames = (document: StoredDocument, round: StoredRound) => ({ document: { id: document.id, name: document.title }, round: { id: round.id, name: round.name } });

/**
 * The matrix's files: a CSV import for one round (previewed, then written whole or not at
 * all), and one round's matrix as CSV, XLSX and an SVG heat map, cut to the reader's role.
 */
export function matrixTransferRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { storage } = context;

  /** The round asked for (by default the latest); 404 for a round not of this statement, 409 when it has none yet. */
  async function roundOf(document: StoredDocument, roundId: string | undefined): Promise<StoredRound> {
    const rounds = await storage.rounds.list(document.id);
    const round = roundId === undefined ? rounds.at(-1) : rounds.find((r) => r.id === roundId);
    if (!round) throw roundId === undefined ? conflict("matrix_no_round", "The statement has no round yet.") : notFound("round_not_found", "No round with that id in this statement.");
    return round;
  }

  api.post(
    "/api/documents/:id/matrix/import",
    {
      // The file's limit is in bytes of the CSV: JSON escaping (a quote, a line break) makes the request up to three times as long, past the app's body limit.
      bodyLimit: 3 * matrixLimits.importBytes + 64 * 1024,
      schema: {
        tags: ["matrix"],
        description:
          "Import a CSV of positions (and advocates' organisations) for one round (chairs and coordinators): `commit: false` previews the rows, problems by line and what it would add; `commit: true` writes all of it or, with any problem, nothing (400 `matrix_import_invalid` with `problems`). Only chairs add targets by import.",
        params: matrixParamsSchema,
        body: matrixImportInputSchema,
        response: { 200: matrixImportResultSchema, 400: matrixImportInvalidSchema },
      },
    },
    async (request, reply) => {
      const { document, membership, accountId } = await requireDocumentAccess(context, request, request.params.id);
      if (!canEditMatrix(membership.role)) throw forbidden("role_required", "Only chairs and coordinators import positions.");
      const { csv, commit } = request.body;
      const round = await roundOf(document, request.body.roundId);
      const [targets, cells, advocates, acts] = await Promise.all([storage.matrix.targets(document.id), storage.matrix.cells(document.id, [round.id]), storage.matrix.advocates(document.id), statementActs(context.registry, document.id)]);
      const reading = readMatrixCsv(csv, { acts: acts.map((act) => act.number), targets, canAddTargets: canManageTargets(membership.role) });
      const plan = planMatrixImport(reading.rows, { documentId: document.id, roundId: round.id, acts: actIndex(acts), targets, cells, advocates }, newId);
      const problems = [...reading.problems, ...plan.problems].sort((a, b) => a.line - b.line);
      const summary = problems.length === 0 ? plan.summary : { targetsAdded: 0, cellsSet: 0, advocatesAdded: 0 };
      if (!commit) return { rows: reading.rows, problems, summary, committed: false };
      if (problems.length > 0) {
        return reply.code(400).send({ error: { id: "matrix_import_invalid", message: `The file has ${problems.length} problem(s); nothing was imported.` }, problems });
      }
      await matrixWrite(() => storage.matrix.importAll({ ...plan.write, by: accountId, at: new Date().toISOString() }));
      await audit(context, request, {
        workspaceId: document.workspaceId,
        action: "matrix_imported",
        subject: document.id,
        detail: { ...auditNames(document, round), imported: { targets: summary.targetsAdded, cells: summary.cellsSet, advocates: summary.advocatesAdded } },
      });
      const name = (await storage.accounts.get(accountId))?.displayName ?? "";
      publishMatrixChange(context, document.id, { what: "import", by: { id: accountId, name }, targetId: null, act: null, roundId: round.id });
      return { rows: reading.rows, problems, summary, committed: true };
    },
  );

  /** What every export starts from: the round's matrix cut to the caller's role, in the language asked for (else the statement's). */
  async function exportOf(request: FastifyRequest, documentId: string, query: { round?: string | undefined; lang?: Locale | undefined }, format: "csv" | "xlsx" | "svg") {
    const { document, membership } = await requireDocumentAccess(context, request, documentId);
    const round = await roundOf(document, query.round);
    const locale: Locale = query.lang ?? (isLocale(document.language) ? document.language : "en");
    const [targets, cells, advocates, acts] = await Promise.all([storage.matrix.targets(document.id), storage.matrix.cells(document.id, [round.id]), storage.matrix.advocates(document.id), statementActs(context.registry, document.id)]);
    await audit(context, request, { workspaceId: document.workspaceId, action: "matrix_exported", subject: document.id, detail: { ...auditNames(document, round), format } });
    const title = `${fileSafe(document.title) || "matrix"} - ${fileSafe(round.name)}`;
    return { document, round, acts, data: matrixExportData(locale, membership.role, { acts: actIndex(acts), targets, cells, advocates }), disposition: (extension: string) => attachment(`${title} - matrix`, `${title} - matrix`, extension) };
  }

  const exportSchema = (description: string) => ({ tags: ["matrix"], description, params: matrixParamsSchema, querystring: matrixExportQuerySchema });

  api.get(
    "/api/documents/:id/matrix/export.csv",
    { schema: exportSchema("One round's matrix as CSV (UTF-8 with BOM; re-imports), cut to the caller's role: contacts only for chairs and coordinators, internal notes never for observers.") },
    async (request, reply) => {
      const { data, disposition } = await exportOf(request, request.params.id, request.query, "csv");
      return reply.type("text/csv; charset=utf-8").header("content-disposition", disposition("csv")).send(renderMatrixCsv(data));
    },
  );

  api.get(
    "/api/documents/:id/matrix/export.xlsx",
    { schema: exportSchema("One round's matrix as XLSX (positions in the heat map's colours; an advocates sheet with contacts for chairs and coordinators), cut to the caller's role.") },
    async (request, reply) => {
      const { data, disposition } = await exportOf(request, request.params.id, request.query, "xlsx");
      return reply.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").header("content-disposition", disposition("xlsx")).send(await renderMatrixXlsx(data));
    },
  );

  api.get(
    "/api/documents/:id/matrix/heatmap.svg",
    { schema: exportSchema("One round's heat map as SVG for a briefing: positions coloured and marked, priority Acts outlined, a legend and the Acts' titles; no notes or contacts.") },
    async (request, reply) => {
      const { document, round, acts, data, disposition } = await exportOf(request, request.params.id, request.query, "svg");
      const svg = renderHeatmapSvg(data, document.title, round.name, acts);
      return reply.type("image/svg+xml; charset=utf-8").header("content-disposition", disposition("svg")).header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'").send(svg);
    },
  );
}
