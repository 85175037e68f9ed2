/**
 * One round's heat map as an SVG for a briefing: targets down, Act numbers across, each
 * recorded cell filled in its position's colour AND marked (so it reads in grey print),
 * the Acts that matter with a target outlined, a legend, and the Acts' titles listed.
 * Every name is XML-escaped text; in Arabic the grid runs right to left. Nothing but
 * positions: no note, evidence or advocate is drawn.
 */
import { emptyCellColours, positionColours } from "../../shared/matrix/colours.js";
import { positions } from "../../shared/matrix/matrix.js";
import { positionMarks, positionName } from "../../shared/matrix/matrixNames.js";
import { directionOf } from "../../shared/i18n/locales.js";
import { intlFor } from "../i18n.js";
import type { MatrixExportData } from "./matrixExport.js";
import { defineMessages } from "@formatjs/intl";

const messages = defineMessages<{ title: { statement: string; round: string }; notRecorded: {}; priority: {}; acts: {} }>({
  title: { id: "matrix.heatmap.title", defaultMessage: "{statement}: positions in {round}" },
  notRecorded: { id: "matrix.heatmap.notRecorded", defaultMessage: "Not recorded" },
  priority: { id: "matrix.heatmap.priority", defaultMessage: "Outlined: an Act that matters with this government" },
  acts: { id: "matrix.heatmap.acts", defaultMessage: "Acts" },
});

/** Text safe inside an SVG element or attribute. */
export function xmlText(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const CELL = 30;
/** The names' column: as wide as the longest name needs (about 7.5 px a character at 13 px), within these bounds. */
const NAME_WIDTH = { min: 160, max: 460 };
const MARGIN = 20;
const LINE = 22;
const FONT = `font-family="'Noto Sans', 'Noto Sans Arabic', Arial, sans-serif"`;

/** The heat map of `data`'s round, titled with the statement and round, over `acts`. */
export function renderHeatmapSvg(data: MatrixExportData, statement: string, round: string, acts: ReadonlyArray<{ number: number; title: string }>): string {
  const intl = intlFor(data.locale);
  const rtl = directionOf(data.locale) === "rtl";
  const longest = Math.max(0, ...data.targets.map((target) => [...target.label].length));
  const nameWidth = Math.min(NAME_WIDTH.max, Math.max(NAME_WIDTH.min, Math.ceil(longest * 7.5) + 16));
  const width = Math.max(MARGIN * 2 + nameWidth + acts.length * CELL, 640);
  // Mirrored in Arabic: x measured from the other edge; the SVG's direction makes text's start its right end there.
  const x = (from: number, span = 0) => (rtl ? width - from - span : from);
  const parts: string[] = [];
  const text = (at: number, y: number, value: string, attrs = "") => parts.push(`<text x="${at}" y="${y}" ${attrs}>${xmlText(value)}</text>`);

  let y = MARGIN + 18;
  text(x(MARGIN), y, intl.formatMessage(messages.title, { statement, round }), `font-size="18" font-weight="bold" text-anchor="start"`);
  y += LINE + 8;
  const gridLeft = MARGIN + nameWidth;
  acts.forEach((act, index) => text(x(gridLeft + index * CELL + CELL / 2), y, String(act.number), `font-size="13" font-weight="bold" text-anchor="middle"`));
  y += 8;

  const cells = new Map(data.cells.map((cell) => [`${cell.targetId}|${cell.act}`, cell]));
  for (const target of data.targets) {
    text(x(MARGIN + nameWidth - 8), y + CELL / 2 + 5, target.label, `font-size="13" text-anchor="end"`);
    acts.forEach((act, index) => {
      const cell = cells.get(`${target.id}|${act.number}`);
      const colours = cell ? positionColours[cell.position] : emptyCellColours;
      const priority = target.acts.includes(act.number);
      const left = x(gridLeft + index * CELL, CELL);
      const stroke = priority ? `stroke="${emptyCellColours.priorityOutline}" stroke-width="3"` : `stroke="#ffffff" stroke-width="1"`;
      parts.push(`<rect x="${left + 1.5}" y="${y + 1.5}" width="${CELL - 3}" height="${CELL - 3}" fill="${colours.fill}" ${stroke}/>`);
      if (cell) text(left + CELL / 2, y + CELL / 2 + 5, positionMarks[cell.position], `font-size="14" fill="${colours.text}" text-anchor="middle"`);
    });
    y += CELL;
  }

  y += LINE;
  const legend = [...positions.map((position) => ({ fill: positionColours[position].fill, colour: positionColours[position].text, mark: positionMarks[position], label: positionName(intl, position) })), { fill: emptyCellColours.fill, colour: emptyCellColours.text, mark: "", label: intl.formatMessage(messages.notRecorded) }];
  for (const item of legend) {
    parts.push(`<rect x="${x(MARGIN, 20)}" y="${y - 15}" width="20" height="20" fill="${item.fill}" stroke="#4a5260" stroke-width="1"/>`);
    if (item.mark) text(x(MARGIN + 10), y, item.mark, `font-size="13" fill="${item.colour}" text-anchor="middle"`);
    text(x(MARGIN + 28), y, item.label, `font-size="13" text-anchor="start"`);
    y += LINE;
  }
  parts.push(`<rect x="${x(MARGIN, 20)}" y="${y - 15}" width="20" height="20" fill="${emptyCellColours.fill}" stroke="${emptyCellColours.priorityOutline}" stroke-width="3"/>`);
  text(x(MARGIN + 28), y, intl.formatMessage(messages.priority), `font-size="13" text-anchor="start"`);
  y += LINE * 1.5;

  text(x(MARGIN), y, intl.formatMessage(messages.acts), `font-size="15" font-weight="bold" text-anchor="start"`);
  y += LINE;
  for (const act of acts) {
    text(x(MARGIN), y, `${act.number}. ${act.title}`, `font-size="13" text-anchor="start"`);
    y += LINE;
  }

  const height = y + MARGIN;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" direction="${rtl ? "rtl" : "ltr"}" ${FONT} fill="#1b1f24"><rect width="${width}" height="${height}" fill="#ffffff"/>${parts.join("")}</svg>\n`;
}
