/**
 * What an import's rows write, worked out against the matrix as it is: states not yet
 * targets are added, each position is set (its history entry saying what it was before),
 * and an organisation is added on a channel only when the target has it there not yet.
 * The preview shows this summary; the commit writes it in one `importAll`. A file names
 * Acts by their numbers now; they are written by the Acts' stable ids.
 */
import { matrixLimits } from "../../shared/matrix/matrix.js";
import type { MatrixImportProblem } from "../../shared/api/matrix.js";
import type { MatrixImportWrite, StoredMatrixAdvocate, StoredMatrixCell, StoredMatrixTarget } from "../storage/Storage.js";
import { nameKey } from "./governmentNames.js";
import type { MatrixImportRow } from "./matrixCsv.js";
import type { ActIndex } from "./statementActs.js";

/** An import's writes and counts, and the problems only the whole file shows (too many advocates for a target). */
export interface MatrixImportPlan {
  write: Omit<MatrixImportWrite, "by" | "at">;
  summary: { targetsAdded: number; cellsSet: number; advocatesAdded: number };
  problems: MatrixImportProblem[];
}

/** Plan the import of `rows` into `roundId`'s matrix of a statement holding `existing`. */
export function planMatrixImport(
  rows: readonly MatrixImportRow[],
  existing: { documentId: string; roundId: string; acts: ActIndex; targets: StoredMatrixTarget[]; cells: StoredMatrixCell[]; advocates: StoredMatrixAdvocate[] },
  newId: () => string,
): MatrixImportPlan {
  const { documentId, roundId } = existing;
  const write: MatrixImportPlan["write"] = { documentId, targets: [], cells: [], advocates: [], changes: [] };
  const problems: MatrixImportProblem[] = [];
  const byKey = new Map(existing.targets.map((target) => [target.code ?? `other:${nameKey(target.name)}`, target.id]));
  const before = new Map(existing.cells.filter((cell) => cell.roundId === roundId).map((cell) => [`${cell.targetId}|${cell.actId}`, cell.position]));
  const advocateKeys = new Set(existing.advocates.map((advocate) => `${advocate.targetId}|${advocate.channel}|${nameKey(advocate.organisation)}`));
  const advocateCounts = new Map<string, number>();
  for (const advocate of existing.advocates) advocateCounts.set(advocate.targetId, (advocateCounts.get(advocate.targetId) ?? 0) + 1);
  const touched = new Set<string>();

  for (const row of rows) {
    const key = row.code ?? `other:${nameKey(row.target)}`;
    let targetId = byKey.get(key);
    if (!targetId) {
      // The reader let a new target through only for a state and a chair.
      targetId = newId();
      byKey.set(key, targetId);
      write.targets.push({ id: targetId, documentId, kind: "state", code: row.code, name: "", actIds: [] });
    }
    // The reader let an Act through only when the statement has it now.
    const actId = row.act === null ? undefined : existing.acts.idOf.get(row.act);
    if (row.position !== null && row.act !== null && actId !== undefined) {
      write.cells.push({ documentId, targetId, actId, act: row.act, roundId, position: row.position, note: row.note, internal: row.internal, evidenceUrl: row.evidenceUrl, evidenceQuote: row.evidenceQuote, evidenceDate: row.evidenceDate });
      write.changes.push({ id: newId(), targetId, action: "imported", act: row.act, actId, roundId, before: before.get(`${targetId}|${actId}`) ?? null, after: row.position, detail: null });
      touched.add(targetId);
    }
    for (const advocate of row.advocates) {
      const advocateKey = `${targetId}|${advocate.channel}|${nameKey(advocate.organisation)}`;
      if (advocateKeys.has(advocateKey)) continue;
      advocateKeys.add(advocateKey);
      const count = (advocateCounts.get(targetId) ?? 0) + 1;
      advocateCounts.set(targetId, count);
      if (count > matrixLimits.advocatesPerTarget) {
        problems.push({ line: row.line, column: advocate.channel, id: "too_many_advocates", message: `A target has at most ${matrixLimits.advocatesPerTarget} advocates.` });
        continue;
      }
      write.advocates.push({ id: newId(), documentId, targetId, channel: advocate.channel, organisation: advocate.organisation, contactName: "", contactEmail: "", note: "" });
    }
  }
  // A target the import added or gave advocates to, without a position, still says so in its history.
  const added = new Set(write.targets.map((target) => target.id));
  for (const targetId of new Set([...added, ...write.advocates.map((advocate) => advocate.targetId)])) {
    if (!touched.has(targetId)) write.changes.push({ id: newId(), targetId, action: "imported", act: null, actId: null, roundId: null, before: null, after: null, detail: null });
  }
  return { write, summary: { targetsAdded: write.targets.length, cellsSet: write.cells.length, advocatesAdded: write.advocates.length }, problems };
}
