/**
 * What the matrix page shows, as plain functions of its view: the filters (kept in the
 * URL query so a link shares the view), which cells changed since the previous round,
 * and which targets nobody reaches in a channel.
 */
import { unRegionalGroups, type UnRegionalGroup } from "../../../shared/matrix/governments.js";
import { channels, type Channel, type Position } from "../../../shared/matrix/matrix.js";
import type { MatrixAdvocate, MatrixCell, MatrixTarget, NegotiatingGroup } from "../../../shared/api/matrix.js";

/** The page's filters; null/false: not filtered. */
export type MatrixFilters = {
  region: UnRegionalGroup | null;
  group: string | null;
  /** Only targets for which this Act matters (and only its column). */
  act: number | null;
  channel: Channel | null;
  /** Only targets with no advocate (in `channel`, or in any channel when none is chosen). */
  noAdvocate: boolean;
  /** Only targets with a cell whose position differs from the previous round's. */
  changed: boolean;
};

export const noFilters: MatrixFilters = { region: null, group: null, act: null, channel: null, noAdvocate: false, changed: false };

const isRegion = (value: string | null): value is UnRegionalGroup => value !== null && (unRegionalGroups as readonly string[]).includes(value);
const isChannel = (value: string | null): value is Channel => value !== null && (channels as readonly string[]).includes(value);

/** The filters a query string names; anything unknown is ignored. */
export function filtersFromQuery(search: string): MatrixFilters {
  const query = new URLSearchParams(search);
  const region = query.get("region");
  const channel = query.get("channel");
  const act = Number(query.get("act"));
  return {
    region: isRegion(region) ? region : null,
    group: query.get("group") || null,
    act: Number.isInteger(act) && act > 0 ? act : null,
    channel: isChannel(channel) ? channel : null,
    noAdvocate: query.get("noAdvocate") === "1",
    changed: query.get("changed") === "1",
  };
}

/** The query string of filters (and the round, when one is chosen), without the leading "?". */
export function filtersToQuery(filters: MatrixFilters, roundId: string | null): string {
  const query = new URLSearchParams();
  if (roundId) query.set("round", roundId);
  if (filters.region) query.set("region", filters.region);
  if (filters.group) query.set("group", filters.group);
  if (filters.act !== null) query.set("act", String(filters.act));
  if (filters.channel) query.set("channel", filters.channel);
  if (filters.noAdvocate) query.set("noAdvocate", "1");
  if (filters.changed) query.set("changed", "1");
  return query.toString();
}

/** Key of a cell in the maps below. */
export const cellKey = (targetId: string, act: number) => `${targetId}:${act}`;

/** The cells of one round by target and Act. */
export function cellsOfRound(cells: readonly MatrixCell[], roundId: string | null): Map<string, MatrixCell> {
  return new Map(cells.filter((cell) => cell.roundId === roundId).map((cell) => [cellKey(cell.targetId, cell.act), cell]));
}

/** A cell whose position differs from the previous round's (a cell only one round has counts when it is known in it). */
export type CellChange = { targetId: string; act: number; before: Position | null; after: Position | null };

/** The cells whose position changed between the previous round and the round shown. */
export function changesSincePrevious(cells: readonly MatrixCell[], roundId: string | null, previousRoundId: string | null): Map<string, CellChange> {
  const changes = new Map<string, CellChange>();
  if (roundId === null || previousRoundId === null) return changes;
  const now = cellsOfRound(cells, roundId);
  const before = cellsOfRound(cells, previousRoundId);
  for (const key of new Set([...now.keys(), ...before.keys()])) {
    const after = now.get(key);
    const previous = before.get(key);
    const cell = after ?? previous;
    if (!cell) continue;
    const from = previous?.position ?? null;
    const to = after?.position ?? null;
    // An empty cell and "not known" say the same.
    if ((from ?? "unknown") === (to ?? "unknown")) continue;
    changes.set(key, { targetId: cell.targetId, act: cell.act, before: from, after: to });
  }
  return changes;
}

/** Channels in which a target has at least one advocate, by target. */
export function channelsByTarget(advocates: readonly MatrixAdvocate[]): Map<string, Set<Channel>> {
  const byTarget = new Map<string, Set<Channel>>();
  for (const advocate of advocates) {
    const set = byTarget.get(advocate.targetId) ?? new Set<Channel>();
    set.add(advocate.channel);
    byTarget.set(advocate.targetId, set);
  }
  return byTarget;
}

/** The targets the filters keep, in their order. */
export function filterTargets(
  targets: readonly MatrixTarget[],
  filters: MatrixFilters,
  context: { groups: readonly NegotiatingGroup[]; advocates: readonly MatrixAdvocate[]; changes: ReadonlyMap<string, CellChange> },
): MatrixTarget[] {
  const group = filters.group ? context.groups.find((candidate) => candidate.id === filters.group) : undefined;
  const groupCodes = group ? new Set(group.codes) : null;
  const reached = channelsByTarget(context.advocates);
  const changedTargets = new Set([...context.changes.values()].filter((change) => filters.act === null || change.act === filters.act).map((change) => change.targetId));
  return targets.filter((target) => {
    if (filters.region && target.regionalGroup !== filters.region) return false;
    // A group that no longer exists filters nothing out rather than everything.
    if (groupCodes && (target.code === null || !groupCodes.has(target.code))) return false;
    if (filters.act !== null && !target.acts.includes(filters.act)) return false;
    const channelsOf = reached.get(target.id);
    if (filters.noAdvocate) {
      if (filters.channel ? channelsOf?.has(filters.channel) : channelsOf && channelsOf.size > 0) return false;
    } else if (filters.channel && !channelsOf?.has(filters.channel)) return false;
    if (filters.changed && !changedTargets.has(target.id)) return false;
    return true;
  });
}

/** Per channel, the targets nobody reaches there (coverage gaps), in the targets' order. */
export function coverageGaps(targets: readonly MatrixTarget[], advocates: readonly MatrixAdvocate[]): Record<Channel, MatrixTarget[]> {
  const reached = channelsByTarget(advocates);
  return {
    new_york: targets.filter((target) => !reached.get(target.id)?.has("new_york")),
    geneva: targets.filter((target) => !reached.get(target.id)?.has("geneva")),
    capital: targets.filter((target) => !reached.get(target.id)?.has("capital")),
  };
}
