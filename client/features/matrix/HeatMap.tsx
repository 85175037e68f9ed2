import { useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { defineMessages, useIntl, type IntlShape, type NoMessageValues } from "react-intl";
import { Link } from "wouter";
import type { MatrixCell, MatrixPresence, MatrixTarget } from "../../../shared/api/matrix.js";
import { positions, type Position } from "../../../shared/matrix/matrix.js";
import { positionMarks, positionName } from "../../../shared/matrix/matrixNames.js";
import { positionColours } from "../../../shared/matrix/colours.js";
import { cellKey, type CellChange } from "./matrixFilters.js";

const messages = defineMessages<{
  caption: { count: number; round: string };
  government: NoMessageValues;
  actHeader: { act: number };
  actHeaderTitled: { act: number; title: string };
  cellLabel: { target: string; act: number; position: string };
  cellLabelTitled: { target: string; act: number; title: string; position: string };
  empty: NoMessageValues;
  priority: NoMessageValues;
  changed: { before: string };
  legend: NoMessageValues;
  legendPriority: NoMessageValues;
  legendChanged: NoMessageValues;
  here: { names: string };
  noTargets: NoMessageValues;
}>({
  caption: { id: "matrix.heat.caption", defaultMessage: "Positions of {count, plural, one {# government} other {# governments}} on the Acts, {round}" },
  government: { id: "matrix.heat.government", defaultMessage: "Government" },
  actHeader: { id: "matrix.heat.actHeader", defaultMessage: "Act {act}" },
  actHeaderTitled: { id: "matrix.heat.actHeaderTitled", defaultMessage: "Act {act}: {title}" },
  cellLabel: { id: "matrix.heat.cellLabel", defaultMessage: "{target}, Act {act}: {position}" },
  cellLabelTitled: { id: "matrix.heat.cellLabelTitled", defaultMessage: "{target}, Act {act} ({title}): {position}" },
  empty: { id: "matrix.heat.empty", defaultMessage: "not recorded" },
  priority: { id: "matrix.heat.priority", defaultMessage: "an Act that matters with this government" },
  changed: { id: "matrix.heat.changed", defaultMessage: "changed since the previous round (was: {before})" },
  legend: { id: "matrix.heat.legend", defaultMessage: "Legend" },
  legendPriority: { id: "matrix.heat.legendPriority", defaultMessage: "Outlined: an Act that matters with the government" },
  legendChanged: { id: "matrix.heat.legendChanged", defaultMessage: "Arrow: changed since the previous round" },
  here: { id: "matrix.heat.here", defaultMessage: "Here now: {names}" },
  noTargets: { id: "matrix.heat.noTargets", defaultMessage: "No government matches these filters." },
});

/** The marker of a cell that changed since the previous round. */
const CHANGED_MARK = "↻";

/** What the heat map and the phone list are drawn from. */
export type HeatMapProps = {
  documentId: string;
  roundName: string;
  targets: MatrixTarget[];
  acts: Array<{ number: number; title: string }>;
  cells: ReadonlyMap<string, MatrixCell>;
  changes: ReadonlyMap<string, CellChange>;
  presence: MatrixPresence[];
  nameOf: (target: MatrixTarget) => string;
  onOpen: (targetId: string, act: number) => void;
  onPlace: (targetId: string | null, act: number | null) => void;
};

/** Initials of a name, for a presence badge. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => [...word][0] ?? "")
    .join("")
    .toUpperCase();
}

/** A steady colour per member, so a badge is recognisable from cell to cell. */
function presenceHue(accountId: string): number {
  let hash = 0;
  for (const char of accountId) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return hash;
}

function PresenceBadges({ people }: { people: MatrixPresence[] }) {
  const intl = useIntl();
  if (people.length === 0) return null;
  return (
    <span className="matrix-presence" title={intl.formatMessage(messages.here, { names: intl.formatList(people.map((person) => person.name)) })}>
      {people.map((person) => (
        <span key={person.accountId} className="matrix-presence__badge" style={{ backgroundColor: `hsl(${presenceHue(person.accountId)} 55% 38%)` }} aria-hidden="true">
          {initials(person.name)}
        </span>
      ))}
      <span className="visually-hidden">{intl.formatMessage(messages.here, { names: intl.formatList(people.map((person) => person.name)) })}</span>
    </span>
  );
}

/** What a screen reader hears for a cell; the mark and colour say the same. */
function cellLabel(intl: IntlShape, target: string, act: { number: number; title: string }, cell: MatrixCell | undefined, priority: boolean, change: CellChange | undefined): string {
  const position = cell ? positionName(intl, cell.position) : intl.formatMessage(messages.empty);
  const parts = [
    act.title
      ? intl.formatMessage(messages.cellLabelTitled, { target, act: act.number, title: act.title, position })
      : intl.formatMessage(messages.cellLabel, { target, act: act.number, position }),
  ];
  if (priority) parts.push(intl.formatMessage(messages.priority));
  if (change) parts.push(intl.formatMessage(messages.changed, { before: change.before ? positionName(intl, change.before) : intl.formatMessage(messages.empty) }));
  return intl.formatList(parts, { type: "unit", style: "long" });
}

/** An Act's column heading in words: "Act 1: Drivers of human mobility". */
function actHeading(intl: IntlShape, act: { number: number; title: string }): string {
  return act.title ? intl.formatMessage(messages.actHeaderTitled, { act: act.number, title: act.title }) : intl.formatMessage(messages.actHeader, { act: act.number });
}

/** Focus leaving the grid or list (not moving inside it) leaves the matrix: the place is "nowhere". */
function leaveOnBlur(onPlace: HeatMapProps["onPlace"]) {
  return (event: FocusEvent<HTMLElement>) => {
    if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) onPlace(null, null);
  };
}

function cellStyle(position: Position | undefined) {
  return position ? { backgroundColor: positionColours[position].fill, color: positionColours[position].text } : undefined;
}

/** The legend: each position's colour and mark, the priority outline and the change arrow. */
export function HeatMapLegend() {
  const intl = useIntl();
  return (
    <div className="matrix-legend" role="group" aria-label={intl.formatMessage(messages.legend)}>
      {positions.map((position) => (
        <span key={position} className="matrix-legend__item">
          <span className="matrix-legend__swatch" style={cellStyle(position)} aria-hidden="true">
            {positionMarks[position]}
          </span>
          {positionName(intl, position)}
        </span>
      ))}
      <span className="matrix-legend__item">
        <span className="matrix-legend__swatch matrix-cell--priority" aria-hidden="true" />
        {intl.formatMessage(messages.legendPriority)}
      </span>
      <span className="matrix-legend__item">
        <span className="matrix-legend__swatch" aria-hidden="true">
          {CHANGED_MARK}
        </span>
        {intl.formatMessage(messages.legendChanged)}
      </span>
    </div>
  );
}

/**
 * The heat map: a table of targets × Acts for one round, each cell coloured AND marked,
 * a target's priority Acts outlined, changes since the previous round arrowed, other
 * members' places badged. One cell is in the Tab order; arrow keys move between cells
 * (mirrored right to left), Home/End to a row's ends, Enter opens the cell.
 */
export function HeatMap({ documentId, roundName, targets, acts, cells, changes, presence, nameOf, onOpen, onPlace }: HeatMapProps) {
  const intl = useIntl();
  const table = useRef<HTMLTableElement>(null);
  const [active, setActive] = useState({ row: 0, col: 0 });
  if (targets.length === 0) return <p className="muted">{intl.formatMessage(messages.noTargets)}</p>;
  const row = Math.min(active.row, targets.length - 1);
  const col = Math.min(active.col, Math.max(acts.length - 1, 0));

  function move(event: KeyboardEvent<HTMLButtonElement>, fromRow: number, fromCol: number) {
    const rtl = getComputedStyle(event.currentTarget).direction === "rtl";
    const step: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, rtl ? 1 : -1],
      ArrowRight: [0, rtl ? -1 : 1],
      Home: [0, -fromCol],
      End: [0, acts.length - 1 - fromCol],
    };
    const delta = step[event.key];
    if (!delta) return;
    event.preventDefault();
    const next = { row: Math.max(0, Math.min(targets.length - 1, fromRow + delta[0])), col: Math.max(0, Math.min(acts.length - 1, fromCol + delta[1])) };
    setActive(next);
    table.current?.querySelector<HTMLButtonElement>(`[data-cell="${next.row}:${next.col}"]`)?.focus();
  }

  return (
    <div
      className="matrix-scroll"
      onBlur={leaveOnBlur(onPlace)}
    >
      <table ref={table} className="matrix-table">
        <caption>{intl.formatMessage(messages.caption, { count: targets.length, round: roundName })}</caption>
        <thead>
          <tr>
            <th scope="col" className="matrix-table__corner">
              {intl.formatMessage(messages.government)}
            </th>
            {acts.map((act) => (
              <th key={act.number} scope="col" className="matrix-table__act">
                <span aria-hidden="true">{act.number}</span>
                {/* The header as heard: the Act's number and title (the tooltip shows the same on hover). */}
                <span className="visually-hidden">{actHeading(intl, act)}</span>
                <span className="matrix-tooltip" aria-hidden="true">
                  {actHeading(intl, act)}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {targets.map((target, rowIndex) => {
            const name = nameOf(target);
            const inRow = presence.filter((person) => person.targetId === target.id && person.act === null);
            return (
              <tr key={target.id}>
                <th scope="row" className="matrix-table__target">
                  <Link href={`/d/${documentId}/matrix/t/${target.id}`}>{name}</Link>
                  <PresenceBadges people={inRow} />
                </th>
                {acts.map((act, colIndex) => {
                  const key = cellKey(target.id, act.number);
                  const cell = cells.get(key);
                  const change = changes.get(key);
                  const priority = target.acts.includes(act.number);
                  const here = presence.filter((person) => person.targetId === target.id && person.act === act.number);
                  return (
                    <td key={act.number} className={`matrix-cell${priority ? " matrix-cell--priority" : ""}`} style={cellStyle(cell?.position)}>
                      <button
                        type="button"
                        className="matrix-cell__button"
                        data-cell={`${rowIndex}:${colIndex}`}
                        tabIndex={rowIndex === row && colIndex === col ? 0 : -1}
                        aria-label={cellLabel(intl, name, act, cell, priority, change)}
                        onClick={() => onOpen(target.id, act.number)}
                        onFocus={() => {
                          setActive({ row: rowIndex, col: colIndex });
                          onPlace(target.id, act.number);
                        }}
                        onKeyDown={(event) => move(event, rowIndex, colIndex)}
                      >
                        <span aria-hidden="true">{cell ? positionMarks[cell.position] : ""}</span>
                        {change && (
                          <span className="matrix-cell__changed" aria-hidden="true">
                            {CHANGED_MARK}
                          </span>
                        )}
                      </button>
                      <PresenceBadges people={here} />
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** On a phone: one card per government, its Acts as chips (mark and number); a tap opens the cell. */
export function HeatMapList({ documentId, targets, acts, cells, changes, presence, nameOf, onOpen, onPlace }: HeatMapProps) {
  const intl = useIntl();
  if (targets.length === 0) return <p className="muted">{intl.formatMessage(messages.noTargets)}</p>;
  return (
    <ul className="matrix-cards" onBlur={leaveOnBlur(onPlace)}>
      {targets.map((target) => {
        const name = nameOf(target);
        const here = presence.filter((person) => person.targetId === target.id);
        return (
          <li key={target.id} className="matrix-card">
            <h3 className="matrix-card__name">
              <Link href={`/d/${documentId}/matrix/t/${target.id}`}>{name}</Link>
              <PresenceBadges people={here} />
            </h3>
            <div className="matrix-card__acts">
              {acts.map((act) => {
                const key = cellKey(target.id, act.number);
                const cell = cells.get(key);
                const change = changes.get(key);
                const priority = target.acts.includes(act.number);
                return (
                  <button
                    key={act.number}
                    type="button"
                    className={`matrix-chip${priority ? " matrix-cell--priority" : ""}`}
                    style={cellStyle(cell?.position)}
                    title={act.title}
                    aria-label={cellLabel(intl, name, act, cell, priority, change)}
                    onClick={() => onOpen(target.id, act.number)}
                    onFocus={() => onPlace(target.id, act.number)}
                  >
                    <span className="matrix-chip__text" aria-hidden="true">
                      {cell && <span>{positionMarks[cell.position]}</span>}
                      <span>{act.number}</span>
                      {change && <span>{CHANGED_MARK}</span>}
                    </span>
                  </button>
                );
              })}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
