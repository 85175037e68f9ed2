import { useEffect, useState, type FormEvent } from "react";
import { defineMessages, FormattedMessage, useIntl, type MessageTag, type NoMessageValues } from "react-intl";
import { useLocation } from "wouter";
import type { PasswordResetPreview } from "../../../shared/api.js";
import { limits } from "../../../shared/limits.js";
import { previewPasswordReset, resetPassword } from "../../api.js";
import { useSession } from "../../session/SessionProvider.js";
import { EntryCard, Field, passwordLengthMessage } from "../../session/SignInPages.js";
import { useAction, useFailure } from "../../useAction.js";
import { useFormats } from "../../i18n/useFormats.js";

const messages = defineMessages<{
  unavailable: NoMessageValues;
  toSignIn: NoMessageValues;
  title: NoMessageValues;
  loading: NoMessageValues;
  lead: { b: MessageTag; name: string; email: string };
  form: NoMessageValues;
  password: NoMessageValues;
  again: NoMessageValues;
  mismatch: NoMessageValues;
  saving: NoMessageValues;
  submit: NoMessageValues;
  expires: { dateTime: string };
}>({
  unavailable: { id: "reset.unavailable", defaultMessage: "Reset link unavailable" },
  toSignIn: { id: "reset.toSignIn", defaultMessage: "Go to the sign-in page" },
  title: { id: "reset.title", defaultMessage: "Reset your password" },
  loading: { id: "reset.loading", defaultMessage: "Loading…" },
  lead: {
    id: "reset.lead",
    defaultMessage: "Choose a new password for <b>{name}</b> ({email}). You are then signed in, and signed out everywhere else.",
  },
  form: { id: "reset.form", defaultMessage: "Reset password" },
  password: { id: "reset.newPassword", defaultMessage: "New password" },
  again: { id: "reset.newPasswordAgain", defaultMessage: "New password again" },
  mismatch: { id: "reset.passwordsDiffer", defaultMessage: "The two passwords differ." },
  saving: { id: "reset.saving", defaultMessage: "Saving…" },
  submit: { id: "reset.submit", defaultMessage: "Set password and sign in" },
  expires: { id: "reset.expires", defaultMessage: "The link works once, until {dateTime}." },
});

/** `/reset/<token>`: a link a chair made; the member sets a new password and is signed in. */
export function ResetPasswordPage({ token }: { token: string }) {
  const intl = useIntl();
  const formats = useFormats();
  const { signedIn } = useSession();
  const [, navigate] = useLocation();
  const [preview, setPreview] = useState<PasswordResetPreview | null>(null);
  const [problem, setProblem] = useFailure();
  const [password, setPassword] = useState("");
  const [repeated, setRepeated] = useState("");
  const { busy, error, run } = useAction();
  const mismatch = repeated.length > 0 && repeated !== password;

  useEffect(() => {
    let cancelled = false;
    previewPasswordReset(token).then(
      (found) => !cancelled && setPreview(found),
      (failure: unknown) => !cancelled && setProblem(failure),
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
      <EntryCard title={intl.formatMessage(messages.unavailable)} lead={problem}>
        <a href="/">{intl.formatMessage(messages.toSignIn)}</a>
      </EntryCard>
    );
  }
  if (!preview) return <EntryCard title={intl.formatMessage(messages.title)}>{intl.formatMessage(messages.loading)}</EntryCard>;
  const lead = (
    <FormattedMessage {...messages.lead} values={{ b: (chunks) => <strong>{chunks}</strong>, name: preview.displayName, email: preview.email }} />
  );
  return (
    <EntryCard title={intl.formatMessage(messages.title)} lead={lead}>
      <form onSubmit={submit} aria-label={intl.formatMessage(messages.form)}>
        <label className="field">
          <span>{intl.formatMessage(messages.password)}</span>
          <input
            type="password"
            name="password"
            aria-label={intl.formatMessage(messages.password)}
            aria-describedby="reset-password-hint"
            autoComplete="new-password"
            minLength={limits.minPasswordLength}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
          <small className="muted" id="reset-password-hint">
            {intl.formatMessage(passwordLengthMessage, { count: limits.minPasswordLength })}
          </small>
        </label>
        <Field label={intl.formatMessage(messages.again)} name="repeated" type="password" value={repeated} onChange={setRepeated} autoComplete="new-password" />
        {mismatch && <p className="field__problem">{intl.formatMessage(messages.mismatch)}</p>}
        {error && <p role="alert" className="notice notice--error">{error}</p>}
        <button type="submit" className="button button--primary button--wide" disabled={busy || mismatch}>
          {intl.formatMessage(busy ? messages.saving : messages.submit)}
        </button>
      </form>
      <p className="muted small">{intl.formatMessage(messages.expires, { dateTime: formats.dateTime(preview.expiresAt) })}</p>
    </EntryCard>
  );
}
