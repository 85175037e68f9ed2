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
  maxPendingBytesPerSocket: 2 * 1024 * 1024,
  /** Bytes of updates a whole document may have waiting for missing changes. */
  maxPendingBytesPerRoom: 8 * 1024 * 1024,
  /** Messages a socket may send per second, on average. */
  messagesPerSecond: 200,
  /** Messages a socket may send in a burst above the average. */
  messageBurst: 1000,
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
  /** Failed logins for one account within `loginWindowMs` before it is throttled. */
  loginFailuresPerAccount: 5,
  /** Failed logins from one address within `loginWindowMs` before it is throttled. */
  loginFailuresPerAddress: 20,
  /** Window of the login throttle. */
  loginWindowMs: 15 * 60 * 1000,
  /** How long a browser session lasts. */
  sessionDays: 30,
  /** Longest comment or reply. */
  maxCommentLength: 5000,
  /** Longest quote a comment thread keeps of the words it was made on. */
  maxQuoteLength: 1000,
  /** Longest encoded anchor (base64 of a Yjs relative position). */
  maxAnchorLength: 400,
} as const;
