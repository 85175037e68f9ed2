import { useEffect, useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import type { PasswordResetPreview } from "../../../shared/api.js";
import { limits } from "../../../shared/limits.js";
import { previewPasswordReset, resetPassword } from "../../api.js";
import { useSession } from "../../session/SessionProvider.js";
import { EntryCard, Field } from "../../session/SignInPages.js";
import { messageOf, useAction } from "../../useAction.js";
import { formatDateTime } from "../../format.js";

/** `/reset/<token>`: a link a chair made; the member sets a new password and is signed in. */
export function ResetPasswordPage({ token }: { token: string }) {
  const { signedIn } = useSession();
  const [, navigate] = useLocation();
  const [preview, setPreview] = useState<PasswordResetPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [repeated, setRepeated] = useState("");
  const { busy, error, run } = useAction();
  const mismatch = repeated.length > 0 && repeated !== password;

  useEffect(() => {
    let cancelled = false;
    previewPasswordReset(token).then(
      (found) => !cancelled && setPreview(found),
      (failure: unknown) => !cancelled && setProblem(messageOf(failure)),
    );
    return () => {
      cancelled = true;
    };
  }, [token]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== repeated) return;
    void run(async () => {
      signedIn(await resetPassword(token, password));
      navigate("/");
    });
  }

  if (problem) {
    return (
      <EntryCard title="Reset link unavailable" lead={problem}>
        <a href="/">Go to the sign-in page</a>
      </EntryCard>
    );
  }
  if (!preview) return <EntryCard title="Reset your password">Loading…</EntryCard>;
  const lead = (
    <>
      Choose a new password for <strong>{preview.displayName}</strong> ({preview.email}). You are then signed in, and signed out everywhere else.
    </>
  );
  return (
    <EntryCard title="Reset your password" lead={lead}>
      <form onSubmit={submit} aria-label="Reset password">
        <label className="field">
          <span>New password</span>
          <input
            type="password"
            name="password"
            aria-label="New password"
            aria-describedby="reset-password-hint"
            autoComplete="new-password"
            minLength={limits.minPasswordLength}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
          <small className="muted" id="reset-password-hint">At least {limits.minPasswordLength} characters.</small>
        </label>
        <Field label="New password again" name="repeated" type="password" value={repeated} onChange={setRepeated} autoComplete="new-password" />
        {mismatch && <p className="field__problem">The two passwords differ.</p>}
        {error && <p role="alert" className="notice notice--error">{error}</p>}
        <button type="submit" className="button button--primary button--wide" disabled={busy || mismatch}>
          {busy ? "Saving…" : "Set password and sign in"}
        </button>
      </form>
      <p className="muted small">The link works once, until {formatDateTime(preview.expiresAt)}.</p>
    </EntryCard>
  );
}
