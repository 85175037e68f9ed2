import { useState, type FormEvent } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import { limits } from "../../../shared/limits.js";
import { changePassword } from "../../api.js";
import { useAction } from "../../useAction.js";
import { passwordLengthMessage } from "../../session/SignInPages.js";

const messages = defineMessages<{
  title: NoMessageValues;
  explanation: NoMessageValues;
  form: NoMessageValues;
  current: NoMessageValues;
  new: NoMessageValues;
  again: NoMessageValues;
  mismatch: NoMessageValues;
  changed: NoMessageValues;
  changedSignedOut: { count: number };
  changing: NoMessageValues;
  submit: NoMessageValues;
}>({
  title: { id: "account.passwordTitle", defaultMessage: "Password" },
  explanation: {
    id: "account.passwordExplanation",
    defaultMessage: "Changing it signs you out everywhere else (other browsers and devices). Tokens for scripts keep working: revoke them below if you no longer trust them.",
  },
  form: { id: "account.changePasswordForm", defaultMessage: "Change password" },
  current: { id: "account.currentPassword", defaultMessage: "Current password" },
  new: { id: "account.newPassword", defaultMessage: "New password" },
  again: { id: "account.newPasswordAgain", defaultMessage: "New password again" },
  mismatch: { id: "account.passwordsDiffer", defaultMessage: "The two new passwords differ." },
  changed: { id: "account.passwordChanged", defaultMessage: "Password changed." },
  changedSignedOut: {
    id: "account.passwordChangedSignedOut",
    defaultMessage: "{count, plural, one {Password changed. # other browser was signed out.} other {Password changed. # other browsers were signed out.}}",
  },
  changing: { id: "account.changingPassword", defaultMessage: "Changing…" },
  submit: { id: "account.changePassword", defaultMessage: "Change password" },
});

/** Change one's password: the current one is asked again, and other browsers are signed out. */
export function PasswordForm() {
  const intl = useIntl();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [repeated, setRepeated] = useState("");
  // How many other browsers were signed out by the last change (null: none made yet); said in the current language.
  const [done, setDone] = useState<number | null>(null);
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
      setDone(signedOut);
    });
  }

  return (
    <section className="card" aria-label={intl.formatMessage(messages.title)}>
      <h2>{intl.formatMessage(messages.title)}</h2>
      <p className="muted small">{intl.formatMessage(messages.explanation)}</p>
      <form onSubmit={submit} aria-label={intl.formatMessage(messages.form)}>
        <label className="field">
          <span>{intl.formatMessage(messages.current)}</span>
          <input
            type="password"
            name="currentPassword"
            aria-label={intl.formatMessage(messages.current)}
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>{intl.formatMessage(messages.new)}</span>
          <input
            type="password"
            name="newPassword"
            aria-label={intl.formatMessage(messages.new)}
            autoComplete="new-password"
            minLength={limits.minPasswordLength}
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
            aria-describedby="new-password-hint"
            required
          />
          <small className="muted" id="new-password-hint">
            {intl.formatMessage(passwordLengthMessage, { count: limits.minPasswordLength })}
          </small>
        </label>
        <label className="field">
          <span>{intl.formatMessage(messages.again)}</span>
          <input
            type="password"
            name="repeatedPassword"
            aria-label={intl.formatMessage(messages.again)}
            autoComplete="new-password"
            value={repeated}
            onChange={(e) => setRepeated(e.target.value)}
            aria-invalid={mismatch}
            aria-describedby={mismatch ? "repeat-password-problem" : undefined}
            required
          />
          {mismatch && (
            <small className="field__problem" id="repeat-password-problem">
              {intl.formatMessage(messages.mismatch)}
            </small>
          )}
        </label>
        {error && <p role="alert" className="notice notice--error">{error}</p>}
        {done !== null && (
          <p role="status" className="notice notice--ok">
            {done === 0 ? intl.formatMessage(messages.changed) : intl.formatMessage(messages.changedSignedOut, { count: done })}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy || mismatch}>
          {intl.formatMessage(busy ? messages.changing : messages.submit)}
        </button>
      </form>
    </section>
  );
}
