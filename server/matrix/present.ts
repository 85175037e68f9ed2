/**
 * What each role gets of the matrix: the one place that cuts stored rows to the API's
 * shapes, used by every route, export and event that carries matrix data. Observers never
 * get a note marked internal; only chairs and coordinators get advocates' contacts.
 */
import type { MatrixAdvocate, MatrixCell, MatrixTarget } from "../../shared/api/matrix.js";
import { regionalGroupOf } from "../../shared/matrix/governments.js";
import { canSeeContacts, canSeeInternalNotes } from "../../shared/matrix/matrix.js";
import type { Role } from "../../shared/roles.js";
import type { StoredMatrixAdvocate, StoredMatrixCell, StoredMatrixTarget } from "../storage/Storage.js";

export function presentTarget(target: StoredMatrixTarget): MatrixTarget {
  return {
    id: target.id,
    kind: target.kind,
    code: target.code,
    name: target.name,
    regionalGroup: target.code ? regionalGroupOf(target.code) : null,
    acts: [...target.acts].sort((a, b) => a - b),
    addedAt: target.addedAt,
  };
}

export function presentCell(cell: StoredMatrixCell, role: Role): MatrixCell {
  return {
    targetId: cell.targetId,
    act: cell.act,
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
