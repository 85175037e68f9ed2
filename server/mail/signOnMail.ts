/**
 * The confirmation mail of a sign-on, in the language the organisation signed in: a link
 * to confirm and a link to withdraw (the same secret; only its hash is stored).
 */
import { defineMessages } from "@formatjs/intl";
import type { Locale } from "../../shared/i18n/locales.js";
import { intlFor } from "../i18n.js";
import type { OutgoingMail } from "./mailer.js";

type Values = { person: string; organisation: string; statement: string; round: string; confirmUrl: string; withdrawUrl: string };

const messages = defineMessages<{ subject: Values; body: Values }>({
  subject: { id: "signOnMail.subject", defaultMessage: "Confirm the sign-on of {organisation} to “{statement}”" },
  body: {
    id: "signOnMail.body",
    defaultMessage:
      "Hello {person},\n\n{organisation} was signed on to “{statement}” ({round}) with this email address.\n\nTo confirm the sign-on, open this link:\n{confirmUrl}\n\nTo withdraw it, now or later, open this link:\n{withdrawUrl}\n\nThe coalition's chairs review each confirmed sign-on before the organisation's name is published. If you did not ask for this, ignore this message: nothing is published without confirmation.",
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
  const { to: _to, language: _language, ...values } = input;
  return { to: input.to, subject: intl.formatMessage(messages.subject, values), text: intl.formatMessage(messages.body, values) };
}
