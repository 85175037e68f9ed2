/** The mailer against a real SMTP server started by the test, and without one. */
import { afterEach, describe, expect, it } from "vitest";
import { createMailer, MailUnavailable, type Mailer } from "./mailer.js";
import { startSmtpServer, type TestSmtpServer } from "../testing/smtpServer.js";

describe("the mailer", () => {
  let smtp: TestSmtpServer | undefined;
  let mailer: Mailer | undefined;
  afterEach(async () => {
    mailer?.close();
    await smtp?.close();
    smtp = undefined;
    mailer = undefined;
  });

  it("sends one message with its sender, subject, text and headers, non-ASCII intact", async () => {
    smtp = await startSmtpServer();
    mailer = createMailer({ smtpUrl: smtp.url, from: "Espace de rédaction <drafting@example.org>", timeoutMs: 30_000 });
    expect(mailer.configured).toBe(true);
    await mailer.send({ to: "nadia@example.org", subject: "Invitation à « Dix actes »", text: "Bonjour,\n\nمرحبا", headers: { "X-Workspace": "test" } });
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail!.from?.value).toEqual([{ address: "drafting@example.org", name: "Espace de rédaction" }]);
    expect(mail!.subject).toBe("Invitation à « Dix actes »");
    expect(mail!.text?.trim()).toBe("Bonjour,\n\nمرحبا");
    expect(mail!.headers.get("x-workspace")).toBe("test");
  });

  it("rejects when the SMTP server refuses the recipient", async () => {
    smtp = await startSmtpServer({ refuse: () => true });
    mailer = createMailer({ smtpUrl: smtp.url, from: "drafting@example.org", timeoutMs: 30_000 });
    await expect(mailer.send({ to: "nobody@example.org", subject: "s", text: "t" })).rejects.toThrow(/550|mailbox/);
    expect(smtp.messages).toHaveLength(0);
  });

  it("without SMTP is not configured and refuses to send", async () => {
    mailer = createMailer(null);
    expect(mailer.configured).toBe(false);
    await expect(mailer.send({ to: "nadia@example.org", subject: "s", text: "t" })).rejects.toBeInstanceOf(MailUnavailable);
  });
});
