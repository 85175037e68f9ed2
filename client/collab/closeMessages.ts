/**
 * What the reader is told when the server closes the live connection, for each close
 * code (shared/protocol.ts). A Record over every code: a new code does not compile
 * without its message.
 */
import { defineMessages, type MessageDescriptor } from "react-intl";
import { CloseCode, type CloseCodeValue } from "../../shared/protocol.js";

export const closeMessages: Record<CloseCodeValue, MessageDescriptor> = defineMessages({
  [CloseCode.goingAway]: { id: "collab.close.goingAway", defaultMessage: "The server is restarting. Reconnecting…" },
  [CloseCode.accessChanged]: { id: "collab.close.accessChanged", defaultMessage: "Your role changed. Reconnecting with the new role…" },
  [CloseCode.signedOut]: { id: "collab.close.signedOut", defaultMessage: "You were signed out. Sign in again to keep working." },
  [CloseCode.accessRevoked]: { id: "collab.close.accessRevoked", defaultMessage: "You are no longer a member of this workspace." },
  [CloseCode.frameTooLarge]: { id: "collab.close.frameTooLarge", defaultMessage: "A change was too large to send in one piece." },
  [CloseCode.internalError]: { id: "collab.close.internalError", defaultMessage: "The server hit an error. Reconnecting…" },
  [CloseCode.badDocumentId]: { id: "collab.close.badDocumentId", defaultMessage: "This address does not point to a statement." },
  [CloseCode.documentNotFound]: { id: "collab.close.documentNotFound", defaultMessage: "This statement does not exist, or it was removed." },
  [CloseCode.documentTooLarge]: { id: "collab.close.documentTooLarge", defaultMessage: "This statement has reached its maximum size; the last change was not saved." },
  [CloseCode.malformedMessage]: { id: "collab.close.malformedMessage", defaultMessage: "The server could not read a change from this browser." },
  [CloseCode.presenceRefused]: {
    id: "collab.close.presenceRefused",
    defaultMessage: "This browser sent presence information the server does not accept and was disconnected.",
  },
  [CloseCode.missingDependencies]: {
    id: "collab.close.missingDependencies",
    defaultMessage: "This browser sent changes that build on changes it never sent and was disconnected.",
  },
  [CloseCode.contentRefused]: {
    id: "collab.close.contentRefused",
    defaultMessage: "A change from this browser does not fit the statement and was refused. Its copy was cleared: reload the page to continue from the server's copy.",
  },
  [CloseCode.tooManyMessages]: { id: "collab.close.tooManyMessages", defaultMessage: "This browser sent too many changes too fast and was disconnected." },
  [CloseCode.storageUnavailable]: { id: "collab.close.storageUnavailable", defaultMessage: "The server could not save changes. Reconnecting…" },
  [CloseCode.slowConsumer]: { id: "collab.close.slowConsumer", defaultMessage: "The connection was too slow to keep up. Reconnecting…" },
});

const unknownCode = defineMessages<{ closed: { code: string } }>({
  closed: { id: "collab.close.other", defaultMessage: "The server closed the connection ({code})." },
});

function isCloseCode(code: number): code is CloseCodeValue {
  return Object.hasOwn(closeMessages, code);
}

/** The message for a close code; null for a code without one. */
export function closeMessageFor(code: number): MessageDescriptor | null {
  return isCloseCode(code) ? closeMessages[code] : null;
}

/** The message for a close code, naming the code when it has no message of its own. */
export function closeMessageOrCode(code: number): { message: MessageDescriptor; values?: { code: string } } {
  const known = closeMessageFor(code);
  return known ? { message: known } : { message: unknownCode.closed, values: { code: String(code) } };
}
