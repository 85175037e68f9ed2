import { useState, type FormEvent, type ReactNode } from "react";
import { defineMessages, FormattedMessage, useIntl, type NoMessageValues } from "react-intl";
import { login, runSetup } from "../api.js";
import { limits } from "../../shared/limits.js";
import { useSession } from "./SessionProvider.js";
import { useAction } from "../useAction.js";
import { LanguageSwitch } from "../i18n/LanguageSwitch.js";
import { brandMessage, useBrandTitle } from "../Shell.js";

const messages = defineMessages<{
  passwordLength: { count: number };
  title: NoMessageValues;
  email: NoMessageValues;
  password: NoMessageValues;
  signingIn: NoMessageValues;
  submit: NoMessageValues;
  forgotPassword: NoMessageValues;
  newHere: NoMessageValues;
  setupTitle: NoMessageValues;
  setupLead: NoMessageValues;
  setupForm: NoMessageValues;
  workspace: NoMessageValues;
  workspaceHint: NoMessageValues;
  yourName: NoMessageValues;
  tenActs: NoMessageValues;
  settingUp: NoMessageValues;
  create: NoMessageValues;
}>({
  passwordLength: {
    id: "signIn.passwordLength",
    defaultMessage: "{count, plural, one {At least # character.} other {At least # characters.}}",
  },
  title: { id: "signIn.title", defaultMessage: "Sign in" },
  email: { id: "signIn.email", defaultMessage: "Email" },
  password: { id: "signIn.password", defaultMessage: "Password" },
  signingIn: { id: "signIn.signingIn", defaultMessage: "Signing in…" },
  submit: { id: "signIn.submit", defaultMessage: "Sign in" },
  forgotPassword: { id: "signIn.forgotPassword", defaultMessage: "Forgot your password? Ask your workspace's chair for a reset link." },
  newHere: { id: "signIn.newHere", defaultMessage: "New here? Ask a chair of your coalition for an invitation link." },
  setupTitle: { id: "setup.title", defaultMessage: "Set up your workspace" },
  setupLead: { id: "setup.lead", defaultMessage: "You will be its first chair: you invite the others and give them their roles." },
  setupForm: { id: "setup.form", defaultMessage: "Set up" },
  workspace: { id: "setup.workspace", defaultMessage: "Workspace" },
  workspaceHint: { id: "setup.workspaceHint", defaultMessage: "Usually the coalition or the process, e.g. “Civil society drafting: Global Compact for Migration”." },
  yourName: { id: "setup.yourName", defaultMessage: "Your name" },
  tenActs: { id: "setup.tenActs", defaultMessage: "Start with the Ten Acts statement and its four reference groups" },
  settingUp: { id: "setup.settingUp", defaultMessage: "Setting up…" },
  create: { id: "setup.create", defaultMessage: "Create workspace" },
});

/** "At least 10 characters.", under a new password. */
export const passwordLengthMessage = messages.passwordLength;

/** A centred card for the pages shown before anyone is signed in, with the language switch at its top. */
export function EntryCard({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  const intl = useIntl();
  useBrandTitle();
  return (
    <main className="page page--entry">
      <div className="card card--entry">
        <div className="entry-card__top">
          <p className="eyebrow">{intl.formatMessage(brandMessage)}</p>
          <LanguageSwitch className="nav__workspace entry-card__language" />
        </div>
        <h1>{title}</h1>
        {lead && <p className="muted">{lead}</p>}
        {children}
      </div>
    </main>
  );
}

/** A labelled input. */
export function Field(props: { label: string; name: string; type?: string; value: string; onChange: (value: string) => void; autoComplete?: string; minLength?: number; hint?: string }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        name={props.name}
        type={props.type ?? "text"}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        autoComplete={props.autoComplete}
        minLength={props.minLength}
        required
      />
      {props.hint && <small className="muted">{props.hint}</small>}
    </label>
  );
}

/** Sign in with email and password. */
export function LoginPage() {
  const intl = useIntl();
  const { signedIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => signedIn(await login(email, password)));
  }
  return (
    <EntryCard title={intl.formatMessage(messages.title)}>
      <form onSubmit={submit} aria-label={intl.formatMessage(messages.title)}>
        <Field label={intl.formatMessage(messages.email)} name="email" type="email" value={email} onChange={setEmail} autoComplete="username" />
        <Field label={intl.formatMessage(messages.password)} name="password" type="password" value={password} onChange={setPassword} autoComplete="current-password" />
        {error && <p role="alert" className="notice notice--error">{error}</p>}
        <button type="submit" className="button button--primary button--wide" disabled={busy}>
          {intl.formatMessage(busy ? messages.signingIn : messages.submit)}
        </button>
      </form>
      <p className="muted small">{intl.formatMessage(messages.forgotPassword)}</p>
      <p className="muted small">{intl.formatMessage(messages.newHere)}</p>
    </EntryCard>
  );
}

/** First run: create the first chair and the workspace. */
export function SetupPage() {
  const intl = useIntl();
  const { signedIn } = useSession();
  const [workspaceName, setWorkspaceName] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [tenActs, setTenActs] = useState(true);
  const { busy, error, run } = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => signedIn(await runSetup({ workspaceName, displayName, email, password, tenActs })));
  }
  return (
    <EntryCard title={intl.formatMessage(messages.setupTitle)} lead={intl.formatMessage(messages.setupLead)}>
      <form onSubmit={submit} aria-label={intl.formatMessage(messages.setupForm)}>
        <Field
          label={intl.formatMessage(messages.workspace)}
          name="workspaceName"
          value={workspaceName}
          onChange={setWorkspaceName}
          hint={intl.formatMessage(messages.workspaceHint)}
        />
        <Field label={intl.formatMessage(messages.yourName)} name="displayName" value={displayName} onChange={setDisplayName} autoComplete="name" />
        <Field label={intl.formatMessage(messages.email)} name="email" type="email" value={email} onChange={setEmail} autoComplete="username" />
        <Field
          label={intl.formatMessage(messages.password)}
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          minLength={limits.minPasswordLength}
          hint={intl.formatMessage(messages.passwordLength, { count: limits.minPasswordLength })}
        />
        <label className="checkbox">
          <input type="checkbox" checked={tenActs} onChange={(event) => setTenActs(event.target.checked)} />
          <FormattedMessage {...messages.tenActs} />
        </label>
        {error && <p role="alert" className="notice notice--error">{error}</p>}
        <button type="submit" className="button button--primary button--wide" disabled={busy}>
          {intl.formatMessage(busy ? messages.settingUp : messages.create)}
        </button>
      </form>
    </EntryCard>
  );
}
