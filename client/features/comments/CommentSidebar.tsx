import { useFailure } from "../../useAction.js";
import { useEffect, useMemo, useRef, useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { Anchor, Thread } from "../../../shared/api.js";
import { placeOfNumbers, type TextPlace } from "../../../shared/comments/places.js";
import { canComment, canResolve, type Role } from "../../../shared/roles.js";
import { createThread, threadExportUrl } from "../../api.js";
import { placeName } from "./placeName.js";
import { ThreadCard } from "./ThreadCard.js";
import { FilterSelect } from "./FilterSelect.js";
import { MentionField } from "./MentionField.js";
import { mentionsInText, type MentionCandidate } from "./mentionText.js";
import { useMentionCandidates } from "./useMentionCandidates.js";

/** What each message is given (none for most). */
type Values = {
  title: NoMessageValues;
  openCount: { count: number };
  filterAct: NoMessageValues;
  allActs: NoMessageValues;
  filterStatus: NoMessageValues;
  statusOpen: NoMessageValues;
  statusResolved: NoMessageValues;
  statusAll: NoMessageValues;
  filterGroup: NoMessageValues;
  allGroups: NoMessageValues;
  filterAuthor: NoMessageValues;
  allAuthors: NoMessageValues;
  newComment: NoMessageValues;
  newCommentPlaceholder: NoMessageValues;
  cancel: NoMessageValues;
  comment: NoMessageValues;
  noneYet: NoMessageValues;
  noneMatch: NoMessageValues;
  exportAnonymous: NoMessageValues;
  export: NoMessageValues;
};

const messages = defineMessages<Values>({
  title: { id: "comments.title", defaultMessage: "Comments" },
  openCount: { id: "comments.openCount", defaultMessage: "{count, plural, one {# open} other {# open}}" },
  filterAct: { id: "comments.filterAct", defaultMessage: "Filter by Act" },
  allActs: { id: "comments.allActs", defaultMessage: "All Acts" },
  filterStatus: { id: "comments.filterStatus", defaultMessage: "Filter by status" },
  statusOpen: { id: "comments.statusOpen", defaultMessage: "Open" },
  statusResolved: { id: "comments.statusResolved", defaultMessage: "Resolved" },
  statusAll: { id: "comments.statusAll", defaultMessage: "All" },
  filterGroup: { id: "comments.filterGroup", defaultMessage: "Filter by reference group" },
  allGroups: { id: "comments.allGroups", defaultMessage: "All groups" },
  filterAuthor: { id: "comments.filterAuthor", defaultMessage: "Filter by author" },
  allAuthors: { id: "comments.allAuthors", defaultMessage: "All authors" },
  newComment: { id: "comments.newComment", defaultMessage: "New comment" },
  newCommentPlaceholder: { id: "comments.newCommentPlaceholder", defaultMessage: "Comment on these words…" },
  cancel: { id: "comments.cancel", defaultMessage: "Cancel" },
  comment: { id: "comments.comment", defaultMessage: "Comment" },
  noneYet: { id: "comments.noneYet", defaultMessage: "No comments yet. Select words anywhere in the statement and press Comment." },
  noneMatch: { id: "comments.noneMatch", defaultMessage: "No comments match these filters." },
  exportAnonymous: { id: "comments.exportAnonymous", defaultMessage: "Leave authors out (Chatham House)" },
  export: { id: "comments.export", defaultMessage: "Export comments (Markdown)" },
});

/**
 * Where a thread is now: in the live text once the editor has placed it (with its rank in
 * document order), else as the server last stored it. Derived, not stored.
 */
export type ThreadPlace = TextPlace & { detached: boolean; pos?: number };

/** A comment being written on some selected words. */
export interface PendingComment {
  anchor: Anchor;
  quote: string;
}

type StatusFilter = "open" | "resolved" | "all";

/** Comments beside the statement: filters, the new-comment composer, the threads. */
export function CommentSidebar(props: {
  documentId: string;
  workspaceId: string;
  threads: Thread[];
  places: Map<string, ThreadPlace>;
  actNumbers: number[];
  accountId: string;
  role: Role;
  pending: PendingComment | null;
  active: string | null;
  onActivate: (threadId: string) => void;
  /** A thread to show whatever the filters (a link to it was opened): the filters that hide it are reset, once. */
  reveal?: string | null;
  onPendingDone: () => void;
  onChanged: (thread: Thread) => void;
  onRemoved: (threadId: string) => void;
}) {
  const [act, setAct] = useState<string>("all");
  const [group, setGroup] = useState<string>("all");
  const [status, setStatus] = useState<StatusFilter>("open");
  const [author, setAuthor] = useState<string>("all");
  const [draft, setDraft] = useState("");
  const [chosen, setChosen] = useState<MentionCandidate[]>([]);
  const { candidates, refresh: refreshCandidates } = useMentionCandidates(props.workspaceId, props.accountId);
  const [error, setError] = useFailure();
  const [anonymousExport, setAnonymousExport] = useState(false);
  const intl = useIntl();

  const placeOf = (thread: Thread): ThreadPlace =>
    props.places.get(thread.id) ?? { ...placeOfNumbers(thread.act?.number, thread.clause?.number), detached: thread.detached };
  const groups = useMemo(() => new Map(props.threads.flatMap((t) => (t.group ? [[t.group.id, t.group.name] as const] : []))), [props.threads]);
  const authors = useMemo(() => new Map(props.threads.flatMap((t) => (t.createdBy ? [[t.createdBy.id, t.createdBy.name] as const] : []))), [props.threads]);
  const visible = props.threads.filter((thread) => {
    const place = placeOf(thread);
    return (
      (act === "all" || String(place.act) === act) &&
      (group === "all" || thread.group?.id === group) &&
      (status === "all" || thread.status === status) &&
      (author === "all" || thread.createdBy?.id === author)
    );
  });
  const revealed = useRef<string | null>(null);
  const toReveal = props.reveal ? props.threads.find((thread) => thread.id === props.reveal) : undefined;
  const revealAct = toReveal ? placeOf(toReveal).act : undefined;
  useEffect(() => {
    if (!toReveal || revealed.current === toReveal.id) return;
    revealed.current = toReveal.id;
    if (act !== "all" && String(revealAct) !== act) setAct("all");
    if (group !== "all" && toReveal.group?.id !== group) setGroup("all");
    if (status !== "all" && toReveal.status !== status) setStatus("all");
    if (author !== "all" && toReveal.createdBy?.id !== author) setAuthor("all");
  }, [toReveal, revealAct, act, group, status, author]);
  const sortKey = (thread: Thread) => {
    const place = placeOf(thread);
    const [a, c] = (place.clause ?? `${place.act ?? 99}.0`).split(".").map(Number);
    return (a ?? 99) * 10_000 + (c ?? 0);
  };
  // In the statement's order: by position in the live text once known (the title first).
  const order = (a: Thread, b: Thread) => {
    const [pa, pb] = [placeOf(a).pos, placeOf(b).pos];
    return pa !== undefined && pb !== undefined ? pa - pb : sortKey(a) - sortKey(b);
  };
  visible.sort((a, b) => order(a, b) || a.createdAt.localeCompare(b.createdAt));

  async function submit() {
    if (!props.pending || draft.trim() === "") return;
    setError(null);
    try {
      const mentions = mentionsInText(draft, chosen);
      const created = await createThread(props.documentId, { body: draft, anchor: props.pending.anchor, quote: props.pending.quote, mentions });
      props.onChanged(created);
      props.onPendingDone();
      setDraft("");
      setChosen([]);
      props.onActivate(created.id);
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <section className="comments" aria-label={intl.formatMessage(messages.title)}>
      <header className="comments__header">
        <h2>{intl.formatMessage(messages.title)}</h2>
        <span className="muted small">{intl.formatMessage(messages.openCount, { count: props.threads.filter((t) => t.status === "open").length })}</span>
      </header>
      <div className="comments__filters">
        <FilterSelect
          label={intl.formatMessage(messages.filterAct)}
          allLabel={intl.formatMessage(messages.allActs)}
          value={act}
          options={props.actNumbers.map((n) => [String(n), placeName(intl, { kind: "act", act: n, clause: null })] as const)}
          onChange={setAct}
        />
        <select aria-label={intl.formatMessage(messages.filterStatus)} value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
          <option value="open">{intl.formatMessage(messages.statusOpen)}</option>
          <option value="resolved">{intl.formatMessage(messages.statusResolved)}</option>
          <option value="all">{intl.formatMessage(messages.statusAll)}</option>
        </select>
        <FilterSelect label={intl.formatMessage(messages.filterGroup)} allLabel={intl.formatMessage(messages.allGroups)} value={group} options={groups} onChange={setGroup} />
        <FilterSelect label={intl.formatMessage(messages.filterAuthor)} allLabel={intl.formatMessage(messages.allAuthors)} value={author} options={authors} onChange={setAuthor} />
      </div>

      {props.pending && (
        <div className="thread thread--new">
          <blockquote className="thread__quote">{props.pending.quote}</blockquote>
          <MentionField
            label={intl.formatMessage(messages.newComment)}
            placeholder={intl.formatMessage(messages.newCommentPlaceholder)}
            value={draft}
            autoFocus
            candidates={candidates}
            onMentionStart={refreshCandidates}
            onChoose={(candidate) => setChosen((list) => [...list, candidate])}
            onChange={setDraft}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void submit();
              if (e.key === "Escape") props.onPendingDone();
            }}
          />
          {error && <p role="alert" className="notice notice--error small">{error}</p>}
          <div className="thread__actions">
            <button type="button" className="button button--quiet" onClick={props.onPendingDone}>
              {intl.formatMessage(messages.cancel)}
            </button>
            <button type="button" className="button button--primary" disabled={draft.trim() === ""} onClick={() => void submit()}>
              {intl.formatMessage(messages.comment)}
            </button>
          </div>
        </div>
      )}

      <ol className="comments__list">
        {visible.map((thread) => (
          <ThreadCard
            key={thread.id}
            documentId={props.documentId}
            thread={thread}
            candidates={candidates}
            onMentionStart={refreshCandidates}
            place={placeOf(thread)}
            accountId={props.accountId}
            mayComment={canComment(props.role)}
            mayResolve={canResolve(props.role, thread.createdBy?.id === props.accountId)}
            active={props.active === thread.id}
            onActivate={() => props.onActivate(thread.id)}
            onChanged={props.onChanged}
            onRemoved={props.onRemoved}
          />
        ))}
        {visible.length === 0 && <li className="muted small comments__empty">{intl.formatMessage(props.threads.length === 0 ? messages.noneYet : messages.noneMatch)}</li>}
      </ol>

      <footer className="comments__export">
        <label className="checkbox small">
          <input type="checkbox" checked={anonymousExport} onChange={(e) => setAnonymousExport(e.target.checked)} />
          {intl.formatMessage(messages.exportAnonymous)}
        </label>
        <a className="button button--quiet small" href={threadExportUrl(props.documentId, !anonymousExport)} download>
          {intl.formatMessage(messages.export)}
        </a>
      </footer>
    </section>
  );
}
