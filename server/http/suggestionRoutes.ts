import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { documentParamsSchema, suggestionListSchema, type Suggestion } from "../../shared/api.js";
import { visibleName } from "../../shared/displayName.js";
import { requireDocumentAccess, type AppContext } from "./context.js";
import type { StoredDocument } from "../storage/Storage.js";

/** Suggestions: who suggested what, where, and what became of it (the words themselves live in the statement). */
export function suggestionRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/documents/:id/suggestions",
    { schema: { tags: ["suggestions"], params: documentParamsSchema, response: { 200: suggestionListSchema } } },
    async (request) => {
      const { document } = await requireDocumentAccess(context, request, request.params.id);
      return { suggestions: await presentSuggestions(context, document) };
    },
  );
}

/** A statement's suggestions as the API shows them (authors and deciders named, groups named), oldest first. */
export async function presentSuggestions(context: AppContext, document: StoredDocument): Promise<Suggestion[]> {
  const stored = await context.storage.suggestions.listForDocument(document.id);
  const [members, groups] = await Promise.all([context.storage.workspaces.listMembers(document.workspaceId), context.storage.workspaces.listGroups(document.workspaceId)]);
  const names = new Map(members.map(({ account }) => [account.id, visibleName(account.displayName)]));
  // Someone no longer a member keeps their name on what they suggested.
  for (const id of new Set(stored.flatMap((s) => [s.authorId, s.decidedBy]))) {
    if (id && !names.has(id)) names.set(id, visibleName((await context.storage.accounts.get(id))?.displayName ?? ""));
  }
  const groupNames = new Map(groups.map((group) => [group.id, group.name]));
  const suggestions: Suggestion[] = stored.map((s) => ({
    id: s.id,
    author: { id: s.authorId, name: names.get(s.authorId) ?? "" },
    group: s.groupId && groupNames.has(s.groupId) ? { id: s.groupId, name: groupNames.get(s.groupId)! } : null,
    kind: s.kind,
    actId: s.actId,
    clauseId: s.clauseId,
    inserted: s.inserted,
    deleted: s.deleted,
    createdAt: s.createdAt,
    status: s.status,
    decidedBy: s.decidedBy ? { id: s.decidedBy, name: names.get(s.decidedBy) ?? "" } : null,
    decidedAt: s.decidedAt,
  }));
  return suggestions;
}
