import type { Block } from "../../shared/statement/readStatement.js";
import { subtitle, threadPlace, withoutTitle, type ExportInput } from "./exportInput.js";

/** Markdown-escape text so it reads as written (no accidental emphasis, links or HTML). */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+!|<>~])/g, "\\$1").replace(/^(\s*)([-=]{3,}|\d+\.)/gm, "$1\\$2");
}

function block(b: Block): string {
  if (b.kind === "heading") return `${"#".repeat(Math.min(6, b.level + 1))} ${escapeMarkdown(b.text)}`;
  if (b.kind === "list") return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : "-"} ${escapeMarkdown(item)}`).join("\n");
  return escapeMarkdown(b.text);
}

/** The statement as Markdown: title, round, Acts with numbered clauses, regional notes, signatories, comments. */
export function renderMarkdown(input: ExportInput): string {
  const { model } = input;
  const title = model.title || input.documentTitle;
  const out: string[] = [`# ${escapeMarkdown(title)}`, "", `_${escapeMarkdown(subtitle(input))}_`, ""];
  for (const b of withoutTitle(model.before, title)) out.push(block(b), "");
  for (const act of model.acts) {
    out.push(`## Act ${act.number}: ${escapeMarkdown(act.title)}`, "");
    for (const item of act.items) {
      if (item.kind === "clause") out.push(`**${item.number}** ${escapeMarkdown(item.text).replace(/\n/g, "  \n")}`, "");
      else out.push(`> **Regional note${item.region ? ` (${escapeMarkdown(item.region)})` : ""}:** ${escapeMarkdown(item.text).replace(/\n/g, "  \n> ")}`, "");
    }
  }
  for (const b of model.after) out.push(block(b), "");
  if (input.threads && input.threads.length > 0) {
    out.push("## Comments", "");
    for (const thread of input.threads) {
      out.push(`### ${threadPlace(thread)} · ${thread.status}${thread.group ? ` · ${escapeMarkdown(thread.group.name)}` : ""}`, "", `> ${escapeMarkdown(thread.quote)}`, "");
      for (const comment of thread.comments) out.push(`- ${comment.author ? `**${escapeMarkdown(comment.author.name)}**: ` : ""}${escapeMarkdown(comment.body)}`);
      out.push("");
    }
  }
  if (input.sha256) out.push(`<!-- sha256 ${input.sha256} -->`);
  return out.join("\n");
}
