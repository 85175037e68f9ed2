/**
 * The confirmation mail of a sign-on, in the language the organisation signed in: a link
 * to confirm and a link to withdraw (the same secret; only its hash is stored).
 */
import { defineMessages } from "@formatjs/intl";
import type { Locale } from "../../shared/i18n/locales.js";
import { intlFor } from "../i18n.js";
import type { OutgoingMail } from "./mailer.js";

type Names = { organisation: string; statement: string };

const messages = defineMessages<{ subject: Names; greeting: { person: string }; signedOn: Names & { round: string }; confirm: {}; withdraw: {}; review: {} }>({
  subject: { id: "signOnMail.subject", defaultMessage: "Confirm the sign-on of {organisation} to “{statement}”" },
  greeting: { id: "signOnMail.greeting", defaultMessage: "Hello {person}," },
  signedOn: { id: "signOnMail.signedOn", defaultMessage: "{organisation} was signed on to “{statement}” ({round}) with this email address." },
  confirm: { id: "signOnMail.confirm", defaultMessage: "To confirm the sign-on, open this link:" },
  withdraw: { id: "signOnMail.withdraw", defaultMessage: "To withdraw it, now or later, open this link:" },
  review: {
    id: "signOnMail.review",
    defaultMessage: "The coalition’s chairs review each confirmed sign-on before the organisation’s name is published. If you did not ask for this, ignore this message: nothing is published without confirmation.",
  },
});

/** The page links of a sign-on's secret (the token travels in the fragment, never in server logs). */
export function signOnLinks(origin: string, token: string): { confirmUrl: string; withdrawUrl: string } {
  return { confirmUrl: `${origin}/sign-on/confirm#${token}`, withdrawUrl: `${origin}/sign-on/withdraw#${token}` };
}

export function signOnMail(input: {
  to: string;
  language: Locale;
  person: string;
  organisation: string;
  statement: string;
  round: string;
  confirmUrl: string;
  withdrawUrl: string;
}): OutgoingMail {
  const intl = intlFor(input.language);
  const names = { organisation: input.organisation, statement: input.statement };
  const text = [
    intl.formatMessage(messages.greeting, { person: input.person }),
    intl.formatMessage(messages.signedOn, { ...names, round: input.round }),
    `${intl.formatMessage(messages.confirm)}\n${input.confirmUrl}`,
    `${intl.formatMessage(messages.withdraw)}\n${input.withdrawUrl}`,
    intl.formatMessage(messages.review),
  ].join("\n\n");
  return { to: input.to, subject: intl.formatMessage(messages.subject, names), text };
}
