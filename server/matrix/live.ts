/**
 * The matrix's live traffic: every instance's matrix streams of a statement hear what
 * changed (the client then reloads its view, which the server cuts to its role, so no
 * event ever carries a note or a contact) and where members are.
 */
import type { MatrixChangedEvent, MatrixPresence } from "../../shared/api/matrix.js";
import type { EventHub } from "../comments/EventHub.js";
import type { AppContext } from "../http/context.js";

/** Tell everyone with the statement's matrix open, on every instance, that it changed. */
export function publishMatrixChange(context: Pick<AppContext, "matrix">, documentId: string, event: MatrixChangedEvent): void {
  context.matrix.publish(documentId, "changed", event);
}

/** Tell them where a member is now (`targetId` null: gone). */
export function publishMatrixPresence(context: Pick<AppContext, "matrix">, documentId: string, presence: MatrixPresence): void {
  context.matrix.publish(documentId, "presence", presence);
}

/**
 * After this instance lost touch with the others, tell its open matrix streams to reload:
 * changes announced meanwhile never reached them. Delivered here only (every instance
 * resyncs on its own reconnect); nobody made the change, so `by` names nobody.
 */
export function announceMatrixResync(matrix: EventHub): void {
  const event: MatrixChangedEvent = { what: "resync", by: { id: "", name: "" }, targetId: null, act: null, roundId: null };
  for (const documentId of matrix.documentIds()) matrix.deliver(documentId, "changed", event);
}
