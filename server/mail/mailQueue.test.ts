/**
 * Notifications by email, end to end on a real server and a real SMTP server: one mail at
 * once in the recipient's language with a working one-click unsubscribe, the daily digest,
 * delivery through an SMTP outage and a crash, and giving up (audited) on a mail that
 * keeps failing.
 */
import { afterEach, describe, expect, it } from "vitest";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import type { ParsedMail } from "mailparser";
import type { RunningServer } from "../app.js";
import { notificationLink } from "../../shared/notifications.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import type { NotificationEvent } from "../notifications/Notifier.js";
import { SQLITE_FILE } from "../storage/sqlite/SqliteStorage.js";
import { startSmtpServer, type TestSmtpServer } from "../testing/smtpServer.js";
import { startServerProcess, type ServerProcess } from "../testing/serverProcess.js";
import { addMember, api, connectClient, createTestDocument, removeDataDir, setUpWorkspace, startTestServer, storageSetups, tempDataDir, waitFor, type TestUser } from "../testing/testServer.js";
import { anchorOn } from "../testing/anchorOn.js";
import { clauseText } from "../testing/statementText.js";
import { digestCutoff, MISSED_GRACE_MS } from "./MailQueue.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The raw value of a header as the message carried it. */
function headerLine(mail: ParsedMail, name: string): string | undefined {
  return mail.headerLines.find((line) => line.key === name.toLowerCase())?.line.replace(/^[^:]+:\s*/, "");
}

/** The address a message was sent to. */
const recipientOf = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : "");

/** The address inside `List-Unsubscribe: <...>`. */
function oneClickUrl(mail: ParsedMail): string {
  const value = headerLine(mail, "List-Unsubscribe") ?? "";
  const url = /^<([^>]+)>$/.exec(value.trim())?.[1];
  if (!url) throw new Error(`no List-Unsubscribe address in ${value}`);
  return url;
}

describe("notifications by email", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function smtpServer(options: Parameters<typeof startSmtpServer>[0] = {}): Promise<TestSmtpServer> {
    const smtp = await startSmtpServer(options);
    cleanups.push(() => smtp.close());
    return smtp;
  }

  async function server(smtp: TestSmtpServer, env: Record<string, string> = {}, now?: () => number, setup = storageSetups[0]!): Promise<RunningServer> {
    const dataDir = tempDataDir();
    const started = await startTestServer(dataDir, setup, 0, { SMTP_URL: smtp.url, MAIL_FROM: "Drafting <drafting@example.org>", MAIL_POLL_MS: "50", ...env }, { now });
    cleanups.push(async () => {
      await started.close();
      removeDataDir(dataDir);
    });
    return started;
  }

  /** A comment notification on clause 3.2 of `documentId`, by `actor`. */
  function commentOn(workspaceId: string, documentId: string, actor: TestUser, statement = "Test statement", threadId = "thread-1"): NotificationEvent {
    return {
      workspaceId,
      documentId,
      kind: "comment",
      actorId: actor.accountId,
      subject: threadId,
      detail: { statement, act: 3, clause: "3.2", quote: "access to safe water", excerpt: "Should we say drinking water?" },
      link: notificationLink({ documentId, threadId }),
    };
  }

  it("a mention in a comment sends the mentioned one mail in their language, whose one-click unsubscribe works", async () => {
    const smtp = await smtpServer();
    const running = await server(smtp);
    const { chair, workspaceId } = await setUpWorkspace(running);
    expect((await api(running, "PATCH", "/api/me/notifications", { email: "off" }, chair)).status).toBe(200);
    const coordinator = await addMember(running, chair, workspaceId, "coordinator", "Kofi Coordinator");
    const reviewer = await addMember(running, chair, workspaceId, "reviewer", "Rosa Reviewer");
    expect((await api(running, "PATCH", "/api/me", { language: "es" }, coordinator)).status).toBe(200);
    // The reviewer hears nothing by mail either: only the mentioned coordinator should.
    expect((await api(running, "PATCH", "/api/me/notifications", { email: "off" }, reviewer)).status).toBe(200);
    const document = await createTestDocument(running, chair);
    const writer = await connectClient(running, document.id, chair);
    clauseText(writer.content, 4).insert(0, "Recruitment fees are never charged to workers.");
    const anchor = anchorOn(writer, "Recruitment fees");
    await waitFor("the text on the server", async () => (await running.registry.read(document.id, (doc) => doc.getXmlFragment(CONTENT_FIELD).toString())).includes("Recruitment fees"));
    writer.destroy();

    const posted = await api(running, "POST", `/api/documents/${document.id}/comments`, { body: "Employer pays? @Kofi Coordinator", anchor, quote: "Recruitment fees", mentions: [{ kind: "account", id: coordinator.accountId }] }, reviewer);
    expect(posted.status, await posted.clone().text()).toBe(201);
    const threadId = ((await posted.json()) as { id: string }).id;
    await waitFor("the mention's mail", () => smtp.messages.length === 1);
    await running.mailQueue!.tick();
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe(coordinator.email);
    expect(mail.subject).toBe("Rosa Reviewer le mencionó en la cláusula 4.1 de «Test statement»");
    expect(mail.text).toContain("Employer pays? @Kofi Coordinator");
    expect(mail.text).toContain(`/d/${document.id}?thread=${threadId}`);
    const unsubscribed = await fetch(oneClickUrl(mail), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://mail.example.net", "sec-fetch-site": "cross-site" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(unsubscribed.status).toBe(200);
    expect((await api(running, "GET", "/api/me/notifications", undefined, coordinator).then((r) => r.json())) as { email: string }).toMatchObject({ email: "off" });
  });

  it("mails a notification at once in the recipient's language; one-click unsubscribe stops the mail", async () => {
    const smtp = await smtpServer();
    const running = await server(smtp);
    const { chair, workspaceId } = await setUpWorkspace(running);
    // The chair hears by mail of nothing here (not of the invitations the test's members accept).
    expect((await api(running, "PATCH", "/api/me/notifications", { email: "off" }, chair)).status).toBe(200);
    const reviewer = await addMember(running, chair, workspaceId, "reviewer", "Rosa Reviewer");
    expect((await api(running, "PATCH", "/api/me", { language: "fr" }, reviewer)).status).toBe(200);
    const document = await createTestDocument(running, chair);

    const recorded = await running.notifier.notify([reviewer.accountId], commentOn(workspaceId, document.id, chair));
    expect(recorded).toHaveLength(1);
    // Queued durably before `notify` returned, and the notification is marked mailed.
    const queued = await running.storage.mail.listFor(reviewer.accountId);
    expect(queued).toHaveLength(1);
    expect((await running.storage.notifications.list(reviewer.accountId, { limit: 5 }))[0]?.mailedAt).not.toBeNull();

    await waitFor("the notification mail", () => smtp.messages.length === 1);
    await waitFor("the mail recorded as sent", async () => (await running.storage.mail.get(queued[0]!.id))?.sentAt != null);
    const mail = smtp.messages[0]!;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe(reviewer.email);
    expect(mail.subject).toBe("Amina Chair a commenté la clause 3.2 de « Test statement »");
    expect(mail.messageId).toBe(queued[0]!.messageId);
    expect(mail.text).toContain("« Test statement »");
    expect(mail.text).toContain("« access to safe water »");
    expect(mail.text).toContain("> Should we say drinking water?");
    expect(mail.text).toContain(`${running.url}/d/${document.id}?thread=thread-1`);
    expect(mail.text).toContain(`${running.url}/unsubscribe#`);
    expect(headerLine(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const oneClick = oneClickUrl(mail);
    expect(oneClick.startsWith(`${running.url}/api/unsubscribe/`)).toBe(true);
    // The page's link carries the same secret, for a person.
    const secret = oneClick.slice(oneClick.lastIndexOf("/") + 1);
    expect(mail.text).toContain(`${running.url}/unsubscribe#${secret}`);

    // Not without the one-click body, nor with a secret no mail carried.
    expect((await fetch(oneClick, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "something=else" })).status).toBe(400);
    const unknown = await fetch(`${running.url}/api/unsubscribe/${"x".repeat(43)}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { id: string } }).error.id).toBe("unsubscribe_not_found");
    expect((await api(running, "GET", "/api/me/notifications", undefined, reviewer).then((r) => r.json())) as { email: string }).toMatchObject({ email: "immediate" });

    // As a mail client does it: a form POST from elsewhere, no cookie.
    const unsubscribed = await fetch(oneClick, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://mail.example.net", "sec-fetch-site": "cross-site" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(unsubscribed.status).toBe(200);
    expect((await api(running, "GET", "/api/me/notifications", undefined, reviewer).then((r) => r.json())) as { email: string }).toMatchObject({ email: "off" });

    // No more mail: nothing queued for the next one, and nothing else sent.
    expect(await running.notifier.notify([reviewer.accountId], commentOn(workspaceId, document.id, chair, "Test statement", "thread-2"))).toHaveLength(1);
    expect(await running.storage.mail.listFor(reviewer.accountId)).toHaveLength(1);
    await running.mailQueue!.tick();
    expect(smtp.messages).toHaveLength(1);

    // The page's request does the same with the secret from the fragment; an unknown one is a 404.
    expect((await api(running, "PATCH", "/api/me/notifications", { email: "immediate" }, reviewer)).status).toBe(200);
    const page = await api(running, "POST", "/api/unsubscribe", { token: secret });
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ email: "off" });
    expect((await api(running, "POST", "/api/unsubscribe", { token: "y".repeat(43) })).status).toBe(404);
  });

  it("sends a digest reader one mail a day listing the day's notifications by statement, never twice", async () => {
    const smtp = await smtpServer();
    // The clock the digests follow: a minute after the next digest hour.
    let clock = digestCutoff(Date.now()) + DAY_MS + 60_000;
    let now = Date.now();
    const running = await server(smtp, { MAIL_POLL_MS: "3600000" }, () => now);
    const { chair, workspaceId } = await setUpWorkspace(running);
    // The chair hears by mail of nothing here (not of the invitations the test's members accept).
    expect((await api(running, "PATCH", "/api/me/notifications", { email: "off" }, chair)).status).toBe(200);
    const reviewer = await addMember(running, chair, workspaceId, "reviewer", "Rosa Reviewer");
    expect((await api(running, "PATCH", "/api/me/notifications", { email: "digest" }, reviewer)).status).toBe(200);
    const water = await createTestDocument(running, chair, { title: "Water", template: "ten-acts" });
    const housing = await createTestDocument(running, chair, { title: "Housing", template: "ten-acts" });

    // Apart in time (the notifications' own clock is the wall clock): the digest lists them in the order they happened.
    await running.notifier.notify([reviewer.accountId], commentOn(workspaceId, water.id, chair, "Water", "t-1"));
    await sleep(5);
    await running.notifier.notify([reviewer.accountId], commentOn(workspaceId, housing.id, chair, "Housing", "t-2"));
    await sleep(5);
    await running.notifier.notify([reviewer.accountId], commentOn(workspaceId, water.id, chair, "Water", "t-3"));
    await running.mailQueue!.tick();
    expect(await running.storage.mail.listFor(reviewer.accountId)).toEqual([]);
    expect(smtp.messages).toHaveLength(0);

    now = clock;
    await running.mailQueue!.tick();
    await waitFor("the digest", () => smtp.messages.length === 1);
    const digest = smtp.messages[0]!;
    expect(digest.subject).toBe("3 notifications in Test workspace");
    expect(oneClickUrl(digest).startsWith(`${running.url}/api/unsubscribe/`)).toBe(true);
    const text = digest.text ?? "";
    // Grouped by statement: both Water threads under its heading, then Housing's.
    const order = ["“Water”", `/d/${water.id}?thread=t-1`, `/d/${water.id}?thread=t-3`, "“Housing”", `/d/${housing.id}?thread=t-2`].map((part) => text.indexOf(part));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text.split("Amina Chair commented on clause 3.2").length - 1).toBe(3);
    expect(text).toContain("UTC");

    // Later the same day, and the next day: nothing is digested again.
    now = clock + 3_600_000;
    await running.mailQueue!.tick();
    clock += DAY_MS;
    now = clock;
    await running.mailQueue!.tick();
    expect(smtp.messages).toHaveLength(1);
    expect(await running.storage.mail.listFor(reviewer.accountId)).toHaveLength(1);

    // A notification of the new day goes out in the next day's digest, alone.
    await running.notifier.notify([reviewer.accountId], commentOn(workspaceId, housing.id, chair, "Housing", "t-4"));
    await running.mailQueue!.tick();
    expect(smtp.messages).toHaveLength(1);
    now = Date.now() + DAY_MS;
    await running.mailQueue!.tick();
    await waitFor("the second digest", () => smtp.messages.length === 2);
    expect(smtp.messages[1]!.subject).toBe("1 notification in Test workspace");
    expect(smtp.messages[1]!.text).toContain(`/d/${housing.id}?thread=t-4`);
    expect(smtp.messages[1]!.text).not.toContain("thread=t-1");
  });

  it("writes each digest in its reader's language: subject, sentences, times and footer", async () => {
    const smtp = await smtpServer();
    let now = Date.now();
    const running = await server(smtp, { MAIL_POLL_MS: "3600000" }, () => now);
    const { chair, workspaceId } = await setUpWorkspace(running);
    expect((await api(running, "PATCH", "/api/me/notifications", { email: "off" }, chair)).status).toBe(200);
    const readers = { fr: await addMember(running, chair, workspaceId, "reviewer", "Flore Reviewer"), ar: await addMember(running, chair, workspaceId, "coordinator", "Amal Coordinator") };
    for (const [language, reader] of Object.entries(readers)) {
      expect((await api(running, "PATCH", "/api/me", { language }, reader)).status).toBe(200);
      expect((await api(running, "PATCH", "/api/me/notifications", { email: "digest" }, reader)).status).toBe(200);
    }
    const water = await createTestDocument(running, chair, { title: "Water", template: "ten-acts" });
    const everyone = [readers.fr.accountId, readers.ar.accountId];
    await running.notifier.notify(everyone, commentOn(workspaceId, water.id, chair, "Water", "t-1"));
    await running.notifier.notify(everyone, commentOn(workspaceId, water.id, chair, "Water", "t-2"));

    now = digestCutoff(Date.now()) + DAY_MS + 60_000;
    await running.mailQueue!.tick();
    await waitFor("both digests", () => smtp.messages.length === 2);
    const expected = {
      fr: {
        subject: "2 notifications dans Test workspace",
        intro: "Ce qui s’est passé dans Test workspace depuis le dernier résumé (2 notifications) :",
        item: "- Amina Chair a commenté la clause 3.2 de « Water » (",
        quote: "« access to safe water »",
        time: " UTC)",
        reason: "Vous recevez ce mail parce que votre compte reçoit un résumé quotidien des notifications par e-mail.",
      },
      ar: {
        subject: "إشعاران في Test workspace",
        intro: "ما حدث في Test workspace منذ آخر ملخص (إشعاران):",
        item: "- علّق Amina Chair على البند 3.2 من «Water» (",
        quote: "«access to safe water»",
        time: " بالتوقيت العالمي المنسق (UTC))",
        reason: "تتلقى هذا البريد لأن حسابك يتلقى ملخصًا يوميًا للإشعارات بالبريد الإلكتروني.",
      },
    };
    for (const [language, reader] of Object.entries(readers)) {
      const mail = smtp.messages.find((candidate) => recipientOf(candidate) === reader.email)!;
      const { subject, intro, item, quote, time, reason } = expected[language as keyof typeof expected];
      expect(mail.subject, language).toBe(subject);
      const text = mail.text ?? "";
      expect(text.startsWith(intro), language).toBe(true);
      // Each of the day's two notifications, in the reader's words, with its time in UTC.
      expect(text.split(item).length - 1, language).toBe(2);
      expect(text.split(time).length - 1, language).toBe(2);
      for (const part of [quote, reason, `/d/${water.id}?thread=t-1`, `/d/${water.id}?thread=t-2`]) expect(text, language).toContain(part);
      expect(text, language).not.toContain("commented on");
      expect(oneClickUrl(mail).startsWith(`${running.url}/api/unsubscribe/`)).toBe(true);
    }
  });

  // On each database without added latency: the checks are queries of the store.
  for (const setup of storageSetups.filter((candidate) => candidate.delayMs === 0)) {
    it(`never sends queued mail its reader no longer wants: off, unsubscribed, switched to the digest, or removed from the workspace (${setup.name})`, async () => {
      const smtp = await smtpServer();
      const running = await server(smtp, { MAIL_RETRY_MS: "20", MAIL_MAX_ATTEMPTS: "100" }, undefined, setup);
      const { chair, workspaceId } = await setUpWorkspace(running);
      expect((await api(running, "PATCH", "/api/me/notifications", { email: "off" }, chair)).status).toBe(200);
      const reviewer = await addMember(running, chair, workspaceId, "reviewer", "Rosa Reviewer");
      const observer = await addMember(running, chair, workspaceId, "observer", "Otto Observer");
      const coordinator = await addMember(running, chair, workspaceId, "coordinator", "Cora Coordinator");
      const dora = await addMember(running, chair, workspaceId, "reviewer", "Dora Reviewer");
      const document = await createTestDocument(running, chair);

      // Dora's first mail goes out: it carries her unsubscribe link.
      await running.notifier.notify([dora.accountId], commentOn(workspaceId, document.id, chair, "Test statement", "t-0"));
      await waitFor("Dora's first mail", () => smtp.messages.length === 1);
      const oneClick = oneClickUrl(smtp.messages[0]!);

      // During an outage, everyone's mail waits in the queue.
      smtp.refusing = true;
      const people = [reviewer, observer, coordinator, dora];
      await running.notifier.notify(
        people.map((person) => person.accountId),
        commentOn(workspaceId, document.id, chair, "Test statement", "t-1"),
      );
      const pending = async (person: TestUser) => (await running.storage.mail.listFor(person.accountId)).filter((job) => job.sentAt === null);
      for (const person of people) await waitFor(`a failed attempt for ${person.displayName}`, async () => (await pending(person))[0]!.attempts >= 1);

      // The reviewer turns mail off: her mail is cancelled at once.
      expect((await api(running, "PATCH", "/api/me/notifications", { email: "off" }, reviewer)).status).toBe(200);
      expect(await pending(reviewer)).toEqual([expect.objectContaining({ lastError: "cancelled: email mode off", failedAt: expect.any(String) })]);
      // A browser opening Dora's List-Unsubscribe address changes nothing and goes to the page.
      const opened = await fetch(oneClick, { redirect: "manual" });
      expect(opened.status).toBe(302);
      expect(opened.headers.get("location")).toBe(`/unsubscribe#${oneClick.slice(oneClick.lastIndexOf("/") + 1)}`);
      expect((await api(running, "GET", "/api/me/notifications", undefined, dora).then((r) => r.json())) as { email: string }).toMatchObject({ email: "immediate" });
      expect(await pending(dora)).toEqual([expect.objectContaining({ failedAt: null })]);
      // Her one-click unsubscribe cancels it at once.
      const unsubscribed = await fetch(oneClick, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
      expect(unsubscribed.status).toBe(200);
      expect(await pending(dora)).toEqual([expect.objectContaining({ lastError: "cancelled: unsubscribed", failedAt: expect.any(String) })]);
      // The coordinator now wants a digest; the observer is removed from the workspace.
      expect((await api(running, "PATCH", "/api/me/notifications", { email: "digest" }, coordinator)).status).toBe(200);
      expect((await api(running, "DELETE", `/api/workspaces/${workspaceId}/members/${observer.accountId}`, undefined, chair)).status).toBe(200);

      // At their next attempt, both mails are ended with the reason (one begun before the change may still fail first).
      await waitFor("the coordinator's and observer's mail ended", async () => (await pending(coordinator))[0]!.failedAt !== null && (await pending(observer))[0]!.failedAt !== null);
      expect((await pending(coordinator))[0]).toMatchObject({ lastError: "cancelled: email mode digest" });
      expect((await pending(observer))[0]).toMatchObject({ lastError: "cancelled: no longer a member" });

      // SMTP recovers: none of the four is sent, and no mail is reported given up.
      smtp.refusing = false;
      await running.mailQueue!.tick();
      await running.mailQueue!.tick();
      expect(smtp.messages).toHaveLength(1);
      const audit = (await (await api(running, "GET", `/api/workspaces/${workspaceId}/audit?action=mail_failed`, undefined, chair)).json()) as { entries: unknown[] };
      expect(audit.entries).toEqual([]);
    });

    it(`leaves a removed member out of the digest, and never looks at those notifications again (${setup.name})`, async () => {
      const smtp = await smtpServer();
      const clock = digestCutoff(Date.now()) + DAY_MS + 60_000;
      let now = Date.now();
      const running = await server(smtp, { MAIL_POLL_MS: "3600000" }, () => now, setup);
      const { chair, workspaceId } = await setUpWorkspace(running);
      expect((await api(running, "PATCH", "/api/me/notifications", { email: "off" }, chair)).status).toBe(200);
      const stays = await addMember(running, chair, workspaceId, "reviewer", "Rosa Reviewer");
      const leaves = await addMember(running, chair, workspaceId, "observer", "Otto Observer");
      for (const person of [stays, leaves]) expect((await api(running, "PATCH", "/api/me/notifications", { email: "digest" }, person)).status).toBe(200);
      const document = await createTestDocument(running, chair);
      await running.notifier.notify([stays.accountId, leaves.accountId], commentOn(workspaceId, document.id, chair, "Test statement", "t-secret"));
      expect((await api(running, "DELETE", `/api/workspaces/${workspaceId}/members/${leaves.accountId}`, undefined, chair)).status).toBe(200);

      now = clock;
      await running.mailQueue!.tick();
      await waitFor("the digest", () => smtp.messages.length === 1);
      expect(smtp.messages[0]!.to && !Array.isArray(smtp.messages[0]!.to) ? smtp.messages[0]!.to.text : "").toBe(stays.email);
      expect(await running.storage.mail.listFor(leaves.accountId)).toEqual([]);
      // Set aside: back in the workspace, they are not digested later either.
      expect((await running.storage.notifications.list(leaves.accountId, { limit: 20 })).find((n) => n.subject === "t-secret")?.mailedAt).not.toBeNull();
    });

    it(`queues the mail of a notification stored without it, and of a day's notifications after a switch from the digest, once (${setup.name})`, async () => {
      const smtp = await smtpServer();
      let now = Date.now();
      const running = await server(smtp, { MAIL_POLL_MS: "3600000" }, () => now, setup);
      const { chair, workspaceId } = await setUpWorkspace(running);
      expect((await api(running, "PATCH", "/api/me/notifications", { email: "off" }, chair)).status).toBe(200);
      const reviewer = await addMember(running, chair, workspaceId, "reviewer", "Rosa Reviewer");
      const switcher = await addMember(running, chair, workspaceId, "coordinator", "Cora Coordinator");
      expect((await api(running, "PATCH", "/api/me/notifications", { email: "digest" }, switcher)).status).toBe(200);
      const document = await createTestDocument(running, chair);
      // An actor's name stored before names were checked: mail shows it without its direction controls.
      const actor = await addMember(running, chair, workspaceId, "coordinator", "Cora Second");
      await running.storage.accounts.rename(actor.accountId, "\u202EEvil Actor", () => false);

      // Stored, but its mail never queued (the server died between the two writes).
      const createdAt = new Date(now).toISOString();
      await running.storage.notifications.add([{ id: "n-lost", accountId: reviewer.accountId, createdAt, ...commentOn(workspaceId, document.id, actor, "Test statement", "t-lost") }]);
      // The switcher's notification of the day waits for the digest; then she wants each one.
      await running.notifier.notify([switcher.accountId], commentOn(workspaceId, document.id, chair, "Test statement", "t-day"));
      expect((await api(running, "PATCH", "/api/me/notifications", { email: "immediate" }, switcher)).status).toBe(200);

      // Within the grace, nothing is queued (the request that stored it may still be queuing it).
      now = Date.now();
      await running.mailQueue!.tick();
      expect(await running.storage.mail.listFor(reviewer.accountId)).toEqual([]);
      expect(await running.storage.mail.listFor(switcher.accountId)).toEqual([]);

      now = Date.now() + MISSED_GRACE_MS + 1000;
      await running.mailQueue!.tick();
      await waitFor("both mails", () => smtp.messages.length === 2);
      const byRecipient = new Map(smtp.messages.map((mail) => [mail.to && !Array.isArray(mail.to) ? mail.to.text : "", mail]));
      expect(byRecipient.get(reviewer.email)?.subject).toBe("Evil Actor commented on clause 3.2 of “Test statement”");
      expect(byRecipient.get(reviewer.email)?.text).toContain(`/d/${document.id}?thread=t-lost`);
      expect(byRecipient.get(switcher.email)?.text).toContain(`/d/${document.id}?thread=t-day`);

      // Taken once: later rounds queue nothing more.
      now += MISSED_GRACE_MS;
      await running.mailQueue!.tick();
      expect(await running.storage.mail.listFor(reviewer.accountId)).toHaveLength(1);
      expect(await running.storage.mail.listFor(switcher.accountId)).toHaveLength(1);
      expect(smtp.messages).toHaveLength(2);
    });
  }

  /** A workspace whose chair wants no mail and a reviewer, Rosa, with one notification mail queued: its job. */
  async function oneMailToRosa(running: RunningServer) {
    const { chair, workspaceId } = await setUpWorkspace(running);
    // The chair hears by mail of nothing here (not of the invitations the test's members accept).
    expect((await api(running, "PATCH", "/api/me/notifications", { email: "off" }, chair)).status).toBe(200);
    const reviewer = await addMember(running, chair, workspaceId, "reviewer", "Rosa Reviewer");
    const document = await createTestDocument(running, chair);
    await running.notifier.notify([reviewer.accountId], commentOn(workspaceId, document.id, chair));
    const [job] = await running.storage.mail.listFor(reviewer.accountId);
    return { chair, workspaceId, reviewer, job: job! };
  }

  it("gives up on a mail that keeps failing, and the chairs see it in the audit log", async () => {
    const smtp = await smtpServer({ refuse: (recipient) => recipient.startsWith("rosa") });
    const running = await server(smtp, { MAIL_RETRY_MS: "20", MAIL_MAX_ATTEMPTS: "3" });
    const { chair, workspaceId, reviewer, job } = await oneMailToRosa(running);
    await waitFor("the mail given up", async () => (await running.storage.mail.get(job.id))?.failedAt != null);
    expect(await running.storage.mail.get(job.id)).toMatchObject({ attempts: 3, sentAt: null });
    expect(smtp.messages).toHaveLength(0);

    const audit = (await (await api(running, "GET", `/api/workspaces/${workspaceId}/audit?action=mail_failed`, undefined, chair)).json()) as {
      entries: { action: string; subject: string; subjectName: string | null; details: { count?: number } }[];
    };
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ action: "mail_failed", subject: reviewer.accountId, subjectName: "Rosa Reviewer", details: { count: 3 } });
  });

  it("waits twice as long before each new attempt of a mail the SMTP server keeps refusing", async () => {
    const smtp = await smtpServer();
    smtp.refusing = true;
    const running = await server(smtp, { MAIL_POLL_MS: "20", MAIL_RETRY_MS: "300", MAIL_MAX_ATTEMPTS: "100" });
    const { job } = await oneMailToRosa(running);

    // When each attempt is due, on the database's clock, as recorded after each refusal.
    const dueAfter: number[] = [];
    for (let attempts = 1; attempts <= 4; attempts += 1) {
      await waitFor(`attempt ${attempts}`, async () => ((await running.storage.mail.get(job.id))?.attempts ?? 0) >= attempts);
      const stored = (await running.storage.mail.get(job.id))!;
      expect(stored.attempts, "each attempt seen before the next").toBe(attempts);
      dueAfter.push(stored.dueAtMs);
    }
    // An attempt starts no earlier than it is due, and its refusal puts the next one 300 ms × 2^(attempts - 1) later.
    const gaps = dueAfter.slice(1).map((due, i) => due - dueAfter[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(600);
    expect(gaps[1]).toBeGreaterThanOrEqual(1200);
    expect(gaps[2]).toBeGreaterThanOrEqual(2400);
    expect(smtp.messages).toHaveLength(0);
  });

  /** The lease of a mail taken by the server processes below: a mail taken and never recorded comes back after it. */
  const LEASE_MS = 2000;

  /**
   * Ten mails (five notifications to each of two members) queued on SQLite while nothing
   * listens at the SMTP address; the server that queued them is closed. Answers the SMTP
   * port to listen on later, the configuration for server processes over the same data,
   * and readings of the queue straight from the database file.
   */
  async function queuedWhileSmtpDown() {
    const down = await startSmtpServer();
    const port = down.port;
    await down.close();
    const env = { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "Drafting <drafting@example.org>", MAIL_POLL_MS: "50", MAIL_RETRY_MS: "50", MAIL_MAX_ATTEMPTS: "100", MAIL_LEASE_MS: String(LEASE_MS), SMTP_TIMEOUT_MS: "400" };
    const dataDir = tempDataDir();
    cleanups.push(async () => removeDataDir(dataDir));
    const inProcess = await startTestServer(dataDir, storageSetups[0], 0, env);
    const { chair, workspaceId } = await setUpWorkspace(inProcess);
    // The chair hears by mail of nothing here (not of the invitations the test's members accept).
    expect((await api(inProcess, "PATCH", "/api/me/notifications", { email: "off" }, chair)).status).toBe(200);
    const people = [await addMember(inProcess, chair, workspaceId, "reviewer"), await addMember(inProcess, chair, workspaceId, "coordinator")];
    const document = await createTestDocument(inProcess, chair);
    for (let i = 0; i < 5; i += 1) {
      await inProcess.notifier.notify(
        people.map((person) => person.accountId),
        commentOn(workspaceId, document.id, chair, "Test statement", `thread-${i}`),
      );
    }
    await inProcess.close();

    const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true });
    cleanups.push(async () => {
      db.close();
    });
    const attempts = () => Number((db.prepare("select coalesce(sum(attempts), 0) as n from mail_queue").get() as { n: number }).n);
    const jobs = () => db.prepare("select id, message_id as messageId, sent_at as sentAt from mail_queue").all() as { id: string; messageId: string; sentAt: string | null }[];
    const sent = () => jobs().filter((job) => job.sentAt !== null).length;
    expect(jobs()).toHaveLength(10);
    /** Each member's address once per notification, as the ten mails should reach them. */
    const recipients = people.flatMap((person) => Array.from({ length: 5 }, () => person.email)).sort();
    return { port, env, dataDir, attempts, jobs, sent, recipients };
  }
  type QueuedMail = Awaited<ReturnType<typeof queuedWhileSmtpDown>>;

  /** Let `running` fail `count` more attempts (SMTP down), then kill it mid-queue. */
  async function killWhileTrying(queued: QueuedMail, running: ServerProcess, count: number): Promise<void> {
    const tried = queued.attempts();
    await waitFor(`${count} more attempts while SMTP is down`, () => queued.attempts() >= tried + count);
    running.process.kill("SIGKILL");
    await running.exited;
  }

  /** The messages the SMTP server(s) accepted are the ten queued ones, each once, to the right people. */
  function expectEachOnce(queued: QueuedMail, messages: ParsedMail[]): void {
    const received = messages.map((mail) => mail.messageId).sort();
    expect(received).toEqual(queued.jobs().map((job) => job.messageId).sort());
    expect(new Set(received).size).toBe(10);
    expect(messages.map(recipientOf).sort()).toEqual(queued.recipients);
  }

  /** A server process over `dataDir`, killed (if still running) when the test ends. */
  async function serverProcess(dataDir: string, env: Record<string, string>): Promise<ServerProcess> {
    const running = await startServerProcess(dataDir, 0, env);
    cleanups.push(async () => {
      running.process.kill("SIGKILL");
      await running.exited;
    });
    return running;
  }

  it("delivers every queued mail exactly once through an SMTP outage and a crash of the server", async () => {
    const queued = await queuedWhileSmtpDown();

    // A server process tries while SMTP is down, and dies mid-queue.
    await killWhileTrying(queued, await serverProcess(queued.dataDir, queued.env), 10);
    expect(queued.sent()).toBe(0);

    // Restarted on the same data, then SMTP comes back at the same address.
    await serverProcess(queued.dataDir, queued.env);
    const smtp = await smtpServer({ port: queued.port });
    await waitFor("every mail recorded as sent", () => queued.sent() === 10, 30_000);
    await waitFor("every mail received", () => smtp.messages.length >= 10);
    expectEachOnce(queued, smtp.messages);
  });

  it("delivers every mail exactly once when the SMTP server stops part-way through the queue and the server is killed with the rest pending", async () => {
    const queued = await queuedWhileSmtpDown();

    // The SMTP server accepts four of the ten mails, then stops listening.
    const first = await smtpServer({ port: queued.port, stopAfter: 4 });
    const dying = await serverProcess(queued.dataDir, queued.env);
    await waitFor("four mails accepted", () => first.messages.length === 4);
    await waitFor("the four recorded as sent", () => queued.sent() === 4);
    // The server goes on trying the other six against the stopped SMTP server, and is killed with them pending.
    await killWhileTrying(queued, dying, 6);
    expect(queued.sent()).toBe(4);

    // Restarted on the same data: it tries while SMTP is still down, then SMTP comes back at the same address.
    await serverProcess(queued.dataDir, queued.env);
    const retried = queued.attempts();
    await waitFor("attempts by the restarted server", () => queued.attempts() > retried);
    const second = await smtpServer({ port: queued.port });
    await waitFor("every mail recorded as sent", () => queued.sent() === 10, 30_000);
    await waitFor("the other six received", () => second.messages.length >= 6);
    // Two leases more: a mail taken and not recorded as sent would have been taken and sent again by now.
    await sleep(2 * LEASE_MS);

    expect(first.messages).toHaveLength(4);
    expectEachOnce(queued, [...first.messages, ...second.messages]);
  });
});
