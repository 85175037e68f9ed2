import { messageOf } from "../../useAction.js";
import { useCallback, useEffect, useState } from "react";
import type { AuditEntry, Invite, MemberList } from "../../../shared/api.js";
import { canManageMembers } from "../../../shared/roles.js";
import { listAudit, listInvites, listMembers } from "../../api.js";
import { useCurrentWorkspace, useMe, useSession } from "../../session/SessionProvider.js";
import { formatDateTime, formatWhen } from "../../format.js";
import { InviteSection } from "./InviteSection.js";
import { MemberTable } from "./MemberTable.js";

/**
 * Who is in the workspace, for every role. Chairs also get invitation links, role and
 * group changes, reset links and the audit log; the other roles are not shown (nor sent
 * for) what the server would refuse them.
 */
export function MembersPage() {
  const me = useMe();
  const { refresh: refreshSession } = useSession();
  const [workspace] = useCurrentWorkspace();
  const workspaceId = workspace?.workspace.id ?? "";
  const manage = workspace ? canManageMembers(workspace.role) : false;
  const [members, setMembers] = useState<MemberList | null>(null);
  const [invites, setInvites] = useState<Invite[]>([]);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!workspaceId) return;
    try {
      const [m, i, a] = await Promise.all([listMembers(workspaceId), manage ? listInvites(workspaceId) : null, manage ? listAudit(workspaceId) : null]);
      setMembers(m);
      setInvites(i?.invites ?? []);
      setAudit(a?.entries ?? []);
    } catch (failure) {
      setError(messageOf(failure));
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
      setError(messageOf(failure));
    }
  }

  if (!workspace) return null;
  const header = (
    <header className="page-header">
      <p className="eyebrow">{workspace.workspace.name}</p>
      <h1>Members</h1>
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

      <InviteSection workspaceId={workspaceId} groups={members?.groups ?? []} invites={invites} act={act} />

      {people}

      <section className="card" aria-label="Audit log">
        <h2>Audit log</h2>
        <table className="table table--compact">
          <tbody>
            {audit.map((entry) => (
              <tr key={entry.id}>
                <td className="muted nowrap" title={formatDateTime(entry.at)}>{formatWhen(entry.at)}</td>
                <td>{entry.actor ?? <span className="muted">unknown</span>}</td>
                <td><code>{entry.action}</code></td>
                <td className="muted">{entry.subject}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
