import { useEffect, useState } from "react";
import { defineMessages, FormattedMessage, useIntl, type NoMessageValues, type MessageTag } from "react-intl";
import { Link, useLocation } from "wouter";
import type { DocumentDetail, VersionDetail } from "../../../shared/api.js";
import { placeOfNumbers } from "../../../shared/comments/places.js";
import { canManageMembers } from "../../../shared/roles.js";
import { getDocument, getVersion, restoreVersion, versionExportUrl } from "../../api.js";
import { useAction, useFailure } from "../../useAction.js";
import { placeName } from "../comments/placeName.js";
import { useFormats } from "../../i18n/useFormats.js";
import { ExportLinks } from "./HistoryPage.js";
import { colorFor } from "../../../shared/presence.js";
import { SignOnPanel } from "../signOn/SignOnPanel.js";

/** What each message is given (none for most). */
type Values = {
  loading: NoMessageValues;
  back: NoMessageValues;
  liveText: NoMessageValues;
  frozenBy: { date: string; name: string; hash: string; code: MessageTag };
  confirmRestore: { name: string };
  restore: NoMessageValues;
  text: NoMessageValues;
  commentsAtTheTime: NoMessageValues;
  noComments: NoMessageValues;
  resolved: NoMessageValues;
  someone: NoMessageValues;
  suggestionsAtTheTime: NoMessageValues;
  suggestionKind: { kind: string };
  suggestedBy: { name: string; grouped: "yes" | "no"; group: string; when: string };
  suggestedWords: NoMessageValues;
  struckWords: NoMessageValues;
};

const messages = defineMessages<Values>({
  loading: { id: "version.loading", defaultMessage: "Loading…" },
  back: { id: "version.backToHistory", defaultMessage: "← Rounds and versions" },
  liveText: { id: "version.liveText", defaultMessage: "Live text" },
  frozenBy: { id: "version.frozenBy", defaultMessage: "Frozen {date} by {name} · SHA-256 <code>{hash}…</code>" },
  confirmRestore: {
    id: "version.confirmRestore",
    defaultMessage: "Bring the text of “{name}” back into the live statement? It arrives as a new change for everyone; the versions stay as they are.",
  },
  restore: { id: "version.restore", defaultMessage: "Restore this text in the live statement" },
  text: { id: "version.text", defaultMessage: "Version text" },
  commentsAtTheTime: { id: "version.commentsAtTheTime", defaultMessage: "Comments at the time" },
  noComments: { id: "version.noComments", defaultMessage: "None." },
  resolved: { id: "version.resolved", defaultMessage: "Resolved" },
  someone: { id: "version.someone", defaultMessage: "Someone" },
  suggestionsAtTheTime: { id: "version.suggestionsAtTheTime", defaultMessage: "Suggestions pending at the time" },
  suggestionKind: {
    id: "version.suggestionKind",
    defaultMessage:
      "{kind, select, insertion {Addition} deletion {Deletion} replacement {Replacement} clauseInsertion {New clause} clauseDeletion {Clause deleted} other {Suggestion}}",
  },
  suggestedBy: { id: "version.suggestedBy", defaultMessage: "{grouped, select, yes {{name} ({group}), {when}} other {{name}, {when}}}" },
  suggestedWords: { id: "version.suggestedWords", defaultMessage: "Suggested:" },
  struckWords: { id: "version.struckWords", defaultMessage: "Struck:" },
});

/** A frozen version, read-only, with the comments as they were when it was frozen. */
export function VersionPage({ documentId, versionId }: { documentId: string; versionId: string }) {
  const [detail, setDetail] = useState<VersionDetail | null>(null);
  const [error, setError] = useFailure();
  const [statement, setStatement] = useState<DocumentDetail | null>(null);
  const restoring = useAction();
  const [, navigate] = useLocation();
  const intl = useIntl();
  const formats = useFormats();
  useEffect(() => {
    getVersion(documentId, versionId).then(setDetail, (failure: unknown) => setError(failure));
    getDocument(documentId).then(setStatement, () => undefined);
  }, [documentId, versionId]);
  if (!detail) return <main className="page page--wide muted">{error ?? intl.formatMessage(messages.loading)}</main>;
  const version = detail.version;
  return (
    <main className="page page--wide">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={`/d/${documentId}/history`}>{intl.formatMessage(messages.back)}</Link>
        </p>
        <h1>{version ? version.roundName : intl.formatMessage(messages.liveText)}</h1>
        {version && (
          <p className="muted small">
            <FormattedMessage
              {...messages.frozenBy}
              values={{ date: formats.dateTime(version.createdAt), name: version.createdBy, hash: version.sha256.slice(0, 16), code: (chunks) => <code dir="ltr">{chunks}</code> }}
            />
          </p>
        )}
        <ExportLinks documentId={documentId} versionId={versionId} />
        {version && statement && canManageMembers(statement.role) && !statement.frozen && (
          <p>
            <button
              type="button"
              className="button"
              disabled={restoring.busy}
              onClick={() => {
                if (confirm(intl.formatMessage(messages.confirmRestore, { name: version.roundName }))) {
                  void restoring.run(async () => {
                    await restoreVersion(documentId, versionId);
                    navigate(`/d/${documentId}`);
                  });
                }
              }}
            >
              {intl.formatMessage(messages.restore)}
            </button>
            {restoring.error && <span role="alert" className="notice notice--error small">{restoring.error}</span>}
          </p>
        )}
      </header>
      <div className="version">
        <iframe className="version__page" title={intl.formatMessage(messages.text)} sandbox="allow-same-origin" src={versionExportUrl(documentId, versionId, "html", { comments: false, authors: true, suggestions: true })} />
        <aside className="version__comments" aria-label={intl.formatMessage(messages.commentsAtTheTime)}>
          <h2>{intl.formatMessage(messages.suggestionsAtTheTime)}</h2>
          {detail.suggestions.length === 0 && <p className="muted small">{intl.formatMessage(messages.noComments)}</p>}
          {detail.suggestions.length > 0 && (
            <ul className="version__suggestions">
              {detail.suggestions.map((suggestion) => (
                <li key={suggestion.id} className="version__suggestion" data-suggestion={suggestion.id} style={{ borderInlineStartColor: colorFor(suggestion.author.id) }}>
                  <strong>{intl.formatMessage(messages.suggestionKind, { kind: suggestion.kind })}</strong>
                  <span className="muted small">
                    {intl.formatMessage(messages.suggestedBy, { name: suggestion.author.name, grouped: suggestion.group ? "yes" : "no", group: suggestion.group?.name ?? "", when: formats.when(suggestion.createdAt) })}
                  </span>
                  {suggestion.deleted && (
                    <p className="small">
                      {intl.formatMessage(messages.struckWords)} <del dir="auto">{suggestion.deleted}</del>
                    </p>
                  )}
                  {suggestion.inserted && (
                    <p className="small">
                      {intl.formatMessage(messages.suggestedWords)} <ins dir="auto">{suggestion.inserted}</ins>
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h2>{intl.formatMessage(messages.commentsAtTheTime)}</h2>
          {detail.threads.length === 0 && <p className="muted small">{intl.formatMessage(messages.noComments)}</p>}
          {detail.threads.map((thread) => (
            <div key={thread.id} className="thread">
              <div className="thread__place">
                {placeName(intl, placeOfNumbers(thread.act?.number, thread.clause?.number))} {thread.status === "resolved" && <span className="chip chip--ok">{intl.formatMessage(messages.resolved)}</span>}
              </div>
              <blockquote className="thread__quote">{thread.quote}</blockquote>
              {thread.comments.map((comment) => (
                <p key={comment.id} className="comment__body small">
                  <strong>{comment.author?.name ?? intl.formatMessage(messages.someone)}</strong> <span className="muted">{formats.when(comment.createdAt)}</span>
                  <br />
                  {comment.body}
                </p>
              ))}
            </div>
          ))}
        </aside>
      </div>
      {/* Sign-on is the chairs' to moderate; others read the approved signatories in the version's exports. */}
      {version && statement && canManageMembers(statement.role) && <SignOnPanel documentId={documentId} versionId={versionId} />}
    </main>
  );
}
