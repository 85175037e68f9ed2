import { useEffect } from "react";
import { defineMessages, FormattedMessage, useIntl, type NoMessageValues } from "react-intl";
import type { DocumentDetail, Me } from "../../shared/api.js";
import { CloseCode } from "../../shared/protocol.js";
import { useSession } from "../session/SessionProvider.js";
import type { CollabSession } from "./CollabSession.js";
import { forgetWorkspace } from "./localCopies.js";
import { useConnectionState } from "./useCollabSession.js";

const messages = defineMessages<{
  title: NoMessageValues;
  removed: { title: string };
  mistake: NoMessageValues;
  back: NoMessageValues;
}>({
  title: { id: "collab.noLongerMemberTitle", defaultMessage: "You are no longer a member of this workspace" },
  removed: { id: "collab.noLongerMemberRemoved", defaultMessage: "“{title}” and the other statements of this workspace were removed from this device." },
  mistake: { id: "collab.noLongerMemberMistake", defaultMessage: "If this is a mistake, ask one of its chairs to invite you again." },
  back: { id: "collab.backToYourStatements", defaultMessage: "Back to your statements" },
});

/**
 * The statement (as last known) when its reader was removed from its workspace, else null:
 * told by the socket's close code, or by memberships fresh from the server. Once removed,
 * this device's copies of the workspace's statements are deleted.
 */
export function useRemovedFrom(session: CollabSession | null, detail: DocumentDetail | null, me: Me): DocumentDetail | null {
  const connection = useConnectionState(session);
  const { state } = useSession();
  const fresh = state.status === "signedIn" && !state.offline;
  const revoked = connection.kind === "refused" && connection.code === CloseCode.accessRevoked;
  const notMember = fresh && detail !== null && !me.memberships.some((m) => m.workspace.id === detail.workspaceId);
  const removed = detail !== null && (revoked || notMember);
  const workspaceId = detail?.workspaceId ?? null;
  useEffect(() => {
    if (!removed || !workspaceId) return;
    void session?.forgetLocalCopy();
    void forgetWorkspace(workspaceId);
  }, [removed, workspaceId, session]);
  return removed ? detail : null;
}

/** What a removed member sees instead of the statement: nothing left to type in. */
export function NoLongerMember({ detail }: { detail: DocumentDetail }) {
  const intl = useIntl();
  return (
    <main className="page page--narrow">
      <h1>{intl.formatMessage(messages.title)}</h1>
      <p>
        <FormattedMessage {...messages.removed} values={{ title: detail.title }} />
      </p>
      <p className="muted">{intl.formatMessage(messages.mistake)}</p>
      <a href="/">{intl.formatMessage(messages.back)}</a>
    </main>
  );
}
