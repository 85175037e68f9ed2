import { useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { MemberList } from "../../../shared/api.js";
import { roles, type Role } from "../../../shared/roles.js";
import { createPasswordReset, removeMember, updateMember } from "../../api.js";
import { useFormats } from "../../i18n/useFormats.js";
import { CopyField } from "../account/CopyField.js";
import { GroupPicker, groupNames } from "./GroupPicker.js";
import { useRoleNames } from "./roleNames.js";

const messages = defineMessages<{
  region: NoMessageValues;
  title: NoMessageValues;
  askChair: NoMessageValues;
  name: NoMessageValues;
  role: NoMessageValues;
  groups: NoMessageValues;
  actions: NoMessageValues;
  you: NoMessageValues;
  roleOf: { name: string };
  resetLinkFor: { name: string };
  resetLink: NoMessageValues;
  removeName: { name: string };
  confirmRemove: { name: string };
  remove: NoMessageValues;
  resetLinkField: NoMessageValues;
  resetLinkLead: { name: string; dateTime: string };
}>({
  region: { id: "members.peopleRegion", defaultMessage: "Members" },
  title: { id: "members.peopleTitle", defaultMessage: "People" },
  askChair: {
    id: "members.askChair",
    defaultMessage: "Chairs invite people and give them their roles and reference groups: ask one if yours should change.",
  },
  name: { id: "members.columnName", defaultMessage: "Name" },
  role: { id: "members.columnRole", defaultMessage: "Role" },
  groups: { id: "members.columnGroups", defaultMessage: "Reference groups" },
  actions: { id: "members.columnActions", defaultMessage: "Actions" },
  you: { id: "members.you", defaultMessage: "(you)" },
  roleOf: { id: "members.roleOf", defaultMessage: "Role of {name}" },
  resetLinkFor: { id: "members.resetLinkFor", defaultMessage: "Password reset link for {name}" },
  resetLink: { id: "members.resetLinkButton", defaultMessage: "Reset link" },
  removeName: { id: "members.removeName", defaultMessage: "Remove {name}" },
  confirmRemove: { id: "members.confirmRemove", defaultMessage: "Remove {name} from the workspace? They are disconnected at once." },
  remove: { id: "members.remove", defaultMessage: "Remove" },
  resetLinkField: { id: "members.resetLinkField", defaultMessage: "Password reset link" },
  resetLinkLead: {
    id: "members.resetLinkLead",
    defaultMessage:
      "Send this link to {name} privately (not in a shared channel): it sets a new password for their account and signs them out everywhere. It works once, until {dateTime}; a newer link replaces it.",
  },
});

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
  const intl = useIntl();
  const formats = useFormats();
  const roleNames = useRoleNames();
  const [reset, setReset] = useState<{ name: string; link: string; expiresAt: string } | null>(null);
  const groups = members?.groups ?? [];

  return (
    <section className="card" aria-label={intl.formatMessage(messages.region)}>
      <h2>{intl.formatMessage(messages.title)}</h2>
      {!manage && <p className="muted small">{intl.formatMessage(messages.askChair)}</p>}
      <table className="table members-table">
        <thead>
          <tr>
            <th>{intl.formatMessage(messages.name)}</th>
            <th>{intl.formatMessage(messages.role)}</th>
            <th>{intl.formatMessage(messages.groups)}</th>
            {manage && (
              <th>
                <span className="visually-hidden">{intl.formatMessage(messages.actions)}</span>
              </th>
            )}
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
                  {self && <span className="muted"> {intl.formatMessage(messages.you)}</span>}
                  {member.account.email && <div className="muted small">{member.account.email}</div>}
                </td>
                <td data-label={intl.formatMessage(messages.role)}>
                  {manage ? (
                    <select
                      aria-label={intl.formatMessage(messages.roleOf, { name })}
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
                <td data-label={intl.formatMessage(messages.groups)}>
                  {manage ? (
                    <GroupPicker
                      memberName={name}
                      groups={groups}
                      value={member.groupIds}
                      onChange={(groupIds) => act(() => updateMember(workspaceId, member.account.id, { groupIds }))}
                    />
                  ) : (
                    <span className={member.groupIds.length === 0 ? "muted" : undefined}>{groupNames(intl, groups, member.groupIds)}</span>
                  )}
                </td>
                {manage && (
                  <td className="members-table__actions">
                    {!self && (
                      <>
                        <button
                          type="button"
                          className="button button--quiet"
                          aria-label={intl.formatMessage(messages.resetLinkFor, { name })}
                          onClick={() =>
                            void act(async () => {
                              const made = await createPasswordReset(workspaceId, member.account.id);
                              setReset({ name, link: `${location.origin}${made.path}`, expiresAt: made.expiresAt });
                            })
                          }
                        >
                          {intl.formatMessage(messages.resetLink)}
                        </button>
                        <button
                          type="button"
                          className="button button--quiet button--danger"
                          aria-label={intl.formatMessage(messages.removeName, { name })}
                          onClick={() => {
                            if (confirm(intl.formatMessage(messages.confirmRemove, { name }))) {
                              void act(() => removeMember(workspaceId, member.account.id));
                            }
                          }}
                        >
                          {intl.formatMessage(messages.remove)}
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
          label={intl.formatMessage(messages.resetLinkField)}
          value={reset.link}
          lead={intl.formatMessage(messages.resetLinkLead, { name: reset.name, dateTime: formats.dateTime(reset.expiresAt) })}
        />
      )}
    </section>
  );
}
