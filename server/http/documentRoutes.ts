import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  createDocumentSchema,
  documentDetailSchema,
  documentListQuerySchema,
  documentListSchema,
  documentParamsSchema,
  documentSummarySchema,
  updateDocumentSchema,
} from "../../shared/api.js";
import { canCreateDocuments, canEdit, canManageStatement, canSuggest } from "../../shared/roles.js";
import { createDocument } from "../commands/createDocument.js";
import { presentRounds } from "../commands/rounds.js";
import { audit, requireDocumentAccess, requireMembership, requireUser, type AppContext } from "./context.js";
import { forbidden, notFound } from "./errors.js";

/** `/api/documents`: the statements the caller may read; create (seeded on the server, once); read one. */
export function documentRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { storage } = context;

  api.get(
    "/api/documents",
    { schema: { tags: ["documents"], querystring: documentListQuerySchema, response: { 200: documentListSchema } } },
    async (request) => {
      const principal = requireUser(request);
      const memberships = await storage.workspaces.memberships(principal.account.id);
      const workspaceIds = memberships.map((m) => m.workspace.id).filter((id) => !request.query.workspaceId || id === request.query.workspaceId);
      return { documents: await storage.documents.listForWorkspaces(workspaceIds) };
    },
  );

  api.post(
    "/api/documents",
    { schema: { tags: ["documents"], body: createDocumentSchema, response: { 201: documentSummarySchema } } },
    async (request, reply) => {
      const principal = requireUser(request);
      let workspaceId = request.body.workspaceId;
      if (!workspaceId) {
        const memberships = await storage.workspaces.memberships(principal.account.id);
        workspaceId = memberships.find((m) => canCreateDocuments(m.membership.role))?.workspace.id;
        if (!workspaceId) throw forbidden("role_required", "Only chairs and coordinators create statements.");
      }
      await requireMembership(context, principal, workspaceId, canCreateDocuments);
      const created = await createDocument(storage, context.schema, { ...request.body, workspaceId, createdBy: principal.account.id });
      await audit(context, request, { workspaceId, action: "document_created", subject: created.id, detail: { document: { id: created.id, name: created.title } } });
      reply.code(201);
      return created;
    },
  );

  api.get(
    "/api/documents/:id",
    { schema: { tags: ["documents"], params: documentParamsSchema, response: { 200: documentDetailSchema } } },
    async (request) => {
      const { document, membership } = await requireDocumentAccess(context, request, request.params.id);
      const frozen = context.registry.isFrozen(document.id);
      const round = (await presentRounds(context, document.id)).at(-1) ?? null;
      return { ...document, role: membership.role, canEdit: canEdit(membership.role) && !frozen, canSuggest: canSuggest(membership.role) && !frozen, round, frozen };
    },
  );

  api.patch(
    "/api/documents/:id",
    { schema: { tags: ["documents"], params: documentParamsSchema, body: updateDocumentSchema, response: { 200: documentSummarySchema } } },
    async (request) => {
      const { document, membership } = await requireDocumentAccess(context, request, request.params.id);
      if (!canManageStatement(membership.role)) throw forbidden("role_required", "Only chairs change a statement's language.");
      const { language } = request.body;
      if (language !== document.language) {
        if (!(await storage.documents.setLanguage(document.id, language))) throw notFound("document_not_found", "No statement by that id.");
        await audit(context, request, {
          workspaceId: document.workspaceId,
          action: "document_language_changed",
          subject: document.id,
          detail: { document: { id: document.id, name: document.title }, before: document.language, after: language },
        });
      }
      return { ...document, language };
    },
  );
}
