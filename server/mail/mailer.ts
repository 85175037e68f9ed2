/**
 * Outgoing mail. With `SMTP_URL` and `MAIL_FROM` set, messages go over SMTP through
 * nodemailer (maintained, typed, and it does the MIME encoding, addresses and transport
 * security we would otherwise write); without them the workspace sends nothing, and
 * whatever would have mailed says so (`configured` is false, `send` refuses).
 */
import nodemailer from "nodemailer";
import { smtpTimeouts, type Config } from "../config.js";

/** One message to one person. */
export interface OutgoingMail {
  to: string;
  subject: string;
  /** The plain-text body (every message has one). */
  text: string;
  html?: string;
  /** Extra headers (e.g. `List-Unsubscribe`). */
  headers?: Record<string, string>;
  /** The Message-ID (`<...@host>`); nodemailer makes a random one when absent. */
  messageId?: string;
}

/** What `send` throws when no SMTP server is configured. */
export class MailUnavailable extends Error {
  constructor() {
    super("no SMTP server is configured (SMTP_URL, MAIL_FROM)");
  }
}

export interface Mailer {
  /** True when an SMTP server is configured. */
  readonly configured: boolean;
  /** Send one message; resolves once the SMTP server accepted it. */
  send(mail: OutgoingMail): Promise<void>;
  /** Close the SMTP connections. */
  close(): void;
}

/** The mailer for `config.mail` (one that refuses to send when it is null). */
export function createMailer(config: Config["mail"]): Mailer {
  if (!config) {
    return {
      configured: false,
      send: () => Promise.reject(new MailUnavailable()),
      close: () => undefined,
    };
  }
  // Bounded waits, so a send ends within the mail queue's lease (MAIL_LEASE_MS, checked against them in config.ts).
  const transport = nodemailer.createTransport({ url: config.smtpUrl, ...smtpTimeouts(config.timeoutMs) }, { from: config.from });
  return {
    configured: true,
    async send(mail) {
      await transport.sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers, messageId: mail.messageId });
    },
    close: () => transport.close(),
  };
}
