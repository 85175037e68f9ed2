import type { Block } from "../../shared/statement/readStatement.js";
import { subtitle, threadPlace, withoutTitle, type ExportInput } from "./exportInput.js";
import { markdownInline, markdownLines } from "./markdownText.js";

/**
 * One block outside the Acts. A list right after a list of the same kind takes the other
 * marker (`*` for `-`, `)` for `.`): with the same marker, Markdown would read the two as one list.
 */
function block(b: Block, previous: Block | undefined): string {
  if (b.kind === "heading") return `${"#".repeat(Math.min(6, b.level + 1))} ${markdownInline(b.text)}`;
  if (b.kind === "list") {
    const other = previous?.kind === "list" && previous.ordered === b.ordered;
    return b.items
      .map((item, i) => {
        const marker = b.ordered ? `${i + 1}${other ? ")" : "."}` : other ? "*" : "-";
        return `${marker} ${markdownLines(item, " ".repeat(marker.length + 1))}`;
      })
      .join("\n");
  }
  return markdownLines(b.text);
}

/** Blocks as Markdown, a blank line after each; empty paragraphs print nothing. */
function blocks(list: Block[]): string[] {
  const out: string[] = [];
  let previous: Block | undefined;
  for (const b of list) {
    const text = block(b, previous);
    if (b.kind === "paragraph" && text === "") continue;
    out.push(text, "");
    previous = b;
  }
  return out;
}

/** The statement as Markdown: title, round, Acts with numbered clauses, regional notes, signatories, comments. Every text reads back as written. */
export function renderMarkdown(input: ExportInput): string {
  const { model } = input;
  const title = model.title || input.documentTitle;
  const out: string[] = [`# ${markdownInline(title)}`, "", `_${markdownInline(subtitle(input))}_`, ""];
  out.push(...blocks(withoutTitle(model.before, title)));
  for (const act of model.acts) {
    out.push(`## Act ${act.number}: ${markdownInline(act.title)}`, "");
    for (const item of act.items) {
      if (item.kind === "clause") out.push(`**${item.number}** ${markdownLines(item.text)}`, "");
      else {
        const region = markdownInline(item.region);
        out.push(`> **Regional note${region ? ` (${region})` : ""}:** ${markdownLines(item.text, "> ")}`, "");
      }
    }
  }
  out.push(...blocks(model.after));
  if (input.threads && input.threads.length > 0) {
    out.push("## Comments", "");
    for (const thread of input.threads) {
      const group = thread.group ? markdownInline(thread.group.name) : "";
      out.push(`### ${threadPlace(thread)} · ${thread.status}${group ? ` · ${group}` : ""}`, "", `> ${markdownLines(thread.quote, "> ")}`, "");
      for (const comment of thread.comments) {
        const name = comment.author ? markdownInline(comment.author.name) : "";
        out.push(`- ${name ? `**${name}**: ` : ""}${markdownLines(comment.body, "  ")}`);
      }
      out.push("");
    }
  }
  if (input.sha256) out.push(`<!-- sha256 ${input.sha256} -->`);
  return out.join("\n");
}
