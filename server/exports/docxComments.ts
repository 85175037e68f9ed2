/**
 * Comment threads as Word comments: each placed thread one comment (its replies as
 * paragraphs of it) on the words its anchor covers, with its reference group and, unless
 * left out (Chatham House), who wrote what.
 */
import { CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, InsertedTextRun, Paragraph, TextRun, type ICommentOptions, type ParagraphChild } from "docx";
import type { Thread } from "../../shared/api.js";
import { readsRightToLeft } from "./direction.js";
import type { ExportLabels } from "./exportInput.js";
import type { AnchoredStatement, CommentEdge } from "./placeThreads.js";
import { cleanText } from "./safeText.js";
import type { MarkedSuggestions, SuggestionEdge } from "./suggestionMarks.js";

/** How a text is printed: bold or italic, and (in a right-to-left paragraph) right to left. */
export interface RunOptions {
  bold?: boolean;
  italics?: boolean;
  rightToLeft?: boolean;
}

/**
 * A paragraph's direction in Word: right to left (`<w:bidi/>`, its runs `<w:rtl/>`) when
 * `text` reads so, by its first strong character, or has none and the statement does.
 */
export function direction(text: string, statement: "ltr" | "rtl"): { paragraph: { bidirectional?: true }; runs: { rightToLeft?: true } } {
  return readsRightToLeft(text, statement) ? { paragraph: { bidirectional: true }, runs: { rightToLeft: true } } : { paragraph: {}, runs: {} };
}

/** Print a text (its lines joined by breaks) as a paragraph's children. */
export type Lines = (text: string, options?: RunOptions) => ParagraphChild[];

/** Runs of a text without comment ranges: line by line, each after a break. */
export function plainLines(text: string, options: RunOptions = {}): ParagraphChild[] {
  return cleanText(text)
    .split("\n")
    .map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : 0, ...options }));
}

/** Word's revision ids start here, clear of the comments' ids. */
const FIRST_REVISION = 100_000;

/** A date as Word writes it on a tracked change: to the second, in UTC. */
const wordDate = (iso: string) => new Date(iso).toISOString().replace(/\.\d+Z$/, "Z");

/**
 * Prints texts of the anchored statement: the edge characters of the threads in `placed`
 * become comment range starts and ends (an end followed by its reference mark), those
 * of any other thread vanish; the edge characters of marked suggestions make the words
 * between them Word's tracked changes (`w:ins` / `w:del`, by the suggestion's author, on
 * the day it was made). Records the comment edges in the order printed, to check them.
 */
export class CommentInk {
  /** Edges as printed, in document order. */
  readonly printed: { threadId: string; edge: "start" | "end" }[] = [];
  private revision = FIRST_REVISION;

  constructor(
    private readonly anchored: AnchoredStatement | null,
    private readonly ids: Map<string, number>,
    private readonly suggestions: MarkedSuggestions | null = null,
    private readonly authorLabel = "",
  ) {}

  /** A run of `text` (or a break), tracked as the suggestion `open` says. */
  private run(options: RunOptions & { text?: string; break?: number }, open: SuggestionEdge | null): ParagraphChild {
    if (!open) return new TextRun(options);
    const author = this.suggestions?.authors.get(open.id);
    const change = { id: this.revision++, author: cleanText(author?.name || this.authorLabel), date: wordDate(author?.createdAt ?? new Date(0).toISOString()) };
    return open.kind === "insertion" ? new InsertedTextRun({ ...options, ...change }) : new DeletedTextRun({ ...options, ...change });
  }

  readonly lines: Lines = (text, options = {}) => {
    const edges = this.anchored?.edges ?? new Map<string, CommentEdge>();
    const marks = this.suggestions?.edges ?? new Map<string, SuggestionEdge>();
    if (edges.size === 0 && marks.size === 0) return plainLines(text, options);
    const out: ParagraphChild[] = [];
    let open: SuggestionEdge | null = null;
    cleanText(text)
      .split("\n")
      .forEach((line, index) => {
        if (index > 0) out.push(this.run({ break: 1, ...options }, open));
        let run = "";
        const flush = () => {
          if (run !== "") out.push(this.run({ text: run, ...options }, open));
          run = "";
        };
        for (const c of line) {
          const mark = marks.get(c);
          if (mark) {
            flush();
            open = mark.edge === "start" ? mark : null;
            continue;
          }
          const edge = edges.get(c);
          if (!edge) {
            run += c;
            continue;
          }
          const id = this.ids.get(edge.threadId);
          if (id === undefined) continue;
          flush();
          this.printed.push(edge);
          if (edge.edge === "start") out.push(new CommentRangeStart(id));
          else out.push(new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] }));
        }
        flush();
      });
    return out;
  };

  /** Threads whose range did not print as one start followed by one end (their words sit in text printed without ranges). */
  misplaced(): Set<string> {
    const seen = new Map<string, string>();
    for (const { threadId, edge } of this.printed) seen.set(threadId, (seen.get(threadId) ?? "") + edge[0]);
    return new Set([...this.ids.keys()].filter((id) => seen.get(id) !== "se"));
  }
}

/** Who the Word comment is by: its first author, or (authors left out) its reference group. */
function authorOf(thread: Thread, labels: ExportLabels): string {
  const first = thread.comments[0]?.author ?? thread.createdBy;
  return cleanText(first?.name ?? thread.group?.name ?? labels.commentAuthor);
}

function initialsOf(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter((word) => /^\p{L}/u.test(word))
      .slice(0, 3)
      .map((word) => Array.from(word)[0]!.toUpperCase())
      .join("") || "C"
  );
}

/**
 * The Word comment of a placed thread: group and status (labels in the statement's
 * language and direction), then each comment with its author unless left out, each in
 * the direction its line reads.
 */
export function wordComment(thread: Thread, id: number, labels: ExportLabels): ICommentOptions {
  const author = authorOf(thread, labels);
  const heading = [...(thread.group ? [labels.referenceGroup(thread.group.name)] : []), labels.threadStatus(thread.status)].join(" · ");
  const labelled = direction("", labels.direction);
  return {
    id,
    author,
    initials: initialsOf(author),
    date: new Date(thread.createdAt),
    children: [
      new Paragraph({ children: plainLines(heading, { italics: true, ...labelled.runs }), ...labelled.paragraph }),
      ...thread.comments.map((comment) => {
        const by = comment.author ? `${cleanText(comment.author.name)}: ` : "";
        // The comment's own words decide its direction, not the author's name before them.
        const { paragraph, runs } = direction(comment.body, labels.direction);
        const author = by ? [new TextRun({ text: by, bold: true, ...runs })] : [];
        return new Paragraph({ children: [...author, ...plainLines(comment.body, runs)], ...paragraph });
      }),
    ],
  };
}
