/**
 * Accounts for scenarios that need more sockets than `limits.socketsPerAccount` allows a
 * few accounts: written through our storage into a stopped server's data folder, as
 * coordinators of the demo workspace, each with an API token. One password hash serves
 * them all (nobody signs in with it): scrypt costs ~140 ms a hash here, 35 s for 250.
 */
import { hashPassword } from "../server/auth/password.js";
import { hashSecret, newId, newSecret } from "../server/auth/secrets.js";
import { SqliteStorage } from "../server/storage/sqlite/SqliteStorage.js";

/** Add `count` coordinators to the demo workspace in `dataDir` (its server stopped); their tokens. */
export async function seedCoordinators(dataDir: string, count: number): Promise<string[]> {
  const storage = await SqliteStorage.open(dataDir);
  try {
    const chair = await storage.accounts.findByEmail("chair@example.org");
    if (!chair) throw new Error(`no demo workspace in ${dataDir}`);
    const workspaceId = (await storage.workspaces.memberships(chair.id))[0]!.workspace.id;
    const passwordHash = await hashPassword(newSecret());
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      const account = await storage.accounts.create({ id: newId(), email: `idle${i}@example.org`, displayName: `Idle ${i}`, passwordHash });
      await storage.workspaces.addMember({ workspaceId, accountId: account.id, role: "coordinator", groupIds: [] });
      const token = newSecret();
      await storage.accounts.createToken({ id: newId(), accountId: account.id, name: "bench", tokenHash: hashSecret(token) });
      tokens.push(token);
    }
    return tokens;
  } finally {
    await storage.close();
  }
}
