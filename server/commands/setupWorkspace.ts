import type { Schema } from "@tiptap/pm/model";
import { tenActsTemplate } from "../../shared/templates/buildStatement.js";
import type { Storage, StoredAccount, StoredGroup, StoredWorkspace } from "../storage/Storage.js";
import { hashPassword } from "../auth/password.js";
import { newId } from "../auth/secrets.js";
import { createDocument } from "./createDocument.js";

/** The reference groups of the Ten Acts template, for a new workspace. */
export function templateGroups(workspaceId: string): StoredGroup[] {
  return tenActsTemplate.referenceGroups.map((group) => ({ id: newId(), workspaceId, name: group.name, acts: group.acts }));
}

/**
 * First run: the first account (a chair) and the workspace, in one transaction; with
 * `tenActs`, the template's reference groups and a Ten Acts statement too.
 */
export async function setupWorkspace(
  storage: Storage,
  schema: Schema,
  input: { workspaceName: string; displayName: string; email: string; password: string; tenActs: boolean },
): Promise<{ account: StoredAccount; workspace: StoredWorkspace }> {
  const workspace = { id: newId(), name: input.workspaceName };
  const chair = { id: newId(), email: input.email, displayName: input.displayName, passwordHash: await hashPassword(input.password) };
  await storage.workspaces.createWithChair({ workspace, chair, groups: input.tenActs ? templateGroups(workspace.id) : [] });
  if (input.tenActs) {
    await createDocument(storage, schema, { workspaceId: workspace.id, title: tenActsTemplate.title, template: "ten-acts", createdBy: chair.id });
  }
  const account = (await storage.accounts.get(chair.id))!;
  return { account, workspace: (await storage.workspaces.get(workspace.id))! };
}
