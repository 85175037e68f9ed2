import { defineMessages, type IntlShape } from "@formatjs/intl";
import type { Thread } from "../../shared/api.js";
import { directionOf, type Locale } from "../../shared/i18n/locales.js";
import type { Block, StatementModel } from "../../shared/statement/readStatement.js";
import { formatDay, intlFor } from "../i18n.js";
import type { AnchoredStatement } from "./placeThreads.js";
import type { MarkedSuggestions } from "./suggestionMarks.js";

/** What every export renders: the statement, which round it is, and optionally its comments. */
export interface ExportInput {
  model: StatementModel;
  documentTitle: string;
  /** The statement's language: every label and date of the export is in it, and pages read in its direction. */
  language: Locale;
  round: { name: string; draftPublished: string } | null;
  /** When the version was frozen, or when the live text was exported. */
  date: string;
  /** A frozen version (of `date`), or the live text. */
  frozen: boolean;
  sha256: string | null;
  /** Comment threads to include (authors already left out when asked). */
  threads: Thread[] | null;
  /** The statement with the threads' words marked, for exports that anchor comments on them (DOCX); threads not in it are listed apart. */
  anchored?: AnchoredStatement | null;
  /** Pending suggestions marked in the text (null: the clean text, every pending suggestion left out). */
  suggestions?: MarkedSuggestions | null;
}

type Named = { named: "yes" | "no"; region: string };

const messages = defineMessages<{
  act: { number: string };
  actHeading: { number: string; title: string };
  clause: { number: string };
  outsideActs: {};
  noteLabel: Named;
  noteLead: Named;
  organisations: { count: number };
  signatoryGroup: { name: string; count: number };
  signatories: {};
  regionNotGiven: {};
  countryNotGiven: {};
  round: { round: string; date: string };
  noRound: {};
  frozen: { date: string };
  live: {};
  comments: {};
  commentsOnDeletedText: {};
  commentsOn: { title: string };
  threadStatus: { status: Thread["status"] };
  textDeleted: {};
  referenceGroup: { name: string };
  commentAuthor: {};
  creator: {};
  statementFile: {};
  commentsFile: { title: string };
  suggestedBy: { name: string };
  struckBy: { name: string };
  suggestionAuthor: {};
}>({
  act: { id: "export.act", defaultMessage: "Act {number}" },
  actHeading: { id: "export.actHeading", defaultMessage: "Act {number}: {title}" },
  clause: { id: "export.clause", defaultMessage: "Clause {number}" },
  outsideActs: { id: "export.outsideActs", defaultMessage: "Outside the Acts" },
  noteLabel: { id: "export.noteLabel", defaultMessage: "{named, select, yes {Regional note ({region})} other {Regional note}}" },
  noteLead: { id: "export.noteLead", defaultMessage: "{named, select, yes {Regional note ({region}):} other {Regional note:}}" },
  organisations: { id: "export.organisations", defaultMessage: "{count, plural, one {# organisation} other {# organisations}}" },
  signatoryGroup: { id: "export.signatoryGroup", defaultMessage: "{name} ({count, plural, one {# organisation} other {# organisations}})" },
  signatories: { id: "export.signatories", defaultMessage: "Signatory organisations" },
  regionNotGiven: { id: "export.regionNotGiven", defaultMessage: "Region not given" },
  countryNotGiven: { id: "export.countryNotGiven", defaultMessage: "Country not given" },
  round: { id: "export.round", defaultMessage: "{round} (governments' draft of {date})" },
  noRound: { id: "export.noRound", defaultMessage: "No round opened" },
  frozen: { id: "export.frozen", defaultMessage: "Version frozen on {date}" },
  live: { id: "export.live", defaultMessage: "Live text, not a frozen version" },
  comments: { id: "export.comments", defaultMessage: "Comments" },
  commentsOnDeletedText: { id: "export.commentsOnDeletedText", defaultMessage: "Comments on text since deleted" },
  commentsOn: { id: "export.commentsOn", defaultMessage: "Comments on “{title}”" },
  threadStatus: { id: "export.threadStatus", defaultMessage: "{status, select, resolved {Resolved} other {Open}}" },
  textDeleted: { id: "export.textDeleted", defaultMessage: "Text since deleted" },
  referenceGroup: { id: "export.referenceGroup", defaultMessage: "Reference group: {name}" },
  commentAuthor: { id: "export.commentAuthor", defaultMessage: "Comment" },
  creator: { id: "export.creator", defaultMessage: "Drafting workspace" },
  statementFile: { id: "export.statementFile", defaultMessage: "statement" },
  commentsFile: { id: "export.commentsFile", defaultMessage: "{title} - comments" },
  suggestedBy: { id: "export.suggestedBy", defaultMessage: "Suggested by {name}" },
  struckBy: { id: "export.struckBy", defaultMessage: "Deletion suggested by {name}" },
  suggestionAuthor: { id: "export.suggestionAuthor", defaultMessage: "Reviewer" },
});

/**
 * The words an export prints around the statement's own, in the statement's language.
 * Act and clause numbers stay Western digits; the rest is the statement's content,
 * printed as written.
 */
export interface ExportLabels {
  locale: Locale;
  direction: "ltr" | "rtl";
  intl: IntlShape;
  /** "Act 3". */
  act(number: number): string;
  /** "Act 3: Title". */
  actHeading(number: number, title: string): string;
  /** "Clause 3.2". */
  clause(number: string): string;
  /** "Regional note (Africa)" over a note (HTML). */
  noteLabel(region: string): string;
  /** "Regional note (Africa):" leading a note's text (DOCX, Markdown). */
  noteLead(region: string): string;
  /** "2 organisations". */
  organisations(count: number): string;
  /** "Kenya (2 organisations)": a region or country of the signatories and how many signed there. */
  signatoryGroup(name: string, count: number): string;
  /** The heading of the signatories' list when the statement has no signatories section of its own. */
  signatories: string;
  /** Over signatories whose region (country) no one gave: names typed before sign-on. */
  regionNotGiven: string;
  countryNotGiven: string;
  /** Where a thread sits: "Clause 3.2", "Act 3", "Outside the Acts". */
  threadPlace(thread: Thread): string;
  /** "Open", "Resolved". */
  threadStatus(status: Thread["status"]): string;
  textDeleted: string;
  comments: string;
  commentsOnDeletedText: string;
  /** "Comments on “Title”". */
  commentsOn(title: string): string;
  /** "Reference group: Firewalls". */
  referenceGroup(name: string): string;
  commentAuthor: string;
  creator: string;
  /** The round and the version's status: "Zero draft (governments' draft of February 5, 2018) · Live text, not a frozen version". */
  subtitle(input: ExportInput): string;
  /** A file's name when its title has no letters a file name can carry. */
  statementFile: string;
  /** "Title - comments". */
  commentsFile(title: string): string;
  /** "Suggested by Ana" (over suggested words). */
  suggestedBy(name: string): string;
  /** "Deletion suggested by Ana" (over struck words). */
  struckBy(name: string): string;
  /** Who made a suggestion when the server knows no name for them. */
  suggestionAuthor: string;
}

const cached = new Map<Locale, ExportLabels>();

/** The labels of exports in `locale`. */
export function exportLabels(locale: Locale): ExportLabels {
  const known = cached.get(locale);
  if (known) return known;
  const intl = intlFor(locale);
  const say = intl.formatMessage;
  const labels: ExportLabels = {
    locale,
    direction: directionOf(locale),
    intl,
    act: (number) => say(messages.act, { number: String(number) }),
    actHeading: (number, title) => say(messages.actHeading, { number: String(number), title }),
    clause: (number) => say(messages.clause, { number }),
    noteLabel: (region) => say(messages.noteLabel, { named: region ? "yes" : "no", region }),
    noteLead: (region) => say(messages.noteLead, { named: region ? "yes" : "no", region }),
    organisations: (count) => say(messages.organisations, { count }),
    signatoryGroup: (name, count) => say(messages.signatoryGroup, { name, count }),
    signatories: say(messages.signatories),
    regionNotGiven: say(messages.regionNotGiven),
    countryNotGiven: say(messages.countryNotGiven),
    threadPlace: (thread) => {
      if (thread.clause) return say(messages.clause, { number: thread.clause.number });
      if (thread.act) return say(messages.act, { number: String(thread.act.number) });
      return say(messages.outsideActs);
    },
    threadStatus: (status) => say(messages.threadStatus, { status }),
    textDeleted: say(messages.textDeleted),
    comments: say(messages.comments),
    commentsOnDeletedText: say(messages.commentsOnDeletedText),
    commentsOn: (title) => say(messages.commentsOn, { title }),
    referenceGroup: (name) => say(messages.referenceGroup, { name }),
    commentAuthor: say(messages.commentAuthor),
    creator: say(messages.creator),
    subtitle: (input) => {
      const round = input.round ? say(messages.round, { round: input.round.name, date: formatDay(intl, input.round.draftPublished) }) : say(messages.noRound);
      const status = input.frozen ? say(messages.frozen, { date: formatDay(intl, input.date) }) : say(messages.live);
      return `${round} · ${status}`;
    },
    statementFile: say(messages.statementFile),
    commentsFile: (title) => say(messages.commentsFile, { title }),
    suggestedBy: (name) => say(messages.suggestedBy, { name }),
    struckBy: (name) => say(messages.struckBy, { name }),
    suggestionAuthor: say(messages.suggestionAuthor),
  };
  cached.set(locale, labels);
  return labels;
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
