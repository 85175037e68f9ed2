import { useState, type FormEvent } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { Invite, MemberList } from "../../../shared/api.js";
import { limits } from "../../../shared/limits.js";
import { roles, type Role } from "../../../shared/roles.js";
import { createInvite, revokeInvite } from "../../api.js";
import { useFormats } from "../../i18n/useFormats.js";
import { CopyField } from "../account/CopyField.js";
import { errorMessages } from "../../i18n/errorMessages.js";
import { GroupChoices, groupNames } from "./GroupPicker.js";
import { roleDescriptionMessages, useRoleNames } from "./roleNames.js";

const messages = defineMessages<{
  region: NoMessageValues;
  title: NoMessageValues;
  role: NoMessageValues;
  forLabel: NoMessageValues;
  forPlaceholder: NoMessageValues;
  forHint: NoMessageValues;
  expiresAfter: NoMessageValues;
  days: { count: number };
  groups: NoMessageValues;
  create: NoMessageValues;
  linkField: NoMessageValues;
  sendTo: { name: string; dateTime: string };
  sendToAnyone: { dateTime: string };
  pending: NoMessageValues;
  pendingFor: { name: string };
  pendingForAnyone: NoMessageValues;
  pendingExpires: { date: string };
  withdrawFor: { name: string };
  withdrawAny: NoMessageValues;
  withdraw: NoMessageValues;
  emailLabel: NoMessageValues;
  emailHint: NoMessageValues;
  mailUnavailable: NoMessageValues;
  createAndMail: NoMessageValues;
  mailed: { email: string };
}>({
  region: { id: "members.inviteRegion", defaultMessage: "Invite" },
  title: { id: "members.inviteTitle", defaultMessage: "Invite someone" },
  role: { id: "members.inviteRole", defaultMessage: "Role" },
  forLabel: { id: "members.inviteFor", defaultMessage: "For (optional)" },
  forPlaceholder: { id: "members.inviteForPlaceholder", defaultMessage: "Name or email" },
  forHint: { id: "members.inviteForHint", defaultMessage: "Shown only to chairs, in the pending invitations." },
  expiresAfter: { id: "members.inviteExpiresAfter", defaultMessage: "Expires after" },
  days: { id: "members.inviteDays", defaultMessage: "{count, plural, one {# day} other {# days}}" },
  groups: { id: "members.inviteGroups", defaultMessage: "Reference groups" },
  create: { id: "members.createInvite", defaultMessage: "Create invitation link" },
  linkField: { id: "members.inviteLink", defaultMessage: "Invitation link" },
  sendTo: { id: "members.inviteSendTo", defaultMessage: "Send this link to {name}. It works once, until {dateTime}." },
  sendToAnyone: { id: "members.inviteSendToInvitee", defaultMessage: "Send this link to the person you invite. It works once, until {dateTime}." },
  pending: { id: "members.pendingInvites", defaultMessage: "Pending invitations" },
  pendingFor: { id: "members.pendingFor", defaultMessage: "For {name}" },
  pendingForAnyone: { id: "members.pendingForAnyone", defaultMessage: "For anyone with the link" },
  pendingExpires: { id: "members.pendingExpires", defaultMessage: "expires {date}" },
  withdrawFor: { id: "members.withdrawFor", defaultMessage: "Withdraw the invitation for {name}" },
  withdrawAny: { id: "members.withdrawInvite", defaultMessage: "Withdraw the invitation" },
  withdraw: { id: "members.withdraw", defaultMessage: "Withdraw" },
  emailLabel: { id: "members.inviteEmail", defaultMessage: "Email (optional)" },
  emailHint: { id: "members.inviteEmailHint", defaultMessage: "The link is mailed to this address, in your language. You can also copy it." },
  mailUnavailable: {
    id: "members.inviteMailUnavailable",
    defaultMessage: "This server sends no mail: create the link, copy it and send it yourself.",
  },
  createAndMail: { id: "members.createAndMailInvite", defaultMessage: "Create and mail the invitation" },
  mailed: { id: "members.inviteMailed", defaultMessage: "The invitation was mailed to {email}." },
});

/** An address kept left to right inside a sentence of either direction (Unicode first-strong isolate). */
const isolated = (address: string) => `\u2068${address}\u2069`;

/** Between the facts of one pending invitation: a symbol, the same in every language. */
const DOT = " · ";

/** Chairs: invitation links (with whom each is for), and the pending ones. */
export function InviteSection({
  workspaceId,
  groups,
  invites,
  mailAvailable,
  act,
}: {
  workspaceId: string;
  groups: MemberList["groups"];
  invites: Invite[];
  /** Whether the server can mail the link (SMTP configured); without it, no email field. */
  mailAvailable: boolean;
  act: (action: () => Promise<unknown>) => Promise<void>;
}) {
  const intl = useIntl();
  const formats = useFormats();
  const roleNames = useRoleNames();
  const [role, setRole] = useState<Role>("coordinator");
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [days, setDays] = useState(7);
  const [note, setNote] = useState("");
  const [email, setEmail] = useState("");
  const [created, setCreated] = useState<{
    link: string;
    expiresAt: string;
    note: string | null;
    /** The address the link went to, or whether mailing it failed. */
    mail: { to: string } | "failed" | null;
  } | null>(null);

  async function invite(event: FormEvent) {
    event.preventDefault();
    await act(async () => {
      const to = mailAvailable ? email.trim() : "";
      const made = await createInvite(workspaceId, {
        role,
        groupIds: role === "reviewer" ? groupIds : [],
        expiresInDays: days,
        note: note.trim() || undefined,
        email: to || undefined,
      });
      setCreated({
        link: `${location.origin}${made.path}`,
        expiresAt: made.expiresAt,
        note: made.note,
        mail: made.mailed ? { to } : made.mailError ? "failed" : null,
      });
      setNote("");
      setEmail("");
    });
  }

  return (
    <section className="card" aria-label={intl.formatMessage(messages.region)}>
      <h2>{intl.formatMessage(messages.title)}</h2>
      {!mailAvailable && <p className="muted">{intl.formatMessage(messages.mailUnavailable)}</p>}
      <form className="invite-form" onSubmit={invite}>
        <label className="field">
          <span>{intl.formatMessage(messages.role)}</span>
          <select name="role" aria-label={intl.formatMessage(messages.role)} value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleNames[r]}
              </option>
            ))}
          </select>
          <small className="muted">{intl.formatMessage(roleDescriptionMessages[role])}</small>
        </label>
        <label className="field">
          <span>{intl.formatMessage(messages.forLabel)}</span>
          <input
            name="note"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            maxLength={limits.maxInviteNoteLength}
            placeholder={intl.formatMessage(messages.forPlaceholder)}
            aria-describedby="invite-note-hint"
          />
          <small className="muted" id="invite-note-hint">
            {intl.formatMessage(messages.forHint)}
          </small>
        </label>
        {mailAvailable && (
          <label className="field">
            <span>{intl.formatMessage(messages.emailLabel)}</span>
            <input
              name="email"
              type="email"
              autoComplete="off"
              dir="ltr"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              maxLength={254}
              aria-describedby="invite-email-hint"
            />
            <small className="muted" id="invite-email-hint">
              {intl.formatMessage(messages.emailHint)}
            </small>
          </label>
        )}
        <label className="field field--short">
          <span>{intl.formatMessage(messages.expiresAfter)}</span>
          <select name="days" value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {[1, 3, 7, 14, 30].map((d) => (
              <option key={d} value={d}>
                {intl.formatMessage(messages.days, { count: d })}
              </option>
            ))}
          </select>
        </label>
        {role === "reviewer" && <GroupChoices legend={intl.formatMessage(messages.groups)} groups={groups} value={groupIds} onChange={setGroupIds} />}
        <button type="submit" className="button button--primary">
          {intl.formatMessage(mailAvailable && email.trim() ? messages.createAndMail : messages.create)}
        </button>
      </form>
      {/* Announced when it appears; not a "status" role, which the link's Copy result holds. */}
      <div aria-live="polite">
        {created?.mail && created.mail !== "failed" && <p className="notice notice--ok invite-mailed">{intl.formatMessage(messages.mailed, { email: isolated(created.mail.to) })}</p>}
      </div>
      {created?.mail === "failed" && (
        <p role="alert" className="notice notice--error">
          {intl.formatMessage(errorMessages.mail_not_sent)}
        </p>
      )}
      {created && (
        <CopyField
          label={intl.formatMessage(messages.linkField)}
          value={created.link}
          lead={
            created.note
              ? intl.formatMessage(messages.sendTo, { name: created.note, dateTime: formats.dateTime(created.expiresAt) })
              : intl.formatMessage(messages.sendToAnyone, { dateTime: formats.dateTime(created.expiresAt) })
          }
        />
      )}
      {invites.length > 0 && (
        <>
          <h3 className="subheading">{intl.formatMessage(messages.pending)}</h3>
          <ul className="plain-list" aria-label={intl.formatMessage(messages.pending)}>
            {invites.map((pending) => (
              <li key={pending.id}>
                <span>
                  {pending.note ? (
                    <strong>{intl.formatMessage(messages.pendingFor, { name: pending.note })}</strong>
                  ) : (
                    <span className="muted">{intl.formatMessage(messages.pendingForAnyone)}</span>
                  )}
                  {DOT}
                  {roleNames[pending.role]}
                  {pending.groupIds.length > 0 && (
                    <>
                      {DOT}
                      {groupNames(intl, groups, pending.groupIds)}
                    </>
                  )}
                  <span className="muted">
                    {DOT}
                    {intl.formatMessage(messages.pendingExpires, { date: formats.date(pending.expiresAt) })}
                  </span>
                </span>
                <button
                  type="button"
                  className="button button--quiet"
                  aria-label={pending.note ? intl.formatMessage(messages.withdrawFor, { name: pending.note }) : intl.formatMessage(messages.withdrawAny)}
                  onClick={() => void act(() => revokeInvite(workspaceId, pending.id))}
                >
                  {intl.formatMessage(messages.withdraw)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
