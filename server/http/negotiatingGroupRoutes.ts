import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { okSchema } from "../../shared/api.js";
import { negotiatingGroupInputSchema, negotiatingGroupParamsSchema, negotiatingGroupSchema, matrixParamsSchema } from "../../shared/api/matrix.js";
import { isUnState } from "../../shared/matrix/governments.js";
import { canManageTargets, matrixLimits } from "../../shared/matrix/matrix.js";
import { newId } from "../auth/secrets.js";
import { publishMatrixChange } from "../matrix/live.js";
import type { StoredNegotiatingGroup } from "../storage/Storage.js";
import { StorageConflict } from "../storage/StorageConflict.js";
import { audit, requireMembership, requireUser, type AppContext } from "./context.js";
import { badRequest, conflict, notFound } from "./errors.js";

/** Whether two lists name the same states, in any order and however often. */
function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((code, index) => code === right[index]);
}

/** A workspace's negotiating groups (the African Group, the EU, the G77): lists of UN states the matrix filters by, chosen by chairs. */
export function negotiatingGroupRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { storage } = context;

  /** The caller, a chair of the workspace (404 for non-members, 403 for other roles). */
  async function chair(request: FastifyRequest, workspaceId: string) {
    const principal = requireUser(request);
    await requireMembership(context, principal, workspaceId, canManageTargets);
    return { id: principal.account.id, name: principal.account.displayName };
  }

  /** The group's member states, each a UN member or observer state, once each and sorted. */
  function codesOf(codes: string[]): string[] {
    const unknown = codes.find((code) => !isUnState(code));
    if (unknown !== undefined) throw badRequest("unknown_state", `${unknown} is not a UN member or observer state.`);
    return [...new Set(codes)].sort();
  }

  /** Tell every open matrix of the workspace's statements that its groups changed. */
  async function changed(workspaceId: string, by: { id: string; name: string }): Promise<void> {
    for (const document of await storage.documents.listForWorkspaces([workspaceId])) {
      publishMatrixChange(context, document.id, { what: "groups", by, targetId: null, act: null, roundId: null });
    }
  }

  async function named<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof StorageConflict && error.id === "matrix_too_many") throw conflict("matrix_too_many", `A workspace has at most ${matrixLimits.groups} negotiating groups.`);
      if (error instanceof StorageConflict) throw conflict("group_exists", "The workspace has a negotiating group by that name already.");
      throw error;
    }
  }

  const present = (group: StoredNegotiatingGroup) => ({ id: group.id, name: group.name, codes: [...group.codes].sort() });
  const detail = (group: StoredNegotiatingGroup) => ({ group: { id: group.id, name: group.name }, count: group.codes.length });

  api.post(
    "/api/workspaces/:id/negotiating-groups",
    {
      schema: {
        tags: ["matrix"],
        description: `Add a negotiating group (chairs): a name and UN states' codes (400 \`unknown_state\`). 409 \`group_exists\` on a name the workspace has; at most ${matrixLimits.groups} (409 \`matrix_too_many\`).`,
        params: matrixParamsSchema,
        body: negotiatingGroupInputSchema,
        response: { 201: negotiatingGroupSchema },
      },
    },
    async (request, reply) => {
      const by = await chair(request, request.params.id);
      const codes = codesOf(request.body.codes);
      const group = await named(() => storage.matrix.addGroup({ id: newId(), workspaceId: request.params.id, name: request.body.name, codes }, matrixLimits.groups));
      await audit(context, request, { workspaceId: group.workspaceId, action: "negotiating_group_added", subject: group.id, detail: detail(group) });
      await changed(group.workspaceId, by);
      reply.code(201);
      return present(group);
    },
  );

  api.put(
    "/api/workspaces/:id/negotiating-groups/:groupId",
    {
      schema: {
        tags: ["matrix"],
        description: "Rename a negotiating group or change its states (chairs). With `base` (the group as the caller saw it), 409 `matrix_stale` when the group is no longer that, and nothing changes.",
        params: negotiatingGroupParamsSchema,
        body: negotiatingGroupInputSchema,
        response: { 200: negotiatingGroupSchema },
      },
    },
    async (request) => {
      const by = await chair(request, request.params.id);
      const codes = codesOf(request.body.codes);
      const before = (await storage.matrix.groups(request.params.id)).find((g) => g.id === request.params.groupId);
      if (!before) throw notFound("group_not_found", "No negotiating group with that id in this workspace.");
      const { base } = request.body;
      // Two chairs never undo each other silently: a change made on a group that has changed since is refused whole.
      if (base && (base.name !== before.name || !sameCodes(base.codes, before.codes))) throw conflict("matrix_stale", "Someone changed this negotiating group meanwhile: look at it again, then make your change.");
      const group = await named(() => storage.matrix.updateGroup(request.params.id, before.id, { name: request.body.name, codes }));
      if (!group) throw notFound("group_not_found", "No negotiating group with that id in this workspace.");
      await audit(context, request, { workspaceId: group.workspaceId, action: "negotiating_group_changed", subject: group.id, detail: { ...detail(group), before: before.name, after: group.name } });
      await changed(group.workspaceId, by);
      return present(group);
    },
  );

  api.delete(
    "/api/workspaces/:id/negotiating-groups/:groupId",
    { schema: { tags: ["matrix"], description: "Remove a negotiating group (chairs).", params: negotiatingGroupParamsSchema, response: { 200: okSchema } } },
    async (request) => {
      const by = await chair(request, request.params.id);
      const group = (await storage.matrix.groups(request.params.id)).find((g) => g.id === request.params.groupId);
      if (!group || !(await storage.matrix.removeGroup(request.params.id, group.id))) throw notFound("group_not_found", "No negotiating group with that id in this workspace.");
      await audit(context, request, { workspaceId: group.workspaceId, action: "negotiating_group_removed", subject: group.id, detail: detail(group) });
      await changed(group.workspaceId, by);
      return { ok: true as const };
    },
  );
}
