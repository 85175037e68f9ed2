import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../config.js";
import { startServer, type RunningServer } from "../app.js";
import { removeDataDir, tempDataDir } from "../testing/testServer.js";

let dataDir: string;
let server: RunningServer;

beforeEach(async () => {
  dataDir = tempDataDir();
  // A client folder as a build with source maps leaves it.
  const clientDir = path.join(dataDir, "client");
  mkdirSync(path.join(clientDir, "assets"), { recursive: true });
  writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><script type=module src=/assets/app.js></script>");
  writeFileSync(path.join(clientDir, "assets", "app.js"), "console.log(1);\n//# sourceMappingURL=app.js.map\n");
  writeFileSync(path.join(clientDir, "assets", "app.js.map"), JSON.stringify({ version: 3, sources: ["../client/main.tsx"], sourcesContent: ["secret"] }));
  writeFileSync(path.join(clientDir, "assets", "app.css.MAP"), "{}");
  writeFileSync(path.join(clientDir, "sw.js"), "self.addEventListener('fetch', () => {});");
  writeFileSync(path.join(clientDir, "manifest.webmanifest"), JSON.stringify({ name: "Drafting workspace" }));
  server = await startServer(loadConfig({ PORT: "0", DATA_DIR: path.join(dataDir, "data"), CLIENT_DIR: clientDir, LOG_LEVEL: "silent" }));
});
afterEach(async () => {
  await server.close();
  removeDataDir(dataDir);
});

describe("the client app", () => {
  it("serves the built files but never a source map", async () => {
    expect((await fetch(`${server.url}/assets/app.js`)).status).toBe(200);
    for (const file of ["/assets/app.js.map", "/assets/app.css.MAP"]) {
      const response = await fetch(`${server.url}${file}`);
      expect(response.status, file).toBe(404);
      expect(await response.text()).not.toContain("sourcesContent");
    }
    // Spelled with escapes: never the map (the page fallback may answer instead).
    for (const file of ["/assets/app.js.ma%70", "/assets/app.js%2Emap", "/assets/app.js.map?x=1"]) {
      expect(await (await fetch(`${server.url}${file}`)).text(), file).not.toContain("sourcesContent");
    }
  });

  it("has the service worker, the manifest and every page asked for again at each use; hashed files may be cached", async () => {
    for (const file of ["/sw.js", "/manifest.webmanifest", "/", "/d/some-statement", "/index.html"]) {
      const response = await fetch(`${server.url}${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get("cache-control"), file).toBe("no-cache");
    }
    expect((await fetch(`${server.url}/sw.js`)).headers.get("content-type")).toMatch(/^(text|application)\/javascript/);
    expect((await fetch(`${server.url}/manifest.webmanifest`)).headers.get("content-type")).toMatch(/^application\/manifest\+json/);
    expect((await fetch(`${server.url}/assets/app.js`)).headers.get("cache-control")).not.toBe("no-cache");
    const csp = (await fetch(`${server.url}/`)).headers.get("content-security-policy") ?? "";
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("manifest-src 'self'");
  });

  it("runs the public sign-on pages under the same policy without inline styles; the other pages keep theirs", async () => {
    const policyOf = async (page: string) => {
      const response = await fetch(`${server.url}${page}`);
      expect(response.status, page).toBe(200);
      return (response.headers.get("content-security-policy") ?? "").split(";");
    };
    const general = await policyOf("/d/some-statement");
    expect(general).toContain("style-src 'self' 'unsafe-inline'");
    for (const page of ["/sign/abcdefgh12", "/sign-on/confirm", "/sign-on/withdraw?x=1"]) {
      const policy = await policyOf(page);
      expect(policy, page).toContain("style-src 'self'");
      expect(policy.join(";"), page).not.toContain("unsafe-inline");
      // Everything else as strict as the other pages.
      expect(policy.filter((directive) => !directive.startsWith("style-src")), page).toEqual(general.filter((directive) => !directive.startsWith("style-src")));
    }
  });
});
