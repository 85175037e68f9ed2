import type { Block } from "../../shared/statement/readStatement.js";
import { subtitle, threadPlace, withoutTitle, type ExportInput } from "./exportInput.js";
import { cleanText } from "./safeText.js";

/** Text for HTML element content and attribute values: cleaned (see `cleanText`), then escaped. */
export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const paragraphs = (text: string) => cleanText(text).split("\n").map(escapeHtml).join("<br>");

function block(b: Block): string {
  if (b.kind === "signatories") {
    const count = `${b.names.length} ${b.names.length === 1 ? "organisation" : "organisations"}`;
    return `<section class="signatories"><h2>${escapeHtml(b.heading)}</h2><p class="count">${count}</p><ol>${b.names.map((name) => `<li>${escapeHtml(name)}</li>`).join("")}</ol></section>`;
  }
  if (b.kind === "heading") return `<h${Math.min(6, b.level + 1)}>${escapeHtml(b.text)}</h${Math.min(6, b.level + 1)}>`;
  if (b.kind === "list") {
    const tag = b.ordered ? "ol" : "ul";
    return `<${tag}>${b.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</${tag}>`;
  }
  return b.text ? `<p>${paragraphs(b.text)}</p>` : "";
}

const printStyles = `
  @page { size: A4; margin: 22mm 20mm; }
  body { font-family: Charter, Georgia, "DejaVu Serif", serif; font-size: 11.5pt; line-height: 1.5; color: #111; max-width: 46em; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 22pt; margin: 0 0 .2em; } .subtitle { color: #555; font-style: italic; margin: 0 0 2em; }
  h2 { font-size: 15pt; margin: 1.6em 0 .6em; page-break-after: avoid; } h2 .act { display: block; font: 600 9pt system-ui, sans-serif; letter-spacing: .12em; text-transform: uppercase; color: #1d4ed8; }
  .clause { display: grid; grid-template-columns: 3em 1fr; margin: 0 0 .6em; page-break-inside: avoid; } .clause .number { font: 600 10pt system-ui, sans-serif; color: #555; padding-top: .15em; }
  .note { margin: .2em 0 1em 3em; padding: .5em .9em; border-left: 3px solid #e2b250; background: #fff8e6; page-break-inside: avoid; } .note .label { font: 700 8.5pt system-ui, sans-serif; text-transform: uppercase; letter-spacing: .06em; color: #92600e; }
  .comments { margin-top: 2.5em; border-top: 1px solid #ccc; } .thread { margin: 0 0 1em; page-break-inside: avoid; } .thread blockquote { margin: .3em 0; padding-left: .8em; border-left: 3px solid #ddd; color: #555; }
  .signatories ol { columns: 2; column-gap: 2em; padding-left: 1.4em; } .signatories li { break-inside: avoid; } .signatories .count { color: #555; margin: -.4em 0 .6em; }
  .fingerprint { margin-top: 3em; font: 8pt ui-monospace, monospace; color: #888; }
  @media print { body { margin: 0; max-width: none; } }`;

/** The statement as a print-ready HTML page (the browser prints it to PDF). Every text is escaped. */
export function renderHtml(input: ExportInput): string {
  const { model } = input;
  const title = model.title || input.documentTitle;
  const body: string[] = [`<h1>${escapeHtml(title)}</h1>`, `<p class="subtitle">${escapeHtml(subtitle(input))}</p>`];
  body.push(...withoutTitle(model.before, title).map(block));
  for (const act of model.acts) {
    body.push(`<section class="act-section" data-act="${act.number}"><h2><span class="act">Act ${act.number}</span>${escapeHtml(act.title)}</h2>`);
    for (const item of act.items) {
      if (item.kind === "clause") body.push(`<div class="clause"><span class="number">${escapeHtml(item.number)}</span><div>${paragraphs(item.text)}</div></div>`);
      else body.push(`<aside class="note"><div class="label">Regional note${item.region ? ` · ${escapeHtml(item.region)}` : ""}</div>${paragraphs(item.text)}</aside>`);
    }
    body.push("</section>");
  }
  body.push(...model.after.map(block));
  if (input.threads && input.threads.length > 0) {
    body.push(`<section class="comments"><h2>Comments</h2>`);
    for (const thread of input.threads) {
      const comments = thread.comments.map((c) => `<li>${c.author ? `<strong>${escapeHtml(c.author.name)}</strong>: ` : ""}${paragraphs(c.body)}</li>`).join("");
      body.push(`<div class="thread"><strong>${escapeHtml(threadPlace(thread))}</strong> · ${escapeHtml(thread.status)}${thread.group ? ` · ${escapeHtml(thread.group.name)}` : ""}<blockquote>${escapeHtml(thread.quote)}</blockquote><ul>${comments}</ul></div>`);
    }
    body.push("</section>");
  }
  if (input.sha256) body.push(`<p class="fingerprint">SHA-256 ${escapeHtml(input.sha256)}</p>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${printStyles}</style></head><body>${body.join("\n")}</body></html>`;
}
