import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { Thread } from "../../../shared/api.js";
import type { Decision } from "../../../shared/schema/suggestionDecisions.js";
import { suggestionStatuses, type SuggestionStatus } from "../../../shared/suggestions.js";
import { colorFor } from "../../../shared/presence.js";
import { useFormats } from "../../i18n/useFormats.js";
import { placeName } from "../comments/placeName.js";
import { FilterSelect } from "../comments/FilterSelect.js";
import { filterCards, idsInScope, type BulkScope, type SuggestionCard, type SuggestionFilter } from "./suggestionCards.js";

type Who = { author: string; place: string };
const messages = defineMessages<{
  title: NoMessageValues;
  pendingCount: { count: number };
  filterAct: NoMessageValues;
  allActs: NoMessageValues;
  filterGroup: NoMessageValues;
  allGroups: NoMessageValues;
  filterAuthor: NoMessageValues;
  allAuthors: NoMessageValues;
  filterStatus: NoMessageValues;
  status: { status: SuggestionStatus | "all" };
  noneYet: NoMessageValues;
  noneMatch: NoMessageValues;
  heading: { kind: SuggestionCard["kind"]; place: string };
  newClause: { words: string };
  deleteClause: { place: string };
  notSaved: NoMessageValues;
  decided: { status: SuggestionStatus; name: string; when: string };
  accept: Who;
  acceptShort: NoMessageValues;
  reject: Who;
  rejectShort: NoMessageValues;
  withdraw: { place: string };
  withdrawShort: NoMessageValues;
  reply: Who;
  replyShort: NoMessageValues;
  openThread: { count: number };
  commentBy: { name: string; body: string };
  bulk: NoMessageValues;
  bulkScope: NoMessageValues;
  bulkAuthor: { author: string };
  bulkClause: { place: string };
  bulkAct: { place: string };
  acceptAll: NoMessageValues;
  rejectAll: NoMessageValues;
  shortcuts: NoMessageValues;
}>({
  title: { id: "suggestions.title", defaultMessage: "Suggestions" },
  pendingCount: { id: "suggestions.pendingCount", defaultMessage: "{count, plural, one {# pending} other {# pending}}" },
  filterAct: { id: "suggestions.filterAct", defaultMessage: "Filter suggestions by Act" },
  allActs: { id: "suggestions.allActs", defaultMessage: "All Acts" },
  filterGroup: { id: "suggestions.filterGroup", defaultMessage: "Filter suggestions by reference group" },
  allGroups: { id: "suggestions.allGroups", defaultMessage: "All groups" },
  filterAuthor: { id: "suggestions.filterAuthor", defaultMessage: "Filter suggestions by author" },
  allAuthors: { id: "suggestions.allAuthors", defaultMessage: "All authors" },
  filterStatus: { id: "suggestions.filterStatus", defaultMessage: "Filter suggestions by status" },
  status: {
    id: "suggestions.status",
    defaultMessage: "{status, select, pending {Pending} accepted {Accepted} rejected {Rejected} withdrawn {Withdrawn} other {All}}",
  },
  noneYet: { id: "suggestions.noneYet", defaultMessage: "No suggestions yet." },
  noneMatch: { id: "suggestions.noneMatch", defaultMessage: "No suggestions match these filters." },
  heading: {
    id: "suggestions.heading",
    defaultMessage:
      "{kind, select, insertion {Addition} deletion {Deletion} replacement {Replacement} clauseInsertion {New clause} clauseDeletion {Clause deletion} other {Suggestion}}, {place}",
  },
  newClause: { id: "suggestions.newClause", defaultMessage: "New clause: {words}" },
  deleteClause: { id: "suggestions.deleteClause", defaultMessage: "Delete {place}" },
  notSaved: { id: "suggestions.notSaved", defaultMessage: "Not yet saved" },
  decided: {
    id: "suggestions.decided",
    defaultMessage: "{status, select, accepted {Accepted} rejected {Rejected} withdrawn {Withdrawn} other {Decided}} by {name}, {when}",
  },
  accept: { id: "suggestions.accept", defaultMessage: "Accept the suggestion by {author} in {place}" },
  acceptShort: { id: "suggestions.acceptShort", defaultMessage: "Accept" },
  reject: { id: "suggestions.reject", defaultMessage: "Reject the suggestion by {author} in {place}" },
  rejectShort: { id: "suggestions.rejectShort", defaultMessage: "Reject" },
  withdraw: { id: "suggestions.withdraw", defaultMessage: "Withdraw your suggestion in {place}" },
  withdrawShort: { id: "suggestions.withdrawShort", defaultMessage: "Withdraw" },
  reply: { id: "suggestions.reply", defaultMessage: "Reply to the suggestion by {author} in {place}" },
  replyShort: { id: "suggestions.replyShort", defaultMessage: "Reply" },
  openThread: { id: "suggestions.openThread", defaultMessage: "{count, plural, one {Show the comment} other {Show the # comments}}" },
  commentBy: { id: "suggestions.commentBy", defaultMessage: "{name}: {body}" },
  bulk: { id: "suggestions.bulk", defaultMessage: "Decide several" },
  bulkScope: { id: "suggestions.bulkScope", defaultMessage: "Which suggestions" },
  bulkAuthor: { id: "suggestions.bulkAuthor", defaultMessage: "All by {author}" },
  bulkClause: { id: "suggestions.bulkClause", defaultMessage: "All in {place}" },
  bulkAct: { id: "suggestions.bulkAct", defaultMessage: "All in {place}" },
  acceptAll: { id: "suggestions.acceptAll", defaultMessage: "Accept all" },
  rejectAll: { id: "suggestions.rejectAll", defaultMessage: "Reject all" },
  shortcuts: {
    id: "suggestions.shortcuts",
    defaultMessage: "On a suggestion: Enter shows it in the text, A accepts, R rejects, arrow keys move between suggestions.",
  },
});

/** Between the author, their group and the time. */
const SEPARATOR = " · ";
/** The arrow between struck and suggested words, pointing the reading way. */
const ARROW = { ltr: "→", rtl: "←" } as const;

/** A bulk scope as a select's value, and back. */
const scopeValue = (scope: BulkScope) => (scope.kind === "author" ? `author:${scope.authorId}` : scope.kind === "clause" ? `clause:${scope.clause}` : `act:${scope.act}`);
function scopeOf(value: string): BulkScope | null {
  const [kind, rest] = [value.slice(0, value.indexOf(":")), value.slice(value.indexOf(":") + 1)];
  if (kind === "author") return { kind, authorId: rest };
  if (kind === "clause") return { kind, clause: rest };
  if (kind === "act") return { kind, act: Number(rest) };
  return null;
}

/**
 * Suggestions beside the statement: a card per suggestion (the proposed change, who,
 * which group, when, where), its comments, and for those who decide, Accept and Reject,
 * one or several at a time. Pending ones show by default; decided ones under the status filter.
 */
export function SuggestionPanel(props: {
  cards: SuggestionCard[];
  /** Names of accounts known here (for suggestions the server does not know yet). */
  names: Map<string, string>;
  actNumbers: number[];
  mayDecide: boolean;
  mayComment: boolean;
  /** The viewer's account: the author of a pending suggestion may withdraw it (rejecting one's own is allowed to every suggester). */
  me: string;
  mayWithdraw: boolean;
  active: string | null;
  threadsOf: (card: SuggestionCard) => Thread[];
  direction: "ltr" | "rtl";
  onShow: (card: SuggestionCard) => void;
  onDecide: (decision: Decision, ids: ReadonlySet<string>) => void;
  onReply: (card: SuggestionCard) => void;
  onOpenThread: (threadId: string) => void;
  /** A suggestion to show whatever the filters (a link to it was opened): the filters that hide it are reset, once. */
  reveal?: string | null;
}) {
  const intl = useIntl();
  const formats = useFormats();
  const [filter, setFilter] = useState<SuggestionFilter>({ act: "all", group: "all", author: "all", status: "pending" });
  const [scope, setScope] = useState<string>("");
  const { cards } = props;
  const visible = filterCards(cards, filter);
  const pending = cards.filter((card) => card.status === "pending");
  const revealed = useRef<string | null>(null);
  const toReveal = props.reveal ? cards.find((card) => card.id === props.reveal) : undefined;
  useEffect(() => {
    if (!toReveal || revealed.current === toReveal.id) return;
    revealed.current = toReveal.id;
    if (filterCards([toReveal], filter).length === 0) setFilter({ act: "all", group: "all", author: "all", status: "all" });
  }, [toReveal, filter]);
  const authorName = (card: SuggestionCard) => card.authorName ?? (card.authorId !== null ? props.names.get(card.authorId) : undefined) ?? intl.formatMessage(messages.notSaved);
  const placeOf = (card: SuggestionCard) =>
    card.clause !== null
      ? placeName(intl, { kind: "clause", act: card.act ?? 0, clause: card.clause })
      : card.act !== null
        ? placeName(intl, { kind: "act", act: card.act, clause: null })
        : placeName(intl, { kind: "statement", act: null, clause: null });

  const groups = useMemo(() => new Map(cards.flatMap((c) => (c.group ? [[c.group.id, c.group.name] as const] : []))), [cards]);
  const authors = new Map(cards.flatMap((c) => (c.authorId !== null ? [[c.authorId, authorName(c)] as const] : [])));
  const scopes: { value: string; label: string }[] = [
    ...[...new Map(pending.flatMap((c) => (c.authorId !== null ? [[c.authorId, authorName(c)] as const] : [])))].map(([authorId, author]) => ({
      value: scopeValue({ kind: "author", authorId }),
      label: intl.formatMessage(messages.bulkAuthor, { author }),
    })),
    ...[...new Set(pending.flatMap((c) => (c.clause !== null ? [c.clause] : [])))].map((clause) => ({
      value: scopeValue({ kind: "clause", clause }),
      label: intl.formatMessage(messages.bulkClause, { place: placeName(intl, { kind: "clause", act: 0, clause }) }),
    })),
    ...[...new Set(pending.flatMap((c) => (c.act !== null ? [c.act] : [])))].map((act) => ({
      value: scopeValue({ kind: "act", act }),
      label: intl.formatMessage(messages.bulkAct, { place: placeName(intl, { kind: "act", act, clause: null }) }),
    })),
  ];
  const chosenScope = scopes.some((s) => s.value === scope) ? scope : (scopes[0]?.value ?? "");
  const decideScope = (decision: Decision) => {
    const picked = scopeOf(chosenScope);
    if (picked) props.onDecide(decision, idsInScope(cards, picked));
  };

  const onCardKey = (event: KeyboardEvent<HTMLElement>, card: SuggestionCard) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    const focused = event.currentTarget;
    const move = (step: number) => {
      const all = [...document.querySelectorAll<HTMLElement>(".suggestions [data-suggestion-card]")];
      const next = all[all.indexOf(focused) + step];
      next?.focus();
      return next !== undefined;
    };
    if (event.key === "Enter" && card.range) props.onShow(card);
    else if (key === "a" && props.mayDecide && card.status === "pending") props.onDecide("accept", new Set([card.id]));
    else if (key === "r" && props.mayDecide && card.status === "pending") props.onDecide("reject", new Set([card.id]));
    else if (event.key === "ArrowDown") move(1);
    else if (event.key === "ArrowUp") move(-1);
    else return;
    event.preventDefault();
    // After deciding, the card goes: the next one (else the one before) takes the focus.
    if ((key === "a" || key === "r") && !move(1)) move(-1);
  };

  const setOne = <K extends keyof SuggestionFilter>(key: K, value: SuggestionFilter[K]) => setFilter((current) => ({ ...current, [key]: value }));
  const shortcutsId = "suggestion-shortcuts";
  return (
    <section className="suggestions" aria-label={intl.formatMessage(messages.title)}>
      <header className="comments__header">
        <h2>{intl.formatMessage(messages.title)}</h2>
        <span className="muted small">{intl.formatMessage(messages.pendingCount, { count: pending.length })}</span>
      </header>
      <div className="comments__filters">
        <FilterSelect
          label={intl.formatMessage(messages.filterAct)}
          allLabel={intl.formatMessage(messages.allActs)}
          value={String(filter.act)}
          options={props.actNumbers.map((n) => [String(n), placeName(intl, { kind: "act", act: n, clause: null })] as const)}
          onChange={(value) => setOne("act", value === "all" ? "all" : Number(value))}
        />
        <select aria-label={intl.formatMessage(messages.filterStatus)} value={filter.status} onChange={(e) => setOne("status", e.target.value as SuggestionFilter["status"])}>
          {[...suggestionStatuses, "all" as const].map((status) => (
            <option key={status} value={status}>
              {intl.formatMessage(messages.status, { status })}
            </option>
          ))}
        </select>
        <FilterSelect label={intl.formatMessage(messages.filterGroup)} allLabel={intl.formatMessage(messages.allGroups)} value={filter.group} options={groups} onChange={(value) => setOne("group", value)} />
        <FilterSelect label={intl.formatMessage(messages.filterAuthor)} allLabel={intl.formatMessage(messages.allAuthors)} value={filter.author} options={authors} onChange={(value) => setOne("author", value)} />
      </div>
      {props.mayDecide && scopes.length > 0 && (
        <div className="suggestions__bulk" role="group" aria-label={intl.formatMessage(messages.bulk)}>
          <select aria-label={intl.formatMessage(messages.bulkScope)} value={chosenScope} onChange={(e) => setScope(e.target.value)}>
            {scopes.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
          <button type="button" className="button button--quiet small" onClick={() => decideScope("accept")}>
            {intl.formatMessage(messages.acceptAll)}
          </button>
          <button type="button" className="button button--quiet small" onClick={() => decideScope("reject")}>
            {intl.formatMessage(messages.rejectAll)}
          </button>
        </div>
      )}
      <p id={shortcutsId} className="visually-hidden">
        {intl.formatMessage(messages.shortcuts)}
      </p>
      <ol className="suggestions__list">
        {visible.map((card) => {
          const author = authorName(card);
          const place = placeOf(card);
          const headingId = `suggestion-heading-${card.id}`;
          const threads = props.threadsOf(card);
          return (
            <li key={card.id}>
              <article
                className={`suggestion-card suggestion-card--${card.status}${props.active === card.id ? " suggestion-card--active" : ""}`}
                aria-labelledby={headingId}
                aria-describedby={shortcutsId}
                aria-current={props.active === card.id ? "true" : undefined}
                aria-keyshortcuts={props.mayDecide && card.status === "pending" ? "Enter A R ArrowDown ArrowUp" : "Enter ArrowDown ArrowUp"}
                data-suggestion-card={card.id}
                tabIndex={0}
                onKeyDown={(e) => onCardKey(e, card)}
              >
                <h3 id={headingId} className="suggestion-card__heading">
                  <button type="button" className="thread__head" disabled={!card.range} onClick={() => props.onShow(card)}>
                    <span className="thread__place">{intl.formatMessage(messages.heading, { kind: card.kind, place })}</span>
                  </button>
                </h3>
                <p className="suggestion-card__change">
                  {card.kind === "clauseInsertion" ? (
                    <ins>{intl.formatMessage(messages.newClause, { words: card.inserted })}</ins>
                  ) : card.kind === "clauseDeletion" ? (
                    <del>{intl.formatMessage(messages.deleteClause, { place })}</del>
                  ) : (
                    <>
                      {card.deleted !== "" && <del>{card.deleted}</del>}
                      {card.kind === "replacement" && <span aria-hidden="true"> {ARROW[props.direction]} </span>}
                      {card.inserted !== "" && <ins>{card.inserted}</ins>}
                    </>
                  )}
                </p>
                <p className="suggestion-card__who small">
                  <span className="suggestion-card__dot" aria-hidden="true" style={{ background: card.authorId !== null ? colorFor(card.authorId) : undefined }} />
                  <span className="suggestion-card__author">{author}</span>
                  {card.group && <span className="muted">
                      {SEPARATOR}
                      {card.group.name}
                    </span>}
                  {card.createdAt && (
                    <time className="muted" dateTime={card.createdAt} title={formats.dateTime(card.createdAt)}>
                      {SEPARATOR}
                      {formats.when(card.createdAt)}
                    </time>
                  )}
                </p>
                {card.status !== "pending" && card.decidedBy && card.decidedAt && (
                  <p className="suggestion-card__decided small muted">
                    {intl.formatMessage(messages.decided, { status: card.status, name: card.decidedBy.name, when: formats.dateTime(card.decidedAt) })}
                  </p>
                )}
                {threads.length > 0 && (
                  <ul className="suggestion-card__threads small">
                    {threads.map((thread) => (
                      <li key={thread.id}>
                        <button type="button" className="button button--quiet small" onClick={() => props.onOpenThread(thread.id)}>
                          {intl.formatMessage(messages.openThread, { count: thread.comments.length })}
                        </button>
                        <span className="suggestion-card__comment">
                          {intl.formatMessage(messages.commentBy, { name: thread.comments[0]?.author?.name ?? "", body: thread.comments[0]?.body ?? "" })}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
                {card.status === "pending" && (props.mayDecide || props.mayComment || (props.mayWithdraw && card.authorId === props.me)) && (
                  <div className="thread__actions">
                    {props.mayComment && card.range && (
                      <button type="button" className="button button--quiet" aria-label={intl.formatMessage(messages.reply, { author, place })} onClick={() => props.onReply(card)}>
                        {intl.formatMessage(messages.replyShort)}
                      </button>
                    )}
                    {!props.mayDecide && props.mayWithdraw && card.authorId === props.me && (
                      <button type="button" className="button button--quiet" aria-label={intl.formatMessage(messages.withdraw, { place })} onClick={() => props.onDecide("reject", new Set([card.id]))}>
                        {intl.formatMessage(messages.withdrawShort)}
                      </button>
                    )}
                    {props.mayDecide && (
                      <>
                        <button type="button" className="button button--quiet" aria-label={intl.formatMessage(messages.reject, { author, place })} onClick={() => props.onDecide("reject", new Set([card.id]))}>
                          {intl.formatMessage(messages.rejectShort)}
                        </button>
                        <button type="button" className="button button--primary" aria-label={intl.formatMessage(messages.accept, { author, place })} onClick={() => props.onDecide("accept", new Set([card.id]))}>
                          {intl.formatMessage(messages.acceptShort)}
                        </button>
                      </>
                    )}
                  </div>
                )}
              </article>
            </li>
          );
        })}
        {visible.length === 0 && <li className="muted small suggestions__empty">{intl.formatMessage(cards.length === 0 ? messages.noneYet : messages.noneMatch)}</li>}
      </ol>
    </section>
  );
}
