import type { Thread } from "../../shared/api.js";
import type { Locale } from "../../shared/i18n/locales.js";
import { exportLabels } from "./exportInput.js";
import { markdownInline, markdownLines } from "./markdownText.js";

/** Comment threads as Markdown, for sharing outside the workspace (authors optional), labelled in the statement's language. Every text reads back as written. */
export function renderCommentsMarkdown(title: string, threads: Thread[], language: Locale): string {
  const labels = exportLabels(language);
  const lines = [`# ${labels.commentsOn(markdownInline(title))}`, ""];
  for (const thread of threads) {
    const group = thread.group ? markdownInline(thread.group.name) : "";
    const heading = [labels.threadPlace(thread), ...(group ? [group] : []), labels.threadStatus(thread.status), ...(thread.detached ? [labels.textDeleted] : [])];
    lines.push(`## ${heading.join(" · ")}`, "");
    lines.push(`> ${markdownLines(thread.quote, "> ")}`, "");
    for (const comment of thread.comments) {
      const name = comment.author ? markdownInline(comment.author.name) : "";
      lines.push(`- ${name ? `**${name}**: ` : ""}${markdownLines(comment.body, "  ")}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
