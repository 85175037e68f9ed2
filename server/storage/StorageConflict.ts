import type { ErrorId } from "../../shared/errors.js";

/**
 * A write refused because it conflicts with what is stored (e.g. an email already in use).
 * Its id is an API error id: a conflict no command turns into its own refusal is answered
 * with it (409).
 */
export class StorageConflict extends Error {
  constructor(readonly id: ErrorId) {
    super(id);
  }
}
