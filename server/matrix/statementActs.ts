/**
 * A statement's Acts as its text has them now (numbers and titles), read from the live
 * room: the matrix's columns, and what an import's Act numbers are checked against.
 */
import { readStatement } from "../../shared/statement/readStatement.js";
import { snapshotOf } from "../commands/rounds.js";
import type { AppContext } from "../http/context.js";

/** The statement's Acts, in order. */
export function statementActs(context: Pick<AppContext, "registry" | "schema">, documentId: string): Promise<Array<{ number: number; title: string }>> {
  return context.registry.read(documentId, (doc) => readStatement(snapshotOf(doc, context.schema).content).acts.map((act) => ({ number: act.number, title: act.title })));
}
