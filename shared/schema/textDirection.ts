/**
 * How every line of text is rendered: its direction follows its own first strong
 * character, so an Arabic clause in an English statement reads right to left (and the
 * reverse), for every reader and in the HTML export. Rendering only: not a node
 * attribute, so the stored content and its schema are unchanged.
 */
export const TEXT_DIRECTION = { dir: "auto" } as const;
