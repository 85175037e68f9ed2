import { plainBlocks, type Block } from "../../shared/statement/readStatement.js";
import { exportLabels, withoutTitle, type ExportInput } from "./exportInput.js";
import { markdownInline, markdownLines } from "./markdownText.js";
import { criticMarkup } from "./suggestionMarks.js";

/** The block printed last, and whether it was a list printed with the other marker. */
interface Printed {
  block: Block;
  other: boolean;
}

/** Whether a list takes the other marker (`*` for `-`, `)` for `.`): right after a list of the same kind with the same marker, Markdown would read the two as one list. */
const takesOther = (b: Block, previous: Printed | undefined) => b.kind === "list" && previous?.block.kind === "list" && previous.block.ordered === b.ordered && !previous.other;

/** One block outside the Acts (signatories already made plain). */
function block(b: Exclude<Block, { kind: "signatories" }>, other: boolean): string {
  if (b.kind === "heading") return `${"#".repeat(Math.min(6, b.level + 1))} ${markdownInline(b.text)}`;
  if (b.kind === "list") {
    return b.items
      .map((item, i) => {
        const marker = b.ordered ? `${i + 1}${other ? ")" : "."}` : other ? "*" : "-";
        return `${marker} ${markdownLines(item, " ".repeat(marker.length + 1))}`;
      })
      .join("\n");
  }
  return markdownLines(b.text);
}

/** Blocks as Markdown, a blank line after each; empty paragraphs print nothing. `previous` is the block printed just before, if any. */
function blocks(list: Block[], previous?: Printed): { lines: string[]; last: Printed | undefined } {
  const lines: string[] = [];
  for (const b of list.flatMap(plainBlocks)) {
    const other = takesOther(b, previous);
    const text = block(b, other);
    if (text === "") continue;
    lines.push(text, "");
    previous = { block: b, other };
  }
  return { lines, last: previous };
}

/**
 * The statement as Markdown: title, round, Acts with numbered clauses, regional notes,
 * signatories, comments. Every text reads back as written; the labels are in the
 * statement's language (Markdown has no direction: a reader shows each line by its own).
 * Marked suggestions print as CriticMarkup.
 */
export function renderMarkdown(input: ExportInput): string {
  const { model } = input;
  const labels = exportLabels(input.language);
  const title = model.title || input.documentTitle;
  const out: string[] = [`# ${markdownInline(title)}`, "", `_${markdownInline(labels.subtitle(input))}_`, ""];
  const before = blocks(withoutTitle(model.before, title));
  out.push(...before.lines);
  for (const act of model.acts) {
    out.push(`## ${labels.actHeading(act.number, markdownInline(act.title))}`, "");
    for (const item of act.items) {
      if (item.kind === "clause") out.push(`**${item.number}** ${markdownLines(item.text)}`, "");
      else {
        out.push(`> **${labels.noteLead(markdownInline(item.region))}** ${markdownLines(item.text, "> ")}`, "");
      }
    }
  }
  out.push(...blocks(model.after, model.acts.length === 0 ? before.last : undefined).lines);
  if (input.threads && input.threads.length > 0) {
    out.push(`## ${labels.comments}`, "");
    for (const thread of input.threads) {
      const group = thread.group ? markdownInline(thread.group.name) : "";
      out.push(`### ${labels.threadPlace(thread)} · ${labels.threadStatus(thread.status)}${group ? ` · ${group}` : ""}`, "", `> ${markdownLines(thread.quote, "> ")}`, "");
      for (const comment of thread.comments) {
        const name = comment.author ? markdownInline(comment.author.name) : "";
        out.push(`- ${name ? `**${name}**: ` : ""}${markdownLines(comment.body, "  ")}`);
      }
      out.push("");
    }
  }
  if (input.sha256) out.push(`<!-- sha256 ${input.sha256} -->`);
  return criticMarkup(out.join("\n"), input.suggestions);
}
