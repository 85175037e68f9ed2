import { afterEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../app.js";
import { createTestDocument, removeDataDir, setUpWorkspace, startTestServer, tempDataDir, type TestUser } from "../testing/testServer.js";
import { closeSocket, openSocket, rawRequest } from "../testing/rawHttp.js";

let dataDir: string;
let server: RunningServer;

async function start(env: Record<string, string> = {}): Promise<TestUser> {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, undefined, 0, env);
  return (await setUpWorkspace(server)).chair;
}

afterEach(async () => {
  await server.close();
  removeDataDir(dataDir);
});

function errorId(body: string): string {
  return (JSON.parse(body) as { error: { id: string } }).error.id;
}

async function documentCount(chair: TestUser): Promise<number> {
  const listed = await rawRequest(server, "GET", "/api/documents", { headers: { cookie: chair.cookie } });
  return (JSON.parse(listed.body) as { documents: unknown[] }).documents.length;
}

describe("the Host header must name this server", () => {
  it("refuses requests and pages for a host it does not serve, and answers its own names", async () => {
    const chair = await start();
    for (const path of ["/api/me", "/api/setup", "/"]) {
      const forged = await rawRequest(server, "GET", path, { headers: { host: "evil.example", cookie: chair.cookie } });
      expect(forged.status, path).toBe(421);
      expect(errorId(forged.body)).toBe("unknown_host");
    }
    for (const name of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`]) {
      expect((await rawRequest(server, "GET", "/api/me", { headers: { host: name, cookie: chair.cookie } })).status, name).toBe(200);
    }
  });

  it("refuses a cross-site POST that forges the Host to match its Origin, and creates nothing", async () => {
    const chair = await start();
    const before = await documentCount(chair);
    for (const host of ["evil.example", `evil.example:${server.port}`]) {
      const forged = await rawRequest(server, "POST", "/api/documents", {
        headers: { host, origin: `http://${host}`, cookie: chair.cookie },
        body: { title: "Forged", template: "blank" },
      });
      expect([400, 403, 421], host).toContain(forged.status);
    }
    // With a Host the server answers to, the foreign Origin is still refused.
    const crossSite = await rawRequest(server, "POST", "/api/documents", {
      headers: { origin: "http://evil.example", cookie: chair.cookie },
      body: { title: "Forged", template: "blank" },
    });
    expect(crossSite.status).toBe(403);
    expect(errorId(crossSite.body)).toBe("cross_site_request");
    expect(await documentCount(chair)).toBe(before);
  });

  it("refuses a collaboration socket whose Host or Origin is not this server", async () => {
    const chair = await start();
    const documentId = (await createTestDocument(server, chair)).id;
    const forged = await openSocket(server, documentId, { token: chair.token, headers: { host: "evil.example", origin: "http://evil.example" } });
    expect(forged.refused).toBeDefined();
    expect([400, 403, 421]).toContain(forged.refused);
    const hostOnly = await openSocket(server, documentId, { token: chair.token, headers: { host: "evil.example" } });
    expect(hostOnly.refused).toBe(421);
    const own = await openSocket(server, documentId, { token: chair.token, headers: { origin: server.url } });
    expect(own.socket).toBeDefined();
    await closeSocket(own.socket!);
  });

  it("serves the names in ALLOWED_HOSTS (and its own loopback names), and their origins", async () => {
    const chair = await start({ ALLOWED_HOSTS: "drafting.example.org, drafting.example.org:8443" });
    const before = await documentCount(chair);
    for (const [host, origin] of [
      ["drafting.example.org", "https://drafting.example.org"],
      ["drafting.example.org:8443", "https://drafting.example.org:8443"],
    ] as const) {
      const made = await rawRequest(server, "POST", "/api/documents", { headers: { host, origin, cookie: chair.cookie }, body: { title: "Ours", template: "blank" } });
      expect(made.status, host).toBe(201);
    }
    expect(await documentCount(chair)).toBe(before + 2);
    expect((await rawRequest(server, "GET", "/api/me", { headers: { host: "other.example.org", cookie: chair.cookie } })).status).toBe(421);
    // A page on an allowed name may not be used to reach another allowed name's cookies from elsewhere.
    const crossSite = await rawRequest(server, "POST", "/api/documents", {
      headers: { host: "drafting.example.org", origin: "https://evil.example", cookie: chair.cookie },
      body: { title: "Forged", template: "blank" },
    });
    expect(crossSite.status).toBe(403);
  });

  it("checks the forwarded host behind a trusted proxy, and ignores it from anyone else", async () => {
    const chair = await start({ ALLOWED_HOSTS: "drafting.example.org", TRUST_PROXY: "loopback" });
    const proxied = await rawRequest(server, "GET", "/api/me", { headers: { "x-forwarded-host": "drafting.example.org", cookie: chair.cookie } });
    expect(proxied.status).toBe(200);
    const forged = await rawRequest(server, "GET", "/api/me", { headers: { "x-forwarded-host": "evil.example", cookie: chair.cookie } });
    expect(forged.status).toBe(421);
    await server.close();
    removeDataDir(dataDir);
    const other = await start({ ALLOWED_HOSTS: "drafting.example.org" });
    // Not a trusted proxy: the header is not believed, the real Host is checked.
    const ignored = await rawRequest(server, "GET", "/api/me", { headers: { "x-forwarded-host": "evil.example", cookie: other.cookie } });
    expect(ignored.status).toBe(200);
  });
});
