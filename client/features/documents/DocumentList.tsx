import { useEffect, useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import type { DocumentSummary, TemplateId } from "../../../shared/api.js";
import { canCreateDocuments } from "../../../shared/roles.js";
import { createDocument, listDocuments } from "../../api.js";
import { formatWhen } from "../../format.js";
import { useCurrentWorkspace } from "../../session/SessionProvider.js";
import { messageOf, useAction } from "../../useAction.js";

/** The workspace's statements, and the form that starts a new one. */
export function DocumentList() {
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState("");
  const [template, setTemplate] = useState<TemplateId>("ten-acts");
  const creating = useAction();
  const [, navigate] = useLocation();
  const [workspace] = useCurrentWorkspace();
  const workspaceId = workspace?.workspace.id;

  useEffect(() => {
    if (!workspaceId) return;
    let cancelled = false;
    listDocuments(workspaceId).then(
      (list) => !cancelled && setDocuments(list.documents),
      (failure: unknown) => !cancelled && setError(messageOf(failure)),
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId]);

  function onCreate(event: FormEvent) {
    event.preventDefault();
    void creating.run(async () => {
      const created = await createDocument({ title: title.trim(), template, workspaceId });
      navigate(`/d/${created.id}`);
    });
  }

  return (
    <main className="page page--narrow">
      <header className="page-header">
        <p className="eyebrow">{workspace?.workspace.name}</p>
        <h1>Statements</h1>
      </header>

      <section aria-label="Statements" className="document-list">
        {documents === null && !error && <p className="muted">Loading…</p>}
        {documents?.length === 0 && <p className="muted">No statements yet. Create the first one below.</p>}
        <ul>
          {documents?.map((document) => (
            <li key={document.id}>
              <a href={`/d/${document.id}`} onClick={(event) => { event.preventDefault(); navigate(`/d/${document.id}`); }}>
                <span className="document-list__title">{document.title}</span>
                <span className="muted">edited {formatWhen(document.updatedAt)}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>

      {workspace && canCreateDocuments(workspace.role) && (
      <form className="card new-statement" onSubmit={onCreate} aria-label="New statement">
        <h2>New statement</h2>
        <label className="field">
          <span>Title</span>
          <input
            name="title"
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            placeholder="Now and How: Ten Acts for the Global Compact"
            maxLength={200}
            required
          />
        </label>
        <fieldset className="field field--choices">
          <legend>Start from</legend>
          <label>
            <input type="radio" name="template" checked={template === "ten-acts"} onChange={() => setTemplate("ten-acts")} />
            The Ten Acts template <small>ten Acts, one empty clause each, a list of signatories</small>
          </label>
          <label>
            <input type="radio" name="template" checked={template === "blank"} onChange={() => setTemplate("blank")} />
            A blank page
          </label>
        </fieldset>
        <button type="submit" className="button button--primary" disabled={creating.busy || title.trim() === ""}>
          {creating.busy ? "Creating…" : "Create statement"}
        </button>
      </form>
      )}

      {(error ?? creating.error) && (
        <p role="alert" className="notice notice--error">
          {error ?? creating.error}
        </p>
      )}

    </main>
  );
}
