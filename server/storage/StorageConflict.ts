/** A write refused because it conflicts with what is stored (e.g. an email already in use). */
export class StorageConflict extends Error {
  constructor(readonly id: string) {
    super(id);
  }
}
