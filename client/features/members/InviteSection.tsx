import { useState, type FormEvent } from "react";
import type { Invite, MemberList } from "../../../shared/api.js";
import { limits } from "../../../shared/limits.js";
import { roleDescriptions, roles, type Role } from "../../../shared/roles.js";
import { createInvite, revokeInvite } from "../../api.js";
import { formatDate, formatDateTime } from "../../format.js";
import { CopyField } from "../account/CopyField.js";
import { GroupChoices, groupNames } from "./GroupPicker.js";
import { roleNames } from "./roleNames.js";

/** Chairs: invitation links (with whom each is for), and the pending ones. */
export function InviteSection({
  workspaceId,
  groups,
  invites,
  act,
}: {
  workspaceId: string;
  groups: MemberList["groups"];
  invites: Invite[];
  act: (action: () => Promise<unknown>) => Promise<void>;
}) {
  const [role, setRole] = useState<Role>("coordinator");
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [days, setDays] = useState(7);
  const [note, setNote] = useState("");
  const [created, setCreated] = useState<{ link: string; expiresAt: string; note: string | null } | null>(null);

  async function invite(event: FormEvent) {
    event.preventDefault();
    await act(async () => {
      const made = await createInvite(workspaceId, { role, groupIds: role === "reviewer" ? groupIds : [], expiresInDays: days, note: note.trim() || undefined });
      setCreated({ link: `${location.origin}${made.path}`, expiresAt: made.expiresAt, note: made.note });
      setNote("");
    });
  }

  return (
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
        <label className="field">
          <span>For (optional)</span>
          <input
            name="note"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            maxLength={limits.maxInviteNoteLength}
            placeholder="Name or email"
            aria-describedby="invite-note-hint"
          />
          <small className="muted" id="invite-note-hint">Shown only to chairs, in the pending invitations.</small>
        </label>
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
        {role === "reviewer" && <GroupChoices legend="Reference groups" groups={groups} value={groupIds} onChange={setGroupIds} />}
        <button type="submit" className="button button--primary">
          Create invitation link
        </button>
      </form>
      {created && (
        <CopyField
          label="Invitation link"
          value={created.link}
          lead={`Send this link${created.note ? ` to ${created.note}` : " to the person you invite"}. It works once, until ${formatDateTime(created.expiresAt)}.`}
        />
      )}
      {invites.length > 0 && (
        <>
          <h3 className="subheading">Pending invitations</h3>
          <ul className="plain-list" aria-label="Pending invitations">
            {invites.map((pending) => (
              <li key={pending.id}>
                <span>
                  {pending.note ? <strong>For {pending.note}</strong> : <span className="muted">For anyone with the link</span>} · {roleNames[pending.role]}
                  {pending.groupIds.length > 0 && ` · ${groupNames(groups, pending.groupIds)}`}
                  <span className="muted"> · expires {formatDate(pending.expiresAt)}</span>
                </span>
                <button
                  type="button"
                  className="button button--quiet"
                  aria-label={`Withdraw the invitation${pending.note ? ` for ${pending.note}` : ""}`}
                  onClick={() => void act(() => revokeInvite(workspaceId, pending.id))}
                >
                  Withdraw
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
