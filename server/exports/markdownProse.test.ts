/** Markdown exports read as prose: only what would change Markdown's meaning where it stands is escaped. */
import { describe, expect, it } from "vitest";
import type { StatementModel } from "../../shared/statement/readStatement.js";
import { renderMarkdown } from "./renderMarkdown.js";
import { markdownInline, markdownLines } from "./markdownText.js";
import { readMarkdown } from "../testing/readExports.js";

const prose = [
  "Ensure that any return (voluntary or not) is safe, dignified and monitored: see Act 9.",
  "About 1.5 million people; R&D spending + 20% by 2030, e.g. 2 * 3 = 6 - not less!",
  "Use snake_case names, #hashtags, x < y, C:\\Users, and a bracket [note] or {brace}.",
];

describe("Markdown export of ordinary prose", () => {
  it("prints sentences with parentheses, colons, numbers, ampersands and brackets as they are", () => {
    for (const sentence of prose) {
      expect(markdownLines(sentence)).toBe(sentence);
      expect(markdownInline(sentence)).toBe(sentence);
    }
    const model: StatementModel = {
      title: "Ten Acts (2026 draft)",
      before: [{ kind: "paragraph", text: prose[0]! }],
      acts: [{ id: null, number: 1, title: "Drivers (and choices)", items: [{ kind: "clause", id: null, number: "1.1", text: prose[1]! }, { kind: "note", id: null, region: "Latin America (South)", text: prose[2]! }] }],
      after: [],
    };
    const markdown = renderMarkdown({ model, documentTitle: "x", round: { name: "Rev 1 (second)", draftPublished: "2018-02-05" }, language: "en", date: "2026-01-01T00:00:00.000Z", frozen: false, sha256: null, threads: null });
    expect(markdown).toContain("# Ten Acts (2026 draft)\n");
    expect(markdown).toContain("## Act 1: Drivers (and choices)\n");
    expect(markdown).toContain(`**1.1** ${prose[1]}\n`);
    expect(markdown).toContain(`> **Regional note (Latin America (South)):** ${prose[2]}\n`);
    expect(markdown).not.toContain("\\(");
  });

  it("still escapes what would become markup where it stands", () => {
    const cases: [string, string][] = [
      ["# not a heading", "\\# not a heading"],
      ["- not a list", "\\- not a list"],
      ["1. not a list", "1\\. not a list"],
      ["> not a quote", "\\> not a quote"],
      ["a [link](http://x.org) here", "a [link\\](http://x.org) here"],
      ["an *emphasis* here", "an \\*emphasis\\* here"],
      ["an <b>tag</b>", "an \\<b>tag\\</b>"],
      ["an &amp; entity", "an \\&amp; entity"],
      ["`code`", "\\`code\\`"],
    ];
    for (const [text, escaped] of cases) {
      expect(markdownLines(text)).toBe(escaped);
      const [block] = readMarkdown(markdownLines(text));
      expect(block!.text).toBe(text);
      expect(block!.inline).toEqual([]);
    }
  });
});
