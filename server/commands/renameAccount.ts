import { namesLookAlike } from "../../shared/displayName.js";
import type { Storage, StoredAccount } from "../storage/Storage.js";
import { StorageConflict } from "../storage/StorageConflict.js";
import { CommandError } from "./CommandError.js";

/**
 * Change one's own display name (already checked and tidied by `displayNameSchema`).
 * Refused with `name_taken` when it looks like the name of another member of any
 * workspace the account belongs to: names tell members apart in every one of them.
 */
export async function renameAccount(storage: Storage, input: { accountId: string; displayName: string }): Promise<StoredAccount> {
  try {
    return await storage.accounts.rename(input.accountId, input.displayName, namesLookAlike);
  } catch (error) {
    if (error instanceof StorageConflict && error.id === "name_taken") {
      throw new CommandError("conflict", "name_taken", "A member of one of your workspaces already has this name, or one that looks like it: choose another.");
    }
    throw error;
  }
}
