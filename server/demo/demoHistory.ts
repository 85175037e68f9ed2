/**
 * The demo statement's history: what changed from the Zero draft to Rev 1 and on to the
 * live Rev 2, and the comment threads written along the way, so History, Compare and the
 * comment panel show real work at first sight.
 */

/** Where an edit applies: the nth clause (from 1) of an Act, or its nth regional note. */
export interface Place {
  act: number;
  clause?: number;
  note?: number;
}

/** A change to the text, made as a writer would: only the differing characters are touched, so comments on the rest stay put. */
export type DemoEdit =
  | { kind: "replace"; at: Place; from: string; to: string }
  | { kind: "addClause"; act: number; text: string }
  | { kind: "addNote"; act: number; region: string; text: string };

/** A comment thread: on which words, by whom, the replies, and whether it ends resolved. */
export interface DemoThread {
  words: string;
  by: string;
  body: string;
  replies: { by: string; body: string }[];
  resolvedBy?: string;
}

/**
 * Wording a reviewer suggests in the text: words struck (`strike`), words added after
 * `after` (or in place of the struck ones), or a whole clause added to an Act.
 */
export type DemoSuggestion =
  | { by: string; at: Place; strike?: string; insert?: string; after?: string }
  | { by: string; clauseIn: number; text: string };

/** The rounds in order: name, governments' draft date, the threads written during it, and the edits that lead to the next. */
export interface DemoRound {
  name: string;
  draftPublished: string;
  threads: DemoThread[];
  /** Suggestions left pending in the round (the last round's stay live). */
  suggestions?: DemoSuggestion[];
  /** Edits made after the round opened; the last round's stay live (not yet frozen). */
  edits: DemoEdit[];
  frozen: boolean;
}

export const demoRounds: DemoRound[] = [
  {
    name: "Zero draft",
    draftPublished: "2018-02-05",
    frozen: true,
    edits: [],
    threads: [
      {
        words: "firewalls between public services and immigration enforcement",
        by: "reviewer@example.org",
        body: "Name the services: health care, education, labour inspection and justice.",
        replies: [{ by: "coordinator@example.org", body: "Rev 1 adds a clause on data sharing; the services are named there." }],
        resolvedBy: "coordinator@example.org",
      },
      {
        words: "independent monitoring",
        by: "reviewer2@example.org",
        body: "Monitoring by whom? Suggest national human rights institutions.",
        replies: [
          { by: "chair@example.org", body: "@Maria Coordinator let us settle this on Thursday's call." },
          { by: "reviewer@example.org", body: "The firewalls group supports naming NHRIs." },
        ],
      },
      {
        words: "detention of children",
        by: "reviewer@example.org",
        body: "Say \"in law and in practice\": several states end it in law only.",
        replies: [{ by: "coordinator2@example.org", body: "Done in Rev 1." }],
        resolvedBy: "coordinator2@example.org",
      },
    ],
  },
  {
    name: "Rev 1",
    draftPublished: "2018-03-26",
    frozen: true,
    edits: [
      { kind: "replace", at: { act: 1, clause: 1 }, from: "adverse drivers that compel", to: "adverse drivers and structural factors that compel" },
      { kind: "replace", at: { act: 1, clause: 1 }, from: "poverty, conflict", to: "poverty, inequality, conflict" },
      { kind: "replace", at: { act: 3, clause: 2 }, from: "End the detention", to: "End, in law and in practice, the detention" },
      { kind: "replace", at: { act: 3, clause: 2 }, from: "migration status.", to: "migration status, and provide community-based alternatives." },
      { kind: "addClause", act: 5, text: "Ensure that personal data collected by health, education, labour and justice services is never shared with immigration authorities." },
      { kind: "replace", at: { act: 9, clause: 1 }, from: "dignified and voluntary", to: "dignified and genuinely voluntary" },
      { kind: "addNote", act: 4, region: "Asia", text: "In the Gulf corridors most workers still pay recruitment fees: the clause should name the employer-pays principle." },
    ],
    threads: [
      {
        words: "genuinely voluntary",
        by: "reviewer2@example.org",
        body: "Good. Keep this wording through Rev 2.",
        replies: [{ by: "coordinator@example.org", body: "Noted for the negotiation brief." }],
      },
      {
        words: "planned with local communities",
        by: "coordinator2@example.org",
        body: "Add \"and diaspora organisations\"?",
        replies: [{ by: "reviewer2@example.org", body: "Yes, the returns group agrees." }],
      },
    ],
  },
  {
    name: "Rev 2",
    draftPublished: "2018-05-28",
    frozen: false,
    edits: [
      { kind: "replace", at: { act: 2, clause: 2 }, from: "labour and social rights", to: "labour, social and family rights" },
      { kind: "replace", at: { act: 7, clause: 1 }, from: "policy and public discourse", to: "policy, media and public discourse" },
      { kind: "replace", at: { act: 10, clause: 2 }, from: "global levels.", to: "global levels, with a first review in 2022." },
    ],
    suggestions: [
      { by: "reviewer@example.org", at: { act: 4, clause: 1 }, after: "the right to organise", insert: " and to bargain collectively" },
      { by: "reviewer2@example.org", at: { act: 10, clause: 2 }, strike: "2022", insert: "2020" },
      { by: "reviewer@example.org", at: { act: 7, clause: 1 }, strike: "media and " },
      {
        by: "reviewer2@example.org",
        clauseIn: 9,
        text: "Returns shall never take place to countries where the person faces persecution, torture or other serious harm, and every return decision shall be open to an effective appeal with suspensive effect.",
      },
    ],
    threads: [
      {
        words: "the right to organise",
        by: "reviewer@example.org",
        body: "Add \"and to bargain collectively\". @Maria Coordinator, can the unions' wording go in Rev 2?",
        replies: [],
      },
      {
        words: "with a first review in 2022",
        by: "reviewer2@example.org",
        body: "2022 is late for the first review; propose 2020.",
        replies: [{ by: "chair@example.org", body: "@Kofi Coordinator raise it with the governments' co-facilitators; @Returns (in particular safeguards) please send your evidence." }],
      },
    ],
  },
];
