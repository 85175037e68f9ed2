/**
 * Calls to the HTTP API, validated with the shared schemas so a server change that
 * breaks the contract fails loudly here, not somewhere in a component.
 */
import type { ZodType } from "zod";
import {
  apiErrorSchema,
  documentListSchema,
  documentSummarySchema,
  type CreateDocumentRequest,
  type DocumentList,
  type DocumentSummary,
} from "../shared/api.js";

async function call<T>(schema: ZodType<T>, path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}) },
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(body);
    throw new Error(parsed.success ? parsed.data.error.message : `Request failed (${response.status})`);
  }
  return schema.parse(body);
}

/** Statements in this workspace. */
export function listDocuments(): Promise<DocumentList> {
  return call(documentListSchema, "/api/documents");
}

/** One statement's metadata. */
export function getDocument(id: string): Promise<DocumentSummary> {
  return call(documentSummarySchema, `/api/documents/${encodeURIComponent(id)}`);
}

/** Create a statement; the server seeds its content. */
export function createDocument(request: CreateDocumentRequest): Promise<DocumentSummary> {
  return call(documentSummarySchema, "/api/documents", { method: "POST", body: JSON.stringify(request) });
}
