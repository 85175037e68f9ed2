import { useState, type FormEvent } from "react";
import { limits } from "../../../shared/limits.js";
import { changePassword } from "../../api.js";
import { useAction } from "../../useAction.js";

/** Change one's password: the current one is asked again, and other browsers are signed out. */
export function PasswordForm() {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [repeated, setRepeated] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const mismatch = repeated.length > 0 && repeated !== newPassword;

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (newPassword !== repeated) return;
    void run(async () => {
      const { signedOut } = await changePassword({ currentPassword, newPassword });
      setCurrentPassword("");
      setNewPassword("");
      setRepeated("");
      setDone(
        signedOut === 0
          ? "Password changed."
          : `Password changed. ${signedOut === 1 ? "One other browser was" : `${signedOut} other browsers were`} signed out.`,
      );
    });
  }

  return (
    <section className="card" aria-label="Password">
      <h2>Password</h2>
      <p className="muted small">
        Changing it signs you out everywhere else (other browsers and devices). Tokens for scripts keep working: revoke them below if you no longer trust them.
      </p>
      <form onSubmit={submit} aria-label="Change password">
        <label className="field">
          <span>Current password</span>
          <input type="password" name="currentPassword" aria-label="Current password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} required />
        </label>
        <label className="field">
          <span>New password</span>
          <input
            type="password"
            name="newPassword"
            aria-label="New password"
            autoComplete="new-password"
            minLength={limits.minPasswordLength}
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
            aria-describedby="new-password-hint"
            required
          />
          <small className="muted" id="new-password-hint">At least {limits.minPasswordLength} characters.</small>
        </label>
        <label className="field">
          <span>New password again</span>
          <input
            type="password"
            name="repeatedPassword"
            aria-label="New password again"
            autoComplete="new-password"
            value={repeated}
            onChange={(e) => setRepeated(e.target.value)}
            aria-invalid={mismatch}
            aria-describedby={mismatch ? "repeat-password-problem" : undefined}
            required
          />
          {mismatch && (
            <small className="field__problem" id="repeat-password-problem">
              The two new passwords differ.
            </small>
          )}
        </label>
        {error && <p role="alert" className="notice notice--error">{error}</p>}
        {done && <p role="status" className="notice notice--ok">{done}</p>}
        <button type="submit" className="button button--primary" disabled={busy || mismatch}>
          {busy ? "Changing…" : "Change password"}
        </button>
      </form>
    </section>
  );
}
