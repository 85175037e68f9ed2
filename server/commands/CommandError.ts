import type { ErrorId } from "../../shared/errors.js";

/** Why a command refused: mapped to an HTTP status by the routes, to a message by the client. */
export type CommandErrorKind = "invalid" | "not_found" | "conflict" | "gone" | "forbidden";

/** A command's refusal, with a stable id (`last_chair`, `invite_used`, ...; listed in shared/errors.ts). */
export class CommandError extends Error {
  constructor(
    readonly kind: CommandErrorKind,
    readonly id: ErrorId,
    message: string,
  ) {
    super(message);
  }
}
