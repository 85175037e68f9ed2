import type { Thread } from "../../shared/api.js";
import { markdownInline, markdownLines } from "./markdownText.js";

/** Comment threads as Markdown, for sharing outside the workspace (authors optional). Every text reads back as written. */
export function renderCommentsMarkdown(title: string, threads: Thread[]): string {
  const lines = [`# Comments on “${markdownInline(title)}”`, ""];
  for (const thread of threads) {
    const where = thread.clause ? `Clause ${thread.clause.number}` : thread.act ? `Act ${thread.act.number}` : "Outside the Acts";
    const group = thread.group ? markdownInline(thread.group.name) : "";
    lines.push(`## ${where}${group ? ` · ${group}` : ""} · ${thread.status}${thread.detached ? " · text since deleted" : ""}`, "");
    lines.push(`> ${markdownLines(thread.quote, "> ")}`, "");
    for (const comment of thread.comments) {
      const name = comment.author ? markdownInline(comment.author.name) : "";
      lines.push(`- ${name ? `**${name}**: ` : ""}${markdownLines(comment.body, "  ")}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
