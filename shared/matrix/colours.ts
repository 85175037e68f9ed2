/**
 * The heat map's colours, one list for the page, the XLSX export and the SVG: a light fill
 * per position with a dark text colour on it (contrast above 7:1), always with the
 * position's mark (matrixNames.ts `positionMarks`) so colour is never the only sign.
 */
import type { Position } from "./matrix.js";

export const positionColours: Readonly<Record<Position, { fill: string; text: string }>> = {
  supports: { fill: "#cdebd5", text: "#0b4d1f" },
  flexible: { fill: "#fbe3a6", text: "#573c00" },
  opposes: { fill: "#f7cbc7", text: "#7a1710" },
  unknown: { fill: "#e4e7eb", text: "#2f3640" },
};

/** A cell nobody recorded yet: a priority Act of the target (outlined) or not. */
export const emptyCellColours = { fill: "#ffffff", text: "#4a5260", priorityOutline: "#1f4e8c" } as const;
