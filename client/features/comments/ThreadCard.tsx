import { useFailure } from "../../useAction.js";
import { useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { Comment, MentionRef, Thread } from "../../../shared/api.js";
import { deleteReply, deleteThread, editReply, replyToThread, updateThread } from "../../api.js";
import { useFormats } from "../../i18n/useFormats.js";
import type { ThreadPlace } from "./CommentSidebar.js";
import { placeName } from "./placeName.js";
import { MentionField } from "./MentionField.js";
import { mentionsInText, splitMentions, type MentionCandidate } from "./mentionText.js";

/** What each message is given (none for most). */
type Values = {
  someone: NoMessageValues;
  editedWhen: { when: string };
  editComment: NoMessageValues;
  cancel: NoMessageValues;
  save: NoMessageValues;
  edit: NoMessageValues;
  delete: NoMessageValues;
  confirmDelete: NoMessageValues;
  showInText: { place: string };
  textDeleted: NoMessageValues;
  resolved: NoMessageValues;
  reply: NoMessageValues;
  replyPlaceholder: NoMessageValues;
  resolve: NoMessageValues;
  reopen: NoMessageValues;
};

const messages = defineMessages<Values>({
  someone: { id: "comments.someone", defaultMessage: "Someone" },
  editedWhen: { id: "comments.editedWhen", defaultMessage: "{when} · edited" },
  editComment: { id: "comments.editComment", defaultMessage: "Edit comment" },
  cancel: { id: "comments.cancel", defaultMessage: "Cancel" },
  save: { id: "comments.save", defaultMessage: "Save" },
  edit: { id: "comments.edit", defaultMessage: "Edit" },
  delete: { id: "comments.delete", defaultMessage: "Delete" },
  confirmDelete: { id: "comments.confirmDelete", defaultMessage: "Delete this comment?" },
  showInText: { id: "comments.showInText", defaultMessage: "Show {place} in the text" },
  textDeleted: { id: "comments.textDeleted", defaultMessage: "Text deleted" },
  resolved: { id: "comments.resolved", defaultMessage: "Resolved" },
  reply: { id: "comments.reply", defaultMessage: "Reply" },
  replyPlaceholder: { id: "comments.replyPlaceholder", defaultMessage: "Reply…" },
  resolve: { id: "comments.resolve", defaultMessage: "Resolve" },
  reopen: { id: "comments.reopen", defaultMessage: "Reopen" },
});

/** A comment's text, its mentions shown as names: text only, never HTML. */
function CommentBody(props: { comment: Comment }) {
  return (
    <p className="comment__body">
      {splitMentions(props.comment.body, props.comment.mentions).map((piece, index) =>
        piece.mention ? (
          <span key={index} className="mention" data-mention={`${piece.mention.kind}:${piece.mention.id}`}>
            {piece.text}
          </span>
        ) : (
          piece.text
        ),
      )}
    </p>
  );
}

/** One comment: its text (always as text, never HTML), author, time; edit and delete your own. */
function CommentItem(props: {
  comment: Comment;
  own: boolean;
  mayComment: boolean;
  candidates: readonly MentionCandidate[];
  onMentionStart: () => void;
  onEdit: (body: string, mentions: MentionRef[]) => Promise<void>;
  onDelete: () => Promise<void>;
}) {
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(props.comment.body);
  // Its mentions so far, and those chosen while editing: sent if still in the text.
  const [chosen, setChosen] = useState<MentionCandidate[]>(() => props.comment.mentions ?? []);
  const intl = useIntl();
  const formats = useFormats();
  const when = formats.when(props.comment.createdAt);
  return (
    <li className="comment">
      <div className="comment__meta">
        <strong>{props.comment.author?.name ?? intl.formatMessage(messages.someone)}</strong>
        <span className="muted" title={formats.dateTime(props.comment.createdAt)}>
          {props.comment.editedAt ? intl.formatMessage(messages.editedWhen, { when }) : when}
        </span>
      </div>
      {editing ? (
        <>
          <MentionField
            label={intl.formatMessage(messages.editComment)}
            value={body}
            candidates={props.candidates}
            onMentionStart={props.onMentionStart}
            onChoose={(candidate) => setChosen((list) => [...list, candidate])}
            onChange={setBody}
          />
          <div className="thread__actions">
            <button type="button" className="button button--quiet" onClick={() => setEditing(false)}>
              {intl.formatMessage(messages.cancel)}
            </button>
            <button type="button" className="button button--primary" disabled={!body.trim()} onClick={() => void props.onEdit(body, mentionsInText(body, chosen)).then(() => setEditing(false))}>
              {intl.formatMessage(messages.save)}
            </button>
          </div>
        </>
      ) : (
        <CommentBody comment={props.comment} />
      )}
      {props.own && props.mayComment && !editing && (
        <div className="comment__own">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {intl.formatMessage(messages.edit)}
          </button>
          <button type="button" className="link-button" onClick={() => confirm(intl.formatMessage(messages.confirmDelete)) && void props.onDelete()}>
            {intl.formatMessage(messages.delete)}
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
  /** Whom a reply can mention, and asking for them again. */
  candidates: readonly MentionCandidate[];
  onMentionStart: () => void;
  accountId: string;
  mayComment: boolean;
  mayResolve: boolean;
  active: boolean;
  onActivate: () => void;
  onChanged: (thread: Thread) => void;
  onRemoved: (threadId: string) => void;
}) {
  const { thread, documentId } = props;
  const intl = useIntl();
  const place = placeName(intl, props.place);
  const [reply, setReply] = useState("");
  const [chosen, setChosen] = useState<MentionCandidate[]>([]);
  const [error, setError] = useFailure();
  const run = async (action: () => Promise<Thread | null>) => {
    setError(null);
    try {
      const result = await action();
      if (result) props.onChanged(result);
    } catch (failure) {
      setError(failure);
    }
  };
  const resolved = thread.status === "resolved";
  const sendReply = () => {
    if (!reply.trim()) return;
    const mentions = mentionsInText(reply, chosen);
    void run(() => replyToThread(documentId, thread.id, { body: reply, mentions })).then(() => {
      setReply("");
      setChosen([]);
    });
  };
  return (
    <li className={`thread${props.active ? " thread--active" : ""}${resolved ? " thread--resolved" : ""}`} data-thread-card={thread.id}>
      <button type="button" className="thread__head" onClick={props.onActivate} aria-label={intl.formatMessage(messages.showInText, { place })}>
        <span className="thread__place">{place}</span>
        {thread.group && <span className="chip">{thread.group.name}</span>}
        {props.place.detached && <span className="chip chip--warn">{intl.formatMessage(messages.textDeleted)}</span>}
        {resolved && <span className="chip chip--ok">{intl.formatMessage(messages.resolved)}</span>}
      </button>
      <blockquote className={`thread__quote${props.place.detached ? " thread__quote--detached" : ""}`}>{thread.quote}</blockquote>
      <ol className="thread__comments">
        {thread.comments.map((comment, index) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            own={comment.author?.id === props.accountId}
            mayComment={props.mayComment}
            candidates={props.candidates}
            onMentionStart={props.onMentionStart}
            onEdit={(body, mentions) =>
              run(() => (index === 0 ? updateThread(documentId, thread.id, { body, mentions }) : editReply(documentId, thread.id, comment.id, { body, mentions })))
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
            sendReply();
          }}
        >
          <MentionField
            label={intl.formatMessage(messages.reply)}
            placeholder={intl.formatMessage(messages.replyPlaceholder)}
            value={reply}
            rows={1}
            candidates={props.candidates}
            onMentionStart={props.onMentionStart}
            onChoose={(candidate) => setChosen((list) => [...list, candidate])}
            onChange={setReply}
            onKeyDown={(event) => {
              // Enter sends, as in a one-line box; Shift+Enter starts a new line.
              if (event.key === "Enter" && !event.shiftKey) {
                event.preventDefault();
                sendReply();
              }
            }}
          />
          {reply.trim() && (
            <button type="submit" className="button button--primary">
              {intl.formatMessage(messages.reply)}
            </button>
          )}
        </form>
      )}
      {props.mayResolve && (
        <div className="thread__actions">
          <button type="button" className="button button--quiet" onClick={() => void run(() => updateThread(documentId, thread.id, { status: resolved ? "open" : "resolved" }))}>
            {intl.formatMessage(resolved ? messages.reopen : messages.resolve)}
          </button>
        </div>
      )}
    </li>
  );
}
