import { useAction, useFailure } from "../../useAction.js";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { defineMessages, FormattedMessage, useIntl, type MessageTag, type NoMessageValues } from "react-intl";
import { ORGANISATION_MAX, type ApiToken } from "../../../shared/api.js";
import { createToken, listTokens, revokeToken, updateMe } from "../../api.js";
import { useMe, useSession } from "../../session/SessionProvider.js";
import { useFormats } from "../../i18n/useFormats.js";
import { CopyField } from "./CopyField.js";
import { PasswordForm } from "./PasswordForm.js";
import { NotificationSettings } from "../notifications/NotificationSettings.js";

const messages = defineMessages<{
  yourName: NoMessageValues;
  nameExplanation: NoMessageValues;
  changeName: NoMessageValues;
  yourOrganisation: NoMessageValues;
  organisationExplanation: NoMessageValues;
  saveOrganisation: NoMessageValues;
  eyebrow: NoMessageValues;
  tokensRegion: NoMessageValues;
  tokensTitle: NoMessageValues;
  tokensExplanation: { code: MessageTag; header: string; query: string };
  tokenNamePlaceholder: NoMessageValues;
  tokenName: NoMessageValues;
  passwordPlaceholder: NoMessageValues;
  password: NoMessageValues;
  createToken: NoMessageValues;
  defaultTokenName: NoMessageValues;
  newToken: NoMessageValues;
  shownOnce: NoMessageValues;
  tokenUsed: { created: string; used: string };
  tokenUnused: { created: string };
  revoke: NoMessageValues;
  noTokens: NoMessageValues;
}>({
  yourName: { id: "account.yourName", defaultMessage: "Your name" },
  nameExplanation: {
    id: "account.nameExplanation",
    defaultMessage: "Others see it on your edits and comments, and in exports. No two members of a workspace may have names that look alike.",
  },
  changeName: { id: "account.changeName", defaultMessage: "Change name" },
  yourOrganisation: { id: "account.yourOrganisation", defaultMessage: "Your organisation" },
  organisationExplanation: {
    id: "account.organisationExplanation",
    defaultMessage: "Shown beside your name where you record positions and advocates in the Surround Sound matrix. Leave it empty if you prefer.",
  },
  saveOrganisation: { id: "account.saveOrganisation", defaultMessage: "Save organisation" },
  eyebrow: { id: "account.eyebrow", defaultMessage: "Account" },
  tokensRegion: { id: "account.tokensRegion", defaultMessage: "Tokens" },
  tokensTitle: { id: "account.tokensTitle", defaultMessage: "Tokens for scripts" },
  tokensExplanation: {
    id: "account.tokensExplanation",
    defaultMessage:
      "A token lets a script or another Yjs client act as you: send it as <code>{header}</code>, or as <code>{query}</code> on the collaboration websocket. Revoking it disconnects whatever uses it.",
  },
  tokenNamePlaceholder: { id: "account.tokenNamePlaceholder", defaultMessage: "Name, e.g. export script" },
  tokenName: { id: "account.tokenName", defaultMessage: "Token name" },
  passwordPlaceholder: { id: "account.yourPassword", defaultMessage: "Your password" },
  password: { id: "account.password", defaultMessage: "Password" },
  createToken: { id: "account.createToken", defaultMessage: "Create token" },
  defaultTokenName: { id: "account.defaultTokenName", defaultMessage: "script" },
  newToken: { id: "account.newToken", defaultMessage: "New token" },
  shownOnce: { id: "account.tokenShownOnce", defaultMessage: "Copy it now: it is shown only once." },
  tokenUsed: { id: "account.tokenUsed", defaultMessage: "created {created}, last used {used}" },
  tokenUnused: { id: "account.tokenUnused", defaultMessage: "created {created}, never used" },
  revoke: { id: "account.revoke", defaultMessage: "Revoke" },
  noTokens: { id: "account.noTokens", defaultMessage: "No tokens." },
});

/** How a token is sent: code, the same in every language. */
const TOKEN_HEADER = "Authorization: Bearer …";
const TOKEN_QUERY = "?token=…";

/** One's display name, changed here: the server refuses one that looks like a fellow member's, and says why. */
function NameForm() {
  const intl = useIntl();
  const me = useMe();
  const { signedIn } = useSession();
  const [name, setName] = useState(me.account.displayName);
  const { busy, error, run } = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => signedIn(await updateMe({ displayName: name })));
  }
  return (
    <section className="card" aria-label={intl.formatMessage(messages.yourName)}>
      <h2>{intl.formatMessage(messages.yourName)}</h2>
      <p className="muted small">{intl.formatMessage(messages.nameExplanation)}</p>
      <form className="inline-form" onSubmit={submit}>
        <input value={name} onChange={(e) => setName(e.target.value)} aria-label={intl.formatMessage(messages.yourName)} autoComplete="name" required />
        <button type="submit" className="button button--primary" disabled={busy || !name.trim() || name === me.account.displayName}>
          {intl.formatMessage(messages.changeName)}
        </button>
      </form>
      {error && <p role="alert" className="notice notice--error">{error}</p>}
    </section>
  );
}

/** The organisation one works for, as one writes it (empty: none shown). */
function OrganisationForm() {
  const intl = useIntl();
  const me = useMe();
  const { signedIn } = useSession();
  const [organisation, setOrganisation] = useState(me.organisation);
  const { busy, error, run } = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const changed = await updateMe({ organisation: organisation.trim() });
      signedIn(changed);
      setOrganisation(changed.organisation);
    });
  }
  return (
    <section className="card" aria-label={intl.formatMessage(messages.yourOrganisation)}>
      <h2>{intl.formatMessage(messages.yourOrganisation)}</h2>
      <p className="muted small">{intl.formatMessage(messages.organisationExplanation)}</p>
      <form className="inline-form" onSubmit={submit}>
        <input
          value={organisation}
          onChange={(e) => setOrganisation(e.target.value)}
          aria-label={intl.formatMessage(messages.yourOrganisation)}
          autoComplete="organization"
          maxLength={ORGANISATION_MAX}
        />
        <button type="submit" className="button button--primary" disabled={busy || organisation.trim() === me.organisation}>
          {intl.formatMessage(messages.saveOrganisation)}
        </button>
      </form>
      {error && <p role="alert" className="notice notice--error">{error}</p>}
    </section>
  );
}

/** The account: one's name, organisation, password, and tokens for scripts and other Yjs clients, created and revoked here. */
export function AccountPage() {
  const intl = useIntl();
  const formats = useFormats();
  const me = useMe();
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useFailure();

  const load = useCallback(async () => setTokens((await listTokens()).tokens), []);
  useEffect(() => {
    void load();
  }, [load]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      setCreated((await createToken(me.account.email, password, name.trim() || intl.formatMessage(messages.defaultTokenName))).token);
      setPassword("");
      setName("");
      await load();
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <main className="page page--narrow">
      <header className="page-header">
        <p className="eyebrow">{intl.formatMessage(messages.eyebrow)}</p>
        <h1>{me.account.displayName}</h1>
        <p className="muted">{me.account.email}</p>
      </header>
      <NameForm />
      <OrganisationForm />
      <PasswordForm />
      <NotificationSettings />
      <section className="card" aria-label={intl.formatMessage(messages.tokensRegion)}>
        <h2>{intl.formatMessage(messages.tokensTitle)}</h2>
        <p className="muted small">
          <FormattedMessage {...messages.tokensExplanation} values={{ code: (chunks) => <code>{chunks}</code>, header: TOKEN_HEADER, query: TOKEN_QUERY }} />
        </p>
        <form className="inline-form" onSubmit={create}>
          <input
            placeholder={intl.formatMessage(messages.tokenNamePlaceholder)}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-label={intl.formatMessage(messages.tokenName)}
          />
          <input
            type="password"
            placeholder={intl.formatMessage(messages.passwordPlaceholder)}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-label={intl.formatMessage(messages.password)}
            required
          />
          <button type="submit" className="button button--primary">
            {intl.formatMessage(messages.createToken)}
          </button>
        </form>
        {error && <p role="alert" className="notice notice--error">{error}</p>}
        {created && <CopyField label={intl.formatMessage(messages.newToken)} value={created} lead={intl.formatMessage(messages.shownOnce)} />}
        <ul className="plain-list">
          {tokens.map((token) => (
            <li key={token.id}>
              <strong>{token.name}</strong> <span className="muted" title={formats.dateTime(token.createdAt)}>
                {token.lastUsedAt
                  ? intl.formatMessage(messages.tokenUsed, { created: formats.when(token.createdAt), used: formats.when(token.lastUsedAt) })
                  : intl.formatMessage(messages.tokenUnused, { created: formats.when(token.createdAt) })}
              </span>
              <button type="button" className="button button--quiet button--danger" onClick={() => void revokeToken(token.id).then(load)}>
                {intl.formatMessage(messages.revoke)}
              </button>
            </li>
          ))}
          {tokens.length === 0 && <li className="muted">{intl.formatMessage(messages.noTokens)}</li>}
        </ul>
      </section>
    </main>
  );
}
