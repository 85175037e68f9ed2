/**
 * The collaboration wire protocol: y-websocket message types and our close codes.
 * One list, read by the server (which closes sockets with these codes) and by the
 * client (which shows a message for each, in the reader's language: client/collab/closeMessages.ts).
 */

/** Top-level message types of the y-websocket protocol (first varint of every frame). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

/**
 * Close codes the server uses. Codes 4400-4499 are terminal: the stock y-websocket
 * provider does not reconnect after them. Codes outside that range are transient.
 */
export const CloseCode = {
  /** Server is shutting down; reconnect to the restarted server. */
  goingAway: 1001,
  /** The member's role changed: reconnect to continue with the new role. */
  accessChanged: 4001,
  /** A frame larger than `limits.maxFrameBytes` (set by the `ws` library itself). */
  frameTooLarge: 1009,
  /** Unexpected server failure; reconnecting is safe. */
  internalError: 1011,
  /** The document id in `/collab/<id>` is not a well-formed id. */
  badDocumentId: 4400,
  /** Signed out, or the token was revoked. */
  signedOut: 4401,
  /** No longer a member of the document's workspace. */
  accessRevoked: 4403,
  /** No document with that id exists. */
  documentNotFound: 4404,
  /** The update would make the document larger than `limits.maxDocumentBytes`. */
  documentTooLarge: 4413,
  /** A frame the server could not decode, or an update Yjs could not apply. */
  malformedMessage: 4422,
  /** A presence (awareness) state with unknown fields, wrong types, over `presenceLimits.maxStateBytes`, too many client ids, or sent faster than `presenceLimits.framesPerSecond` allows. */
  presenceRefused: 4423,
  /** Updates waiting for changes this socket never sent passed `limits.maxPendingBytesPerSocket` (or the room's bounds). */
  missingDependencies: 4424,
  /**
   * An update would put into the statement what its schema does not know (see
   * `server/collab/checkUpdateSchema.ts`), or an update from a suggesting socket does
   * more than add, change or withdraw its author's suggestions (see
   * `shared/collab/suggestionCheck.ts`); it was refused whole. The client's copy now
   * holds content the server will never take, so it must start again from the server's.
   */
  contentRefused: 4425,
  /** More messages than `limits.messagesPerSecond` (plus the burst) allows. */
  tooManyMessages: 4429,
  /** Storage refused a write; the room was unloaded so no unsaved state is served. */
  storageUnavailable: 4503,
  /** The socket stopped reading and its send buffer passed `limits.maxBufferedBytes`. */
  slowConsumer: 4508,
} as const;

/** One of the close codes above. */
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Path prefix of the collaboration websocket: `/collab/<documentId>`. */
export const COLLAB_PATH = "/collab";

/** Name of the Y.XmlFragment holding the editor content (TipTap's default field). */
export const CONTENT_FIELD = "default";
