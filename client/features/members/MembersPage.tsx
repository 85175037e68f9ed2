import { useFailure } from "../../useAction.js";
import { useCallback, useEffect, useState } from "react";
import { defineMessages, useIntl } from "react-intl";
import type { Invite, MemberList } from "../../../shared/api.js";
import { canManageMembers } from "../../../shared/roles.js";
import { listInvites, listMembers } from "../../api.js";
import { useCurrentWorkspace, useMe, useSession } from "../../session/SessionProvider.js";
import { InviteSection } from "./InviteSection.js";
import { MemberTable } from "./MemberTable.js";
import { AuditLog } from "../audit/AuditLog.js";

const messages = defineMessages({
  title: { id: "members.title", defaultMessage: "Members" },
});

/**
 * Who is in the workspace, for every role. Chairs also get invitation links, role and
 * group changes, reset links and the audit log; the other roles are not shown (nor sent
 * for) what the server would refuse them.
 */
export function MembersPage() {
  const intl = useIntl();
  const me = useMe();
  const { refresh: refreshSession } = useSession();
  const [workspace] = useCurrentWorkspace();
  const workspaceId = workspace?.workspace.id ?? "";
  const manage = workspace ? canManageMembers(workspace.role) : false;
  const [members, setMembers] = useState<MemberList | null>(null);
  const [invites, setInvites] = useState<Invite[]>([]);
  const [mailAvailable, setMailAvailable] = useState(false);
  const [error, setError] = useFailure();

  const load = useCallback(async () => {
    if (!workspaceId) return;
    try {
      const [m, i] = await Promise.all([listMembers(workspaceId), manage ? listInvites(workspaceId) : null]);
      setMembers(m);
      setInvites(i?.invites ?? []);
      setMailAvailable(i?.mailAvailable ?? false);
    } catch (failure) {
      setError(failure);
    }
  }, [workspaceId, manage]);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      await load();
    } catch (failure) {
      setError(failure);
    }
  }

  if (!workspace) return null;
  const header = (
    <header className="page-header">
      <p className="eyebrow">{workspace.workspace.name}</p>
      <h1>{intl.formatMessage(messages.title)}</h1>
    </header>
  );
  const people = <MemberTable workspaceId={workspaceId} members={members} myId={me.account.id} manage={manage} act={act} onOwnRoleChanged={refreshSession} />;
  if (!manage) {
    return (
      <main className="page page--wide">
        {header}
        {error && <p role="alert" className="notice notice--error">{error}</p>}
        {people}
      </main>
    );
  }
  return (
    <main className="page page--wide">
      {header}
      {error && <p role="alert" className="notice notice--error">{error}</p>}

      <InviteSection workspaceId={workspaceId} groups={members?.groups ?? []} invites={invites} mailAvailable={mailAvailable} act={act} />

      {people}

      <AuditLog workspaceId={workspaceId} reloadOn={members} />
    </main>
  );
}
