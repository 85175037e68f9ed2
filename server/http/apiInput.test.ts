import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { RunningServer } from "../app.js";
import { apiErrorSchema } from "../../shared/api.js";
import { addMember, createTestDocument, removeDataDir, setUpWorkspace, startTestServer, tempDataDir, type TestUser } from "../testing/testServer.js";

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let workspaceId: string;
let documentId: string;
let memberId: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  ({ chair, workspaceId } = await setUpWorkspace(server));
  documentId = (await createTestDocument(server, chair)).id;
  memberId = (await addMember(server, chair, workspaceId, "observer")).accountId;
});
const fuzzed = { requests: 0 };

afterAll(async () => {
  await server.close();
  removeDataDir(dataDir);
  console.info(`HTTP fuzzing: ${endpoints().length + 1} endpoints, ${fuzzed.requests} bad requests, 0 server errors`);
});

const unknownId = "unknownid0000000";

/** Every endpoint, with real ids where the path needs them. */
function endpoints(): { method: string; path: string }[] {
  return [
    { method: "POST", path: "/api/setup" },
    { method: "POST", path: "/api/auth/login" },
    { method: "POST", path: "/api/auth/token" },
    { method: "DELETE", path: `/api/auth/tokens/${unknownId}` },
    { method: "POST", path: "/api/documents" },
    { method: "GET", path: `/api/documents/${unknownId}` },
    { method: "POST", path: "/api/workspaces" },
    { method: "PATCH", path: `/api/workspaces/${workspaceId}/members/${memberId}` },
    { method: "DELETE", path: `/api/workspaces/${workspaceId}/members/${unknownId}` },
    { method: "POST", path: `/api/workspaces/${workspaceId}/invites` },
    { method: "DELETE", path: `/api/workspaces/${workspaceId}/invites/${unknownId}` },
    { method: "GET", path: `/api/invites/${"x".repeat(30)}` },
    { method: "POST", path: `/api/invites/${"x".repeat(30)}/accept` },
    { method: "GET", path: `/api/workspaces/${unknownId}/members` },
    { method: "GET", path: `/api/workspaces/${workspaceId}/audit?limit=abc` },
    { method: "POST", path: `/api/documents/${documentId}/comments` },
    { method: "POST", path: `/api/documents/${documentId}/comments/${unknownId}/replies` },
    { method: "PATCH", path: `/api/documents/${documentId}/comments/${unknownId}` },
    { method: "POST", path: `/api/documents/${documentId}/rounds` },
    { method: "POST", path: `/api/documents/${documentId}/rounds/${unknownId}/freeze` },
    { method: "POST", path: `/api/documents/${documentId}/rounds/${unknownId}/open-next` },
    { method: "POST", path: `/api/documents/${documentId}/versions/${unknownId}/restore` },
    { method: "GET", path: `/api/documents/${documentId}/compare?from=bad!` },
    { method: "GET", path: `/api/documents/${documentId}/versions/${unknownId}?format=pdf` },
  ];
}

async function send(method: string, path: string, body: string | undefined, contentType = "application/json"): Promise<Response> {
  fuzzed.requests += 1;
  return fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: chair.cookie, ...(body !== undefined ? { "content-type": contentType } : {}) },
    body,
  });
}

async function expectClientError(response: Response, context: string): Promise<void> {
  expect(response.status, context).toBeGreaterThanOrEqual(400);
  expect(response.status, context).toBeLessThan(500);
  expect(apiErrorSchema.safeParse(await response.json()).success, context).toBe(true);
}

describe("every endpoint answers bad input with 4xx {error: {id, message}}, never 5xx", () => {
  it("malformed JSON, wrong types, oversize bodies, other media types", async () => {
    for (const { method, path } of endpoints()) {
      if (method === "GET") {
        await expectClientError(await send(method, path, undefined), `${method} ${path}`);
        continue;
      }
      for (const body of ["{not json", "[1,2,3]", '"text"', "42", "null", JSON.stringify({ email: 42, role: "king", title: [] })]) {
        await expectClientError(await send(method, path, body), `${method} ${path} ${body}`);
      }
      await expectClientError(await send(method, path, JSON.stringify({ x: "y".repeat(2 * 1024 * 1024) })), `${method} ${path} oversize`);
      await expectClientError(await send(method, path, "a=b", "application/x-www-form-urlencoded"), `${method} ${path} form`);
    }
  });

  it("random JSON bodies never cause a server error (property test)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints().filter((e) => e.method !== "GET")), fc.jsonValue({ maxDepth: 3 }), async (endpoint, value) => {
        const response = await send(endpoint.method, endpoint.path, JSON.stringify(value));
        expect(response.status, `${endpoint.method} ${endpoint.path} ${JSON.stringify(value)}`).toBeLessThan(500);
        if (response.status >= 400) expect(apiErrorSchema.safeParse(await response.json()).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("unknown ids are 404s with a stable id", async () => {
    const cases: [string, string, string][] = [
      ["GET", `/api/documents/${unknownId}`, "document_not_found"],
      ["GET", `/api/workspaces/${unknownId}/members`, "workspace_not_found"],
      ["DELETE", `/api/workspaces/${workspaceId}/members/${unknownId}`, "member_not_found"],
      ["DELETE", `/api/workspaces/${workspaceId}/invites/${unknownId}`, "invite_not_found"],
      ["DELETE", `/api/auth/tokens/${unknownId}`, "token_not_found"],
      ["GET", `/api/invites/${"x".repeat(30)}`, "invite_not_found"],
    ];
    for (const [method, path, id] of cases) {
      const response = await send(method, path, undefined);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { id: string } }).error.id).toBe(id);
    }
  });

  it("sign-out takes no body", async () => {
    const response = await send("POST", "/api/auth/logout", "[1,2,3]");
    await expectClientError(response, "logout with a body");
  });

  it("the document is still there and intact after all of it", async () => {
    const response = await send("GET", `/api/documents/${documentId}`, undefined);
    expect(response.status).toBe(200);
  });
});
