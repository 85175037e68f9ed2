import { useEffect, useState, type FormEvent } from "react";
import type { DocumentSummary } from "../../shared/api.js";
import { tenActsTemplate } from "../../shared/templates/buildStatement.js";
import { getDocument } from "../api.js";
import { loadIdentity, saveIdentity, type Identity } from "../collab/identity.js";
import type { CollabSession } from "../collab/CollabSession.js";
import { useCollabSession, useConnectionState } from "../collab/useCollabSession.js";
import { ConnectionStatus } from "../collab/ConnectionStatus.js";
import { ActOutline } from "../features/outline/ActOutline.js";
import { PresenceList } from "../features/presence/PresenceList.js";
import { usePresence } from "../features/presence/usePresence.js";
import { StatementEditor, useStatementEditor } from "./StatementEditor.js";
import { Toolbar } from "./Toolbar.js";
import { REGION_LIST_ID } from "./RegionalNoteView.js";

function NamePrompt({ onDone }: { onDone: (identity: Identity) => void }) {
  const [name, setName] = useState("");
  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) onDone(saveIdentity(name));
  }
  return (
    <main className="page page--narrow">
      <form className="card" onSubmit={submit} aria-label="Your display name">
        <h1>Who is writing?</h1>
        <p className="muted">Others in the statement see this name beside your cursor.</p>
        <label className="field">
          <span>Your name</span>
          <input name="displayName" value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={60} required />
        </label>
        <button type="submit" className="button button--primary" disabled={!name.trim()}>
          Continue
        </button>
      </form>
    </main>
  );
}

function Workspace({ session, identity, title }: { session: CollabSession; identity: Identity; title: string }) {
  const connection = useConnectionState(session);
  const editor = useStatementEditor(session, identity, connection.kind !== "refused");
  const people = usePresence(session.provider.awareness);
  return (
    <div className="workspace">
      <header className="topbar">
        <a className="topbar__back" href="/" aria-label="All statements">
          ←
        </a>
        <h1 className="topbar__title">{title}</h1>
        <ConnectionStatus state={connection} />
        <PresenceList people={people} />
      </header>
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

/** A statement open for live editing. */
export function EditorPage({ documentId }: { documentId: string }) {
  const [identity, setIdentity] = useState<Identity | null>(() => loadIdentity());
  const [meta, setMeta] = useState<DocumentSummary | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const session = useCollabSession(documentId);

  useEffect(() => {
    let cancelled = false;
    getDocument(documentId).then(
      (found) => !cancelled && setMeta(found),
      // Offline, the statement still opens from this device's copy; a real 404 says so.
      (error: unknown) => !cancelled && navigator.onLine && setMissing(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [documentId]);

  useEffect(() => {
    document.title = meta ? `${meta.title} · Drafting workspace` : "Drafting workspace";
  }, [meta]);

  if (!identity) return <NamePrompt onDone={setIdentity} />;
  if (missing)
    return (
      <main className="page page--narrow">
        <h1>Statement not found</h1>
        <p className="muted">{missing}</p>
        <a href="/">Back to statements</a>
      </main>
    );
  if (!session) return null;
  return <Workspace session={session} identity={identity} title={meta?.title ?? "Statement"} />;
}
