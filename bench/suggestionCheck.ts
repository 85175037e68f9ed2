/**
 * `npx tsx bench/suggestionCheck.ts`: what the server's suggestion check
 * (shared/collab/suggestionCheck.ts) costs per update from a reviewer, on the 30-page
 * statement: a reviewer types a suggestion a character at a time and strikes words, in
 * clauses all over the statement, and each update is checked as the room checks it
 * (then applied, as the room does). Prints p50 and p99 per update, and what applying
 * the same updates costs without the check, for scale. `bench/run.ts` includes it.
 */
import * as Y from "yjs";
import { CONTENT_FIELD } from "../shared/protocol.js";
import { NodeName } from "../shared/schema/names.js";
import { statementSchema } from "../shared/schema/statementExtensions.js";
import { SuggestionMark, newSuggestionId } from "../shared/suggestions.js";
import { buildStatement, tenActsTemplate } from "../shared/templates/buildStatement.js";
import { SuggestionCheck } from "../shared/collab/suggestionCheck.js";
import { encodeStatement } from "../server/commands/createDocument.js";
import { growToThirtyPages } from "./statementFixture.js";

/** Updates measured; enough for a stable p99. */
const UPDATES = 2_000;

export interface SuggestionCheckFigures {
  updates: number;
  checkP50Ms: number;
  checkP99Ms: number;
  applyP50Ms: number;
  applyP99Ms: number;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;

/** The 30-page statement as the server holds it. */
function statement(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, encodeStatement(statementSchema(), buildStatement(tenActsTemplate)));
  growToThirtyPages(doc.getXmlFragment(CONTENT_FIELD));
  return doc;
}

function clauseTexts(doc: Y.Doc): Y.XmlText[] {
  const texts: Y.XmlText[] = [];
  for (const act of doc.getXmlFragment(CONTENT_FIELD).toArray()) {
    if (!(act instanceof Y.XmlElement) || act.nodeName !== NodeName.act) continue;
    for (const clause of act.toArray()) {
      const text = clause instanceof Y.XmlElement && clause.nodeName === NodeName.clause ? (clause.get(0) as Y.XmlElement | undefined)?.get(0) : null;
      if (text instanceof Y.XmlText && text.length > 0) texts.push(text);
    }
  }
  return texts;
}

/** A reviewer's updates: typing suggested words a character at a time and striking words, in turn, across the statement. */
function reviewerUpdates(server: Y.Doc, accountId: string): Uint8Array[] {
  const reviewer = new Y.Doc();
  Y.applyUpdate(reviewer, Y.encodeStateAsUpdate(server));
  const texts = clauseTexts(reviewer);
  const updates: Uint8Array[] = [];
  reviewer.on("update", (update: Uint8Array) => updates.push(update));
  let round = 0;
  while (updates.length < UPDATES) {
    const text = texts[(round * 7) % texts.length]!;
    const id = newSuggestionId(accountId);
    const at = 40 + (round % 200);
    Array.from("dignified ").forEach((character, i) => text.insert(at + i, character, { [SuggestionMark.insertion]: { id } }));
    text.format(at + 30, 6, { [SuggestionMark.deletion]: { id: newSuggestionId(accountId) } });
    round++;
  }
  return updates.slice(0, UPDATES);
}

export function measureSuggestionCheck(): SuggestionCheckFigures {
  const accountId = "benchReviewer1";
  const checked = statement();
  const plain = new Y.Doc();
  Y.applyUpdate(plain, Y.encodeStateAsUpdate(checked));
  const updates = reviewerUpdates(checked, accountId);
  const check = new SuggestionCheck(checked);
  checked.on("update", (update: Uint8Array) => check.mirror(update));
  const checks: number[] = [];
  const applies: number[] = [];
  for (const update of updates) {
    let start = performance.now();
    const problem = check.check(update, accountId);
    checks.push(performance.now() - start);
    if (problem) throw new Error(`a reviewer's suggestion was refused: ${problem}`);
    Y.applyUpdate(checked, update);
    start = performance.now();
    Y.applyUpdate(plain, update);
    applies.push(performance.now() - start);
  }
  return { updates: updates.length, checkP50Ms: percentile(checks, 50), checkP99Ms: percentile(checks, 99), applyP50Ms: percentile(applies, 50), applyP99Ms: percentile(applies, 99) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = measureSuggestionCheck();
  console.log(
    `suggestion check on the 30-page statement, ${figures.updates} reviewer updates: p50 ${figures.checkP50Ms.toFixed(3)} ms, p99 ${figures.checkP99Ms.toFixed(3)} ms per update (applying the same update: p50 ${figures.applyP50Ms.toFixed(3)} ms, p99 ${figures.applyP99Ms.toFixed(3)} ms)`,
  );
}
