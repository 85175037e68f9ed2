import { messageOf } from "../../useAction.js";
import { useState } from "react";
import type { Comment, Thread } from "../../../shared/api.js";
import { deleteReply, deleteThread, editReply, replyToThread, updateThread } from "../../api.js";
import { formatDateTime, formatWhen } from "../../format.js";
import type { ThreadPlace } from "./CommentSidebar.js";

function placeLabel(place: ThreadPlace): string {
  if (place.label) return place.label;
  if (place.clause) return `Clause ${place.clause}`;
  if (place.act !== null) return `Act ${place.act}`;
  return "Outside the Acts";
}

/** One comment: its text (always as text, never HTML), author, time; edit and delete your own. */
function CommentItem(props: { comment: Comment; own: boolean; mayComment: boolean; onEdit: (body: string) => Promise<void>; onDelete: () => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(props.comment.body);
  return (
    <li className="comment">
      <div className="comment__meta">
        <strong>{props.comment.author?.name ?? "Someone"}</strong>
        <span className="muted" title={formatDateTime(props.comment.createdAt)}>
          {formatWhen(props.comment.createdAt)}
          {props.comment.editedAt && " · edited"}
        </span>
      </div>
      {editing ? (
        <>
          <textarea aria-label="Edit comment" value={body} onChange={(e) => setBody(e.target.value)} />
          <div className="thread__actions">
            <button type="button" className="button button--quiet" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <button type="button" className="button button--primary" disabled={!body.trim()} onClick={() => void props.onEdit(body).then(() => setEditing(false))}>
              Save
            </button>
          </div>
        </>
      ) : (
        <p className="comment__body">{props.comment.body}</p>
      )}
      {props.own && props.mayComment && !editing && (
        <div className="comment__own">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" className="link-button" onClick={() => confirm("Delete this comment?") && void props.onDelete()}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}

/** A thread: where it is, the words it was made on, its comments, reply and resolve. */
export function ThreadCard(props: {
  documentId: string;
  thread: Thread;
  place: ThreadPlace;
  accountId: string;
  mayComment: boolean;
  mayResolve: boolean;
  active: boolean;
  onActivate: () => void;
  onChanged: (thread: Thread) => void;
  onRemoved: (threadId: string) => void;
}) {
  const { thread, documentId } = props;
  const [reply, setReply] = useState("");
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<Thread | null>) => {
    setError(null);
    try {
      const result = await action();
      if (result) props.onChanged(result);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const resolved = thread.status === "resolved";
  return (
    <li className={`thread${props.active ? " thread--active" : ""}${resolved ? " thread--resolved" : ""}`} data-thread-card={thread.id}>
      <button type="button" className="thread__head" onClick={props.onActivate} aria-label={`Show ${placeLabel(props.place)} in the text`}>
        <span className="thread__place">{placeLabel(props.place)}</span>
        {thread.group && <span className="chip">{thread.group.name}</span>}
        {props.place.detached && <span className="chip chip--warn">Text deleted</span>}
        {resolved && <span className="chip chip--ok">Resolved</span>}
      </button>
      <blockquote className={`thread__quote${props.place.detached ? " thread__quote--detached" : ""}`}>{thread.quote}</blockquote>
      <ol className="thread__comments">
        {thread.comments.map((comment, index) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            own={comment.author?.id === props.accountId}
            mayComment={props.mayComment}
            onEdit={(body) =>
              run(() => (index === 0 ? updateThread(documentId, thread.id, { body }) : editReply(documentId, thread.id, comment.id, body)))
            }
            onDelete={async () => {
              if (index === 0) {
                await deleteThread(documentId, thread.id);
                if (thread.comments.length === 1) props.onRemoved(thread.id);
              } else {
                await deleteReply(documentId, thread.id, comment.id);
                props.onChanged({ ...thread, comments: thread.comments.filter((c) => c.id !== comment.id) });
              }
            }}
          />
        ))}
      </ol>
      {error && <p role="alert" className="notice notice--error small">{error}</p>}
      {props.mayComment && (
        <form
          className="thread__reply"
          onSubmit={(event) => {
            event.preventDefault();
            if (!reply.trim()) return;
            void run(() => replyToThread(documentId, thread.id, reply)).then(() => setReply(""));
          }}
        >
          <input aria-label="Reply" placeholder="Reply…" value={reply} onChange={(e) => setReply(e.target.value)} />
          {reply.trim() && (
            <button type="submit" className="button button--primary">
              Reply
            </button>
          )}
        </form>
      )}
      {props.mayResolve && (
        <div className="thread__actions">
          <button type="button" className="button button--quiet" onClick={() => void run(() => updateThread(documentId, thread.id, { status: resolved ? "open" : "resolved" }))}>
            {resolved ? "Reopen" : "Resolve"}
          </button>
        </div>
      )}
    </li>
  );
}
