/**
 * The error ids real failing requests are answered with are the ones shared/errors.ts
 * lists (and the client has a message for): from the route handlers, the commands, the
 * error handler's own and Fastify's, and the collaboration socket's upgrade refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../app.js";
import { apiErrorSchema } from "../../shared/api.js";
import { errorIds } from "../../shared/errors.js";
import { COLLAB_PATH } from "../../shared/protocol.js";
import { rawRequest, type RawResponse } from "../testing/rawHttp.js";
import { addMember, api, createTestDocument, removeDataDir, setUpWorkspace, startTestServer, tempDataDir, type TestUser } from "../testing/testServer.js";

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let observer: TestUser;
let workspaceId: string;
let documentId: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  ({ chair, workspaceId } = await setUpWorkspace(server));
  documentId = (await createTestDocument(server, chair)).id;
  observer = await addMember(server, chair, workspaceId, "observer");
});

afterAll(async () => {
  await server.close();
  removeDataDir(dataDir);
});

/** The status and error id of a refused request. */
async function refusal(response: Response | RawResponse): Promise<{ status: number; id: string }> {
  const body: unknown = JSON.parse(response instanceof Response ? await response.text() : response.body);
  const parsed = apiErrorSchema.parse(body);
  return { status: response.status, id: parsed.error.id };
}

const listed: ReadonlySet<string> = new Set(errorIds);

describe("error ids answered by the API are listed in shared/errors.ts", () => {
  it("route, command, handler and Fastify refusals", async () => {
    const unknownId = "unknownid0000000";
    const answers = [
      await refusal(await api(server, "GET", "/api/documents")),
      await refusal(await api(server, "GET", "/api/nothing-here", undefined, chair)),
      await refusal(await api(server, "POST", "/api/auth/login", { email: chair.email, password: "not-the-password" })),
      await refusal(await api(server, "POST", "/api/setup", { workspaceName: "Again", displayName: "Someone", email: "x@example.org", password: "some-password", tenActs: false })),
      await refusal(await api(server, "GET", `/api/documents/${unknownId}`, undefined, chair)),
      await refusal(await api(server, "POST", "/api/me/password", { currentPassword: "not-the-password", newPassword: "another-password" }, chair)),
      await refusal(await api(server, "POST", `/api/documents/${documentId}/comments`, { nonsense: true }, chair)),
      await refusal(await api(server, "POST", `/api/workspaces/${workspaceId}/invites`, { role: "reviewer" }, observer)),
      await refusal(await api(server, "GET", `/api/invites/${"x".repeat(30)}`)),
      await refusal(await api(server, "PATCH", `/api/workspaces/${workspaceId}/members/${chair.accountId}`, { role: "observer" }, chair)),
      await refusal(await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/xml" }, body: "<login/>" })),
      await refusal(await api(server, "POST", "/api/auth/login", { email: chair.email, password: "x".repeat(2 * 1024 * 1024) })),
      await refusal(await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" })),
    ];
    expect(answers).toEqual([
      { status: 401, id: "sign_in_required" },
      { status: 404, id: "not_found" },
      { status: 401, id: "invalid_credentials" },
      { status: 409, id: "already_set_up" },
      { status: 404, id: "document_not_found" },
      { status: 403, id: "wrong_password" },
      { status: 400, id: "invalid_request" },
      { status: 403, id: "role_required" },
      { status: 404, id: "invite_not_found" },
      { status: 409, id: "last_chair" },
      { status: 415, id: "unsupported_media_type" },
      { status: 413, id: "body_too_large" },
      { status: 400, id: "invalid_request" },
    ]);
    for (const { id } of answers) expect(listed.has(id), id).toBe(true);
  });

  it("too many sign-in attempts: listed, with the Retry-After the client turns into minutes", async () => {
    const guess = (password: string) => api(server, "POST", "/api/auth/login", { email: observer.email, password });
    // A second guess while the first is being checked (and held) is refused at once.
    const [first, meanwhile] = await Promise.all([
      guess("guess-1"),
      new Promise<Response>((resolve) => setTimeout(() => resolve(guess("guess-2")), 100)),
    ]);
    expect((await refusal(first)).id).toBe("invalid_credentials");
    expect(await refusal(meanwhile)).toEqual({ status: 429, id: "too_many_attempts" });
    expect(Number(meanwhile.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(listed.has("too_many_attempts")).toBe(true);
  });

  it("the collaboration socket's upgrade refusals", async () => {
    const upgrade = { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==" };
    const answers = [
      await refusal(await rawRequest(server, "GET", `${COLLAB_PATH}/${documentId}`, { headers: upgrade })),
      await refusal(await rawRequest(server, "GET", `${COLLAB_PATH}/${documentId}`, { headers: { ...upgrade, origin: "https://elsewhere.example" } })),
      await refusal(await rawRequest(server, "GET", "/not-collab/x", { headers: upgrade })),
    ];
    expect(answers).toEqual([
      { status: 401, id: "sign_in_required" },
      { status: 403, id: "cross_site_origin" },
      { status: 404, id: "not_found" },
    ]);
    for (const { id } of answers) expect(listed.has(id), id).toBe(true);
  });
});
