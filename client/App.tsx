import { defineMessages, useIntl } from "react-intl";
import { Route, Switch } from "wouter";
import { SessionProvider, useSession } from "./session/SessionProvider.js";
import { FollowAccountLanguage } from "./i18n/LanguageSwitch.js";
import { LoginPage, SetupPage } from "./session/SignInPages.js";
import { Shell } from "./Shell.js";
import { DocumentList } from "./features/documents/DocumentList.js";
import { MembersPage } from "./features/members/MembersPage.js";
import { AccountPage } from "./features/account/AccountPage.js";
import { InvitePage } from "./features/invites/InvitePage.js";
import { ResetPasswordPage } from "./features/account/ResetPasswordPage.js";
import { EditorPage } from "./editor/EditorPage.js";
import { HistoryPage } from "./features/rounds/HistoryPage.js";
import { VersionPage } from "./features/rounds/VersionPage.js";
import { SignOnPage } from "./features/signOn/SignOnPage.js";
import { SignOnLinkPage } from "./features/signOn/SignOnLinkPage.js";
import { UnsubscribePage } from "./features/notifications/UnsubscribePage.js";
import { MatrixPage } from "./features/matrix/MatrixPage.js";
import { GovernmentPage } from "./features/matrix/GovernmentPage.js";
import { ManageTargetsPage } from "./features/matrix/ManageTargetsPage.js";

const messages = defineMessages({
  loading: { id: "shell.loading", defaultMessage: "Loading…" },
  unreachable: { id: "shell.unreachable", defaultMessage: "The workspace cannot be reached" },
  notFound: { id: "shell.notFound", defaultMessage: "Page not found" },
  backToStatements: { id: "shell.backToStatements", defaultMessage: "Back to statements" },
});

function Pages() {
  const intl = useIntl();
  const { state } = useSession();
  if (state.status === "loading") return <main className="page page--entry muted">{intl.formatMessage(messages.loading)}</main>;
  if (state.status === "unreachable") {
    return (
      <main className="page page--narrow">
        <h1>{intl.formatMessage(messages.unreachable)}</h1>
        <p className="muted">{state.message}</p>
      </main>
    );
  }
  return (
    <Switch>
      <Route path="/invite/:token">{(params) => <InvitePage token={params.token} />}</Route>
      <Route path="/reset/:token">{(params) => <ResetPasswordPage key={params.token} token={params.token} />}</Route>
      {state.status === "signedOut" ? (
        <Route>{state.setupNeeded ? <SetupPage /> : <LoginPage />}</Route>
      ) : (
        <>
          <Route path="/d/:id">{(params) => <EditorPage key={params.id} documentId={params.id} />}</Route>
          <Route path="/d/:id/history">
            {(params) => (
              <Shell>
                <HistoryPage key={params.id} documentId={params.id} />
              </Shell>
            )}
          </Route>
          <Route path="/d/:id/matrix">
            {(params) => (
              <Shell>
                <MatrixPage key={params.id} documentId={params.id} />
              </Shell>
            )}
          </Route>
          <Route path="/d/:id/versions/:versionId">
            {(params) => (
              <Shell>
                <VersionPage key={params.versionId} documentId={params.id} versionId={params.versionId} />
              </Shell>
            )}
          </Route>
          <Route path="/d/:id/matrix/t/:targetId">
            {(params) => (
              <Shell>
                <GovernmentPage key={`${params.id}/${params.targetId}`} documentId={params.id} targetId={params.targetId} />
              </Shell>
            )}
          </Route>
          <Route path="/d/:id/matrix/manage">
            {(params) => (
              <Shell>
                <ManageTargetsPage key={params.id} documentId={params.id} />
              </Shell>
            )}
          </Route>
          <Route path="/">
            <Shell>
              <DocumentList />
            </Shell>
          </Route>
          <Route path="/members">
            <Shell>
              <MembersPage />
            </Shell>
          </Route>
          <Route path="/account">
            <Shell>
              <AccountPage />
            </Shell>
          </Route>
          <Route>
            <Shell>
              <main className="page page--narrow">
                <h1>{intl.formatMessage(messages.notFound)}</h1>
                <a href="/">{intl.formatMessage(messages.backToStatements)}</a>
              </main>
            </Shell>
          </Route>
        </>
      )}
    </Switch>
  );
}

/** The app: the public sign-on pages, signed-out pages (setup, sign-in, invitation) or the workspace. */
export function App() {
  return (
    <SessionProvider>
      <FollowAccountLanguage />
      <Switch>
        {/* Public: drawn at once, signed in or not (no session is needed or set). */}
        <Route path="/sign/:versionId">{(params) => <SignOnPage key={params.versionId} versionId={params.versionId} />}</Route>
        <Route path="/sign-on/confirm">
          <SignOnLinkPage action="confirm" />
        </Route>
        <Route path="/sign-on/withdraw">
          <SignOnLinkPage action="withdraw" />
        </Route>
        <Route path="/unsubscribe">
          <UnsubscribePage />
        </Route>
        <Route>
          <Pages />
        </Route>
      </Switch>
    </SessionProvider>
  );
}
