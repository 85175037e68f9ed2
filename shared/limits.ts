/**
 * Sizes and rates, defined once: the server enforces them, the client shows them.
 */
export const limits = {
  /** Largest websocket frame accepted (the `ws` maxPayload). */
  maxFrameBytes: 4 * 1024 * 1024,
  /** A socket whose unsent output passes this is disconnected (it stopped reading). */
  maxBufferedBytes: 16 * 1024 * 1024,
  /** Stored update rows of one document that trigger a background compaction. */
  compactAfterUpdates: 500,
  /** Longest document title. */
  maxTitleLength: 200,
} as const;
