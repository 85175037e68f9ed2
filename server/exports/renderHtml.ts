import type { Block } from "../../shared/statement/readStatement.js";
import { exportLabels, withoutTitle, type ExportInput, type ExportLabels } from "./exportInput.js";
import { cleanText } from "./safeText.js";
import { printEdges, withoutSuggestionEdges, type MarkedSuggestions } from "./suggestionMarks.js";
import { colorFor } from "../../shared/presence.js";
import { suggestionAuthor } from "../../shared/suggestions.js";

/** Text for HTML element content and attribute values: cleaned (see `cleanText`), then escaped. */
export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const paragraphs = (text: string) => cleanText(text).split("\n").map(escapeHtml).join("<br>");

// The statement's own text (every line, heading, item and quote) reads in its own direction, as in the editor: dir="auto".
// Labels (Act, regional note, comments) take the page's, which is the statement language's.

function block(b: Block, labels: ExportLabels): string {
  if (b.kind === "signatories") {
    const count = escapeHtml(labels.organisations(b.names.length));
    return `<section class="signatories"><h2 dir="auto">${escapeHtml(b.heading)}</h2><p class="count">${count}</p><ol>${b.names.map((name) => `<li dir="auto">${escapeHtml(name)}</li>`).join("")}</ol></section>`;
  }
  if (b.kind === "heading") return `<h${Math.min(6, b.level + 1)} dir="auto">${escapeHtml(b.text)}</h${Math.min(6, b.level + 1)}>`;
  if (b.kind === "list") {
    const tag = b.ordered ? "ol" : "ul";
    return `<${tag}>${b.items.map((item) => `<li dir="auto">${escapeHtml(item)}</li>`).join("")}</${tag}>`;
  }
  return b.text ? `<p dir="auto">${paragraphs(b.text)}</p>` : "";
}

const printStyles = `
  @page { size: A4; margin: 22mm 20mm; }
  body { font-family: Charter, Georgia, "DejaVu Serif", serif; font-size: 11.5pt; line-height: 1.5; color: #111; max-width: 46em; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 22pt; margin: 0 0 .2em; } .subtitle { color: #555; font-style: italic; margin: 0 0 2em; }
  h2 { font-size: 15pt; margin: 1.6em 0 .6em; page-break-after: avoid; } h2 .act { display: block; font: 600 9pt system-ui, sans-serif; letter-spacing: .12em; text-transform: uppercase; color: #1d4ed8; } h2 .title { display: block; }
  .clause { display: grid; grid-template-columns: 3em 1fr; margin: 0 0 .6em; page-break-inside: avoid; } .clause .number { font: 600 10pt system-ui, sans-serif; color: #555; padding-top: .15em; }
  .note { margin-block: .2em 1em; margin-inline: 3em 0; padding: .5em .9em; border-inline-start: 3px solid #e2b250; background: #fff8e6; page-break-inside: avoid; } .note .label { font: 700 8.5pt system-ui, sans-serif; text-transform: uppercase; letter-spacing: .06em; color: #92600e; }
  .comments { margin-top: 2.5em; border-top: 1px solid #ccc; } .thread { margin: 0 0 1em; page-break-inside: avoid; } .thread blockquote { margin: .3em 0; padding-inline-start: .8em; border-inline-start: 3px solid #ddd; color: #555; }
  .signatories ol { columns: 2; column-gap: 2em; padding-inline-start: 1.4em; } .signatories li { break-inside: avoid; } .signatories .count { color: #555; margin: -.4em 0 .6em; }
  ins.suggested-insertion { text-decoration: underline 2px; text-decoration-color: var(--author); background: color-mix(in srgb, var(--author) 12%, transparent); }
  del.suggested-deletion { text-decoration: line-through 2px; text-decoration-color: var(--author); color: #555; }
  .fingerprint { margin-top: 3em; font: 8pt ui-monospace, monospace; color: #888; }
  body:lang(ar) { font-family: "Noto Naskh Arabic", "Amiri", "Traditional Arabic", "Geeza Pro", "Times New Roman", serif; }
  :lang(ar) h2 .act, :lang(ar) .note .label { letter-spacing: 0; text-transform: none; }
  @media print { body { margin: 0; max-width: none; } }`;

/**
 * The statement as a print-ready HTML page (the browser prints it to PDF), in the
 * statement's language and direction: `<html lang dir>` from it, labels in it, each line
 * of the statement's text in its own direction. Every text is escaped.
 */
export function renderHtml(input: ExportInput): string {
  const { model } = input;
  const labels = exportLabels(input.language);
  const title = model.title || input.documentTitle;
  const plainTitle = withoutSuggestionEdges(title, input.suggestions);
  const body: string[] = [`<h1 dir="auto">${escapeHtml(title)}</h1>`, `<p class="subtitle">${escapeHtml(labels.subtitle(input))}</p>`];
  body.push(...withoutTitle(model.before, title).map((b) => block(b, labels)));
  for (const act of model.acts) {
    body.push(`<section class="act-section" data-act="${act.number}"><h2><span class="act">${escapeHtml(labels.act(act.number))}</span><span class="title" dir="auto">${escapeHtml(act.title)}</span></h2>`);
    for (const item of act.items) {
      if (item.kind === "clause") body.push(`<div class="clause"><span class="number">${escapeHtml(item.number)}</span><div dir="auto">${paragraphs(item.text)}</div></div>`);
      else body.push(`<aside class="note"><div class="label">${escapeHtml(labels.noteLabel(cleanText(item.region)))}</div><div dir="auto">${paragraphs(item.text)}</div></aside>`);
    }
    body.push("</section>");
  }
  body.push(...model.after.map((b) => block(b, labels)));
  if (input.threads && input.threads.length > 0) {
    body.push(`<section class="comments"><h2>${escapeHtml(labels.comments)}</h2>`);
    for (const thread of input.threads) {
      // The name in <bdi>: dir="auto" then takes the comment's own words, not the author's name.
      const comments = thread.comments.map((c) => `<li dir="auto">${c.author ? `<strong><bdi>${escapeHtml(c.author.name)}</bdi></strong>: ` : ""}${paragraphs(c.body)}</li>`).join("");
      const more = [labels.threadStatus(thread.status), ...(thread.group ? [thread.group.name] : [])].map((text) => ` · ${escapeHtml(text)}`).join("");
      body.push(`<div class="thread"><strong>${escapeHtml(labels.threadPlace(thread))}</strong>${more}<blockquote dir="auto">${escapeHtml(thread.quote)}</blockquote><ul>${comments}</ul></div>`);
    }
    body.push("</section>");
  }
  if (input.sha256) body.push(`<p class="fingerprint" dir="ltr">SHA-256 ${escapeHtml(input.sha256)}</p>`);
  return `<!doctype html><html lang="${labels.locale}" dir="${labels.direction}"><head><meta charset="utf-8"><title>${escapeHtml(plainTitle)}</title><style>${printStyles}</style></head><body>${suggestionTags(body.join("\n"), input.suggestions, labels)}</body></html>`;
}

/**
 * The edge characters of marked suggestions in the page's body as <ins>/<del>, each
 * titled with its author's name and underlined or struck in their colour (the line, not
 * the colour alone, says which it is).
 */
export function suggestionTags(html: string, suggestions: MarkedSuggestions | null | undefined, labels: ExportLabels): string {
  return printEdges(html, suggestions, (edge, author) => {
    const tag = edge.kind === "insertion" ? "ins" : "del";
    if (edge.edge === "end") return `</${tag}>`;
    const name = author?.name || labels.suggestionAuthor;
    const title = edge.kind === "insertion" ? labels.suggestedBy(name) : labels.struckBy(name);
    const color = colorFor(author?.accountId ?? suggestionAuthor(edge.id) ?? "");
    return `<${tag} class="suggested-${edge.kind}" data-suggestion="${escapeHtml(edge.id)}" title="${escapeHtml(title)}" style="--author: ${escapeHtml(color)}">`;
  });
}
