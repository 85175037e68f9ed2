import type { ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { useCurrentWorkspace, useMe, useSession } from "./session/SessionProvider.js";
import { roleNames } from "./features/members/roleNames.js";

/** The frame of every page but the editor: workspace, navigation, account. */
export function Shell({ children }: { children: ReactNode }) {
  const me = useMe();
  const { signOut } = useSession();
  const [workspace, chooseWorkspace] = useCurrentWorkspace();
  const [location] = useLocation();
  const link = (href: string, label: string) => (
    <Link href={href} className={`nav__link${location === href ? " nav__link--active" : ""}`}>
      {label}
    </Link>
  );
  return (
    <div className="shell">
      <header className="nav">
        <span className="nav__brand">Drafting workspace</span>
        {me.memberships.length > 1 ? (
          <select className="nav__workspace" value={workspace?.workspace.id} onChange={(event) => chooseWorkspace(event.target.value)} aria-label="Workspace">
            {me.memberships.map((m) => (
              <option key={m.workspace.id} value={m.workspace.id}>
                {m.workspace.name}
              </option>
            ))}
          </select>
        ) : (
          <span className="nav__workspace-name">{workspace?.workspace.name}</span>
        )}
        <nav className="nav__links" aria-label="Main">
          {link("/", "Statements")}
          {workspace && link("/members", "Members")}
          {link("/account", "Account")}
        </nav>
        <span className="nav__me">
          {me.account.displayName}
          {workspace && <span className="badge">{roleNames[workspace.role]}</span>}
        </span>
        <button type="button" className="button button--quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      {children}
    </div>
  );
}
