/**
 * What each role gets of the matrix: the one place that cuts stored rows to the API's
 * shapes, used by every route, export and event that carries matrix data. Observers never
 * get a note marked internal; only chairs and coordinators get advocates' contacts.
 * Acts are stored by id and presented by their number now; a cell or priority of an Act
 * the text no longer has is left out (it stays stored).
 */
import type { MatrixAdvocate, MatrixCell, MatrixTarget } from "../../shared/api/matrix.js";
import { regionalGroupOf } from "../../shared/matrix/governments.js";
import { canSeeContacts, canSeeInternalNotes } from "../../shared/matrix/matrix.js";
import type { Role } from "../../shared/roles.js";
import type { StoredMatrixAdvocate, StoredMatrixCell, StoredMatrixTarget } from "../storage/Storage.js";
import type { ActIndex } from "./statementActs.js";

/** A target's Acts as their numbers now, ascending; Acts the text no longer has left out. */
export function actNumbersOf(target: Pick<StoredMatrixTarget, "actIds">, acts: ActIndex): number[] {
  return target.actIds.flatMap((id) => acts.numberOf.get(id) ?? []).sort((a, b) => a - b);
}

export function presentTarget(target: StoredMatrixTarget, acts: ActIndex): MatrixTarget {
  return {
    id: target.id,
    kind: target.kind,
    code: target.code,
    name: target.name,
    regionalGroup: target.code ? regionalGroupOf(target.code) : null,
    acts: actNumbersOf(target, acts),
    addedAt: target.addedAt,
  };
}

/** A cell on the Act numbered `act` now. */
export function presentCell(cell: StoredMatrixCell, role: Role, act: number): MatrixCell {
  return {
    targetId: cell.targetId,
    act,
    roundId: cell.roundId,
    position: cell.position,
    note: cell.internal && !canSeeInternalNotes(role) ? null : cell.note,
    internal: cell.internal,
    evidenceUrl: cell.evidenceUrl,
    evidenceQuote: cell.evidenceQuote,
    evidenceDate: cell.evidenceDate,
    recordedBy: { id: cell.recordedBy, name: cell.recordedByName },
    recordedAt: cell.recordedAt,
    revision: cell.revision,
  };
}

/** Cells of Acts the text has now, presented; the others left out. */
export function presentCells(cells: readonly StoredMatrixCell[], role: Role, acts: ActIndex): MatrixCell[] {
  return cells.flatMap((cell) => {
    const act = acts.numberOf.get(cell.actId);
    return act === undefined ? [] : [presentCell(cell, role, act)];
  });
}

export function presentAdvocate(advocate: StoredMatrixAdvocate, role: Role): MatrixAdvocate {
  const contacts = canSeeContacts(role);
  return {
    id: advocate.id,
    targetId: advocate.targetId,
    channel: advocate.channel,
    organisation: advocate.organisation,
    contactName: contacts ? advocate.contactName : null,
    contactEmail: contacts ? advocate.contactEmail : null,
    note: contacts ? advocate.note : null,
    addedBy: { id: advocate.addedBy, name: advocate.addedByName },
    addedAt: advocate.addedAt,
  };
}
