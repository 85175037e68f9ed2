import { messageOf, useAction } from "../../useAction.js";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { ApiToken } from "../../../shared/api.js";
import { createToken, listTokens, revokeToken, updateMe } from "../../api.js";
import { useMe, useSession } from "../../session/SessionProvider.js";
import { formatDateTime, formatWhen } from "../../format.js";
import { CopyField } from "./CopyField.js";
import { PasswordForm } from "./PasswordForm.js";

/** One's display name, changed here: the server refuses one that looks like a fellow member's, and says why. */
function NameForm() {
  const me = useMe();
  const { signedIn } = useSession();
  const [name, setName] = useState(me.account.displayName);
  const { busy, error, run } = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => signedIn(await updateMe({ displayName: name })));
  }
  return (
    <section className="card" aria-label="Your name">
      <h2>Your name</h2>
      <p className="muted small">Others see it on your edits and comments, and in exports. No two members of a workspace may have names that look alike.</p>
      <form className="inline-form" onSubmit={submit}>
        <input value={name} onChange={(e) => setName(e.target.value)} aria-label="Your name" autoComplete="name" required />
        <button type="submit" className="button button--primary" disabled={busy || !name.trim() || name === me.account.displayName}>
          Change name
        </button>
      </form>
      {error && <p role="alert" className="notice notice--error">{error}</p>}
    </section>
  );
}

/** The account: one's name, password, and tokens for scripts and other Yjs clients, created and revoked here. */
export function AccountPage() {
  const me = useMe();
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => setTokens((await listTokens()).tokens), []);
  useEffect(() => {
    void load();
  }, [load]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      setCreated((await createToken(me.account.email, password, name.trim() || "script")).token);
      setPassword("");
      setName("");
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <main className="page page--narrow">
      <header className="page-header">
        <p className="eyebrow">Account</p>
        <h1>{me.account.displayName}</h1>
        <p className="muted">{me.account.email}</p>
      </header>
      <NameForm />
      <PasswordForm />
      <section className="card" aria-label="Tokens">
        <h2>Tokens for scripts</h2>
        <p className="muted small">
          A token lets a script or another Yjs client act as you: send it as <code>Authorization: Bearer …</code>, or as <code>?token=…</code> on the
          collaboration websocket. Revoking it disconnects whatever uses it.
        </p>
        <form className="inline-form" onSubmit={create}>
          <input placeholder="Name, e.g. export script" value={name} onChange={(e) => setName(e.target.value)} aria-label="Token name" />
          <input type="password" placeholder="Your password" value={password} onChange={(e) => setPassword(e.target.value)} aria-label="Password" required />
          <button type="submit" className="button button--primary">Create token</button>
        </form>
        {error && <p role="alert" className="notice notice--error">{error}</p>}
        {created && <CopyField label="New token" value={created} lead="Copy it now: it is shown only once." />}
        <ul className="plain-list">
          {tokens.map((token) => (
            <li key={token.id}>
              <strong>{token.name}</strong> <span className="muted" title={formatDateTime(token.createdAt)}>created {formatWhen(token.createdAt)}{token.lastUsedAt ? `, last used ${formatWhen(token.lastUsedAt)}` : ", never used"}</span>
              <button type="button" className="button button--quiet button--danger" onClick={() => void revokeToken(token.id).then(load)}>
                Revoke
              </button>
            </li>
          ))}
          {tokens.length === 0 && <li className="muted">No tokens.</li>}
        </ul>
      </section>
    </main>
  );
}
