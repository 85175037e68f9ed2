/**
 * Invitations mailed through a real SMTP server started by the test (smtp-server), the
 * messages read with mailparser; and the same endpoint on a server without SMTP.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../app.js";
import { createdInviteSchema, inviteListSchema, meSchema } from "../../shared/api.js";
import { api, errorOf, removeDataDir, setUpWorkspace, startTestServer, storageSetups, tempDataDir, waitFor, type TestUser } from "../testing/testServer.js";
import { startSmtpServer, type TestSmtpServer } from "../testing/smtpServer.js";

const MAIL_FROM = "Drafting workspace <drafting@example.org>";

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let workspaceId: string;

/** A set-up workspace on a fresh server with these configuration variables. */
async function startWorkspace(env: Record<string, string>): Promise<void> {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, storageSetups[0], 0, env);
  ({ chair, workspaceId } = await setUpWorkspace(server));
}

afterEach(async () => {
  await server.close();
  removeDataDir(dataDir);
});

describe("invitations mailed over SMTP", () => {
  let smtp: TestSmtpServer;

  beforeEach(async () => {
    smtp = await startSmtpServer({ refuse: (recipient) => recipient.startsWith("refused@") });
    await startWorkspace({ SMTP_URL: smtp.url, MAIL_FROM });
  });
  afterEach(() => smtp.close());

  it("mails the link once, in the chair's language, and the link in the mail joins the workspace", async () => {
    expect((await api(server, "PATCH", "/api/me", { language: "fr" }, chair)).status).toBe(200);
    const list = inviteListSchema.parse(await (await api(server, "GET", `/api/workspaces/${workspaceId}/invites`, undefined, chair)).json());
    expect(list.mailAvailable).toBe(true);

    const response = await api(server, "POST", `/api/workspaces/${workspaceId}/invites`, { role: "reviewer", email: " Nadia@Example.ORG ", expiresInDays: 3 }, chair);
    expect(response.status).toBe(201);
    const created = createdInviteSchema.parse(await response.json());
    expect(created).toMatchObject({ mailed: true, mailError: null, note: "nadia@example.org" });

    await waitFor("the invitation mail", () => smtp.messages.length > 0);
    // Nothing else follows it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("nadia@example.org");
    expect(mail.from?.text).toContain("drafting@example.org");
    expect(mail.subject).toBe("Amina Chair vous invite à Test workspace");
    const text = mail.text ?? "";
    expect(text).toContain("« Test workspace »");
    expect(text).toContain("relecteur");
    expect(text).toMatch(/2026|20\d\d/);
    const link = /https?:\/\/\S+\/invite\/([A-Za-z0-9_-]+)/.exec(text);
    expect(link?.[0]).toBe(`${server.url}${created.path}`);

    const preview = await api(server, "GET", `/api/invites/${link![1]}`);
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ workspaceName: "Test workspace", role: "reviewer" });
    const accepted = await api(server, "POST", `/api/invites/${link![1]}/accept`, { email: "nadia@example.org", displayName: "Nadia Reviewer", password: "nadia-password" });
    expect(accepted.status).toBe(200);
    const me = meSchema.parse(await accepted.json());
    expect(me.memberships.map((membership) => [membership.workspace.id, membership.role])).toEqual([[workspaceId, "reviewer"]]);
  });

  it("writes in English for a chair who chose no language and whose browser asks for none we have", async () => {
    const response = await api(server, "POST", `/api/workspaces/${workspaceId}/invites`, { role: "observer", email: "omar@example.org", note: "Omar, observer" }, chair);
    expect(createdInviteSchema.parse(await response.json())).toMatchObject({ mailed: true, note: "Omar, observer" });
    await waitFor("the invitation mail", () => smtp.messages.length > 0);
    expect(smtp.messages[0]!.subject).toBe("Amina Chair invites you to Test workspace");
    expect(smtp.messages[0]!.text).toContain("as an observer");
  });

  it("writes in the chair's browser language when they chose none (Arabic here)", async () => {
    const response = await fetch(`${server.url}/api/workspaces/${workspaceId}/invites`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: chair.cookie, "accept-language": "ar, en;q=0.5" },
      body: JSON.stringify({ role: "chair", email: "layla@example.org" }),
    });
    expect(createdInviteSchema.parse(await response.json()).mailed).toBe(true);
    await waitFor("the invitation mail", () => smtp.messages.length > 0);
    expect(smtp.messages[0]!.subject).toBe("Amina Chair يدعوك إلى Test workspace");
    expect(smtp.messages[0]!.text).toContain("بصفة رئيس");
  });

  it("when the SMTP server refuses the message, says so and keeps the invitation, whose link works", async () => {
    const response = await api(server, "POST", `/api/workspaces/${workspaceId}/invites`, { role: "coordinator", email: "refused@example.org" }, chair);
    expect(response.status).toBe(201);
    const created = createdInviteSchema.parse(await response.json());
    expect(created.mailed).toBe(false);
    expect(created.mailError).toEqual({ id: "mail_not_sent", message: expect.stringMatching(/created.*copy/) });
    expect(smtp.messages).toHaveLength(0);

    const list = inviteListSchema.parse(await (await api(server, "GET", `/api/workspaces/${workspaceId}/invites`, undefined, chair)).json());
    expect(list.invites.map((invite) => invite.id)).toEqual([created.id]);
    const accepted = await api(server, "POST", `/api/invites/${created.token}/accept`, { email: "refused@example.org", displayName: "Rafael Coordinator", password: "rafael-password" });
    expect(accepted.status).toBe(200);
  });

  it("refuses an address that is not one, and creates nothing", async () => {
    for (const email of ["not an address", "a@", "", 42, `${"x".repeat(250)}@example.org`]) {
      const response = await api(server, "POST", `/api/workspaces/${workspaceId}/invites`, { role: "observer", email }, chair);
      expect(response.status, JSON.stringify(email)).toBe(400);
      expect((await errorOf(response)).id).toBe("invalid_request");
    }
    const list = inviteListSchema.parse(await (await api(server, "GET", `/api/workspaces/${workspaceId}/invites`, undefined, chair)).json());
    expect(list.invites).toEqual([]);
    expect(smtp.messages).toHaveLength(0);
  });
});

describe("invitations on a server without SMTP", () => {
  beforeEach(() => startWorkspace({}));

  it("refuses an email address with mail_unavailable, and makes links without one", async () => {
    const list = inviteListSchema.parse(await (await api(server, "GET", `/api/workspaces/${workspaceId}/invites`, undefined, chair)).json());
    expect(list.mailAvailable).toBe(false);

    const refused = await api(server, "POST", `/api/workspaces/${workspaceId}/invites`, { role: "observer", email: "omar@example.org" }, chair);
    expect(await errorOf(refused)).toMatchObject({ status: 400, id: "mail_unavailable" });
    const none = inviteListSchema.parse(await (await api(server, "GET", `/api/workspaces/${workspaceId}/invites`, undefined, chair)).json());
    expect(none.invites).toEqual([]);

    const response = await api(server, "POST", `/api/workspaces/${workspaceId}/invites`, { role: "observer" }, chair);
    expect(response.status).toBe(201);
    expect(createdInviteSchema.parse(await response.json())).toMatchObject({ mailed: false, mailError: null });
  });
});
