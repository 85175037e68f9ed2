/**
 * What the government page and the targets page derive from the matrix's answers: a
 * target's positions round by round, its advocates by channel, and state searches in the
 * reader's language. Pure, so it is tested without a browser.
 */
import type { MatrixAdvocate, MatrixCell, MatrixView } from "../../../shared/api/matrix.js";
import { channels, type Channel } from "../../../shared/matrix/matrix.js";

/** One round's row of a target's positions: its cell per Act (absent: nobody recorded one). */
export interface RoundPositions {
  round: MatrixView["rounds"][number];
  cells: Map<number, MatrixCell>;
}

/** A target's cells grouped by round, in the statement's round order (oldest first); every round is listed, recorded or not. */
export function positionsByRound(rounds: MatrixView["rounds"], cells: Iterable<MatrixCell>, targetId: string): RoundPositions[] {
  const byRound = new Map<string, Map<number, MatrixCell>>(rounds.map((round) => [round.id, new Map()]));
  for (const cell of cells) {
    if (cell.targetId !== targetId) continue;
    byRound.get(cell.roundId)?.set(cell.act, cell);
  }
  return rounds.map((round) => ({ round, cells: byRound.get(round.id) ?? new Map() }));
}

/** Cells from several views of the same statement, each (target, Act, round) once: the highest revision wins. */
export function mergeCells(views: Iterable<Pick<MatrixView, "cells">>): MatrixCell[] {
  const merged = new Map<string, MatrixCell>();
  for (const view of views) {
    for (const cell of view.cells) {
      const key = `${cell.targetId}\u0000${cell.roundId}\u0000${cell.act}`;
      const known = merged.get(key);
      if (!known || known.revision < cell.revision) merged.set(key, cell);
    }
  }
  return [...merged.values()];
}

/** The rounds whose cells a view does not already carry (it carries its own round and the one before). */
export function roundsMissingFrom(view: Pick<MatrixView, "rounds" | "roundId" | "previousRoundId">): string[] {
  return view.rounds.map((round) => round.id).filter((id) => id !== view.roundId && id !== view.previousRoundId);
}

/** A target's advocates per channel, in the channels' order, each channel's by organisation in the reader's language. */
export function advocatesByChannel(advocates: readonly MatrixAdvocate[], targetId: string, locale: string): Array<{ channel: Channel; advocates: MatrixAdvocate[] }> {
  const collator = new Intl.Collator(locale);
  return channels.map((channel) => ({
    channel,
    advocates: advocates.filter((advocate) => advocate.targetId === targetId && advocate.channel === channel).sort((a, b) => collator.compare(a.organisation, b.organisation)),
  }));
}

/** Folded for searching: lower case, accents dropped ("Côte" finds "cote"). */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase().trim();
}

/** States whose name (in the reader's language) or code matches `query`; names starting with it first, then the rest, each in the given order. */
export function searchStates<T extends { code: string; name: string }>(states: readonly T[], query: string): T[] {
  const wanted = fold(query);
  if (wanted === "") return [...states];
  const starts: T[] = [];
  const contains: T[] = [];
  for (const state of states) {
    const name = fold(state.name);
    if (name.startsWith(wanted) || state.code.toLowerCase() === wanted) starts.push(state);
    else if (name.includes(wanted)) contains.push(state);
  }
  return [...starts, ...contains];
}

/** The UN states to pick from, named in the reader's language and sorted by that name (a code without a name keeps its code). */
export function namedStates(codes: readonly string[], byCode: ReadonlyMap<string, string>, locale: string): Array<{ code: string; name: string }> {
  const collator = new Intl.Collator(locale);
  return codes.map((code) => ({ code, name: byCode.get(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
}
