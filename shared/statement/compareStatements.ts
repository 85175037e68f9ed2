/**
 * Compare two versions of the statement Act by Act and clause by clause. Acts, clauses
 * and regional notes are matched by their stable ids, so a moved or renumbered clause is
 * "moved", not deleted and added; text changes are word-level.
 */
import { diffWords } from "diff";
import type { ActModel, StatementModel } from "./readStatement.js";

/** A run of text in a word-level diff. */
export interface DiffPart {
  op: "equal" | "insert" | "delete";
  text: string;
}

/** What happened to a clause or note between the two versions. */
export interface ItemChange {
  kind: "clause" | "note";
  id: string | null;
  status: "added" | "removed" | "changed" | "moved" | "unchanged";
  /** Clause numbers before and after (null where it did not exist). */
  fromNumber: string | null;
  toNumber: string | null;
  /** Regional notes: the region before and after (an attribute change when they differ). */
  fromRegion?: string;
  toRegion?: string;
  parts: DiffPart[];
}

/** Counts of one Act's changes. */
export interface ActSummary {
  wordsAdded: number;
  wordsRemoved: number;
  clausesAdded: number;
  clausesRemoved: number;
}

/** One Act's changes. */
export interface ActChange {
  id: string | null;
  number: number;
  title: string;
  status: "added" | "removed" | "changed" | "unchanged";
  titleParts: DiffPart[];
  items: ItemChange[];
  summary: ActSummary;
}

/** The whole comparison. */
export interface Comparison {
  acts: ActChange[];
  totals: ActSummary;
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Word-level diff of two texts. */
export function diffText(from: string, to: string): DiffPart[] {
  if (from === to) return from ? [{ op: "equal", text: from }] : [];
  return diffWords(from, to).map((change) => ({ op: change.added ? "insert" : change.removed ? "delete" : "equal", text: change.value }));
}

function count(parts: DiffPart[], summary: ActSummary): void {
  for (const part of parts) {
    if (part.op === "insert") summary.wordsAdded += words(part.text);
    if (part.op === "delete") summary.wordsRemoved += words(part.text);
  }
}

type Indexed = { act: ActModel; item: ActModel["items"][number] };

function indexItems(model: StatementModel): Map<string, Indexed> {
  const map = new Map<string, Indexed>();
  for (const act of model.acts) for (const item of act.items) if (item.id) map.set(item.id, { act, item });
  return map;
}

/** Compare `from` (older) with `to` (newer). */
export function compareStatements(from: StatementModel, to: StatementModel): Comparison {
  const fromItems = indexItems(from);
  const toItems = indexItems(to);
  const fromActs = new Map(from.acts.filter((a) => a.id).map((a) => [a.id!, a]));
  const toActIds = new Set(to.acts.map((a) => a.id));
  const totals: ActSummary = { wordsAdded: 0, wordsRemoved: 0, clausesAdded: 0, clausesRemoved: 0 };

  const changeOf = (act: ActModel, before: ActModel | undefined): ActChange => {
    const summary: ActSummary = { wordsAdded: 0, wordsRemoved: 0, clausesAdded: 0, clausesRemoved: 0 };
    const titleParts = diffText(before?.title ?? "", act.title);
    count(titleParts, summary);
    const items: ItemChange[] = act.items.map((item) => {
      const old = item.id ? fromItems.get(item.id) : undefined;
      const parts = diffText(old?.item.text ?? "", item.text);
      count(parts, summary);
      const toNumber = item.kind === "clause" ? item.number : null;
      const fromNumber = old?.item.kind === "clause" ? old.item.number : null;
      const region = item.kind === "note" ? { fromRegion: old?.item.kind === "note" ? old.item.region : undefined, toRegion: item.region } : {};
      let status: ItemChange["status"];
      if (!old) {
        status = "added";
        if (item.kind === "clause") summary.clausesAdded += 1;
      } else if (item.kind === "clause" && (fromNumber !== toNumber || old.act.id !== act.id)) status = "moved";
      else if (old.item.text !== item.text || (item.kind === "note" && region.fromRegion !== region.toRegion)) status = "changed";
      else status = "unchanged";
      return { kind: item.kind, id: item.id, status, fromNumber, toNumber, ...region, parts };
    });
    // What was in this Act before and exists nowhere now.
    for (const old of before?.items ?? []) {
      if (old.id && toItems.has(old.id)) continue;
      const parts = diffText(old.text, "");
      count(parts, summary);
      if (old.kind === "clause") summary.clausesRemoved += 1;
      items.push({
        kind: old.kind,
        id: old.id,
        status: "removed",
        fromNumber: old.kind === "clause" ? old.number : null,
        toNumber: null,
        ...(old.kind === "note" ? { fromRegion: old.region } : {}),
        parts,
      });
    }
    const touched = !before || titleParts.some((p) => p.op !== "equal") || items.some((i) => i.status !== "unchanged");
    return { id: act.id, number: act.number, title: act.title, status: !before ? "added" : touched ? "changed" : "unchanged", titleParts, items, summary };
  };

  const acts = to.acts.map((act) => changeOf(act, act.id ? fromActs.get(act.id) : undefined));
  for (const old of from.acts) {
    if (old.id && toActIds.has(old.id)) continue;
    const gone = changeOf({ ...old, title: "", items: [] }, old);
    acts.push({ ...gone, title: old.title, status: "removed" });
  }
  for (const act of acts) {
    totals.wordsAdded += act.summary.wordsAdded;
    totals.wordsRemoved += act.summary.wordsRemoved;
    totals.clausesAdded += act.summary.clausesAdded;
    totals.clausesRemoved += act.summary.clausesRemoved;
  }
  return { acts, totals };
}
