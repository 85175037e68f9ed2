import type { FastifyInstance } from "fastify";
import type { Schema } from "@tiptap/pm/model";
import { createDocumentSchema, documentParamsSchema, type DocumentList, type DocumentSummary } from "../../shared/api.js";
import type { Storage } from "../storage/Storage.js";
import { createDocument } from "../commands/createDocument.js";
import { notFound, validate } from "./errors.js";

/** `/api/documents`: list, create (seeded on the server, once), read one. */
export function documentRoutes(app: FastifyInstance, storage: Storage, schema: Schema): void {
  app.get("/api/documents", async (): Promise<DocumentList> => {
    return { documents: await storage.listDocuments() };
  });

  app.post("/api/documents", async (request, reply): Promise<DocumentSummary> => {
    const input = validate(createDocumentSchema, request.body ?? {});
    const created = await createDocument(storage, schema, input);
    reply.code(201);
    return created;
  });

  app.get("/api/documents/:id", async (request): Promise<DocumentSummary> => {
    const { id } = validate(documentParamsSchema, request.params, "bad_document_id");
    const document = await storage.getDocument(id);
    if (!document) throw notFound("document_not_found", "No statement with that id.");
    return document;
  });
}
