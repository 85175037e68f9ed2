import { useState } from "react";
import type { MemberList } from "../../../shared/api.js";
import { roles, type Role } from "../../../shared/roles.js";
import { createPasswordReset, removeMember, updateMember } from "../../api.js";
import { formatDateTime } from "../../format.js";
import { CopyField } from "../account/CopyField.js";
import { GroupPicker, groupNames } from "./GroupPicker.js";
import { roleNames } from "./roleNames.js";

/**
 * The people of the workspace. Everyone sees names, roles and reference groups; chairs
 * also see emails and change roles and groups, make reset links and remove members.
 */
export function MemberTable({
  workspaceId,
  members,
  myId,
  manage,
  act,
  onOwnRoleChanged,
}: {
  workspaceId: string;
  members: MemberList | null;
  myId: string;
  /** The caller is a chair: controls, not just names. */
  manage: boolean;
  act: (action: () => Promise<unknown>) => Promise<void>;
  onOwnRoleChanged: () => Promise<void>;
}) {
  const [reset, setReset] = useState<{ name: string; link: string; expiresAt: string } | null>(null);
  const groups = members?.groups ?? [];

  return (
    <section className="card" aria-label="Members">
      <h2>People</h2>
      {!manage && <p className="muted small">Chairs invite people and give them their roles and reference groups: ask one if yours should change.</p>}
      <table className="table members-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Reference groups</th>
            {manage && <th><span className="visually-hidden">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {members?.members.map((member) => {
            const self = member.account.id === myId;
            const name = member.account.displayName;
            return (
              <tr key={member.account.id} data-member={member.account.email ?? member.account.id}>
                <td>
                  <strong>{name}</strong>
                  {self && <span className="muted"> (you)</span>}
                  {member.account.email && <div className="muted small">{member.account.email}</div>}
                </td>
                <td data-label="Role">
                  {manage ? (
                    <select
                      aria-label={`Role of ${name}`}
                      value={member.role}
                      onChange={(event) =>
                        void act(async () => {
                          await updateMember(workspaceId, member.account.id, { role: event.target.value as Role });
                          if (self) await onOwnRoleChanged();
                        })
                      }
                    >
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {roleNames[r]}
                        </option>
                      ))}
                    </select>
                  ) : (
                    roleNames[member.role]
                  )}
                </td>
                <td data-label="Reference groups">
                  {manage ? (
                    <GroupPicker
                      memberName={name}
                      groups={groups}
                      value={member.groupIds}
                      onChange={(groupIds) => act(() => updateMember(workspaceId, member.account.id, { groupIds }))}
                    />
                  ) : (
                    <span className={member.groupIds.length === 0 ? "muted" : undefined}>{groupNames(groups, member.groupIds)}</span>
                  )}
                </td>
                {manage && (
                  <td className="members-table__actions">
                    {!self && (
                      <>
                        <button
                          type="button"
                          className="button button--quiet"
                          aria-label={`Password reset link for ${name}`}
                          onClick={() =>
                            void act(async () => {
                              const made = await createPasswordReset(workspaceId, member.account.id);
                              setReset({ name, link: `${location.origin}${made.path}`, expiresAt: made.expiresAt });
                            })
                          }
                        >
                          Reset link
                        </button>
                        <button
                          type="button"
                          className="button button--quiet button--danger"
                          aria-label={`Remove ${name}`}
                          onClick={() => {
                            if (confirm(`Remove ${name} from the workspace? They are disconnected at once.`)) {
                              void act(() => removeMember(workspaceId, member.account.id));
                            }
                          }}
                        >
                          Remove
                        </button>
                      </>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {manage && reset && (
        <CopyField
          label="Password reset link"
          value={reset.link}
          lead={`Send this link to ${reset.name} privately (not in a shared channel): it sets a new password for their account and signs them out everywhere. It works once, until ${formatDateTime(reset.expiresAt)}; a newer link replaces it.`}
        />
      )}
    </section>
  );
}
