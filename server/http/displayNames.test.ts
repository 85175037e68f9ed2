/**
 * Display names through the real API: no two look-alike names in a workspace, and no
 * direction-changing, invisible or control characters, on every path that sets a name.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import path from "node:path";
import Database from "better-sqlite3";
import { SQLITE_FILE } from "../storage/sqlite/SqliteStorage.js";
import type { RunningServer } from "../app.js";
import { apiErrorSchema, meSchema, memberListSchema } from "../../shared/api.js";
import { addMember, api, removeDataDir, setUpWorkspace, startTestServer, tempDataDir, type TestUser } from "../testing/testServer.js";

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let workspaceId: string;
let emails = 0;

beforeEach(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  ({ chair, workspaceId } = await setUpWorkspace(server, "Amina Chair"));
});
afterEach(async () => {
  await server.close();
  removeDataDir(dataDir);
});

async function inviteToken(inWorkspace = workspaceId, by: TestUser = chair): Promise<string> {
  const response = await api(server, "POST", `/api/workspaces/${inWorkspace}/invites`, { role: "coordinator" }, by);
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

/** Accept an invitation as a new account with this name. */
async function acceptAs(token: string, displayName: string): Promise<Response> {
  return api(server, "POST", `/api/invites/${token}/accept`, { displayName, email: `person${++emails}@example.org`, password: "member-password" });
}

async function refusal(response: Response): Promise<{ status: number; id: string; message: string }> {
  const { error } = apiErrorSchema.parse(await response.json());
  return { status: response.status, ...error };
}

async function memberNames(): Promise<string[]> {
  const listed = memberListSchema.parse(await (await api(server, "GET", `/api/workspaces/${workspaceId}/members`, undefined, chair)).json());
  return listed.members.map((member) => member.account.displayName);
}

describe("accepting an invitation", () => {
  it.each([
    ["the exact name", "Amina Chair"],
    ["the name in capitals", "AMINA CHAIR"],
    ["a Cyrillic а for the Latin a", "\u0410mina Ch\u0430ir"],
    ["full-width letters", "Ａｍｉｎａ Chair"],
    ["extra and odd spaces", "  Amina\u00A0\u00A0Chair "],
    ["an accent added", "Amína Chair"],
  ])("refuses another member's name written with %s (409 name_taken), and the link stays usable", async (_how, name) => {
    const token = await inviteToken();
    const answer = await refusal(await acceptAs(token, name));
    expect(answer).toEqual({ status: 409, id: "name_taken", message: expect.stringMatching(/member of this workspace already has this name/i) });
    expect(await memberNames()).toEqual(["Amina Chair"]);
    expect((await acceptAs(token, "Maria Coordinator")).status).toBe(200);
    expect(await memberNames()).toEqual(["Amina Chair", "Maria Coordinator"]);
  });

  it.each([
    ["a right-to-left override (U+202E)", "Maria\u202Erotanidrooc", /direction of text.*U\+202E/],
    ["a left-to-right isolate (U+2066)", "Maria \u2066Coordinator", /direction of text.*U\+2066/],
    ["a right-to-left mark (U+200F)", "Maria\u200F", /direction of text.*U\+200F/],
    ["an Arabic letter mark (U+061C)", "Maria\u061C", /direction of text.*U\+061C/],
    ["a zero-width space (U+200B)", "Ami\u200Bna Chair", /zero-width.*U\+200B/],
    ["a byte order mark (U+FEFF)", "\uFEFFMaria", /zero-width.*U\+FEFF/],
    ["a line break", "Maria\nCoordinator", /control character.*U\+000A/],
    ["a private-use character", "Maria \uE000", /private-use.*U\+E000/],
    ["only spaces", " \u3000 ", /a name is required/],
  ])("refuses a name with %s (400), creating nothing", async (_what, name, message) => {
    const token = await inviteToken();
    const answer = await refusal(await acceptAs(token, name));
    expect(answer).toMatchObject({ status: 400, id: "invalid_request" });
    expect(answer.message).toMatch(message);
    expect(await memberNames()).toEqual(["Amina Chair"]);
    expect((await acceptAs(token, "Maria Coordinator")).status).toBe(200);
  });

  it("stores the name tidied: trimmed, spaces collapsed", async () => {
    const me = meSchema.parse(await (await acceptAs(await inviteToken(), "  Lena \u00A0  Reviewer ")).json());
    expect(me.account.displayName).toBe("Lena Reviewer");
  });

  it("lets one of two look-alike names join when both accept at the same moment", async () => {
    const tokens = await Promise.all([inviteToken(), inviteToken(), inviteToken()]);
    const answers = await Promise.all(tokens.map((token, i) => acceptAs(token, ["Kofi Annan", "KOFI ANNAN", "K\u043Efi Annan"][i]!)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await memberNames()).filter((name) => /annan/i.test(name))).toHaveLength(1);
  });

  it("refuses an existing account whose name looks like a member's there, until they change it", async () => {
    // Someone named like the chair in a workspace of their own, joining the chair's.
    const other = await api(server, "POST", "/api/workspaces", { name: "Elsewhere", tenActs: false }, chair);
    const elsewhere = ((await other.json()) as { id: string }).id;
    const lookalike = await addMember(server, chair, elsewhere, "coordinator", "Omar Observer");
    await addMember(server, chair, workspaceId, "observer", "Om\u0430r OBSERVER");
    const token = await inviteToken();
    const answer = await refusal(await api(server, "POST", `/api/invites/${token}/accept`, {}, lookalike));
    expect(answer).toMatchObject({ status: 409, id: "name_taken" });
    expect(answer.message).toMatch(/change your name/i);
    expect((await api(server, "PATCH", "/api/me", { displayName: "Omar B." }, lookalike)).status).toBe(200);
    expect((await api(server, "POST", `/api/invites/${token}/accept`, {}, lookalike)).status).toBe(200);
    expect(await memberNames()).toContain("Omar B.");
  });
});

describe("first-run setup", () => {
  it("refuses a chair's name with a right-to-left override", async () => {
    const fresh = tempDataDir();
    const other = await startTestServer(fresh);
    try {
      const body = { workspaceName: "W", displayName: "Amina\u202EriahC", email: "a@example.org", password: "chair-password", tenActs: false };
      const answer = await refusal(await api(other, "POST", "/api/setup", body));
      expect(answer).toMatchObject({ status: 400, message: expect.stringMatching(/U\+202E/) });
      expect((await api(other, "GET", "/api/setup")).status).toBe(200);
      expect(((await (await api(other, "GET", "/api/setup")).json()) as { needed: boolean }).needed).toBe(true);
    } finally {
      await other.close();
      removeDataDir(fresh);
    }
  });
});

describe("changing one's own name", () => {
  it("applies the same rules, against every workspace one belongs to", async () => {
    const maria = await addMember(server, chair, workspaceId, "coordinator", "Maria Coordinator");
    const rename = (displayName: string, who: TestUser = maria) => api(server, "PATCH", "/api/me", { displayName }, who);
    expect(await refusal(await rename("amina chair"))).toMatchObject({ status: 409, id: "name_taken" });
    expect(await refusal(await rename("Maria\u202E"))).toMatchObject({ status: 400 });
    const renamed = await rename("  Maria   Santos ");
    expect(renamed.status).toBe(200);
    expect(meSchema.parse(await renamed.json()).account.displayName).toBe("Maria Santos");
    expect((await rename("MARIA SANTOS")).status).toBe(200); // one's own name, in other capitals
    expect(await memberNames()).toEqual(["Amina Chair", "MARIA SANTOS"]);
    expect((await api(server, "PATCH", "/api/me", { displayName: "New" })).status).toBe(401);
  });

  it("leaves older rows as they were: a stored name breaking today's rules still lists, and can be changed", async () => {
    const maria = await addMember(server, chair, workspaceId, "coordinator", "Maria Coordinator");
    // A row written before these rules (straight into the database).
    const db = new Database(path.join(dataDir, SQLITE_FILE));
    db.prepare("UPDATE accounts SET display_name = ? WHERE id = ?").run("amina chair\u202E", maria.accountId);
    db.close();
    expect(await memberNames()).toEqual(["Amina Chair", "amina chair\u202E"]);
    expect((await api(server, "GET", "/api/me", undefined, maria)).status).toBe(200);
    expect((await api(server, "PATCH", "/api/me", { displayName: "Maria Coordinator" }, maria)).status).toBe(200);
    expect(await memberNames()).toEqual(["Amina Chair", "Maria Coordinator"]);
  });
});
