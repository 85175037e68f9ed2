/**
 * A new Ten Acts statement's matrix: the governments (and other actors) that chose each
 * Act's small table in the Ten Acts annex, with those Acts, as the starting rows chairs
 * then change. Seeded on the server, once, when the statement is created.
 */
import surroundSound from "../../shared/templates/surroundSound.json" with { type: "json" };
import { newId } from "../auth/secrets.js";
import type { Storage, StoredMatrixTarget } from "../storage/Storage.js";

type TemplateTarget = { code: string; acts: number[] } | { name: string; acts: number[] };

/** The template's targets as rows of the statement, added by `by` at `at`. */
export function templateTargets(documentId: string, by: string, at: string): StoredMatrixTarget[] {
  return (surroundSound.targets as TemplateTarget[]).map((target) => ({
    id: newId(),
    documentId,
    ...("code" in target ? { kind: "state" as const, code: target.code, name: "" } : { kind: "other" as const, code: null, name: target.name }),
    acts: [...target.acts].sort((a, b) => a - b),
    addedBy: by,
    addedAt: at,
  }));
}

/** Seed the statement's matrix from the template, in one write. */
export async function seedMatrix(storage: Storage, documentId: string, by: string): Promise<void> {
  await storage.matrix.addTargets(templateTargets(documentId, by, new Date().toISOString()));
}
