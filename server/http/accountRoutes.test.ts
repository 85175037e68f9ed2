/**
 * The members list for every role, invitation notes, changing one's password and chairs'
 * reset links, through the real server on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../app.js";
import { memberListSchema, meSchema, type MemberList } from "../../shared/api.js";
import { describeAuditEntry } from "../../shared/auditSentences.js";
import { intlFor } from "../i18n.js";
import type { AuditEntry } from "../../shared/api/audit.js";
import { addMember, api, errorOf, removeDataDir, setUpWorkspace, startTestServer, storageSetups, tempDataDir, type TestUser } from "../testing/testServer.js";

const setups = storageSetups.filter((setup) => setup.delayMs === 0);

function sessionFrom(response: Response): string {
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("dw_session="));
  if (!cookie) throw new Error(`no session cookie (status ${response.status})`);
  return cookie.split(";")[0]!;
}

describe.each(setups)("members and passwords on $name", (setup) => {
  let dataDir: string;
  let server: RunningServer;
  let chair: TestUser;
  let workspaceId: string;

  beforeEach(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, setup);
    ({ chair, workspaceId } = await setUpWorkspace(server));
  });
  afterEach(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  /** A second browser session of `user`, signed in with `password`. */
  async function signInAgain(user: TestUser, password = user.password): Promise<TestUser> {
    const response = await api(server, "POST", "/api/auth/login", { email: user.email, password });
    expect(response.status).toBe(200);
    return { ...user, cookie: sessionFrom(response) };
  }

  const members = async (user: TestUser): Promise<MemberList> =>
    memberListSchema.parse(await (await api(server, "GET", `/api/workspaces/${workspaceId}/members`, undefined, user)).json());

  describe("the members list", () => {
    it("is open to every role, with emails for chairs only; the rest stays with chairs", async () => {
      const coordinator = await addMember(server, chair, workspaceId, "coordinator", "Rosa Delgado");
      const reviewer = await addMember(server, chair, workspaceId, "reviewer", "Lena Weber");
      const observer = await addMember(server, chair, workspaceId, "observer", "Tomás Ruiz");
      for (const user of [coordinator, reviewer, observer]) {
        const list = await members(user);
        expect(list.members.map((m) => [m.account.displayName, m.role, m.account.email])).toEqual([
          ["Amina Chair", "chair", null],
          ["Lena Weber", "reviewer", null],
          ["Rosa Delgado", "coordinator", null],
          ["Tomás Ruiz", "observer", null],
        ]);
      }
      expect((await members(chair)).members.find((m) => m.role === "reviewer")!.account.email).toBe(reviewer.email);
      for (const [method, path, body] of [
        ["GET", `/api/workspaces/${workspaceId}/invites`, undefined],
        ["POST", `/api/workspaces/${workspaceId}/invites`, { role: "chair" }],
        ["GET", `/api/workspaces/${workspaceId}/audit`, undefined],
        ["PATCH", `/api/workspaces/${workspaceId}/members/${reviewer.accountId}`, { groupIds: [] }],
        ["POST", `/api/workspaces/${workspaceId}/members/${reviewer.accountId}/password-reset`, {}],
      ] as const) {
        expect(await errorOf(await api(server, method, path, body, coordinator)), `${method} ${path}`).toMatchObject({ status: 403, id: "role_required" });
      }
    });

    it("is not shown to someone outside the workspace", async () => {
      const other = await api(server, "POST", "/api/workspaces", { name: "Another coalition", tenActs: false }, chair);
      const { id } = (await other.json()) as { id: string };
      const outsider = await addMember(server, chair, id, "coordinator", "Outsider");
      expect(await errorOf(await api(server, "GET", `/api/workspaces/${workspaceId}/members`, undefined, outsider))).toMatchObject({
        status: 404,
        id: "workspace_not_found",
      });
    });

    it("keeps several reference groups per member", async () => {
      const created = await api(server, "POST", "/api/workspaces", { name: "Ten Acts", tenActs: true }, chair);
      workspaceId = ((await created.json()) as { id: string }).id;
      const reviewer = await addMember(server, chair, workspaceId, "reviewer", "Lena Weber");
      const groups = (await members(chair)).groups;
      const picked = [groups[0]!.id, groups[2]!.id];
      const change = await api(server, "PATCH", `/api/workspaces/${workspaceId}/members/${reviewer.accountId}`, { groupIds: picked }, chair);
      expect(change.status).toBe(200);
      expect((await members(reviewer)).members.find((m) => m.account.id === reviewer.accountId)!.groupIds).toEqual(picked);
      const unknown = await api(server, "PATCH", `/api/workspaces/${workspaceId}/members/${reviewer.accountId}`, { groupIds: ["no-such-group"] }, chair);
      expect(await errorOf(unknown)).toMatchObject({ status: 400, id: "unknown_group" });
    });
  });

  describe("invitation notes", () => {
    it("say whom a pending invitation is for", async () => {
      const created = await api(server, "POST", `/api/workspaces/${workspaceId}/invites`, { role: "reviewer", note: "  Maria Santos <maria@example.org> " }, chair);
      expect(created.status).toBe(201);
      expect(((await created.json()) as { note: string }).note).toBe("Maria Santos <maria@example.org>");
      await api(server, "POST", `/api/workspaces/${workspaceId}/invites`, { role: "observer" }, chair);
      const listed = (await (await api(server, "GET", `/api/workspaces/${workspaceId}/invites`, undefined, chair)).json()) as { invites: { role: string; note: string | null }[] };
      expect(listed.invites.map((i) => [i.role, i.note]).sort()).toEqual([
        ["observer", null],
        ["reviewer", "Maria Santos <maria@example.org>"],
      ]);
    });

    it("refuses a note with control characters or too long", async () => {
      for (const note of ["Maria\u202eSantos", "Maria\nSantos", "x".repeat(201), 42]) {
        const response = await api(server, "POST", `/api/workspaces/${workspaceId}/invites`, { role: "reviewer", note }, chair);
        expect(await errorOf(response), JSON.stringify(note)).toMatchObject({ status: 400, id: "invalid_request" });
      }
    });
  });

  describe("changing one's password", () => {
    it("needs the current password, and signs out the account's other sessions only", async () => {
      const coordinator = await addMember(server, chair, workspaceId, "coordinator", "Rosa Delgado");
      const elsewhere = await signInAgain(coordinator);
      const change = await api(server, "POST", "/api/me/password", { currentPassword: coordinator.password, newPassword: "a-brand-new-password" }, coordinator);
      expect(change.status).toBe(200);
      expect(await change.json()).toEqual({ ok: true, signedOut: 1 });
      expect((await api(server, "GET", "/api/me", undefined, coordinator)).status).toBe(200);
      expect((await api(server, "GET", "/api/me", undefined, elsewhere)).status).toBe(401);
      // Tokens for scripts are separate credentials: they keep working.
      expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${coordinator.token}` } })).status).toBe(200);
      expect((await api(server, "POST", "/api/auth/login", { email: coordinator.email, password: coordinator.password })).status).toBe(401);
      await signInAgain(coordinator, "a-brand-new-password");
      const audit = (await (await api(server, "GET", `/api/workspaces/${workspaceId}/audit`, undefined, chair)).json()) as { entries: { action: string }[] };
      expect(audit.entries.map((e) => e.action)).toContain("password_changed");
    });

    it("refuses a wrong current password, a short or unchanged new one, and anonymous callers", async () => {
      const body = (currentPassword: unknown, newPassword: unknown) => ({ currentPassword, newPassword });
      expect(await errorOf(await api(server, "POST", "/api/me/password", body("wrong-password", "another-password"), chair))).toEqual({
        status: 403,
        id: "wrong_password",
        message: "Your current password is not right.",
      });
      expect(await errorOf(await api(server, "POST", "/api/me/password", body(chair.password, "short"), chair))).toMatchObject({ status: 400, id: "invalid_request" });
      expect(await errorOf(await api(server, "POST", "/api/me/password", body("", "another-password"), chair))).toMatchObject({ status: 400, id: "invalid_request" });
      expect(await errorOf(await api(server, "POST", "/api/me/password", { newPassword: "another-password" }, chair))).toMatchObject({ status: 400, id: "invalid_request" });
      expect(await errorOf(await api(server, "POST", "/api/me/password", body(chair.password, chair.password), chair))).toMatchObject({ status: 400, id: "same_password" });
      expect(await errorOf(await api(server, "POST", "/api/me/password", body(chair.password, "another-password")))).toMatchObject({ status: 401, id: "sign_in_required" });
      // Nothing changed: the old password still signs in.
      await signInAgain(chair);
    });
  });

  describe("one's organisation", () => {
    it("is set by oneself, trimmed, shown by GET /api/me, and refused when too long or not printable", async () => {
      const coordinator = await addMember(server, chair, workspaceId, "coordinator", "Rosa Delgado");
      const me = async (user: TestUser) => meSchema.parse(await (await api(server, "GET", "/api/me", undefined, user)).json());
      expect((await me(coordinator)).organisation).toBe("");
      const changed = await api(server, "PATCH", "/api/me", { organisation: "  Oxfam International " }, coordinator);
      expect(changed.status).toBe(200);
      expect(meSchema.parse(await changed.json()).organisation).toBe("Oxfam International");
      expect((await me(coordinator)).organisation).toBe("Oxfam International");
      // Someone else's stays as it was.
      expect((await me(chair)).organisation).toBe("");
      for (const organisation of ["x".repeat(201), "Oxfam\u0007", 42]) {
        const refused = await api(server, "PATCH", "/api/me", { organisation }, coordinator);
        expect(refused.status).toBe(400);
      }
      expect((await me(coordinator)).organisation).toBe("Oxfam International");
      expect((await api(server, "PATCH", "/api/me", { organisation: "" }, coordinator)).status).toBe(200);
      expect((await me(coordinator)).organisation).toBe("");
      expect((await api(server, "PATCH", "/api/me", { organisation: "Oxfam" })).status).toBe(401);
    });
  });

  describe("reset links", () => {
    async function createLink(member: TestUser, by = chair): Promise<Response> {
      return api(server, "POST", `/api/workspaces/${workspaceId}/members/${member.accountId}/password-reset`, {}, by);
    }

    it("let a member set a new password once, signing out every session they had", async () => {
      const member = await addMember(server, chair, workspaceId, "reviewer", "Lena Weber");
      const created = await createLink(member);
      expect(created.status).toBe(201);
      const link = (await created.json()) as { token: string; path: string; expiresAt: string };
      expect(link.path).toBe(`/reset/${link.token}`);
      expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);

      const preview = await api(server, "GET", `/api/password-resets/${link.token}`);
      expect(await preview.json()).toEqual({ displayName: "Lena Weber", email: member.email, expiresAt: link.expiresAt });
      expect(await errorOf(await api(server, "POST", `/api/password-resets/${link.token}`, { password: "short" }))).toMatchObject({ status: 400, id: "invalid_request" });

      const used = await api(server, "POST", `/api/password-resets/${link.token}`, { password: "lena-new-password" });
      expect(used.status).toBe(200);
      const fresh = { ...member, cookie: sessionFrom(used) };
      expect((await api(server, "GET", "/api/me", undefined, fresh)).status).toBe(200);
      expect((await api(server, "GET", "/api/me", undefined, member)).status).toBe(401);
      expect((await api(server, "POST", "/api/auth/login", { email: member.email, password: member.password })).status).toBe(401);
      await signInAgain(member, "lena-new-password");

      expect(await errorOf(await api(server, "POST", `/api/password-resets/${link.token}`, { password: "yet-another-password" }))).toMatchObject({ status: 410, id: "reset_used" });
      expect(await errorOf(await api(server, "GET", `/api/password-resets/${link.token}`))).toMatchObject({ status: 410, id: "reset_used" });
      const audit = (await (await api(server, "GET", `/api/workspaces/${workspaceId}/audit`, undefined, chair)).json()) as { entries: AuditEntry[] };
      const sentences = audit.entries.filter((e) => e.subject === member.accountId).map((entry) => describeAuditEntry(intlFor("en"), entry));
      expect(sentences).toEqual(expect.arrayContaining([`${chair.displayName} created a password reset link for Lena Weber`, "Lena Weber set a new password with a reset link (1 session signed out)"]));
    });

    it("stop working when a newer link is made", async () => {
      const member = await addMember(server, chair, workspaceId, "observer", "Tomás Ruiz");
      const first = ((await (await createLink(member)).json()) as { token: string }).token;
      const second = ((await (await createLink(member)).json()) as { token: string }).token;
      expect(await errorOf(await api(server, "GET", `/api/password-resets/${first}`))).toMatchObject({ status: 404, id: "reset_not_found" });
      expect((await api(server, "GET", `/api/password-resets/${second}`)).status).toBe(200);
    });

    it("are refused for oneself, for non-members, for malformed or unknown tokens", async () => {
      expect(await errorOf(await createLink(chair))).toMatchObject({ status: 400, id: "reset_own_password" });
      const other = await api(server, "POST", "/api/workspaces", { name: "Another coalition", tenActs: false }, chair);
      const outsider = await addMember(server, chair, ((await other.json()) as { id: string }).id, "coordinator", "Outsider");
      expect(await errorOf(await createLink(outsider))).toMatchObject({ status: 404, id: "member_not_found" });
      expect(await errorOf(await api(server, "GET", "/api/password-resets/short"))).toMatchObject({ status: 400, id: "invalid_request" });
      expect(await errorOf(await api(server, "GET", `/api/password-resets/${"x".repeat(43)}`))).toMatchObject({ status: 404, id: "reset_not_found" });
      expect(await errorOf(await api(server, "POST", `/api/password-resets/${"x".repeat(43)}`, { password: "long-enough-password" }))).toMatchObject({
        status: 404,
        id: "reset_not_found",
      });
      expect(await errorOf(await api(server, "POST", `/api/password-resets/${"x".repeat(43)}`, { password: "long-enough-password", extra: 1 }))).toMatchObject({
        status: 400,
        id: "invalid_request",
      });
    });

    it("revoke the member's API tokens, which someone who learnt the old password may have made", async () => {
      const member = await addMember(server, chair, workspaceId, "coordinator", "Sami Haddad");
      const made = await api(server, "POST", "/api/auth/token", { email: member.email, password: member.password, name: "made with the old password" });
      expect(made.status).toBe(201);
      const { token } = (await made.json()) as { token: string };
      const withToken = () => fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      expect((await withToken()).status).toBe(200);
      const link = ((await (await createLink(member)).json()) as { token: string }).token;
      expect((await api(server, "POST", `/api/password-resets/${link}`, { password: "sami-new-password" })).status).toBe(200);
      expect((await withToken()).status).toBe(401);
    });

    it("are checked again when used: a member who joined a workspace the chair does not chair is not reset", async () => {
      const member = await addMember(server, chair, workspaceId, "coordinator", "Ines Moreau");
      const link = ((await (await createLink(member)).json()) as { token: string }).token;
      await api(server, "POST", "/api/workspaces", { name: "Ines's network", tenActs: false }, member);
      const refused = await errorOf(await api(server, "POST", `/api/password-resets/${link}`, { password: "taken-over-password" }));
      expect(refused).toMatchObject({ status: 403, id: "reset_needs_other_chair" });
      expect((await api(server, "POST", "/api/auth/login", { email: member.email, password: member.password })).status).toBe(200);
    });

    it("need a chair of every workspace the member belongs to", async () => {
      // Rosa chairs a workspace of her own and joins Amina's: Amina must not take over Rosa's account.
      const rosa = await addMember(server, chair, workspaceId, "coordinator", "Rosa Delgado");
      await api(server, "POST", "/api/workspaces", { name: "Rosa's coalition", tenActs: false }, rosa);
      const refused = await errorOf(await createLink(rosa));
      expect(refused).toMatchObject({ status: 403, id: "reset_needs_other_chair" });
      expect(refused.message).toContain("Rosa's coalition");
    });
  });
});
