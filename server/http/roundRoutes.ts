import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  compareQuerySchema,
  comparisonSchema,
  documentParamsSchema,
  freezeScheduleRequestSchema,
  freezeScheduleSchema,
  okSchema,
  openRoundSchema,
  roundListSchema,
  roundParamsSchema,
  roundSchema,
  suggestionSchema,
  threadSchema,
  versionDetailSchema,
  versionListSchema,
  versionParamsSchema,
  versionQuerySchema,
  versionSummarySchema,
  type Suggestion,
  type Thread,
} from "../../shared/api.js";
import { canManageMembers } from "../../shared/roles.js";
import { readStatement } from "../../shared/statement/readStatement.js";
import { compareStatements } from "../../shared/statement/compareStatements.js";
import { Node as PMNode } from "@tiptap/pm/model";
import { contentHash, freezeRound, openFirstRound, openNextRound, presentRounds, restoreVersion, snapshotOf } from "../commands/rounds.js";
import { cancelFreeze, notifyMembers, scheduleFreeze } from "../commands/freezeSchedule.js";
import { notificationLink } from "../../shared/notifications.js";
import { presentThreads } from "../comments/presentThreads.js";
import type { StoredDocument, StoredMembership, StoredVersionSummary } from "../storage/Storage.js";
import { exportLabels, type ExportInput } from "../exports/exportInput.js";
import { attachment, fileSafe } from "../exports/fileName.js";
import { renderHtml } from "../exports/renderHtml.js";
import { renderMarkdown } from "../exports/renderMarkdown.js";
import { renderDocx } from "../exports/renderDocx.js";
import { withSignatories } from "../exports/signOnBlocks.js";
import { anchorThreads, docOfState, orderThreads, placeThreads, type PlacedThreads } from "../exports/placeThreads.js";
import { mapRanges, pendingIn, prepareText, suggestionAuthors, type SuggestionChoice } from "../exports/suggestionMarks.js";
import { presentSuggestions } from "./suggestionRoutes.js";
import { audit, requireDocumentAccess, type AppContext } from "./context.js";
import { forbidden, notFound } from "./errors.js";
import { DEFAULT_LOCALE, type Locale } from "../../shared/i18n/locales.js";

/** A version or the live text, as what the exports and compare need. */
interface Resolved {
  summary: StoredVersionSummary | null;
  /** The language the text is exported in: a version's, as frozen; the live text's, the statement's now. */
  language: Locale;
  content: PMNode;
  threads: Thread[];
  /** The suggestions pending in this text (a version's as recorded when it was frozen). */
  suggestions: Suggestion[];
  sha256: string;
  /** Where the threads' words are in this text (worked out for exports with comments only). */
  place(): Promise<PlacedThreads>;
}

/** A statement as the audit log names it (its title at the time). */
const named = (document: StoredDocument) => ({ id: document.id, name: document.title });

/** Rounds (chairs open and freeze them), versions, exports and compare. */
export function roundRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { storage, schema } = context;

  const access = (request: FastifyRequest, documentId: string) => requireDocumentAccess(context, request, documentId);

  function chairOnly(membership: StoredMembership): void {
    if (!canManageMembers(membership.role)) throw forbidden("role_required", "Only chairs open, freeze and restore rounds.");
  }

  /** Every member but the chair hears that a round opened. */
  const notifyRoundOpened = (document: StoredDocument, roundId: string, roundName: string, by: string) =>
    notifyMembers(context, document, {
      kind: "roundOpened",
      actorId: by,
      subject: roundId,
      detail: { statement: document.title, round: roundName },
      link: notificationLink({ documentId: document.id, history: true }),
    });

  const toSummary = (v: StoredVersionSummary) => ({
    id: v.id,
    roundId: v.roundId,
    roundName: v.roundName,
    draftPublished: v.draftPublished,
    createdAt: v.createdAt,
    createdBy: v.createdByName,
    sha256: v.sha256,
  });

  async function resolve(document: StoredDocument, versionId: string, authors: boolean): Promise<Resolved> {
    if (versionId === "live") {
      const threads = await presentThreads(context, document, await storage.comments.listThreads(document.id), { authors });
      const content = await context.registry.read(document.id, (doc) => snapshotOf(doc, schema).content);
      const place = () => context.registry.read(document.id, (doc) => placeThreads(doc, schema, threads));
      const suggestions = pendingIn(content, await presentSuggestions(context, document));
      return { summary: null, language: document.language, content, threads, suggestions, sha256: contentHash(content), place };
    }
    const version = await storage.rounds.getVersion(document.id, versionId);
    if (!version) throw notFound("version_not_found", "No version with that id in this statement.");
    const threads = threadSchema.array().parse(JSON.parse(version.threads));
    const anonymised = authors ? threads : threads.map((t) => ({ ...t, createdBy: null, resolvedBy: null, comments: t.comments.map((c) => ({ ...c, author: null })) }));
    const place = async () => placeThreads(docOfState(version.state), schema, threads);
    const suggestions = suggestionSchema.array().parse(JSON.parse(version.suggestions));
    return { summary: version, language: version.language ?? DEFAULT_LOCALE, content: PMNode.fromJSON(schema, JSON.parse(version.content)), threads: anonymised, suggestions, sha256: version.sha256, place };
  }

  async function exportInput(document: StoredDocument, resolved: Resolved, withComments: boolean, choice: SuggestionChoice): Promise<ExportInput> {
    const placed = withComments ? await resolved.place() : null;
    // The text as exported: clean (pending suggestions left out) or marked; the threads' words follow it.
    const text = prepareText(resolved.content, choice);
    const round = resolved.summary ? { name: resolved.summary.roundName, draftPublished: resolved.summary.draftPublished } : ((await storage.rounds.list(document.id)).at(-1) ?? null);
    return {
      // A version's approved signatories replace the names typed in its signatories section once there are any, and always once sign-on was opened.
      model: resolved.summary
        ? withSignatories(readStatement(text.content), await storage.signOn.list(resolved.summary.id), exportLabels(resolved.language), (await storage.signOn.window(resolved.summary.id)) !== null)
        : readStatement(text.content),
      documentTitle: document.title,
      // Exports speak the statement's language, whoever downloads them (a version's, as it was frozen).
      language: resolved.language,
      round: round ? { name: round.name, draftPublished: round.draftPublished } : null,
      date: resolved.summary?.createdAt ?? new Date().toISOString(),
      frozen: resolved.summary !== null,
      sha256: resolved.sha256,
      threads: placed ? orderThreads(resolved.threads, placed.ranges) : null,
      anchored: placed ? anchorThreads({ content: text.content, ranges: mapRanges(placed.ranges, text.mapping) }) : null,
      suggestions: choice === "marked" ? { edges: text.edges, authors: suggestionAuthors(resolved.suggestions) } : null,
    };
  }

  api.get("/api/documents/:id/rounds", { schema: { tags: ["rounds"], params: documentParamsSchema, response: { 200: roundListSchema } } }, async (request) => {
    const { document } = await access(request, request.params.id);
    return { rounds: await presentRounds(context, document.id), frozen: context.registry.isFrozen(document.id) };
  });

  api.post(
    "/api/documents/:id/rounds",
    {
      schema: {
        tags: ["rounds"],
        description: "Open the statement's first round. Once it has one, 409 `round_exists`: later rounds are opened with `.../rounds/:roundId/open-next` after a freeze.",
        params: documentParamsSchema,
        body: openRoundSchema,
        response: { 201: roundSchema },
      },
    },
    async (request, reply) => {
      const { document, membership, accountId } = await access(request, request.params.id);
      chairOnly(membership);
      const round = await openFirstRound(context, { documentId: document.id, ...request.body, by: accountId });
      await audit(context, request, { workspaceId: document.workspaceId, action: "round_opened", subject: round.id, detail: { document: named(document), round: { id: round.id, name: round.name } } });
      await notifyRoundOpened(document, round.id, round.name, accountId);
      reply.code(201);
      return (await presentRounds(context, document.id)).find((r) => r.id === round.id)!;
    },
  );

  api.post(
    "/api/documents/:id/rounds/:roundId/freeze",
    { schema: { tags: ["rounds"], params: roundParamsSchema, response: { 201: versionSummarySchema } } },
    async (request, reply) => {
      const { document, membership, accountId } = await access(request, request.params.id);
      chairOnly(membership);
      const version = await freezeRound(context, { document, roundId: request.params.roundId, by: accountId });
      await audit(context, request, {
        workspaceId: document.workspaceId,
        action: "round_frozen",
        subject: version.roundId,
        detail: { document: named(document), round: { id: version.roundId, name: version.roundName }, version: { id: version.id, sha256: version.sha256 } },
      });
      // Frozen by hand before its scheduled time: the schedule has nothing left to do.
      await storage.freezeSchedules.cancel(version.roundId);
      await notifyMembers(context, document, {
        kind: "frozen",
        actorId: accountId,
        subject: version.roundId,
        detail: { statement: document.title, round: version.roundName, at: version.createdAt },
        link: notificationLink({ documentId: document.id, versionId: version.id }),
      });
      reply.code(201);
      return toSummary(version);
    },
  );

  api.put(
    "/api/documents/:id/rounds/:roundId/freeze-schedule",
    {
      schema: {
        tags: ["rounds"],
        description:
          "Schedule (or move) the freeze of the current round at `at` (an ISO instant, in the future, at most a year ahead). Every member is told, reminded 24 hours and 1 hour before, and told when it froze. Chairs only.",
        params: roundParamsSchema,
        body: freezeScheduleRequestSchema,
        response: { 200: freezeScheduleSchema },
      },
    },
    async (request) => {
      const { document, membership, accountId } = await access(request, request.params.id);
      chairOnly(membership);
      const { round, schedule } = await scheduleFreeze(context, { document, roundId: request.params.roundId, at: request.body.at, by: accountId });
      await audit(context, request, {
        workspaceId: document.workspaceId,
        action: "freeze_scheduled",
        subject: round.id,
        detail: { document: named(document), round: { id: round.id, name: round.name }, at: schedule.at },
      });
      await notifyMembers(context, document, {
        kind: "freezeScheduled",
        actorId: accountId,
        subject: round.id,
        detail: { statement: document.title, round: round.name, at: schedule.at },
        link: notificationLink({ documentId: document.id, history: true }),
      });
      // Open editors show (or drop) their countdown at once.
      context.comments.publish(document.id, "round", { roundId: round.id, freezeAt: schedule.at });
      return { roundId: round.id, freezeAt: schedule.at };
    },
  );

  api.delete(
    "/api/documents/:id/rounds/:roundId/freeze-schedule",
    { schema: { tags: ["rounds"], description: "Cancel the current round's scheduled freeze (404 `freeze_not_scheduled` when none). Chairs only.", params: roundParamsSchema, response: { 200: freezeScheduleSchema } } },
    async (request) => {
      const { document, membership, accountId } = await access(request, request.params.id);
      chairOnly(membership);
      const round = await cancelFreeze(context, { document, roundId: request.params.roundId });
      await audit(context, request, { workspaceId: document.workspaceId, action: "freeze_cancelled", subject: round.id, detail: { document: named(document), round: { id: round.id, name: round.name } } });
      await notifyMembers(context, document, {
        kind: "freezeScheduled",
        actorId: accountId,
        subject: round.id,
        detail: { statement: document.title, round: round.name, at: null },
        link: notificationLink({ documentId: document.id, history: true }),
      });
      context.comments.publish(document.id, "round", { roundId: round.id, freezeAt: null });
      return { roundId: round.id, freezeAt: null };
    },
  );

  api.post(
    "/api/documents/:id/rounds/:roundId/open-next",
    { schema: { tags: ["rounds"], params: roundParamsSchema, body: openRoundSchema, response: { 201: roundSchema } } },
    async (request, reply) => {
      const { document, membership, accountId } = await access(request, request.params.id);
      chairOnly(membership);
      const round = await openNextRound(context, { document, roundId: request.params.roundId, ...request.body, by: accountId });
      const previous = (await storage.rounds.list(document.id)).find((r) => r.id === request.params.roundId);
      await audit(context, request, {
        workspaceId: document.workspaceId,
        action: "round_opened",
        subject: round.id,
        detail: { document: named(document), round: { id: round.id, name: round.name }, ...(previous ? { previousRound: { id: previous.id, name: previous.name } } : {}) },
      });
      await notifyRoundOpened(document, round.id, round.name, accountId);
      reply.code(201);
      return (await presentRounds(context, document.id)).find((r) => r.id === round.id)!;
    },
  );

  api.post(
    "/api/documents/:id/versions/:versionId/restore",
    { schema: { tags: ["rounds"], params: versionParamsSchema, response: { 200: okSchema } } },
    async (request) => {
      const { document, membership } = await access(request, request.params.id);
      chairOnly(membership);
      if (request.params.versionId === "live") throw notFound("version_not_found", "Name a frozen version to restore.");
      await restoreVersion(context, { document, versionId: request.params.versionId });
      const version = (await storage.rounds.listVersions(document.id)).find((v) => v.id === request.params.versionId);
      await audit(context, request, {
        workspaceId: document.workspaceId,
        action: "version_restored",
        subject: request.params.versionId,
        detail: { document: named(document), version: { id: request.params.versionId, ...(version ? { sha256: version.sha256, roundName: version.roundName } : {}) } },
      });
      return { ok: true as const };
    },
  );

  api.get("/api/documents/:id/versions", { schema: { tags: ["rounds"], params: documentParamsSchema, response: { 200: versionListSchema } } }, async (request) => {
    const { document } = await access(request, request.params.id);
    return { versions: (await storage.rounds.listVersions(document.id)).map(toSummary) };
  });

  api.get(
    "/api/documents/:id/versions/:versionId",
    {
      schema: {
        tags: ["rounds"],
        description:
          "A version (or `live`): JSON (content, rendered HTML with its suggestions marked, comments and pending suggestions as they were), or an export as Markdown, print-ready HTML or DOCX (the clean text unless `suggestions=marked`: Word tracked changes, CriticMarkup, <ins>/<del>).",
        params: versionParamsSchema,
        querystring: versionQuerySchema,
      },
    },
    async (request, reply) => {
      const { document } = await access(request, request.params.id);
      const { format, comments, authors } = request.query;
      // Downloads are clean unless asked; the version page (json) shows the suggestions.
      const suggestions = request.query.suggestions ?? (format === "json" ? "marked" : "clean");
      const resolved = await resolve(document, request.params.versionId, authors === "true");
      const input = await exportInput(document, resolved, comments === "true", suggestions);
      // Saved under the statement's title in its own script (and its round's name), with an ASCII name for old clients.
      const ofRound = resolved.summary ? ` - ${resolved.summary.roundName}` : "";
      const name = `${fileSafe(document.title) || exportLabels(document.language).statementFile}${ofRound}`;
      const ascii = `${document.title.replace(/[^\w .-]+/g, "").trim() || "statement"}${ofRound.replace(/[^\w .-]+/g, "")}`;
      const disposition = (extension: string) => attachment(name, ascii, extension);
      if (format === "md") return reply.type("text/markdown; charset=utf-8").header("content-disposition", disposition("md")).send(renderMarkdown(input));
      if (format === "html") return reply.type("text/html; charset=utf-8").send(renderHtml(input));
      if (format === "docx") {
        return reply
          .type("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
          .header("content-disposition", disposition("docx"))
          .send(await renderDocx(input));
      }
      return versionDetailSchema.parse({
        version: resolved.summary ? toSummary(resolved.summary) : null,
        content: resolved.content.toJSON() as Record<string, unknown>,
        html: renderHtml({ ...input, threads: null }),
        threads: resolved.threads,
        suggestions: resolved.suggestions,
      });
    },
  );

  api.get(
    "/api/documents/:id/compare",
    { schema: { tags: ["rounds"], params: documentParamsSchema, querystring: compareQuerySchema, response: { 200: comparisonSchema } } },
    async (request) => {
      const { document } = await access(request, request.params.id);
      const [from, to] = await Promise.all([resolve(document, request.query.from, false), resolve(document, request.query.to, false)]);
      // Clean texts by default (what would be submitted); `marked` reads suggested and struck words both as text.
      const text = (resolved: Resolved) => readStatement(request.query.suggestions === "marked" ? resolved.content : prepareText(resolved.content, "clean").content);
      return { from: request.query.from, to: request.query.to, ...compareStatements(text(from), text(to)) };
    },
  );
}
