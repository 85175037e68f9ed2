import { useEffect, useRef, useState, type ReactNode } from "react";
import { defineMessages, useIntl } from "react-intl";
import { Link, useLocation } from "wouter";
import { useCurrentWorkspace, useMe, useSession } from "./session/SessionProvider.js";
import { useRoleNames } from "./features/members/roleNames.js";
import { LanguageSwitch } from "./i18n/LanguageSwitch.js";
import { NotificationBell } from "./features/notifications/NotificationBell.js";

const messages = defineMessages({
  brand: { id: "shell.brand", defaultMessage: "Drafting workspace" },
  workspace: { id: "shell.workspace", defaultMessage: "Workspace" },
  menu: { id: "shell.menu", defaultMessage: "Menu" },
  main: { id: "shell.mainNavigation", defaultMessage: "Main" },
  statements: { id: "shell.statements", defaultMessage: "Statements" },
  members: { id: "shell.members", defaultMessage: "Members" },
  account: { id: "shell.account", defaultMessage: "Account" },
  signOut: { id: "shell.signOut", defaultMessage: "Sign out" },
});

/** The product's name, as the header and the signed-out pages show it. */
export const brandMessage = messages.brand;

/** The browser tab reads the product's name in the interface's language (the editor puts the statement's title first). */
export function useBrandTitle(): void {
  const intl = useIntl();
  useEffect(() => {
    document.title = intl.formatMessage(messages.brand);
  }, [intl]);
}

/**
 * The frame of every page but the editor: workspace, navigation, language, account. On a
 * phone the navigation, the language and the account fold under a "Menu" button (Escape
 * closes it, focus returns).
 */
export function Shell({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const me = useMe();
  const { signOut } = useSession();
  const roleNames = useRoleNames();
  const [workspace, chooseWorkspace] = useCurrentWorkspace();
  const [location] = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  useBrandTitle();
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
          <span className="nav__brand">{intl.formatMessage(messages.brand)}</span>
          {me.memberships.length > 1 ? (
            <select
              className="nav__workspace"
              value={workspace?.workspace.id}
              onChange={(event) => chooseWorkspace(event.target.value)}
              aria-label={intl.formatMessage(messages.workspace)}
            >
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
        <NotificationBell className="nav__bell" />
        <button ref={menuButton} type="button" className="button button--quiet nav__menu-button" aria-expanded={menuOpen} aria-controls="main-menu" onClick={() => setMenuOpen((open) => !open)}>
          {intl.formatMessage(messages.menu)}
        </button>
        <div id="main-menu" className="nav__menu">
          <nav className="nav__links" aria-label={intl.formatMessage(messages.main)}>
            {link("/", intl.formatMessage(messages.statements))}
            {workspace && link("/members", intl.formatMessage(messages.members))}
            {link("/account", intl.formatMessage(messages.account))}
          </nav>
          <LanguageSwitch className="nav__workspace nav__language" />
          <span className="nav__me">
            <span className="nav__me-name">{me.account.displayName}</span>
            {workspace && <span className="badge">{roleNames[workspace.role]}</span>}
          </span>
          <button type="button" className="button button--quiet nav__sign-out" onClick={() => void signOut()}>
            {intl.formatMessage(messages.signOut)}
          </button>
        </div>
      </header>
      {children}
    </div>
  );
}
