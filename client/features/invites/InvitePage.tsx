import { useEffect, useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import type { InvitePreview } from "../../../shared/api.js";
import { limits } from "../../../shared/limits.js";
import { acceptInvite, previewInvite } from "../../api.js";
import { useSession } from "../../session/SessionProvider.js";
import { EntryCard, Field } from "../../session/SignInPages.js";
import { roleNames } from "../members/roleNames.js";
import { messageOf, useAction } from "../../useAction.js";
import { formatDate } from "../../format.js";

/** `/invite/<token>`: what the invitation offers; join as the signed-in account or create one. */
export function InvitePage({ token }: { token: string }) {
  const { state, signedIn } = useSession();
  const [, navigate] = useLocation();
  const [preview, setPreview] = useState<InvitePreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useAction();

  useEffect(() => {
    let cancelled = false;
    previewInvite(token).then(
      (found) => !cancelled && setPreview(found),
      (failure: unknown) => !cancelled && setProblem(messageOf(failure)),
    );
    return () => {
      cancelled = true;
    };
  }, [token]);

  function accept(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      signedIn(await acceptInvite(token, state.status === "signedIn" ? {} : { displayName, email, password }));
      navigate("/");
    });
  }

  if (problem) return <EntryCard title="Invitation unavailable" lead={problem}><a href="/">Go to the workspace</a></EntryCard>;
  if (!preview) return <EntryCard title="Invitation">Loading…</EntryCard>;
  const offer = (
    <>
      You are invited to <strong>{preview.workspaceName}</strong> as <strong>{roleNames[preview.role]}</strong>
      {preview.groups.length > 0 && <> in the reference group {preview.groups.join(", ")}</>}.
    </>
  );
  return (
    <EntryCard title="Join the workspace" lead={offer}>
      <form onSubmit={accept} aria-label="Accept invitation">
        {state.status === "signedIn" ? (
          <p>You are signed in as <strong>{state.me.account.displayName}</strong>.</p>
        ) : (
          <>
            <Field label="Your name" name="displayName" value={displayName} onChange={setDisplayName} autoComplete="name" />
            <Field label="Email" name="email" type="email" value={email} onChange={setEmail} autoComplete="username" />
            <Field label="Choose a password" name="password" type="password" value={password} onChange={setPassword} autoComplete="new-password" minLength={limits.minPasswordLength} hint={`At least ${limits.minPasswordLength} characters.`} />
          </>
        )}
        {error && <p role="alert" className="notice notice--error">{error}</p>}
        <button type="submit" className="button button--primary button--wide" disabled={busy}>
          {busy ? "Joining…" : "Join"}
        </button>
      </form>
      <p className="muted small">The link works once and expires {formatDate(preview.expiresAt)}.</p>
    </EntryCard>
  );
}
