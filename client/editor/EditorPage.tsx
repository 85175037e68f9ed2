import { useCallback, useEffect, useState } from "react";
import type { DocumentDetail } from "../../shared/api.js";
import { colorFor, type PresenceUser } from "../../shared/presence.js";
import { tenActsTemplate } from "../../shared/templates/buildStatement.js";
import { ApiFailure, getDocument } from "../api.js";
import type { CollabSession } from "../collab/CollabSession.js";
import { useCollabSession, useConnectionState } from "../collab/useCollabSession.js";
import { ConnectionStatus } from "../collab/ConnectionStatus.js";
import { ActOutline } from "../features/outline/ActOutline.js";
import { PresenceList } from "../features/presence/PresenceList.js";
import { usePresence } from "../features/presence/usePresence.js";
import { roleNames } from "../features/members/roleNames.js";
import { useMe, useSession } from "../session/SessionProvider.js";
import { StatementEditor, useStatementEditor } from "./StatementEditor.js";
import { Toolbar } from "./Toolbar.js";
import { REGION_LIST_ID } from "./RegionalNoteView.js";

const detailKey = (id: string) => `drafting.statement:${id}`;

/** The statement's metadata and the caller's rights: fetched, and kept for offline reopening. */
function useDocumentDetail(documentId: string): { detail: DocumentDetail | null; missing: string | null; reload: () => void } {
  const [detail, setDetail] = useState<DocumentDetail | null>(() => {
    const cached = localStorage.getItem(detailKey(documentId));
    return cached ? (JSON.parse(cached) as DocumentDetail) : null;
  });
  const [missing, setMissing] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let cancelled = false;
    getDocument(documentId).then(
      (found) => {
        if (cancelled) return;
        localStorage.setItem(detailKey(documentId), JSON.stringify(found));
        setDetail(found);
      },
      (error: unknown) => {
        if (cancelled) return;
        // Offline, the statement still opens from this device's copy; a real 404 says so.
        if (error instanceof ApiFailure && error.status === 404) {
          localStorage.removeItem(detailKey(documentId));
          setMissing(error.message);
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [documentId, version]);
  return { detail, missing, reload: useCallback(() => setVersion((v) => v + 1), []) };
}

function Workspace({ session, user, detail, onAccessChanged }: { session: CollabSession; user: PresenceUser; detail: DocumentDetail; onAccessChanged: () => void }) {
  const connection = useConnectionState(session);
  const editable = detail.canEdit && connection.kind !== "refused";
  const editor = useStatementEditor(session, user, editable);
  const people = usePresence(session.provider.awareness);
  useEffect(() => session.onAccessChanged(onAccessChanged), [session, onAccessChanged]);
  return (
    <div className="workspace">
      <header className="topbar">
        <a className="topbar__back" href="/" aria-label="All statements">
          ←
        </a>
        <h1 className="topbar__title">{detail.title}</h1>
        <span className="badge" title="Your role in this workspace">{roleNames[detail.role]}</span>
        <ConnectionStatus state={connection} />
        <PresenceList people={people} />
      </header>
      {!detail.canEdit && (
        <p className="readonly-banner" role="note">
          Read only: as {roleNames[detail.role].toLowerCase()} you can read this statement but not change its text.
        </p>
      )}
      <div className="workspace__body">
        <aside className="workspace__outline">{editor && <ActOutline editor={editor} people={people} />}</aside>
        <main className="workspace__editor">
          {editor && <Toolbar editor={editor} />}
          <StatementEditor editor={editor} />
        </main>
      </div>
      <datalist id={REGION_LIST_ID}>
        {tenActsTemplate.regions.map((region) => (
          <option key={region} value={region} />
        ))}
      </datalist>
    </div>
  );
}

/** A statement open for live editing (or reading, by role). */
export function EditorPage({ documentId }: { documentId: string }) {
  const me = useMe();
  const { refresh } = useSession();
  const { detail, missing, reload } = useDocumentDetail(documentId);
  const session = useCollabSession(documentId);
  const onAccessChanged = useCallback(() => {
    reload();
    void refresh();
  }, [reload, refresh]);

  useEffect(() => {
    document.title = detail ? `${detail.title} · Drafting workspace` : "Drafting workspace";
  }, [detail]);

  if (missing)
    return (
      <main className="page page--narrow">
        <h1>Statement not found</h1>
        <p className="muted">{missing}</p>
        <a href="/">Back to statements</a>
      </main>
    );
  if (!session || !detail) return null;
  const user = { accountId: me.account.id, name: me.account.displayName, color: colorFor(me.account.id) };
  return <Workspace session={session} user={user} detail={detail} onAccessChanged={onAccessChanged} />;
}
