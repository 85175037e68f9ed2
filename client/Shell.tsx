import { useEffect, useRef, useState, type ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { useCurrentWorkspace, useMe, useSession } from "./session/SessionProvider.js";
import { roleNames } from "./features/members/roleNames.js";

/**
 * The frame of every page but the editor: workspace, navigation, account. On a phone the
 * navigation and the account fold under a "Menu" button (Escape closes it, focus returns).
 */
export function Shell({ children }: { children: ReactNode }) {
  const me = useMe();
  const { signOut } = useSession();
  const [workspace, chooseWorkspace] = useCurrentWorkspace();
  const [location] = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => setMenuOpen(false), [location]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);
  const link = (href: string, label: string) => (
    <Link href={href} className={`nav__link${location === href ? " nav__link--active" : ""}`} aria-current={location === href ? "page" : undefined}>
      {label}
    </Link>
  );
  return (
    <div className="shell">
      <header className={`nav${menuOpen ? " nav--open" : ""}`}>
        <div className="nav__identity">
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
            <span className="nav__workspace-name" title={workspace?.workspace.name}>
              {workspace?.workspace.name}
            </span>
          )}
        </div>
        <button ref={menuButton} type="button" className="button button--quiet nav__menu-button" aria-expanded={menuOpen} aria-controls="main-menu" onClick={() => setMenuOpen((open) => !open)}>
          Menu
        </button>
        <div id="main-menu" className="nav__menu">
          <nav className="nav__links" aria-label="Main">
            {link("/", "Statements")}
            {workspace && link("/members", "Members")}
            {link("/account", "Account")}
          </nav>
          <span className="nav__me">
            <span className="nav__me-name">{me.account.displayName}</span>
            {workspace && <span className="badge">{roleNames[workspace.role]}</span>}
          </span>
          <button type="button" className="button button--quiet nav__sign-out" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      {children}
    </div>
  );
}
