/**
 * The invitation mail: who invites, to which workspace, in which role, the link, and
 * until when it works; in the inviting chair's language (the workspace has none of its
 * own, and the invitee's is not known yet).
 */
import { defineMessages } from "@formatjs/intl";
import type { Locale } from "../../shared/i18n/locales.js";
import type { Role } from "../../shared/roles.js";
import { formatInstant, intlFor } from "../i18n.js";
import type { OutgoingMail } from "./mailer.js";

const messages = defineMessages<{
  subject: { inviter: string; workspace: string };
  intro: { inviter: string; workspace: string; role: Role };
  linkLead: { expires: string };
  ignore: {};
}>({
  subject: { id: "mail.inviteSubject", defaultMessage: "{inviter} invites you to {workspace}" },
  intro: {
    id: "mail.inviteIntro",
    defaultMessage:
      "{inviter} invites you to join the drafting workspace “{workspace}” as {role, select, chair {a chair} coordinator {a coordinator} reviewer {a reviewer} other {an observer}}.",
  },
  linkLead: { id: "mail.inviteLinkLead", defaultMessage: "Open this link to accept. It works once, until {expires} (UTC):" },
  ignore: { id: "mail.inviteIgnore", defaultMessage: "If you were not expecting this invitation, you can ignore this message." },
});

/** The invitation mail to `to`, written in `locale`. */
export function invitationMail(
  locale: Locale,
  invitation: { to: string; inviter: string; workspace: string; role: Role; expiresAt: string; link: string },
): OutgoingMail {
  const intl = intlFor(locale);
  const { inviter, workspace, role, link } = invitation;
  return {
    to: invitation.to,
    subject: intl.formatMessage(messages.subject, { inviter, workspace }),
    // Paragraphs apart, the link alone on its line (mail programs make it clickable).
    text: [
      intl.formatMessage(messages.intro, { inviter, workspace, role }),
      `${intl.formatMessage(messages.linkLead, { expires: formatInstant(intl, invitation.expiresAt) })}\n${link}`,
      intl.formatMessage(messages.ignore),
    ].join("\n\n"),
  };
}
