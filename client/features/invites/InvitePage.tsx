import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { defineMessages, FormattedMessage, useIntl, type MessageTag, type NoMessageValues } from "react-intl";
import { useLocation } from "wouter";
import type { InvitePreview } from "../../../shared/api.js";
import { limits } from "../../../shared/limits.js";
import { acceptInvite, previewInvite } from "../../api.js";
import { useSession } from "../../session/SessionProvider.js";
import { EntryCard, Field, passwordLengthMessage } from "../../session/SignInPages.js";
import { roleName } from "../members/roleNames.js";
import { useAction, useFailure } from "../../useAction.js";
import { useFormats } from "../../i18n/useFormats.js";

const messages = defineMessages<{
  unavailable: NoMessageValues;
  toWorkspace: NoMessageValues;
  loadingTitle: NoMessageValues;
  loading: NoMessageValues;
  offer: { b: MessageTag; workspace: string; role: string };
  offerInGroups: { b: MessageTag; groupCount: number; workspace: string; role: string; groups: string };
  title: NoMessageValues;
  form: NoMessageValues;
  signedInAs: { b: MessageTag; name: string };
  yourName: NoMessageValues;
  email: NoMessageValues;
  choosePassword: NoMessageValues;
  joining: NoMessageValues;
  join: NoMessageValues;
  expires: { date: string };
}>({
  unavailable: { id: "invite.unavailable", defaultMessage: "Invitation unavailable" },
  toWorkspace: { id: "invite.toWorkspace", defaultMessage: "Go to the workspace" },
  loadingTitle: { id: "invite.loadingTitle", defaultMessage: "Invitation" },
  loading: { id: "invite.loading", defaultMessage: "Loading…" },
  offer: { id: "invite.offer", defaultMessage: "You are invited to <b>{workspace}</b> as <b>{role}</b>." },
  offerInGroups: {
    id: "invite.offerInGroups",
    defaultMessage:
      "{groupCount, plural, one {You are invited to <b>{workspace}</b> as <b>{role}</b> in the reference group {groups}.} other {You are invited to <b>{workspace}</b> as <b>{role}</b> in the reference groups {groups}.}}",
  },
  title: { id: "invite.title", defaultMessage: "Join the workspace" },
  form: { id: "invite.form", defaultMessage: "Accept invitation" },
  signedInAs: { id: "invite.signedInAs", defaultMessage: "You are signed in as <b>{name}</b>." },
  yourName: { id: "invite.yourName", defaultMessage: "Your name" },
  email: { id: "invite.email", defaultMessage: "Email" },
  choosePassword: { id: "invite.choosePassword", defaultMessage: "Choose a password" },
  joining: { id: "invite.joining", defaultMessage: "Joining…" },
  join: { id: "invite.join", defaultMessage: "Join" },
  expires: { id: "invite.expires", defaultMessage: "The link works once and expires {date}." },
});

const bold = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/** `/invite/<token>`: what the invitation offers; join as the signed-in account or create one. */
export function InvitePage({ token }: { token: string }) {
  const intl = useIntl();
  const formats = useFormats();
  const { state, signedIn } = useSession();
  const [, navigate] = useLocation();
  const [preview, setPreview] = useState<InvitePreview | null>(null);
  const [problem, setProblem] = useFailure();
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useAction();

  useEffect(() => {
    let cancelled = false;
    previewInvite(token).then(
      (found) => !cancelled && setPreview(found),
      (failure: unknown) => !cancelled && setProblem(failure),
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

  if (problem) {
    return (
      <EntryCard title={intl.formatMessage(messages.unavailable)} lead={problem}>
        <a href="/">{intl.formatMessage(messages.toWorkspace)}</a>
      </EntryCard>
    );
  }
  if (!preview) return <EntryCard title={intl.formatMessage(messages.loadingTitle)}>{intl.formatMessage(messages.loading)}</EntryCard>;
  const offerValues = { b: bold, workspace: preview.workspaceName, role: roleName(intl, preview.role) };
  const offer =
    preview.groups.length > 0 ? (
      <FormattedMessage
        {...messages.offerInGroups}
        values={{
          ...offerValues,
          groupCount: preview.groups.length,
          groups: intl.formatList(preview.groups, { type: "unit", style: "short" }),
        }}
      />
    ) : (
      <FormattedMessage {...messages.offer} values={offerValues} />
    );
  return (
    <EntryCard title={intl.formatMessage(messages.title)} lead={offer}>
      <form onSubmit={accept} aria-label={intl.formatMessage(messages.form)}>
        {state.status === "signedIn" ? (
          <p>
            <FormattedMessage {...messages.signedInAs} values={{ b: bold, name: state.me.account.displayName }} />
          </p>
        ) : (
          <>
            <Field label={intl.formatMessage(messages.yourName)} name="displayName" value={displayName} onChange={setDisplayName} autoComplete="name" />
            <Field label={intl.formatMessage(messages.email)} name="email" type="email" value={email} onChange={setEmail} autoComplete="username" />
            <Field
              label={intl.formatMessage(messages.choosePassword)}
              name="password"
              type="password"
              value={password}
              onChange={setPassword}
              autoComplete="new-password"
              minLength={limits.minPasswordLength}
              hint={intl.formatMessage(passwordLengthMessage, { count: limits.minPasswordLength })}
            />
          </>
        )}
        {error && <p role="alert" className="notice notice--error">{error}</p>}
        <button type="submit" className="button button--primary button--wide" disabled={busy}>
          {intl.formatMessage(busy ? messages.joining : messages.join)}
        </button>
      </form>
      <p className="muted small">{intl.formatMessage(messages.expires, { date: formats.date(preview.expiresAt) })}</p>
    </EntryCard>
  );
}
