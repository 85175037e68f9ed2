import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  commentBodyRequestSchema,
  commentExportQuerySchema,
  createThreadSchema,
  documentParamsSchema,
  okSchema,
  replyParamsSchema,
  threadListQuerySchema,
  threadListSchema,
  threadParamsSchema,
  threadSchema,
  updateThreadSchema,
  type MentionRef,
  type Thread,
} from "../../shared/api.js";
import { canComment, canResolve } from "../../shared/roles.js";
import { decodeAnchor } from "../../shared/comments/anchors.js";
import { newId } from "../auth/secrets.js";
import { anchorResolves } from "../comments/locateThreads.js";
import { forgetCommentNotifications, notifyComment } from "../comments/commentNotifications.js";
import { keptMentions, mentionDirectory, sameMention } from "../comments/mentions.js";
import { presentThreads } from "../comments/presentThreads.js";
import { renderCommentsMarkdown } from "../exports/renderComments.js";
import { exportLabels } from "../exports/exportInput.js";
import { attachment, fileSafe } from "../exports/fileName.js";
import { orderThreads, placeThreads } from "../exports/placeThreads.js";
import type { StoredDocument, StoredMembership, StoredMention, StoredThread } from "../storage/Storage.js";
import { audit, requireDocumentAccess, type AppContext } from "./context.js";
import { badRequest, forbidden, notFound } from "./errors.js";
import { serveEventStream } from "./eventStream.js";

/** Comment threads: list, create, reply, resolve, edit and delete your own, live events, export. */
export function commentRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { storage } = context;

  const access = (request: FastifyRequest, documentId: string) => requireDocumentAccess(context, request, documentId);

  async function thread(documentId: string, threadId: string): Promise<StoredThread> {
    const found = await storage.comments.getThread(documentId, threadId);
    if (!found) throw notFound("thread_not_found", "No comment thread with that id in this statement.");
    return found;
  }

  function mayComment(membership: StoredMembership): void {
    if (!canComment(membership.role)) throw forbidden("role_required", "Observers read comments; they cannot write them.");
  }

  function ownComment(stored: StoredThread, commentId: string, accountId: string): void {
    const comment = stored.comments.find((c) => c.id === commentId);
    if (!comment) throw notFound("comment_not_found", "No comment with that id in this thread.");
    if (comment.authorId !== accountId) throw forbidden("not_author", "Only its author may change or delete a comment.");
  }

  /**
   * The mentions to store with `body`: those asked for (400 for anyone outside the
   * workspace), or when none were sent, the comment's `earlier` ones still valid; each
   * kept only if its "@Name" is in the text.
   */
  async function mentionsFor(document: StoredDocument, body: string, requested: MentionRef[] | undefined, earlier: StoredMention[] = []): Promise<StoredMention[]> {
    if (requested === undefined && earlier.length === 0) return [];
    const directory = await mentionDirectory(storage, document.workspaceId);
    return requested === undefined ? keptMentions(directory, body, earlier, false) : keptMentions(directory, body, requested, true);
  }

  /** Tell everyone with the statement open; answer with the thread as it is now. */
  async function changed(document: StoredDocument, threadId: string): Promise<Thread | null> {
    const stored = await storage.comments.getThread(document.id, threadId);
    if (!stored) {
      context.comments.publish(document.id, "removed", { id: threadId });
      return null;
    }
    const [presented] = await presentThreads(context, document, [stored], { authors: true });
    context.comments.publish(document.id, "thread", presented);
    return presented!;
  }

  api.get(
    "/api/documents/:id/comments",
    { schema: { tags: ["comments"], params: documentParamsSchema, querystring: threadListQuerySchema, response: { 200: threadListSchema } } },
    async (request) => {
      const { document } = await access(request, request.params.id);
      const stored = await storage.comments.listThreads(document.id);
      return { threads: await presentThreads(context, document, stored, { authors: request.query.authors === "true" }) };
    },
  );

  api.get(
    "/api/documents/:id/comments/export",
    { schema: { tags: ["comments"], params: documentParamsSchema, querystring: commentExportQuerySchema } },
    async (request, reply) => {
      const { document } = await access(request, request.params.id);
      const { authors, status } = request.query;
      const stored = (await storage.comments.listThreads(document.id)).filter((t) => status === "all" || t.status === status);
      const threads = await presentThreads(context, document, stored, { authors: authors === "true" });
      const { ranges } = await context.registry.read(document.id, (doc) => placeThreads(doc, context.schema, threads));
      // Labelled in the statement's language, whoever downloads it.
      const labels = exportLabels(document.language);
      return reply
        .type("text/markdown; charset=utf-8")
        .header("content-disposition", attachment(labels.commentsFile(fileSafe(document.title) || labels.statementFile), `${document.title.replace(/[^\w .-]+/g, "").trim() || "comments"} - comments`, "md"))
        .send(renderCommentsMarkdown(document.title, orderThreads(threads, ranges), document.language));
    },
  );

  api.get("/api/documents/:id/comments/events", { schema: { tags: ["comments"], params: documentParamsSchema } }, async (request, reply) => {
    const { document, accountId } = await access(request, request.params.id);
    serveEventStream(context.comments, document.id, request, reply, { accountId, workspaceId: document.workspaceId, what: "comment" });
  });

  api.post(
    "/api/documents/:id/comments",
    { schema: { tags: ["comments"], params: documentParamsSchema, body: createThreadSchema, response: { 201: threadSchema } } },
    async (request, reply) => {
      const { document, membership, accountId } = await access(request, request.params.id);
      mayComment(membership);
      const { body, anchor, quote } = request.body;
      const mentions = await mentionsFor(document, body, request.body.mentions);
      try {
        decodeAnchor(anchor);
      } catch {
        throw badRequest("bad_anchor", "anchor.start and anchor.end must be base64 of Y.encodeRelativePosition.");
      }
      if (!(await context.registry.read(document.id, (doc) => anchorResolves(doc, context.schema, anchor)))) {
        throw badRequest("bad_anchor", "The anchor does not point into this statement.");
      }
      const commentId = newId();
      const created = await storage.comments.createThread({
        id: newId(),
        documentId: document.id,
        anchorStart: anchor.start,
        anchorEnd: anchor.end,
        quote,
        groupId: membership.role === "reviewer" ? (membership.groupIds[0] ?? null) : null,
        createdBy: accountId,
        firstComment: { id: commentId, body, mentions },
      });
      reply.code(201);
      const presented = (await changed(document, created.id))!;
      await notifyComment(context, { document, thread: presented, commentId, body, authorId: accountId, mentions, others: { kind: "comment" } }, request.log);
      return presented;
    },
  );

  api.post(
    "/api/documents/:id/comments/:threadId/replies",
    { schema: { tags: ["comments"], params: threadParamsSchema, body: commentBodyRequestSchema, response: { 201: threadSchema } } },
    async (request, reply) => {
      const { document, membership, accountId } = await access(request, request.params.id);
      mayComment(membership);
      const stored = await thread(document.id, request.params.threadId);
      const { body } = request.body;
      const mentions = await mentionsFor(document, body, request.body.mentions);
      const commentId = newId();
      await storage.comments.addComment({ id: commentId, threadId: stored.id, authorId: accountId, body, mentions });
      reply.code(201);
      const presented = (await changed(document, stored.id))!;
      // Those who started the thread or replied in it (their comments still there).
      const participants = [stored.createdBy, ...stored.comments.map((comment) => comment.authorId)];
      await notifyComment(context, { document, thread: presented, commentId, body, authorId: accountId, mentions, others: { kind: "reply", participants } }, request.log);
      return presented;
    },
  );

  api.patch(
    "/api/documents/:id/comments/:threadId",
    { schema: { tags: ["comments"], params: threadParamsSchema, body: updateThreadSchema, response: { 200: threadSchema } } },
    async (request) => {
      const { document, membership, accountId } = await access(request, request.params.id);
      const stored = await thread(document.id, request.params.threadId);
      const isAuthor = stored.createdBy === accountId;
      const { status, body } = request.body;
      if (status !== undefined && !canResolve(membership.role, isAuthor)) {
        throw forbidden("role_required", "Chairs, coordinators and the thread's author resolve and reopen threads.");
      }
      if (body !== undefined) {
        mayComment(membership);
        ownComment(stored, stored.comments[0]!.id, accountId);
      }
      if (status !== undefined && status !== stored.status) {
        await storage.comments.setStatus(stored.id, status, accountId);
        await audit(context, request, {
          workspaceId: document.workspaceId,
          action: status === "resolved" ? "thread_resolved" : "thread_reopened",
          subject: stored.id,
          detail: { document: { id: document.id, name: document.title }, quote: stored.quote.slice(0, 200), before: stored.status, after: status },
        });
      }
      let added: StoredMention[] = [];
      const opening = stored.comments[0]!;
      if (body !== undefined) {
        const mentions = await mentionsFor(document, body, request.body.mentions, opening.mentions);
        await storage.comments.editComment(opening.id, body, mentions);
        added = mentions.filter((mention) => !opening.mentions.some((before) => sameMention(before, mention)));
      }
      const presented = (await changed(document, stored.id))!;
      if (body !== undefined && added.length > 0) {
        await notifyComment(context, { document, thread: presented, commentId: opening.id, body, authorId: accountId, mentions: added, others: null }, request.log);
      }
      return presented;
    },
  );

  api.delete(
    "/api/documents/:id/comments/:threadId",
    { schema: { tags: ["comments"], params: threadParamsSchema, response: { 200: okSchema } } },
    async (request) => {
      const { document, membership, accountId } = await access(request, request.params.id);
      mayComment(membership);
      const stored = await thread(document.id, request.params.threadId);
      ownComment(stored, stored.comments[0]!.id, accountId);
      await storage.comments.deleteComment(stored.comments[0]!.id);
      await forgetCommentNotifications(context, stored.comments[0]!.id);
      await changed(document, stored.id);
      return { ok: true as const };
    },
  );

  const replyRoute = "/api/documents/:id/comments/:threadId/replies/:commentId";
  api.patch(
    replyRoute,
    { schema: { tags: ["comments"], params: replyParamsSchema, body: commentBodyRequestSchema, response: { 200: threadSchema } } },
    async (request) => {
      const { document, membership, accountId } = await access(request, request.params.id);
      mayComment(membership);
      const stored = await thread(document.id, request.params.threadId);
      ownComment(stored, request.params.commentId, accountId);
      const before = stored.comments.find((comment) => comment.id === request.params.commentId)!;
      const { body } = request.body;
      const mentions = await mentionsFor(document, body, request.body.mentions, before.mentions);
      await storage.comments.editComment(before.id, body, mentions);
      const presented = (await changed(document, stored.id))!;
      const added = mentions.filter((mention) => !before.mentions.some((earlier) => sameMention(earlier, mention)));
      if (added.length > 0) await notifyComment(context, { document, thread: presented, commentId: before.id, body, authorId: accountId, mentions: added, others: null }, request.log);
      return presented;
    },
  );

  api.delete(replyRoute, { schema: { tags: ["comments"], params: replyParamsSchema, response: { 200: okSchema } } }, async (request) => {
    const { document, membership, accountId } = await access(request, request.params.id);
    mayComment(membership);
    const stored = await thread(document.id, request.params.threadId);
    ownComment(stored, request.params.commentId, accountId);
    await storage.comments.deleteComment(request.params.commentId);
    await forgetCommentNotifications(context, request.params.commentId);
    await changed(document, stored.id);
    return { ok: true as const };
  });

}
