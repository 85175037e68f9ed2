import { useState, type FormEvent, type ReactNode } from "react";
import { login, runSetup } from "../api.js";
import { limits } from "../../shared/limits.js";
import { useSession } from "./SessionProvider.js";
import { useAction } from "../useAction.js";

/** A centred card for the pages shown before anyone is signed in. */
export function EntryCard({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  return (
    <main className="page page--entry">
      <div className="card card--entry">
        <p className="eyebrow">Drafting workspace</p>
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
  const { signedIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => signedIn(await login(email, password)));
  }
  return (
    <EntryCard title="Sign in">
      <form onSubmit={submit} aria-label="Sign in">
        <Field label="Email" name="email" type="email" value={email} onChange={setEmail} autoComplete="username" />
        <Field label="Password" name="password" type="password" value={password} onChange={setPassword} autoComplete="current-password" />
        {error && <p role="alert" className="notice notice--error">{error}</p>}
        <button type="submit" className="button button--primary button--wide" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p className="muted small">Forgot your password? Ask your workspace's chair for a reset link.</p>
      <p className="muted small">New here? Ask a chair of your coalition for an invitation link.</p>
    </EntryCard>
  );
}

/** First run: create the first chair and the workspace. */
export function SetupPage() {
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
    <EntryCard title="Set up your workspace" lead="You will be its first chair: you invite the others and give them their roles.">
      <form onSubmit={submit} aria-label="Set up">
        <Field label="Workspace" name="workspaceName" value={workspaceName} onChange={setWorkspaceName} hint="Usually the coalition or the process, e.g. “Civil society drafting: Global Compact for Migration”." />
        <Field label="Your name" name="displayName" value={displayName} onChange={setDisplayName} autoComplete="name" />
        <Field label="Email" name="email" type="email" value={email} onChange={setEmail} autoComplete="username" />
        <Field label="Password" name="password" type="password" value={password} onChange={setPassword} autoComplete="new-password" minLength={limits.minPasswordLength} hint={`At least ${limits.minPasswordLength} characters.`} />
        <label className="checkbox">
          <input type="checkbox" checked={tenActs} onChange={(event) => setTenActs(event.target.checked)} />
          Start with the Ten Acts statement and its four reference groups
        </label>
        {error && <p role="alert" className="notice notice--error">{error}</p>}
        <button type="submit" className="button button--primary button--wide" disabled={busy}>
          {busy ? "Setting up…" : "Create workspace"}
        </button>
      </form>
    </EntryCard>
  );
}
