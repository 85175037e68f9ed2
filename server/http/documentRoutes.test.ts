import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../app.js";
import { apiErrorSchema, documentDetailSchema, documentListSchema, documentSummarySchema } from "../../shared/api.js";
import {
  addMember,
  api,
  createTestDocument,
  health,
  removeDataDir,
  setUpWorkspace,
  startTestServer,
  tempDataDir,
  type TestUser,
} from "../testing/testServer.js";

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let workspaceId: string;

beforeEach(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  ({ chair, workspaceId } = await setUpWorkspace(server));
});
afterEach(async () => {
  await server.close();
  removeDataDir(dataDir);
});

async function expectError(response: Response, status: number, id: string): Promise<void> {
  expect(response.status).toBe(status);
  const body = apiErrorSchema.parse(await response.json());
  expect(body.error.id).toBe(id);
  expect(body.error.message.length).toBeGreaterThan(0);
}

describe("documents API", () => {
  it("creates, lists and reads statements of the caller's workspaces", async () => {
    const created = await createTestDocument(server, chair, { title: "  Round one  ", template: "blank" });
    expect(documentSummarySchema.parse(created)).toMatchObject({ title: "Round one", workspaceId });
    await createTestDocument(server, chair);
    const list = documentListSchema.parse(await (await api(server, "GET", "/api/documents", undefined, chair)).json());
    expect(list.documents.map((d) => d.title).sort()).toEqual(["Round one", "Test statement"]);
    const one = documentDetailSchema.parse(await (await api(server, "GET", `/api/documents/${created.id}`, undefined, chair)).json());
    expect(one).toMatchObject({ id: created.id, role: "chair", canEdit: true });
  });

  it("lets chairs and coordinators create, not reviewers or observers; everyone reads", async () => {
    const coordinator = await addMember(server, chair, workspaceId, "coordinator");
    const reviewer = await addMember(server, chair, workspaceId, "reviewer");
    const observer = await addMember(server, chair, workspaceId, "observer");
    const made = await createTestDocument(server, coordinator);
    for (const person of [reviewer, observer]) {
      await expectError(await api(server, "POST", "/api/documents", { title: "x" }, person), 403, "role_required");
      const detail = documentDetailSchema.parse(await (await api(server, "GET", `/api/documents/${made.id}`, undefined, person)).json());
      expect(detail.canEdit).toBe(false);
    }
  });

  it("answers bad input with 4xx {error: {id, message}} and creates nothing", async () => {
    const post = (body: string, contentType = "application/json") =>
      fetch(`${server.url}/api/documents`, { method: "POST", headers: { "content-type": contentType, cookie: chair.cookie }, body });
    await expectError(await post("{not json"), 400, "invalid_request");
    await expectError(await post(JSON.stringify({ title: "" })), 400, "invalid_request");
    await expectError(await post(JSON.stringify({ title: 42 })), 400, "invalid_request");
    await expectError(await post(JSON.stringify({ title: "x".repeat(201) })), 400, "invalid_request");
    await expectError(await post(JSON.stringify({ title: "ok", template: "nine-acts" })), 400, "invalid_request");
    await expectError(await post(JSON.stringify({ title: "ok", admin: true })), 400, "invalid_request");
    await expectError(await post(JSON.stringify([1, 2])), 400, "invalid_request");
    await expectError(await post(JSON.stringify({ title: "ok", workspaceId: "abcdefghijklmnop" })), 404, "workspace_not_found");
    await expectError(await post("title=x", "application/x-www-form-urlencoded"), 415, "unsupported_media_type");
    await expectError(await post(JSON.stringify({ title: "x".repeat(2 * 1024 * 1024) })), 413, "body_too_large");
    await expectError(await api(server, "GET", "/api/documents/abcdefghijklmnop", undefined, chair), 404, "document_not_found");
    await expectError(await api(server, "GET", "/api/documents/bad!id", undefined, chair), 400, "invalid_request");
    await expectError(await api(server, "GET", "/api/nothing-here", undefined, chair), 404, "not_found");
    await expectError(await api(server, "GET", "/api/documents"), 401, "sign_in_required");
    const list = documentListSchema.parse(await (await api(server, "GET", "/api/documents", undefined, chair)).json());
    expect(list.documents).toEqual([]);
  });

  it("reports health", async () => {
    expect(await health(server)).toEqual({ status: "ok", rooms: 0, sockets: 0, refusedUpdates: 0, pendingBytes: 0, commits: 0, committedUpdates: 0, turnsWithUpdates: 0, commitMs: 0 });
  });
});
