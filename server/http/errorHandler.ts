import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { ApiError } from "../../shared/api.js";
import type { ErrorId } from "../../shared/errors.js";
import { CommandError, type CommandErrorKind } from "../commands/CommandError.js";
import { StorageConflict } from "../storage/StorageConflict.js";
import { HttpError, TooManyRequests } from "./errors.js";

const statusOf: Record<CommandErrorKind, number> = { invalid: 400, not_found: 404, conflict: 409, gone: 410, forbidden: 403 };

/** Fastify's own 4xx errors by code, as API error ids (any other 4xx: `invalid_request`). */
const fastifyErrorIds: Partial<Record<string, ErrorId>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "body_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_EMPTY_JSON_BODY: "invalid_request",
  FST_ERR_CTP_INVALID_JSON_BODY: "invalid_request",
};

/** The answer's body, its id typed so only ids listed in shared/errors.ts are sent. */
function bodyOf(id: ErrorId, message: string): ApiError {
  return { error: { id, message } };
}

function describe(error: unknown): { status: number; body: ApiError } {
  if (error instanceof HttpError) return { status: error.statusCode, body: error.toBody() };
  if (error instanceof CommandError) return { status: statusOf[error.kind], body: bodyOf(error.id, error.message) };
  if (error instanceof StorageConflict) return { status: 409, body: bodyOf(error.id, "That conflicts with what exists.") };
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const issue = fastifyError.validation[0];
    const field = issue?.instancePath ? issue.instancePath.slice(1).replaceAll("/", ".") : "";
    const body = bodyOf("invalid_request", `${fastifyError.validationContext ?? "request"} ${field ? `${field}: ` : ""}${issue?.message ?? "is invalid"}`);
    // The body's refused field, named for a form to point at (never a query's or a header's: those are not the reader's input).
    if (field && fastifyError.validationContext === "body") body.error.field = field;
    return { status: 400, body };
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return { status, body: bodyOf(fastifyErrorIds[fastifyError.code] ?? "invalid_request", fastifyError.message) };
  }
  return { status: 500, body: bodyOf("internal_error", "Something went wrong on the server.") };
}

/** Every error becomes `{error: {id, message}}` with its status; 5xx are logged. */
export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body } = describe(error);
  if (status >= 500) request.log.error({ err: error }, "request failed");
  if (error instanceof TooManyRequests) void reply.header("retry-after", String(Math.ceil(error.retryAfterSeconds)));
  return reply.code(status).send(body);
}
