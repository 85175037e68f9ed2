import type { Thread } from "../../shared/api.js";
import type { Block, StatementModel } from "../../shared/statement/readStatement.js";
import type { AnchoredStatement } from "./placeThreads.js";

/** What every export renders: the statement, which round it is, and optionally its comments. */
export interface ExportInput {
  model: StatementModel;
  documentTitle: string;
  round: { name: string; draftPublished: string } | null;
  /** When the version was frozen, or when the live text was exported. */
  date: string;
  /** "Version frozen …" or "Live text, not a frozen version". */
  status: string;
  sha256: string | null;
  /** Comment threads to include (authors already left out when asked). */
  threads: Thread[] | null;
  /** The statement with the threads' words marked, for exports that anchor comments on them (DOCX); threads not in it are listed apart. */
  anchored?: AnchoredStatement | null;
}

/** The line under the title: round, governments' draft date, status. */
export function subtitle(input: ExportInput): string {
  const round = input.round ? `${input.round.name} (governments' draft of ${input.round.draftPublished})` : "No round opened";
  return `${round} · ${input.status}`;
}

/** Where a thread sits, as a label. */
export function threadPlace(thread: Thread): string {
  if (thread.clause) return `Clause ${thread.clause.number}`;
  if (thread.act) return `Act ${thread.act.number}`;
  return "Outside the Acts";
}

/** Blocks with the title heading left out (it is printed as the document title). */
export function withoutTitle(blocks: Block[], title: string): Block[] {
  let skipped = false;
  return blocks.filter((block) => {
    if (!skipped && block.kind === "heading" && block.level === 1 && block.text === title) {
      skipped = true;
      return false;
    }
    return true;
  });
}
