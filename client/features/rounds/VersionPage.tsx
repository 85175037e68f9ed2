import { useEffect, useState } from "react";
import { Link, useLocation } from "wouter";
import type { DocumentDetail, VersionDetail } from "../../../shared/api.js";
import { canManageMembers } from "../../../shared/roles.js";
import { getDocument, getVersion, restoreVersion, versionExportUrl } from "../../api.js";
import { messageOf, useAction } from "../../useAction.js";
import { formatDateTime, formatWhen } from "../../format.js";
import { ExportLinks } from "./HistoryPage.js";

/** A frozen version, read-only, with the comments as they were when it was frozen. */
export function VersionPage({ documentId, versionId }: { documentId: string; versionId: string }) {
  const [detail, setDetail] = useState<VersionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [statement, setStatement] = useState<DocumentDetail | null>(null);
  const restoring = useAction();
  const [, navigate] = useLocation();
  useEffect(() => {
    getVersion(documentId, versionId).then(setDetail, (failure: unknown) => setError(messageOf(failure)));
    getDocument(documentId).then(setStatement, () => undefined);
  }, [documentId, versionId]);
  if (!detail) return <main className="page page--wide muted">{error ?? "Loading…"}</main>;
  const version = detail.version;
  return (
    <main className="page page--wide">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={`/d/${documentId}/history`}>← Rounds and versions</Link>
        </p>
        <h1>{version ? version.roundName : "Live text"}</h1>
        {version && (
          <p className="muted small">
            Frozen {formatDateTime(version.createdAt)} by {version.createdBy} · SHA-256 <code>{version.sha256.slice(0, 16)}…</code>
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
                if (confirm(`Bring the text of “${version.roundName}” back into the live statement? It arrives as a new change for everyone; the versions stay as they are.`)) {
                  void restoring.run(async () => {
                    await restoreVersion(documentId, versionId);
                    navigate(`/d/${documentId}`);
                  });
                }
              }}
            >
              Restore this text in the live statement
            </button>
            {restoring.error && <span role="alert" className="notice notice--error small">{restoring.error}</span>}
          </p>
        )}
      </header>
      <div className="version">
        <iframe className="version__page" title="Version text" sandbox="allow-same-origin" src={versionExportUrl(documentId, versionId, "html", { comments: false, authors: true })} />
        <aside className="version__comments" aria-label="Comments at the time">
          <h2>Comments at the time</h2>
          {detail.threads.length === 0 && <p className="muted small">None.</p>}
          {detail.threads.map((thread) => (
            <div key={thread.id} className="thread">
              <div className="thread__place">
                {thread.clause ? `Clause ${thread.clause.number}` : thread.act ? `Act ${thread.act.number}` : "Outside the Acts"} {thread.status === "resolved" && <span className="chip chip--ok">Resolved</span>}
              </div>
              <blockquote className="thread__quote">{thread.quote}</blockquote>
              {thread.comments.map((comment) => (
                <p key={comment.id} className="comment__body small">
                  <strong>{comment.author?.name ?? "Someone"}</strong> <span className="muted">{formatWhen(comment.createdAt)}</span>
                  <br />
                  {comment.body}
                </p>
              ))}
            </div>
          ))}
        </aside>
      </div>
    </main>
  );
}
