/**
 * Sizes and rates, defined once: the server enforces them, the client shows them.
 */
export const limits = {
  /** Largest websocket frame accepted (the `ws` maxPayload). */
  maxFrameBytes: 4 * 1024 * 1024,
  /** A socket whose unsent output passes this is disconnected (it stopped reading). */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** Largest stored size of one document (its update log); updates past it are refused. */
  maxDocumentBytes: 32 * 1024 * 1024,
  /**
   * Bytes of updates one socket may have waiting for changes it builds on that have not
   * arrived (held in memory, not stored); they count toward `maxDocumentBytes` too.
   */
  maxPendingBytesPerSocket: 1024 * 1024,
  /** Bytes of updates a whole document may have waiting for missing changes. */
  maxPendingBytesPerRoom: 4 * 1024 * 1024,
  /**
   * Bytes of deletions a document may hold for changes it has not received: Yjs tries
   * them again on every update, so they are kept much smaller than the rest.
   */
  maxPendingDeleteBytesPerRoom: 64 * 1024,
  /** Messages a socket may send per second, on average. */
  messagesPerSecond: 200,
  /** Messages a socket may send in a burst above the average. */
  messageBurst: 1000,
  /** Largest request body of the public sign-on routes (anyone may post there; a full form is a few KB). */
  publicFormBodyBytes: 32 * 1024,
  /** Open collaboration sockets per account (tabs, devices, scripts). */
  socketsPerAccount: 40,
  /** Stored update rows of one document that trigger a background compaction. */
  compactAfterUpdates: 500,
  /** Longest document or workspace title. */
  maxTitleLength: 200,
  /** Longest display name. */
  maxDisplayNameLength: 80,
  /** Shortest password accepted. */
  minPasswordLength: 10,
  /** Longest note saying whom an invitation is for. */
  maxInviteNoteLength: 200,
  /** Hours a password reset link made by a chair works. */
  passwordResetHours: 24,
  /**
   * Failed logins for one account from one address within `loginWindowMs` before that
   * pair is throttled (429). Other addresses are not affected: a guesser elsewhere never
   * locks the owner out.
   */
  loginFailuresPerAccount: 5,
  /** Failed logins from one address within `loginWindowMs` before it is throttled. */
  loginFailuresPerAddress: 20,
  /** Window of the login throttle. */
  loginWindowMs: 15 * 60 * 1000,
  /** How long a browser session lasts. */
  sessionDays: 30,
  /** Longest comment or reply. */
  maxCommentLength: 5000,
  /** Most people and reference groups one comment may mention. */
  maxMentions: 20,
  /** Longest quote a comment thread keeps of the words it was made on. */
  maxQuoteLength: 1000,
  /** Longest encoded anchor (base64 of a Yjs relative position). */
  maxAnchorLength: 400,
  /** Open collaboration sockets per client address (people behind one office NAT share it). */
  socketsPerAddress: 200,
  /** Open comment event streams per account (one per open statement tab). */
  eventStreamsPerAccount: 20,
  /** Open comment event streams per client address. */
  eventStreamsPerAddress: 200,
  /** First delay before a wrong password is answered; doubles with each recent failure. */
  loginFailureDelayMs: 100,
  /** Longest delay before a wrong password is answered. */
  loginFailureMaxDelayMs: 3_000,
  /** Default seconds a client has to send a whole request (headers and body); `REQUEST_TIMEOUT_SECONDS`. */
  requestTimeoutSeconds: 30,
  /** Default seconds a client has to send the request headers; `HEADERS_TIMEOUT_SECONDS`. */
  headersTimeoutSeconds: 10,
  /** Default seconds an idle keep-alive connection stays open between requests; `KEEP_ALIVE_TIMEOUT_SECONDS`. */
  keepAliveTimeoutSeconds: 10,
  /**
   * Sign-on submissions one client address may make within `signOnWindowMs` (an office
   * or a network's secretariat signing for several members shares one address). An IPv6
   * client counts by its /64, which one client usually holds whole.
   */
  signOnsPerAddress: 20,
  /** Sign-on submissions for one email within `signOnWindowMs` (each sends a mail to it). */
  signOnsPerEmail: 3,
  /**
   * Sign-on submissions for one version within `signOnWindowMs`, whatever the address: a cap
   * on the mails the form can send to addresses nobody checked (spread over many addresses).
   */
  signOnsPerVersion: 200,
  /** Window of the sign-on rate limits. */
  signOnWindowMs: 60 * 60 * 1000,
} as const;
