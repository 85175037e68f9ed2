import { useEffect, useState } from "react";
import { Link } from "wouter";
import type { VersionDetail } from "../../../shared/api.js";
import { getVersion, versionExportUrl } from "../../api.js";
import { messageOf } from "../../useAction.js";
import { formatWhen } from "../../formatWhen.js";
import { ExportLinks } from "./HistoryPage.js";

/** A frozen version, read-only, with the comments as they were when it was frozen. */
export function VersionPage({ documentId, versionId }: { documentId: string; versionId: string }) {
  const [detail, setDetail] = useState<VersionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getVersion(documentId, versionId).then(setDetail, (failure: unknown) => setError(messageOf(failure)));
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
            Frozen {new Date(version.createdAt).toLocaleString()} by {version.createdBy} · SHA-256 <code>{version.sha256.slice(0, 16)}…</code>
          </p>
        )}
        <ExportLinks documentId={documentId} versionId={versionId} />
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
