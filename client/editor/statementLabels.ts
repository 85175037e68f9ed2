/**
 * The interface words drawn inside the statement's editor by code outside React (node
 * views, plugins): written by the editor page in the reader's language, handed to the
 * extensions as one live object, and redrawn whenever the language changes.
 */
import { useMemo } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { Locale } from "../../shared/i18n/locales.js";

const messages = defineMessages<{
  statementText: NoMessageValues;
  act: { number: string };
  organisations: { count: number };
  regionalNote: NoMessageValues;
  region: NoMessageValues;
  actTitle: NoMessageValues;
  clause: NoMessageValues;
  note: NoMessageValues;
  listItem: NoMessageValues;
  organisation: NoMessageValues;
  preamble: NoMessageValues;
  signatory: NoMessageValues;
  other: NoMessageValues;
  suggestion: { kind: string; known: string; name: string };
}>({
  statementText: { id: "editor.statementText", defaultMessage: "Statement text" },
  act: { id: "editor.actLabel", defaultMessage: "Act {number}" },
  organisations: { id: "editor.organisationCount", defaultMessage: "{count, plural, one {# organisation} other {# organisations}}" },
  regionalNote: { id: "editor.regionalNote", defaultMessage: "Regional note" },
  region: { id: "editor.region", defaultMessage: "Region" },
  actTitle: { id: "editor.placeholder.actTitle", defaultMessage: "Title of this Act" },
  clause: { id: "editor.placeholder.clause", defaultMessage: "Write this clause…" },
  note: { id: "editor.placeholder.regionalNote", defaultMessage: "State the regional nuance, in three or four sentences…" },
  listItem: { id: "editor.placeholder.listItem", defaultMessage: "List item" },
  organisation: { id: "editor.placeholder.organisation", defaultMessage: "Organisation" },
  preamble: { id: "editor.placeholder.preamble", defaultMessage: "Preamble (optional)" },
  signatory: { id: "editor.placeholder.signatory", defaultMessage: "Organisation name" },
  other: { id: "editor.placeholder.other", defaultMessage: "Write here…" },
  suggestion: {
    id: "editor.suggestionTitle",
    defaultMessage:
      "{kind, select, insertion {Suggested words} deletion {Words suggested for deletion} clauseInsertion {Suggested new clause} other {Clause suggested for deletion}}{known, select, yes {, by {name}} other {}}",
    description: "Hover text of a suggestion in the statement: what it is, then who suggested it when known",
  },
});

/** Where an empty line of the statement sits, which decides what its placeholder says. */
export type PlaceholderPlace = "actTitle" | "clause" | "regionalNote" | "listItem" | "organisation" | "preamble" | "signatory" | "other";

/** The words the editor's extensions draw, in the reader's language. */
export interface StatementLabels {
  /** Accessible name of the editable text. */
  statementText: string;
  /** "Act 3", drawn above each Act. */
  act(number: number): string;
  /** "2 organisations", beside the signatories' heading. */
  organisations(count: number): string;
  /** The regional note's label. */
  regionalNote: string;
  /** The regional note's region field (its name and placeholder). */
  region: string;
  /** What an empty line says, by where it sits. */
  placeholders: Record<PlaceholderPlace, string>;
  /** A suggestion's hover text: what it is and, when known, who made it. */
  suggestion(kind: "insertion" | "deletion" | "clauseInsertion" | "clauseDeletion", name: string | null): string;
}

/** The editor's labels in the current interface language (a new object when the language changes). */
export function useStatementLabels(): StatementLabels {
  const intl = useIntl();
  return useMemo(
    () => ({
      statementText: intl.formatMessage(messages.statementText),
      act: (number) => intl.formatMessage(messages.act, { number: String(number) }),
      organisations: (count) => intl.formatMessage(messages.organisations, { count }),
      regionalNote: intl.formatMessage(messages.regionalNote),
      region: intl.formatMessage(messages.region),
      placeholders: {
        actTitle: intl.formatMessage(messages.actTitle),
        clause: intl.formatMessage(messages.clause),
        regionalNote: intl.formatMessage(messages.note),
        listItem: intl.formatMessage(messages.listItem),
        organisation: intl.formatMessage(messages.organisation),
        preamble: intl.formatMessage(messages.preamble),
        signatory: intl.formatMessage(messages.signatory),
        other: intl.formatMessage(messages.other),
      },
      suggestion: (kind, name) => intl.formatMessage(messages.suggestion, { kind, known: name === null ? "no" : "yes", name: name ?? "" }),
    }),
    [intl],
  );
}

/**
 * The labels and the statement's language as the editor's extensions read them: one
 * object per editor page, given to each extension that draws words, which subscribes
 * to redraw them when the page sets new ones (the reader switched language, or a chair
 * changed the statement's language).
 */
export class LiveLabels {
  private readonly listeners = new Set<() => void>();

  constructor(
    private labels: StatementLabels,
    private statementLanguage: Locale,
  ) {}

  get current(): StatementLabels {
    return this.labels;
  }

  /** The statement's own language: the editable text's `lang`, so the browser checks spelling in it. */
  get language(): Locale {
    return this.statementLanguage;
  }

  set(labels: StatementLabels, language: Locale): void {
    if (labels === this.labels && language === this.statementLanguage) return;
    this.labels = labels;
    this.statementLanguage = language;
    for (const listener of this.listeners) listener();
  }

  /** Called after each change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
