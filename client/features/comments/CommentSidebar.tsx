import { messageOf } from "../../useAction.js";
import { useMemo, useState } from "react";
import type { Anchor, Thread } from "../../../shared/api.js";
import { canComment, canResolve, type Role } from "../../../shared/roles.js";
import { createThread, threadExportUrl } from "../../api.js";
import { ThreadCard } from "./ThreadCard.js";

/** Where a thread is now in the live text (derived from the editor, not stored). */
export interface ThreadPlace {
  act: number | null;
  clause: string | null;
  detached: boolean;
  /** Its name ("Clause 9.1", "Title"...) and rank in document order, once the live text has placed it. */
  label?: string;
  pos?: number;
}

/** A comment being written on some selected words. */
export interface PendingComment {
  anchor: Anchor;
  quote: string;
}

type StatusFilter = "open" | "resolved" | "all";

/** Comments beside the statement: filters, the new-comment composer, the threads. */
export function CommentSidebar(props: {
  documentId: string;
  threads: Thread[];
  places: Map<string, ThreadPlace>;
  actNumbers: number[];
  accountId: string;
  role: Role;
  pending: PendingComment | null;
  active: string | null;
  onActivate: (threadId: string) => void;
  onPendingDone: () => void;
  onChanged: (thread: Thread) => void;
  onRemoved: (threadId: string) => void;
}) {
  const [act, setAct] = useState<string>("all");
  const [group, setGroup] = useState<string>("all");
  const [status, setStatus] = useState<StatusFilter>("open");
  const [author, setAuthor] = useState<string>("all");
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [anonymousExport, setAnonymousExport] = useState(false);

  const placeOf = (thread: Thread): ThreadPlace =>
    props.places.get(thread.id) ?? { act: thread.act?.number ?? null, clause: thread.clause?.number ?? null, detached: thread.detached };
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
      const created = await createThread(props.documentId, { body: draft, anchor: props.pending.anchor, quote: props.pending.quote });
      props.onChanged(created);
      props.onPendingDone();
      setDraft("");
      props.onActivate(created.id);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <section className="comments" aria-label="Comments">
      <header className="comments__header">
        <h2>Comments</h2>
        <span className="muted small">{props.threads.filter((t) => t.status === "open").length} open</span>
      </header>
      <div className="comments__filters">
        <select aria-label="Filter by Act" value={act} onChange={(e) => setAct(e.target.value)}>
          <option value="all">All Acts</option>
          {props.actNumbers.map((n) => (
            <option key={n} value={String(n)}>
              Act {n}
            </option>
          ))}
        </select>
        <select aria-label="Filter by status" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
          <option value="open">Open</option>
          <option value="resolved">Resolved</option>
          <option value="all">All</option>
        </select>
        <select aria-label="Filter by reference group" value={group} onChange={(e) => setGroup(e.target.value)}>
          <option value="all">All groups</option>
          {[...groups].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <select aria-label="Filter by author" value={author} onChange={(e) => setAuthor(e.target.value)}>
          <option value="all">All authors</option>
          {[...authors].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </div>

      {props.pending && (
        <div className="thread thread--new">
          <blockquote className="thread__quote">{props.pending.quote}</blockquote>
          <textarea
            aria-label="New comment"
            placeholder="Comment on these words…"
            value={draft}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void submit();
              if (e.key === "Escape") props.onPendingDone();
            }}
          />
          {error && <p role="alert" className="notice notice--error small">{error}</p>}
          <div className="thread__actions">
            <button type="button" className="button button--quiet" onClick={props.onPendingDone}>
              Cancel
            </button>
            <button type="button" className="button button--primary" disabled={draft.trim() === ""} onClick={() => void submit()}>
              Comment
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
        {visible.length === 0 && <li className="muted small comments__empty">{props.threads.length === 0 ? "No comments yet. Select words anywhere in the statement and press Comment." : "No comments match these filters."}</li>}
      </ol>

      <footer className="comments__export">
        <label className="checkbox small">
          <input type="checkbox" checked={anonymousExport} onChange={(e) => setAnonymousExport(e.target.checked)} />
          Leave authors out (Chatham House)
        </label>
        <a className="button button--quiet small" href={threadExportUrl(props.documentId, !anonymousExport)} download>
          Export comments (Markdown)
        </a>
      </footer>
    </section>
  );
}
