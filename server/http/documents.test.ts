import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../app.js";
import { apiErrorSchema, documentListSchema, documentSummarySchema } from "../../shared/api.js";
import { createTestDocument, health, removeDataDir, startTestServer, tempDataDir } from "../testing/testServer.js";

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

async function post(body: string, contentType = "application/json"): Promise<Response> {
  return fetch(`${server.url}/api/documents`, { method: "POST", headers: { "content-type": contentType }, body });
}

async function expectError(response: Response, status: number, id: string): Promise<void> {
  expect(response.status).toBe(status);
  const body = apiErrorSchema.parse(await response.json());
  expect(body.error.id).toBe(id);
  expect(body.error.message.length).toBeGreaterThan(0);
}

describe("documents API", () => {
  it("creates, lists and reads statements", async () => {
    const created = await createTestDocument(server, { title: "  Round one  ", template: "blank" });
    expect(documentSummarySchema.parse(created).title).toBe("Round one");
    await createTestDocument(server);
    const list = documentListSchema.parse(await (await fetch(`${server.url}/api/documents`)).json());
    expect(list.documents.map((d) => d.title).sort()).toEqual(["Round one", "Test statement"]);
    const one = await fetch(`${server.url}/api/documents/${created.id}`);
    expect(documentSummarySchema.parse(await one.json()).id).toBe(created.id);
  });

  it("answers bad input with 4xx {error: {id, message}} and creates nothing", async () => {
    await expectError(await post("{not json"), 400, "invalid_request");
    await expectError(await post(JSON.stringify({ title: "" })), 400, "invalid_request");
    await expectError(await post(JSON.stringify({ title: 42 })), 400, "invalid_request");
    await expectError(await post(JSON.stringify({ title: "x".repeat(201) })), 400, "invalid_request");
    await expectError(await post(JSON.stringify({ title: "ok", template: "nine-acts" })), 400, "invalid_request");
    await expectError(await post(JSON.stringify({ title: "ok", admin: true })), 400, "invalid_request");
    await expectError(await post(JSON.stringify([1, 2])), 400, "invalid_request");
    await expectError(await post("title=x", "application/x-www-form-urlencoded"), 415, "unsupported_media_type");
    await expectError(await post(JSON.stringify({ title: "x".repeat(2 * 1024 * 1024) })), 413, "body_too_large");
    await expectError(await fetch(`${server.url}/api/documents/abcdefghijklmnop`), 404, "document_not_found");
    await expectError(await fetch(`${server.url}/api/documents/bad!id`), 400, "bad_document_id");
    await expectError(await fetch(`${server.url}/api/nothing-here`), 404, "not_found");
    const list = documentListSchema.parse(await (await fetch(`${server.url}/api/documents`)).json());
    expect(list.documents).toEqual([]);
  });

  it("reports health", async () => {
    expect(await health(server)).toEqual({ status: "ok", rooms: 0, sockets: 0 });
  });
});
