/**
 * A new Ten Acts statement's matrix: the governments (and other actors) that chose each
 * Act's small table in the Ten Acts annex, with those Acts, as the starting rows chairs
 * then change. Seeded on the server, once, when the statement is created: the template's
 * Act numbers become the new statement's Act ids (a number the statement lacks is dropped).
 */
import surroundSound from "../../shared/templates/surroundSound.json" with { type: "json" };
import { newId } from "../auth/secrets.js";
import type { Storage, StoredMatrixTarget } from "../storage/Storage.js";
import type { StatementAct } from "./statementActs.js";

type TemplateTarget = { code: string; acts: number[] } | { name: string; acts: number[] };

/** The template's targets as rows of the statement with `acts`, added by `by` at `at`. */
export function templateTargets(documentId: string, acts: readonly StatementAct[], by: string, at: string): StoredMatrixTarget[] {
  const idOf = new Map(acts.map((act) => [act.number, act.id]));
  return (surroundSound.targets as TemplateTarget[]).map((target) => ({
    id: newId(),
    documentId,
    ...("code" in target ? { kind: "state" as const, code: target.code, name: "" } : { kind: "other" as const, code: null, name: target.name }),
    actIds: target.acts.flatMap((number) => idOf.get(number) ?? []),
    addedBy: by,
    addedAt: at,
  }));
}

/** Seed the matrix of the statement with `acts` (its text's Acts) from the template, in one write. */
export async function seedMatrix(storage: Storage, documentId: string, acts: readonly StatementAct[], by: string): Promise<void> {
  await storage.matrix.addTargets(templateTargets(documentId, acts, by, new Date().toISOString()));
}
