import { messageOf } from "../../useAction.js";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { Invite, MemberList } from "../../../shared/api.js";
import { roleDescriptions, roles, type Role } from "../../../shared/roles.js";
import { createInvite, listInvites, listMembers, removeMember, revokeInvite, updateMember } from "../../api.js";
import { useCurrentWorkspace, useMe, useSession } from "../../session/SessionProvider.js";
import { formatDate } from "../../format.js";
import { roleNames } from "./roleNames.js";
import { AuditLog } from "../audit/AuditLog.js";

/** Chairs: members and their roles, invitation links, the audit log. */
export function MembersPage() {
  const me = useMe();
  const { refresh: refreshSession } = useSession();
  const [workspace] = useCurrentWorkspace();
  const workspaceId = workspace?.workspace.id ?? "";
  const [members, setMembers] = useState<MemberList | null>(null);
  const [invites, setInvites] = useState<Invite[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [role, setRole] = useState<Role>("coordinator");
  const [groupId, setGroupId] = useState("");
  const [days, setDays] = useState(7);
  const [link, setLink] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!workspaceId) return;
    try {
      const [m, i] = await Promise.all([listMembers(workspaceId), listInvites(workspaceId)]);
      setMembers(m);
      setInvites(i.invites);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [workspaceId]);
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

  async function invite(event: FormEvent) {
    event.preventDefault();
    await act(async () => {
      const created = await createInvite(workspaceId, { role, groupIds: role === "reviewer" && groupId ? [groupId] : [], expiresInDays: days });
      setLink(`${location.origin}${created.path}`);
    });
  }

  if (!workspace) return null;
  const groupName = (id: string) => members?.groups.find((g) => g.id === id)?.name ?? "";
  return (
    <main className="page page--wide">
      <header className="page-header">
        <p className="eyebrow">{workspace.workspace.name}</p>
        <h1>Members</h1>
      </header>
      {error && <p role="alert" className="notice notice--error">{error}</p>}

      <section className="card" aria-label="Invite">
        <h2>Invite someone</h2>
        <form className="invite-form" onSubmit={invite}>
          <label className="field">
            <span>Role</span>
            <select name="role" aria-label="Role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleNames[r]}
                </option>
              ))}
            </select>
            <small className="muted">{roleDescriptions[role]}</small>
          </label>
          {role === "reviewer" && (
            <label className="field">
              <span>Reference group</span>
              <select name="group" value={groupId} onChange={(event) => setGroupId(event.target.value)}>
                <option value="">None</option>
                {members?.groups.map((group) => (
                  <option key={group.id} value={group.id}>
                    {group.name} (Acts {group.acts.join(", ")})
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field field--short">
            <span>Expires after</span>
            <select name="days" value={days} onChange={(event) => setDays(Number(event.target.value))}>
              {[1, 3, 7, 14, 30].map((d) => (
                <option key={d} value={d}>
                  {d} {d === 1 ? "day" : "days"}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button--primary">
            Create invitation link
          </button>
        </form>
        {link && (
          <div className="invite-link">
            <p>Send this link to the person you invite. It works once.</p>
            <input readOnly value={link} aria-label="Invitation link" onFocus={(event) => event.target.select()} />
            <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(link)}>
              Copy
            </button>
          </div>
        )}
        {invites.length > 0 && (
          <ul className="plain-list">
            {invites.map((pending) => (
              <li key={pending.id}>
                Pending: {roleNames[pending.role]}
                {pending.groupIds.length > 0 && ` · ${pending.groupIds.map(groupName).join(", ")}`} · expires {formatDate(pending.expiresAt)}
                <button type="button" className="button button--quiet" onClick={() => void act(() => revokeInvite(workspaceId, pending.id))}>
                  Withdraw
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-label="Members">
        <h2>People</h2>
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Reference groups</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members?.members.map((member) => {
              const self = member.account.id === me.account.id;
              return (
                <tr key={member.account.id} data-member={member.account.email}>
                  <td>
                    <strong>{member.account.displayName}</strong>
                    {self && <span className="muted"> (you)</span>}
                    <div className="muted small">{member.account.email}</div>
                  </td>
                  <td>
                    <select
                      aria-label={`Role of ${member.account.displayName}`}
                      value={member.role}
                      onChange={(event) =>
                        void act(async () => {
                          await updateMember(workspaceId, member.account.id, { role: event.target.value as Role });
                          if (self) await refreshSession();
                        })
                      }
                    >
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {roleNames[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={`Reference group of ${member.account.displayName}`}
                      value={member.groupIds[0] ?? ""}
                      onChange={(event) => void act(() => updateMember(workspaceId, member.account.id, { groupIds: event.target.value ? [event.target.value] : [] }))}
                    >
                      <option value="">None</option>
                      {members.groups.map((group) => (
                        <option key={group.id} value={group.id}>
                          {group.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {!self && (
                      <button
                        type="button"
                        className="button button--quiet button--danger"
                        onClick={() => {
                          if (confirm(`Remove ${member.account.displayName} from the workspace? They are disconnected at once.`)) {
                            void act(() => removeMember(workspaceId, member.account.id));
                          }
                        }}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <AuditLog workspaceId={workspaceId} reloadOn={members} />
    </main>
  );
}
