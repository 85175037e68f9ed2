import type { ApiError } from "../../shared/api.js";
import type { ErrorId } from "../../shared/errors.js";

/** An HTTP error with a stable id (listed in shared/errors.ts), answered as `{error: {id, message}}`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly id: ErrorId,
    message: string,
  ) {
    super(message);
  }

  /** The response body. */
  toBody(): ApiError {
    return { error: { id: this.id, message: this.message } };
  }
}

/** 400: the request does not match its schema. */
export function badRequest(id: ErrorId, message: string): HttpError {
  return new HttpError(400, id, message);
}

/** 404: nothing by that id. */
export function notFound(id: ErrorId, message: string): HttpError {
  return new HttpError(404, id, message);
}

/** 401: no valid session or token. */
export function unauthorized(id: ErrorId, message: string): HttpError {
  return new HttpError(401, id, message);
}

/** 403: signed in, but this is not theirs to do. */
export function forbidden(id: ErrorId, message: string): HttpError {
  return new HttpError(403, id, message);
}

/** 409: conflicts with what exists. */
export function conflict(id: ErrorId, message: string): HttpError {
  return new HttpError(409, id, message);
}

/** 421: the request names a host this server does not answer to. */
export function misdirected(id: ErrorId, message: string): HttpError {
  return new HttpError(421, id, message);
}

/** 429: too many open at once (connections, streams); nothing to wait for but one closing. */
export function tooMany(id: ErrorId, message: string): HttpError {
  return new HttpError(429, id, message);
}

/** How long to wait, in words. */
function inWords(seconds: number): string {
  return seconds < 60 ? `${Math.max(1, Math.ceil(seconds))} s` : `${Math.ceil(seconds / 60)} min`;
}

/** 429: too many attempts; `retryAfterSeconds` tells when to try again. */
export class TooManyRequests extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "too_many_attempts", `Too many failed attempts. Try again in ${inWords(retryAfterSeconds)}.`);
  }
}
