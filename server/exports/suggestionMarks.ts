/**
 * Suggestions in exports. The clean text leaves every pending suggestion out (each one
 * rejected); the marked text keeps them, with one private-use character at each edge of
 * each suggested or struck piece so whatever prints the model carries the edges to the
 * right place in its text (as comment ranges do, see placeThreads.ts), and each format
 * turns them into its own markup: Word's tracked changes, CriticMarkup, <ins>/<del>.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import { Transform, type Mapping } from "@tiptap/pm/transform";
import { decideSuggestions, suggestionPieces } from "../../shared/schema/suggestionDecisions.js";
import type { AnchorRange } from "../../shared/comments/anchors.js";
import type { Suggestion } from "../../shared/api.js";

/** Whether an export leaves pending suggestions out (the default) or marks them. */
export type SuggestionChoice = "clean" | "marked";

/** One edge of a suggested (insertion) or struck (deletion) piece. */
export interface SuggestionEdge {
  id: string;
  kind: "insertion" | "deletion";
  edge: "start" | "end";
}

/** Who made a suggestion and when, as exports name them. */
export interface SuggestionAuthor {
  accountId: string;
  name: string;
  createdAt: string;
}

/** What a marked export needs: what each edge character stands for and who made each suggestion. */
export interface MarkedSuggestions {
  edges: Map<string, SuggestionEdge>;
  authors: Map<string, SuggestionAuthor>;
}

/** The text to export and how positions in the text it came from map into it. */
export interface PreparedText {
  content: PMNode;
  mapping: Mapping;
  edges: Map<string, SuggestionEdge>;
}

/** Supplementary Private Use Area-A, short of its two noncharacters (comment edges use Area-B). */
const FIRST_MARK = 0xf0000;
const LAST_MARK = 0xffffd;

/** The statement with every suggestion rejected: the text as agreed. */
function cleanText(doc: PMNode): PreparedText {
  const transform = new Transform(doc);
  decideSuggestions(transform, "reject", () => true);
  return { content: transform.doc, mapping: transform.mapping, edges: new Map() };
}

/**
 * The statement with an edge character at each edge of each suggestion piece. A suggested
 * or struck clause is marked over the text of each of its paragraphs; pieces inside such a
 * clause are left to it (the clause is suggested or struck as a whole).
 */
function markedText(doc: PMNode): PreparedText {
  const used = new Set<number>();
  doc.descendants((node) => {
    if (node.isText) for (const c of node.text!) if (c.codePointAt(0)! >= FIRST_MARK && c.codePointAt(0)! <= LAST_MARK) used.add(c.codePointAt(0)!);
    return true;
  });
  let next = FIRST_MARK;
  const chars = new Map<string, string>();
  const edges = new Map<string, SuggestionEdge>();
  const charFor = (edge: SuggestionEdge): string | null => {
    const key = `${edge.kind}|${edge.edge}|${edge.id}`;
    const known = chars.get(key);
    if (known) return known;
    while (used.has(next)) next += 1;
    if (next > LAST_MARK) return null;
    const char = String.fromCodePoint(next++);
    chars.set(key, char);
    edges.set(char, edge);
    return char;
  };
  const inserts: { pos: number; char: string; order: number }[] = [];
  const mark = (id: string, kind: SuggestionEdge["kind"], from: number, to: number) => {
    const start = charFor({ id, kind, edge: "start" });
    const end = charFor({ id, kind, edge: "end" });
    if (!start || !end || to <= from) return;
    inserts.push({ pos: from, char: start, order: 1 }, { pos: to, char: end, order: 0 });
  };
  const pieces = suggestionPieces(doc);
  const clauses = pieces.filter((piece) => piece.kind === "clauseInsertion" || piece.kind === "clauseDeletion");
  for (const piece of pieces) {
    if (piece.kind === "insertion" || piece.kind === "deletion") {
      if (clauses.some((clause) => clause.from <= piece.from && piece.to <= clause.to)) continue;
      mark(piece.id, piece.kind, piece.from, piece.to);
      continue;
    }
    const kind = piece.kind === "clauseInsertion" ? "insertion" : "deletion";
    doc.nodesBetween(piece.from, piece.to, (node, pos) => {
      if (!node.isTextblock) return true;
      if (node.content.size > 0) mark(piece.id, kind, pos + 1, pos + node.nodeSize - 1);
      return false;
    });
  }
  // From the end backwards, so each insert leaves the positions before it as they were;
  // at one position ends land before starts (touching pieces do not overlap).
  inserts.sort((a, b) => b.pos - a.pos || b.order - a.order);
  const transform = new Transform(doc);
  for (const insert of inserts) transform.insert(insert.pos, doc.type.schema.text(insert.char));
  return { content: transform.doc, mapping: transform.mapping, edges };
}

/** The statement as an export prints it: clean (every pending suggestion left out) or with its suggestions marked. */
export function prepareText(doc: PMNode, choice: SuggestionChoice): PreparedText {
  return choice === "marked" ? markedText(doc) : cleanText(doc);
}

/** Ranges (comment threads' words) mapped into the prepared text; those whose words were left out are dropped. */
export function mapRanges(ranges: Map<string, AnchorRange>, mapping: Mapping): Map<string, AnchorRange> {
  const mapped = new Map<string, AnchorRange>();
  for (const [id, range] of ranges) {
    const from = mapping.map(range.from, 1);
    const to = mapping.map(range.to, -1);
    if (to > from) mapped.set(id, { ...range, from, to });
  }
  return mapped;
}

/** Text with the edge characters taken out (for what prints a text without suggestion markup: titles of files and pages). */
export function withoutSuggestionEdges(text: string, suggestions: MarkedSuggestions | null | undefined): string {
  if (!suggestions || suggestions.edges.size === 0) return text;
  return Array.from(text)
    .filter((c) => !suggestions.edges.has(c))
    .join("");
}

/** Replace each edge character in `text` by what `print` makes of it; other characters stay. */
export function printEdges(text: string, suggestions: MarkedSuggestions | null | undefined, print: (edge: SuggestionEdge, author: SuggestionAuthor | null) => string): string {
  if (!suggestions || suggestions.edges.size === 0) return text;
  let out = "";
  for (const c of text) {
    const edge = suggestions.edges.get(c);
    out += edge ? print(edge, suggestions.authors.get(edge.id) ?? null) : c;
  }
  return out;
}

/**
 * Markdown with the edge characters of marked suggestions as CriticMarkup: `{++ ++}`
 * suggested, `{-- --}` struck, `{~~ old ~> new ~~}` a replacement (its struck words right
 * before its suggested ones). Braces and tildes of the text become character references
 * (Markdown shows them as written) first, so no text can open, split or close a mark,
 * whether read by a Markdown reader or by a CriticMarkup one.
 */
export function criticMarkup(markdown: string, suggestions: MarkedSuggestions | null | undefined): string {
  if (!suggestions || suggestions.edges.size === 0) return markdown;
  // Every tilde of the text is already escaped (`\~`, see markdownText.ts).
  const chars = Array.from(markdown.replace(/\\~/g, "&#126;").replace(/[{}]/g, (c) => (c === "{" ? "&#123;" : "&#125;")));
  // A replacement: its deletion's end right before its insertion's start.
  const replaced = new Set<string>();
  chars.forEach((c, i) => {
    const edge = suggestions.edges.get(c);
    const following = suggestions.edges.get(chars[i + 1] ?? "");
    if (edge?.kind === "deletion" && edge.edge === "end" && following?.kind === "insertion" && following.edge === "start" && following.id === edge.id) replaced.add(edge.id);
  });
  const markOf = (edge: SuggestionEdge): string => {
    if (replaced.has(edge.id)) {
      if (edge.kind === "deletion") return edge.edge === "start" ? "{~~" : "~>";
      return edge.edge === "start" ? "" : "~~}";
    }
    if (edge.kind === "insertion") return edge.edge === "start" ? "{++" : "++}";
    return edge.edge === "start" ? "{--" : "--}";
  };
  let out = "";
  for (const c of chars) {
    const edge = suggestions.edges.get(c);
    if (!edge) {
      out += c;
      continue;
    }
    const mark = markOf(edge);
    // A backslash of the text right before a mark would escape it: it is escaped itself.
    let backslashes = 0;
    while (out[out.length - 1 - backslashes] === "\\") backslashes += 1;
    if (mark !== "" && backslashes % 2 === 1) out += "\\";
    out += mark;
  }
  return out;
}

/** Who made each suggestion, from the suggestions as the API shows them. */
export function suggestionAuthors(suggestions: Suggestion[]): Map<string, SuggestionAuthor> {
  return new Map(suggestions.map((s) => [s.id, { accountId: s.author.id, name: s.author.name, createdAt: s.createdAt }]));
}

/** The suggestions still pending whose words or clauses are in `doc`, as a version records them. */
export function pendingIn(doc: PMNode, suggestions: Suggestion[]): Suggestion[] {
  const present = new Set(suggestionPieces(doc).map((piece) => piece.id));
  return suggestions.filter((s) => s.status === "pending" && present.has(s.id));
}
