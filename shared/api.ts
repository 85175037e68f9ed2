/**
 * Request and response schemas of the HTTP API, shared by server and client.
 * Types are inferred from the schemas so both sides agree by construction.
 */
import { z } from "zod";
import { limits } from "./limits.js";

/** Document ids: url-safe, 8 to 64 characters. */
export const documentIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "not a document id");

/** Templates a new statement can start from. */
export const templateIdSchema = z.enum(["ten-acts", "blank"]);
/** One of the template ids. */
export type TemplateId = z.infer<typeof templateIdSchema>;

/** A statement as listed. */
export const documentSummarySchema = z.object({
  id: documentIdSchema,
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** A statement as listed. */
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

/** `GET /api/documents` */
export const documentListSchema = z.object({ documents: z.array(documentSummarySchema) });
/** `GET /api/documents` */
export type DocumentList = z.infer<typeof documentListSchema>;

/** `POST /api/documents` */
export const createDocumentSchema = z
  .object({
    title: z.string().trim().min(1, "a title is required").max(limits.maxTitleLength),
    template: templateIdSchema.default("ten-acts"),
  })
  .strict();
/** `POST /api/documents` */
export type CreateDocumentRequest = z.input<typeof createDocumentSchema>;

/** `GET /api/documents/:id` params */
export const documentParamsSchema = z.object({ id: documentIdSchema }).strict();

/** `GET /api/health` */
export const healthSchema = z.object({
  status: z.literal("ok"),
  /** Rooms (documents) currently loaded in memory. */
  rooms: z.number().int(),
  /** Open collaboration sockets. */
  sockets: z.number().int(),
});
/** `GET /api/health` */
export type Health = z.infer<typeof healthSchema>;

/** Every HTTP error body: a stable id and a human message. */
export const apiErrorSchema = z.object({
  error: z.object({ id: z.string(), message: z.string() }),
});
/** Every HTTP error body. */
export type ApiError = z.infer<typeof apiErrorSchema>;
