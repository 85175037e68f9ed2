import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { okSchema } from "../../shared/api.js";
import {
  matrixAdvocateInputSchema,
  matrixAdvocateParamsSchema,
  matrixAdvocatePatchSchema,
  matrixAdvocateSchema,
  matrixCellConflictSchema,
  matrixCellInputSchema,
  matrixCellSchema,
  matrixHistorySchema,
  matrixOrganisationsSchema,
  matrixParamsSchema,
  matrixPresenceInputSchema,
  matrixQuerySchema,
  matrixTargetActsSchema,
  matrixTargetInputSchema,
  matrixTargetParamsSchema,
  matrixTargetSchema,
  matrixViewSchema,
  type MatrixChangedEvent,
} from "../../shared/api/matrix.js";
import { isUnState } from "../../shared/matrix/governments.js";
import { canEditMatrix, canManageTargets, canSeeContacts, matrixLimits } from "../../shared/matrix/matrix.js";
import type { Role } from "../../shared/roles.js";
import { newId } from "../auth/secrets.js";
import { normaliseName } from "../commands/signOnEntries.js";
import { findCountryByName } from "../matrix/governmentNames.js";
import { publishMatrixChange, publishMatrixPresence } from "../matrix/live.js";
import { actNumbersOf, presentAdvocate, presentCell, presentCells, presentTarget } from "../matrix/present.js";
import { actIndex, statementActs, type ActIndex } from "../matrix/statementActs.js";
import type { AuditAction } from "../../shared/api/audit.js";
import type { StoredDocument, StoredMatrixAdvocate, StoredMatrixTarget } from "../storage/Storage.js";
import { StorageConflict } from "../storage/StorageConflict.js";
import { audit, requireDocumentAccess, type AppContext } from "./context.js";
import { badRequest, conflict, forbidden, notFound, tooMany, type HttpError } from "./errors.js";
import type { ErrorId } from "../../shared/errors.js";
import { serveEventStream } from "./eventStream.js";

/** How a target is named in the audit log: a state by its code, another actor by its name. */
export const targetLabel = (target: Pick<StoredMatrixTarget, "id" | "code" | "name">) => (target.code ? { id: target.id, name: target.code, code: target.code } : { id: target.id, name: target.name });

/** The matrix's refusals a store reports as StorageConflict, as the API answers them. */
const storageRefusals: Partial<Record<ErrorId, () => HttpError>> = {
  matrix_target_not_found: () => notFound("matrix_target_not_found", "No target with that id in this statement's matrix (removed meanwhile?)."),
  matrix_target_exists: () => conflict("matrix_target_exists", "This statement's matrix has that target already."),
  matrix_advocate_exists: () => conflict("matrix_advocate_exists", "This target has that organisation on that channel already."),
  matrix_stale: () => conflict("matrix_stale", "Someone changed this meanwhile: see theirs, then change it again."),
};

/** Run a matrix write, answering the store's refusals (a target removed meanwhile, a duplicate...) as the API does; `tooMany` says which limit a write has. */
export async function matrixWrite<T>(write: () => Promise<T>, tooMany = "The matrix has as many of these as it may."): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StorageConflict && error.id === "matrix_too_many") throw conflict("matrix_too_many", tooMany);
    const refusal = error instanceof StorageConflict ? storageRefusals[error.id] : undefined;
    throw refusal ? refusal() : error;
  }
}

const PRESENCE_WINDOW_MS = 10_000;
/** Reporters remembered before those idle for a whole window are forgotten. */
const PRESENCE_SWEEP_AT = 1000;
const HISTORY_ENTRIES = 500;

/** A statement's matrix: the view, positions, targets, advocates, a target's history, organisations to pick from, presence and the live stream. */
export function matrixRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { storage } = context;
  /** Each account's recent presence reports on this instance (times, newest last). */
  const presenceReports = new Map<string, number[]>();

  /** The statement and the caller (404 when not a member), 403 when their role may not do this. */
  async function access(request: FastifyRequest, documentId: string, permitted: (role: Role) => boolean = () => true, what = "do this") {
    const { document, membership, accountId } = await requireDocumentAccess(context, request, documentId);
    if (!permitted(membership.role)) throw forbidden("role_required", `Your role (${membership.role}) may not ${what} in the matrix.`);
    const by = { id: accountId, name: request.principal!.account.displayName };
    return { document, role: membership.role, by };
  }

  async function targetOf(documentId: string, targetId: string): Promise<StoredMatrixTarget> {
    const target = await storage.matrix.target(documentId, targetId);
    if (!target) throw notFound("matrix_target_not_found", "No target with that id in this statement's matrix.");
    return target;
  }

  /** The statement's Acts as its text has them now. */
  async function actsNow(documentId: string): Promise<ActIndex> {
    return actIndex(await statementActs(context.registry, documentId));
  }

  /** The ids of the Acts numbered `numbers` now: each must be an Act of the statement (404 `act_not_found`). */
  function actIdsOf(acts: ActIndex, numbers: number[]): string[] {
    return numbers.map((number) => {
      const id = acts.idOf.get(number);
      if (id === undefined) throw notFound("act_not_found", `The statement has no Act ${number} (it has ${acts.idOf.size}).`);
      return id;
    });
  }

  const actList = (acts: number[]) => [...new Set(acts)].sort((a, b) => a - b);
  const named = (document: StoredDocument) => ({ id: document.id, name: document.title });

  /** An advocate's audit entry: its organisation and channel, never its contact or note. */
  async function auditAdvocate(request: FastifyRequest, action: AuditAction, document: StoredDocument, target: StoredMatrixTarget, advocate: Pick<StoredMatrixAdvocate, "id" | "organisation" | "channel">, extra: { fields?: string[] } = {}): Promise<void> {
    await audit(context, request, { workspaceId: document.workspaceId, action, subject: advocate.id, detail: { document: named(document), target: targetLabel(target), organisation: advocate.organisation, channel: advocate.channel, ...extra } });
  }

  function changed(document: StoredDocument, event: Omit<MatrixChangedEvent, "targetId" | "act" | "roundId"> & Partial<MatrixChangedEvent>): void {
    publishMatrixChange(context, document.id, { targetId: null, act: null, roundId: null, ...event });
  }

  api.get(
    "/api/documents/:id/matrix",
    {
      schema: {
        tags: ["matrix"],
        description: "One round's matrix (any member; default: the latest round) with the previous round's cells, the statement's Acts as its text has them now, targets, the workspace's negotiating groups and advocates, cut to the caller's role.",
        params: matrixParamsSchema,
        querystring: matrixQuerySchema,
        response: { 200: matrixViewSchema },
      },
    },
    async (request) => {
      const { document, role } = await access(request, request.params.id);
      const rounds = await storage.rounds.list(document.id);
      const at = request.query.round ? rounds.findIndex((round) => round.id === request.query.round) : rounds.length - 1;
      if (request.query.round && at < 0) throw notFound("round_not_found", "No round with that id in this statement.");
      const round = rounds[at] ?? null;
      const previous = at > 0 ? rounds[at - 1]! : null;
      const acts = await statementActs(context.registry, document.id);
      const index = actIndex(acts);
      const targets = await storage.matrix.targets(document.id);
      const groups = await storage.matrix.groups(document.workspaceId);
      const cells = round ? await storage.matrix.cells(document.id, previous ? [previous.id, round.id] : [round.id]) : [];
      const advocates = await storage.matrix.advocates(document.id);
      return {
        documentId: document.id,
        workspaceId: document.workspaceId,
        rounds: rounds.map((r) => ({ id: r.id, name: r.name, draftPublished: r.draftPublished, frozenAt: r.frozenAt })),
        roundId: round?.id ?? null,
        previousRoundId: previous?.id ?? null,
        acts,
        targets: targets.map((target) => presentTarget(target, index)),
        groups: groups.map((group) => ({ id: group.id, name: group.name, codes: [...group.codes].sort() })),
        cells: presentCells(cells, role, index),
        advocates: advocates.map((advocate) => presentAdvocate(advocate, role)),
        can: { edit: canEditMatrix(role), manageTargets: canManageTargets(role), seeContacts: canSeeContacts(role) },
      };
    },
  );

  api.put(
    "/api/documents/:id/matrix/cells",
    {
      schema: {
        tags: ["matrix"],
        description:
          "Record a government's position on an Act in a round (chairs and coordinators). `baseRevision` is the revision the change was made on (null: the cell was empty); a stale one is refused 409 `matrix_cell_changed` with `current`, the cell as it is now. 409 `matrix_no_round` before the statement's first round.",
        params: matrixParamsSchema,
        body: matrixCellInputSchema,
        response: { 200: matrixCellSchema, 409: matrixCellConflictSchema },
      },
    },
    async (request, reply) => {
      const { document, role, by } = await access(request, request.params.id, canEditMatrix, "record positions");
      const { baseRevision, ...input } = request.body;
      const rounds = await storage.rounds.list(document.id);
      if (rounds.length === 0) throw conflict("matrix_no_round", "The statement has no round yet: open one before recording positions.");
      const round = rounds.find((r) => r.id === input.roundId);
      if (!round) throw notFound("round_not_found", "No round with that id in this statement.");
      const target = await targetOf(document.id, input.targetId);
      const [actId] = actIdsOf(await actsNow(document.id), [input.act]);
      const before = (await storage.matrix.cellsOf(document.id, target.id)).find((cell) => cell.roundId === round.id && cell.actId === actId) ?? null;
      const written = await matrixWrite(() => storage.matrix.setCell({ ...input, actId: actId!, documentId: document.id, recordedBy: by.id, recordedAt: new Date().toISOString() }, baseRevision));
      if ("conflict" in written) {
        const current = written.conflict ? presentCell(written.conflict, role, input.act) : null;
        return reply.code(409).send({ error: { id: "matrix_cell_changed", message: "Someone changed this position meanwhile: see theirs, then save yours again." }, current });
      }
      const { cell } = written;
      await audit(context, request, {
        workspaceId: document.workspaceId,
        action: "matrix_cell_set",
        subject: target.id,
        detail: { document: named(document), target: targetLabel(target), act: input.act, round: { id: round.id, name: round.name }, ...(before ? { before: before.position } : {}), after: cell.position },
      });
      changed(document, { what: "cell", by, targetId: target.id, act: input.act, roundId: round.id });
      return presentCell(cell, role, input.act);
    },
  );

  api.post(
    "/api/documents/:id/matrix/targets",
    {
      schema: {
        tags: ["matrix"],
        description: "Add a target (chairs): a UN member or observer state by ISO code (400 `unknown_state` otherwise) or another actor by name (400 `matrix_use_state` when the name is a UN state's), with the Acts that matter with it. 409 `matrix_target_exists`, 409 `matrix_too_many`.",
        params: matrixParamsSchema,
        body: matrixTargetInputSchema,
        response: { 201: matrixTargetSchema },
      },
    },
    async (request, reply) => {
      const { document, by } = await access(request, request.params.id, canManageTargets, "choose targets");
      const body = request.body;
      if ("code" in body && !isUnState(body.code)) throw badRequest("unknown_state", `${body.code} is not a UN member or observer state.`);
      // A state added as another actor would have no regional group, and its name would mean two targets in a CSV.
      if ("name" in body) {
        const state = findCountryByName(body.name);
        if (state !== null && isUnState(state)) throw badRequest("matrix_use_state", `"${body.name}" is a UN state (${state}): add it by its country.`);
      }
      const acts = actList(body.acts);
      const index = await actsNow(document.id);
      const actIds = actIdsOf(index, acts);
      const targets = await storage.matrix.targets(document.id);
      const exists = "code" in body ? targets.some((t) => t.code === body.code) : targets.some((t) => t.code === null && normaliseName(t.name) === normaliseName(body.name));
      if (exists) throw conflict("matrix_target_exists", "This statement's matrix has that target already.");
      const row: StoredMatrixTarget = {
        id: newId(),
        documentId: document.id,
        ...("code" in body ? { kind: "state" as const, code: body.code, name: "" } : { kind: "other" as const, code: null, name: body.name }),
        actIds,
        addedBy: by.id,
        addedAt: new Date().toISOString(),
      };
      const target = await matrixWrite(() => storage.matrix.addTarget(row, matrixLimits.targets), `A matrix has at most ${matrixLimits.targets} targets.`);
      await audit(context, request, { workspaceId: document.workspaceId, action: "matrix_target_added", subject: target.id, detail: { document: named(document), target: targetLabel(target), acts } });
      changed(document, { what: "targets", by, targetId: target.id });
      reply.code(201);
      return presentTarget(target, index);
    },
  );

  api.put(
    "/api/documents/:id/matrix/targets/:targetId/acts",
    {
      schema: {
        tags: ["matrix"],
        description: "The Acts that matter with a target (chairs). With `base` (its Acts as the caller saw them), 409 `matrix_stale` when they are not that any more, and nothing changes.",
        params: matrixTargetParamsSchema, body: matrixTargetActsSchema,
        response: { 200: matrixTargetSchema },
      },
    },
    async (request) => {
      const { document, by } = await access(request, request.params.id, canManageTargets, "choose targets' Acts");
      const before = await targetOf(document.id, request.params.targetId);
      const index = await actsNow(document.id);
      const acts = actList(request.body.acts);
      const beforeActs = actNumbersOf(before, index);
      const { base } = request.body;
      if (base !== undefined && actList(base).join(",") !== beforeActs.join(",")) throw storageRefusals.matrix_stale!();
      // Acts the text no longer has keep their place in storage (they come back with the Act).
      const actIds = [...actIdsOf(index, acts), ...before.actIds.filter((id) => !index.numberOf.has(id))];
      const target = await matrixWrite(() => storage.matrix.setTargetActs(document.id, before.id, { actIds, expected: before.actIds, detail: acts.join(", ") }, by.id, new Date().toISOString()));
      if (!target) throw notFound("matrix_target_not_found", "No target with that id in this statement's matrix.");
      await audit(context, request, {
        workspaceId: document.workspaceId,
        action: "matrix_target_acts_set",
        subject: target.id,
        detail: { document: named(document), target: targetLabel(target), before: beforeActs.join(", "), after: acts.join(", "), acts },
      });
      changed(document, { what: "targets", by, targetId: target.id });
      return presentTarget(target, index);
    },
  );

  api.delete(
    "/api/documents/:id/matrix/targets/:targetId",
    { schema: { tags: ["matrix"], description: "Remove a target with its positions, advocates and history (chairs).", params: matrixTargetParamsSchema, response: { 200: okSchema } } },
    async (request) => {
      const { document, by } = await access(request, request.params.id, canManageTargets, "remove targets");
      const target = await targetOf(document.id, request.params.targetId);
      if (!(await storage.matrix.removeTarget(document.id, target.id))) throw notFound("matrix_target_not_found", "No target with that id in this statement's matrix.");
      await audit(context, request, { workspaceId: document.workspaceId, action: "matrix_target_removed", subject: target.id, detail: { document: named(document), target: targetLabel(target) } });
      changed(document, { what: "targets", by, targetId: target.id });
      return { ok: true as const };
    },
  );

  api.post(
    "/api/documents/:id/matrix/advocates",
    {
      schema: {
        tags: ["matrix"],
        description: `Name an organisation that reaches a target through a channel, with its contact person (chairs and coordinators). At most ${matrixLimits.advocatesPerTarget} per target: 409 \`matrix_too_many\`; an organisation once per target and channel: 409 \`matrix_advocate_exists\`.`,
        params: matrixParamsSchema,
        body: matrixAdvocateInputSchema,
        response: { 201: matrixAdvocateSchema },
      },
    },
    async (request, reply) => {
      const { document, role, by } = await access(request, request.params.id, canEditMatrix, "name advocates");
      const target = await targetOf(document.id, request.body.targetId);
      const advocate = await matrixWrite(() => storage.matrix.addAdvocate({ ...request.body, id: newId(), documentId: document.id, addedBy: by.id, addedAt: new Date().toISOString() }, matrixLimits.advocatesPerTarget), `A target has at most ${matrixLimits.advocatesPerTarget} advocates.`);
      await auditAdvocate(request, "matrix_advocate_added", document, target, advocate);
      changed(document, { what: "advocates", by, targetId: target.id });
      reply.code(201);
      return presentAdvocate(advocate, role);
    },
  );

  api.patch(
    "/api/documents/:id/matrix/advocates/:advocateId",
    { schema: { tags: ["matrix"], description: "Change an advocate (chairs and coordinators).", params: matrixAdvocateParamsSchema, body: matrixAdvocatePatchSchema, response: { 200: matrixAdvocateSchema } } },
    async (request) => {
      const { document, role, by } = await access(request, request.params.id, canEditMatrix, "change advocates");
      const before = await storage.matrix.advocate(document.id, request.params.advocateId);
      if (!before) throw notFound("matrix_advocate_not_found", "No advocate with that id in this statement's matrix.");
      const advocate = await matrixWrite(() => storage.matrix.updateAdvocate(document.id, before.id, request.body, by.id, new Date().toISOString()));
      if (!advocate) throw notFound("matrix_advocate_not_found", "No advocate with that id in this statement's matrix.");
      const target = await targetOf(document.id, advocate.targetId);
      // The fields changed are named, never their values: contacts stay out of the log.
      await auditAdvocate(request, "matrix_advocate_changed", document, target, { ...advocate, organisation: before.organisation }, { fields: Object.keys(request.body).sort() });
      changed(document, { what: "advocates", by, targetId: target.id });
      return presentAdvocate(advocate, role);
    },
  );

  api.delete(
    "/api/documents/:id/matrix/advocates/:advocateId",
    { schema: { tags: ["matrix"], description: "Remove an advocate (chairs and coordinators).", params: matrixAdvocateParamsSchema, response: { 200: okSchema } } },
    async (request) => {
      const { document, by } = await access(request, request.params.id, canEditMatrix, "remove advocates");
      const advocate = await storage.matrix.advocate(document.id, request.params.advocateId);
      if (!advocate || !(await storage.matrix.removeAdvocate(document.id, advocate.id, by.id, new Date().toISOString()))) {
        throw notFound("matrix_advocate_not_found", "No advocate with that id in this statement's matrix.");
      }
      const target = await targetOf(document.id, advocate.targetId);
      await auditAdvocate(request, "matrix_advocate_removed", document, target, advocate);
      changed(document, { what: "advocates", by, targetId: target.id });
      return { ok: true as const };
    },
  );

  api.get(
    "/api/documents/:id/matrix/organisations",
    {
      schema: {
        tags: ["matrix"],
        description: "Organisations an advocate can be picked from (any member): members' organisations, the statement's approved sign-on organisations and advocates already named; one of each, sorted.",
        params: matrixParamsSchema,
        response: { 200: matrixOrganisationsSchema },
      },
    },
    async (request) => {
      const { document } = await access(request, request.params.id);
      const names = (await storage.workspaces.listMembers(document.workspaceId)).map((member) => member.account.organisation);
      for (const version of await storage.rounds.listVersions(document.id)) {
        for (const entry of await storage.signOn.list(version.id)) if (entry.status === "approved") names.push(entry.organisation);
      }
      for (const advocate of await storage.matrix.advocates(document.id)) names.push(advocate.organisation);
      const unique = new Map<string, string>();
      for (const name of names.map((n) => n.trim())) if (name !== "" && !unique.has(normaliseName(name))) unique.set(normaliseName(name), name);
      return { organisations: [...unique.values()].sort((a, b) => a.localeCompare(b)) };
    },
  );

  api.get(
    "/api/documents/:id/matrix/targets/:targetId/history",
    { schema: { tags: ["matrix"], description: "A target's changes, newest first (any member).", params: matrixTargetParamsSchema, response: { 200: matrixHistorySchema } } },
    async (request) => {
      const { document } = await access(request, request.params.id);
      const target = await targetOf(document.id, request.params.targetId);
      const roundNames = new Map((await storage.rounds.list(document.id)).map((round) => [round.id, round.name]));
      const entries = await storage.matrix.history(document.id, target.id, HISTORY_ENTRIES);
      return {
        entries: entries.map((entry) => ({
          at: entry.at,
          by: entry.by ? { id: entry.by, name: entry.byName ?? "" } : null,
          action: entry.action,
          act: entry.act,
          roundId: entry.roundId,
          roundName: entry.roundId ? (roundNames.get(entry.roundId) ?? null) : null,
          before: entry.before,
          after: entry.after,
          detail: entry.detail,
        })),
      };
    },
  );

  api.post(
    "/api/documents/:id/matrix/presence",
    {
      schema: {
        tags: ["matrix"],
        description: `Where the caller is in the matrix (any member): a cell, a target's row or page, or nowhere. Not stored; told to the statement's matrix streams with the caller's name. At most ${matrixLimits.presencePer10s} per 10 seconds: 429 \`too_many_attempts\`.`,
        params: matrixParamsSchema,
        body: matrixPresenceInputSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      const { document, by } = await access(request, request.params.id);
      const now = Date.now();
      // Forget those who stopped reporting, so the map holds only the last window's reporters.
      if (presenceReports.size > PRESENCE_SWEEP_AT) for (const [id, times] of presenceReports) if (times.at(-1)! <= now - PRESENCE_WINDOW_MS) presenceReports.delete(id);
      const recent = (presenceReports.get(by.id) ?? []).filter((at) => at > now - PRESENCE_WINDOW_MS);
      if (recent.length >= matrixLimits.presencePer10s) {
        presenceReports.set(by.id, recent);
        throw tooMany("too_many_attempts", `At most ${matrixLimits.presencePer10s} presence reports per 10 seconds.`);
      }
      recent.push(now);
      presenceReports.set(by.id, recent);
      const { targetId, act } = request.body;
      if (targetId !== null) await targetOf(document.id, targetId);
      publishMatrixPresence(context, document.id, { accountId: by.id, name: by.name, targetId, act: targetId === null ? null : act, at: new Date(now).toISOString() });
      return { ok: true as const };
    },
  );

  api.get(
    "/api/documents/:id/matrix/events",
    { schema: { tags: ["matrix"], description: "The matrix's live stream (any member): `changed` (what and who; reload the view) and `presence` events. Never a note or a contact.", params: matrixParamsSchema } },
    async (request, reply) => {
      const { document, by } = await access(request, request.params.id);
      serveEventStream(context.matrix, document.id, request, reply, { accountId: by.id, workspaceId: document.workspaceId, what: "matrix" });
    },
  );
}
