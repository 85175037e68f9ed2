import { afterEach, beforeEach, describe, expect, it } from "vitest";
import path from "node:path";
import Database from "better-sqlite3";
import type { RunningServer } from "../app.js";
import { meSchema } from "../../shared/api.js";
import { limits } from "../../shared/limits.js";
import { SQLITE_FILE } from "../storage/sqlite/SqliteStorage.js";
import { addMember, api, removeDataDir, setUpWorkspace, startTestServer, tempDataDir } from "../testing/testServer.js";

let dataDir: string;
let server: RunningServer;

beforeEach(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
});
afterEach(async () => {
  await server.close();
  removeDataDir(dataDir);
});

async function errorId(response: Response): Promise<string> {
  return ((await response.json()) as { error: { id: string } }).error.id;
}

describe("first run", () => {
  it("asks for setup until the first chair exists, then never again", async () => {
    expect(await (await api(server, "GET", "/api/setup")).json()).toEqual({ needed: true });
    const { chair } = await setUpWorkspace(server);
    expect(await (await api(server, "GET", "/api/setup")).json()).toEqual({ needed: false });
    const again = await api(server, "POST", "/api/setup", { workspaceName: "Mine now", displayName: "X", email: "x@example.org", password: "0123456789" });
    expect(again.status).toBe(409);
    expect(await errorId(again)).toBe("already_set_up");
    const me = meSchema.parse(await (await api(server, "GET", "/api/me", undefined, chair)).json());
    expect(me.memberships).toHaveLength(1);
    expect(me.memberships[0]).toMatchObject({ role: "chair", workspace: { name: "Test workspace" } });
  });

  it("seeds the Ten Acts statement and the template's reference groups when asked", async () => {
    const response = await api(server, "POST", "/api/setup", {
      workspaceName: "Civil society drafting",
      displayName: "Amina",
      email: "amina@example.org",
      password: "a-long-password",
      tenActs: true,
    });
    expect(response.status).toBe(201);
    const cookie = response.headers.getSetCookie()[0]!.split(";")[0]!;
    const documents = (await (await fetch(`${server.url}/api/documents`, { headers: { cookie } })).json()) as { documents: { title: string }[] };
    expect(documents.documents.map((d) => d.title)).toEqual(["Now and How: Ten Acts for the Global Compact"]);
    const me = meSchema.parse(await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json());
    const members = (await (await fetch(`${server.url}/api/workspaces/${me.memberships[0]!.workspace.id}/members`, { headers: { cookie } })).json()) as {
      groups: { name: string; acts: number[] }[];
    };
    expect(members.groups.map((g) => g.name).sort()).toEqual(
      ["Firewalls", "Follow-up, accountability, governance", "Returns (in particular safeguards)", "Vulnerability / migrants in vulnerable situations"].sort(),
    );
  });
});

describe("sign-in", () => {
  it("issues an httpOnly SameSite session cookie and stores only a password hash", async () => {
    const { chair } = await setUpWorkspace(server);
    const response = await api(server, "POST", "/api/auth/login", { email: "CHAIR@example.org", password: chair.password });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("dw_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true });
    const row = db.prepare<[], { password_hash: string }>("SELECT password_hash FROM accounts").get()!;
    const sessions = db.prepare<[], { id_hash: string }>("SELECT id_hash FROM sessions").all();
    db.close();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(chair.password);
    expect(sessions.map((s) => s.id_hash)).not.toContain(cookie.split(";")[0]!.split("=")[1]);
  });

  it("refuses wrong passwords and unknown emails alike, then throttles the account", async () => {
    const { chair } = await setUpWorkspace(server);
    const wrong = await api(server, "POST", "/api/auth/login", { email: chair.email, password: "wrong-password" });
    expect(wrong.status).toBe(401);
    expect(await errorId(wrong)).toBe("invalid_credentials");
    const unknown = await api(server, "POST", "/api/auth/login", { email: "nobody@example.org", password: "wrong-password" });
    expect(await errorId(unknown)).toBe("invalid_credentials");
    for (let i = 1; i < limits.loginFailuresPerAccount; i++) {
      expect((await api(server, "POST", "/api/auth/login", { email: chair.email, password: `wrong-${i}` })).status).toBe(401);
    }
    const throttled = await api(server, "POST", "/api/auth/login", { email: chair.email, password: chair.password });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await errorId(throttled)).toBe("too_many_attempts");
    const audit = (await (await api(server, "GET", `/api/workspaces/${(await setUpWorkspaceId(chair.cookie))}/audit`, undefined, chair)).json()) as {
      entries: { action: string }[];
    };
    expect(audit.entries.filter((e) => e.action === "login_failed").length).toBe(limits.loginFailuresPerAccount);
  });

  it("signs out: the session stops working", async () => {
    const { chair } = await setUpWorkspace(server);
    expect((await api(server, "POST", "/api/auth/logout", undefined, chair)).status).toBe(200);
    expect((await api(server, "GET", "/api/me", undefined, chair)).status).toBe(401);
  });

  it("refuses state-changing requests from another site", async () => {
    const { chair } = await setUpWorkspace(server);
    const response = await fetch(`${server.url}/api/documents`, {
      method: "POST",
      headers: { cookie: chair.cookie, origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ title: "Forged" }),
    });
    expect(response.status).toBe(403);
    expect(await errorId(response)).toBe("cross_site_request");
  });
});

async function setUpWorkspaceId(cookie: string): Promise<string> {
  const me = meSchema.parse(await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json());
  return me.memberships[0]!.workspace.id;
}

describe("tokens for scripts", () => {
  it("works as a bearer token, is listed without its secret, and stops working when revoked", async () => {
    const { chair } = await setUpWorkspace(server);
    const bearer = { authorization: `Bearer ${chair.token}` };
    expect((await fetch(`${server.url}/api/me`, { headers: bearer })).status).toBe(200);
    const listed = (await (await api(server, "GET", "/api/auth/tokens", undefined, chair)).json()) as { tokens: { id: string }[] };
    expect(JSON.stringify(listed)).not.toContain(chair.token);
    expect((await api(server, "DELETE", `/api/auth/tokens/${listed.tokens[0]!.id}`, undefined, chair)).status).toBe(200);
    expect((await fetch(`${server.url}/api/me`, { headers: bearer })).status).toBe(401);
  });
});

describe("members", () => {
  it("keeps at least one chair", async () => {
    const { chair, workspaceId } = await setUpWorkspace(server);
    const demote = await api(server, "PATCH", `/api/workspaces/${workspaceId}/members/${chair.accountId}`, { role: "observer" }, chair);
    expect(demote.status).toBe(409);
    expect(await errorId(demote)).toBe("last_chair");
    const remove = await api(server, "DELETE", `/api/workspaces/${workspaceId}/members/${chair.accountId}`, undefined, chair);
    expect(await errorId(remove)).toBe("last_chair");
  });

  it("lets only chairs manage members and read the audit log", async () => {
    const { chair, workspaceId } = await setUpWorkspace(server);
    const coordinator = await addMember(server, chair, workspaceId, "coordinator");
    expect((await api(server, "POST", "/api/auth/login", { email: coordinator.email, password: coordinator.password })).status).toBe(200);
    for (const [method, path] of [
      ["GET", `/api/workspaces/${workspaceId}/invites`],
      ["POST", `/api/workspaces/${workspaceId}/invites`],
      ["GET", `/api/workspaces/${workspaceId}/audit`],
      ["PATCH", `/api/workspaces/${workspaceId}/members/${chair.accountId}`],
    ] as const) {
      const body = method === "POST" ? { role: "chair" } : method === "PATCH" ? { role: "observer" } : undefined;
      const response = await api(server, method, path, body, coordinator);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(await errorId(response)).toBe("role_required");
    }
    const audit = (await (await api(server, "GET", `/api/workspaces/${workspaceId}/audit`, undefined, chair)).json()) as { entries: { action: string }[] };
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(["workspace_created", "invite_created", "invite_accepted", "login"]));
  });
});

describe("the API contract", () => {
  it("is served as OpenAPI generated from the schemas", async () => {
    const spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(spec.openapi).toMatch(/^3\./);
    const expected: [string, string][] = [
      ["/api/auth/login", "post"],
      ["/api/auth/logout", "post"],
      ["/api/auth/token", "post"],
      ["/api/me", "get"],
      ["/api/documents", "get"],
      ["/api/documents", "post"],
      ["/api/documents/{id}", "get"],
      ["/api/documents/{id}/comments", "get"],
      ["/api/documents/{id}/comments", "post"],
      ["/api/documents/{id}/comments/{threadId}/replies", "post"],
      ["/api/documents/{id}/comments/{threadId}", "patch"],
      ["/api/documents/{id}/comments/{threadId}", "delete"],
      ["/api/documents/{id}/rounds", "get"],
      ["/api/documents/{id}/rounds", "post"],
      ["/api/documents/{id}/rounds/{roundId}/freeze", "post"],
      ["/api/documents/{id}/rounds/{roundId}/freeze-schedule", "put"],
      ["/api/documents/{id}/rounds/{roundId}/freeze-schedule", "delete"],
      ["/api/documents/{id}/rounds/{roundId}/open-next", "post"],
      ["/api/documents/{id}/versions", "get"],
      ["/api/documents/{id}/versions/{versionId}", "get"],
      ["/api/documents/{id}/compare", "get"],
      ["/api/unsubscribe", "post"],
      ["/api/unsubscribe/{token}", "post"],
    ];
    for (const [path, method] of expected) expect(spec.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    const login = spec.paths["/api/auth/login"]!["post"] as { requestBody: { content: Record<string, { schema: { properties: object } }> } };
    expect(Object.keys(login.requestBody.content["application/json"]!.schema.properties)).toEqual(["email", "password"]);
  });
});

describe("security headers", () => {
  it("serves pages with a strict Content-Security-Policy and the usual protections", async () => {
    for (const path of ["/", "/api/health"]) {
      const response = await fetch(`${server.url}${path}`);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).not.toContain("unsafe-eval");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });
});
