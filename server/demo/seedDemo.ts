import type { Schema } from "@tiptap/pm/model";
import type { Role } from "../../shared/roles.js";
import type { Storage } from "../storage/Storage.js";
import { hashPassword } from "../auth/password.js";
import { newId } from "../auth/secrets.js";
import { createDocument } from "../commands/createDocument.js";
import { templateGroups } from "../commands/setupWorkspace.js";
import { demoStatement } from "./demoStatement.js";

/** The demo password of every demo account. Demo mode only. */
export const DEMO_PASSWORD = "demo-password";

/** The demo accounts: one per role, two coordinators, reviewers in two reference groups. */
export const demoAccounts: { email: string; displayName: string; role: Role; group?: string }[] = [
  { email: "chair@example.org", displayName: "Amina Chair", role: "chair" },
  { email: "coordinator@example.org", displayName: "Maria Coordinator", role: "coordinator" },
  { email: "coordinator2@example.org", displayName: "Kofi Coordinator", role: "coordinator" },
  { email: "reviewer@example.org", displayName: "Lena Reviewer", role: "reviewer", group: "Firewalls" },
  { email: "reviewer2@example.org", displayName: "Tariq Reviewer", role: "reviewer", group: "Returns (in particular safeguards)" },
  { email: "observer@example.org", displayName: "Omar Observer", role: "observer" },
];

/** Seed one workspace with the Ten Acts demo statement and the demo accounts; returns their ids. */
export async function seedDemo(storage: Storage, schema: Schema): Promise<{ workspaceId: string; documentId: string }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const workspace = { id: newId(), name: "Civil society drafting: Global Compact for Migration" };
  const groups = templateGroups(workspace.id);
  const [chair, ...others] = demoAccounts;
  const chairId = newId();
  await storage.workspaces.createWithChair({ workspace, chair: { id: chairId, ...chair!, passwordHash }, groups });
  for (const person of others) {
    const account = await storage.accounts.create({ id: newId(), email: person.email, displayName: person.displayName, passwordHash });
    const groupIds = groups.filter((group) => group.name === person.group).map((group) => group.id);
    await storage.workspaces.addMember({ workspaceId: workspace.id, accountId: account.id, role: person.role, groupIds });
  }
  // A Ten Acts statement: its matrix starts from the annex's targets, as a new one from the template does.
  const document = await createDocument(storage, schema, { workspaceId: workspace.id, title: demoStatement.title, content: demoStatement, createdBy: chairId, matrix: true });
  return { workspaceId: workspace.id, documentId: document.id };
}
