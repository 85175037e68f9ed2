import { test, expect } from "@playwright/test";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as Y from "yjs";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import { COLLAB_PATH, CONTENT_FIELD } from "../shared/protocol.js";
import { NodeName } from "../shared/schema/names.js";
import { startServerProcess } from "../server/testing/serverProcess.js";
import { growToThirtyPages } from "./statementFixture.js";

/** Where the spec leaves its figures for `bench/run.ts` to include. */
const CLIENT_RESULTS = "bench/results/client.json";

// Ten providers each listen for process exit.
process.setMaxListeners(30);

test("the editor stays fast in a 30-page statement with 10 remote editors", async ({ browser }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "drafting-perf-"));
  const server = await startServerProcess(dataDir, 0, {}, "server/demo/main.ts");
  try {
    const context = await browser.newContext({ baseURL: server.url });
    expect((await context.request.post("/api/auth/login", { data: { email: "chair@example.org", password: "demo-password" } })).status()).toBe(200);
    const { documents } = (await (await context.request.get("/api/documents")).json()) as { documents: { id: string }[] };
    const documentId = documents[0]!.id;
    const { token } = (await (await context.request.post("/api/auth/token", { data: { email: "coordinator@example.org", password: "demo-password" } })).json()) as { token: string };

    // Ten remote editors, each typing twice a second into its own Act.
    const editors = Array.from({ length: 10 }, () => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`${server.url.replace("http", "ws")}${COLLAB_PATH}`, documentId, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token },
      });
      return { doc, provider };
    });
    await expect.poll(() => editors.every((e) => e.provider.synced), { timeout: 30_000 }).toBe(true);
    const characters = growToThirtyPages(editors[0]!.doc.getXmlFragment(CONTENT_FIELD));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    let typing = true;
    const typists = editors.map(async (editor, k) => {
      while (typing) {
        const acts = editor.doc.getXmlFragment(CONTENT_FIELD).toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === NodeName.act);
        const text = ((acts[k]!.get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
        text.insert(text.length, "x");
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    });

    // Navigation to an editable statement.
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`/d/${documentId}`);
    await expect(page.locator(".statement[contenteditable=true] .act").first()).toBeVisible({ timeout: 30_000 });
    await expect(page.locator(".connection")).toHaveAttribute("data-state", "connected");
    const editableMs = Date.now() - started;

    // Keystroke to paint: from keydown to the first frame after the editor's DOM changed.
    await page.evaluate(() => {
      const samples: number[] = [];
      (window as unknown as { __samples: number[] }).__samples = samples;
      const editor = document.querySelector(".statement")!;
      let pressed = 0;
      document.addEventListener("keydown", () => (pressed = performance.now()), true);
      new MutationObserver(() => {
        if (!pressed) return;
        const at = pressed;
        pressed = 0;
        requestAnimationFrame(() => samples.push(performance.now() - at));
      }).observe(editor, { subtree: true, childList: true, characterData: true });
    });
    /** Type 120 characters at the end of a clause; the keystroke-to-paint samples, sorted. */
    const typeInto = async (clauseNumber: string): Promise<number[]> => {
      await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples.splice(0));
      await page.locator(`.statement .clause[data-number="${clauseNumber}"] p`).first().click();
      await page.keyboard.press("End");
      for (let i = 0; i < 120; i++) {
        await page.keyboard.type("a");
        await page.waitForTimeout(40);
      }
      return (await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples.slice())).sort((a, b) => a - b);
    };
    const percentile95 = (sorted: number[]) => sorted[Math.floor((sorted.length - 1) * 0.95)]!;
    const samples = await typeInto("5.3");
    // The same in suggesting mode: every keystroke becomes a suggested insertion, checked before it goes out.
    await page.getByRole("button", { name: "Suggesting" }).click();
    const suggestingSamples = await typeInto("6.3");
    await expect(page.locator('.statement .clause[data-number="6.3"] ins.suggested-insertion').last()).toContainText("aaaa");
    typing = false;
    await Promise.all(typists);
    for (const editor of editors) editor.provider.destroy();
    const p95 = percentile95(samples);
    const p95Suggesting = percentile95(suggestingSamples);

    const assets = path.join("dist", "client", "assets");
    const bundleGzip = readdirSync(assets)
      .filter((file) => file.endsWith(".js"))
      .reduce((sum, file) => sum + gzipSync(readFileSync(path.join(assets, file))).length, 0);
    const pages = Math.round(characters / 3_000);
    mkdirSync("bench/results", { recursive: true });
    writeFileSync(CLIENT_RESULTS, JSON.stringify({ pages, samples: samples.length, p95KeystrokeToPaintMs: p95, p95SuggestingKeystrokeToPaintMs: p95Suggesting, editableMs, bundleGzipBytes: bundleGzip }, null, 2));
    console.info(`client: ${pages} pages, ${samples.length} keystrokes, p95 keystroke-to-paint ${p95.toFixed(1)} ms (suggesting ${p95Suggesting.toFixed(1)} ms), editable after ${editableMs} ms, bundle ${(bundleGzip / 1024).toFixed(0)} KB gzip`);
    expect(samples.length).toBeGreaterThan(100);
    expect(suggestingSamples.length).toBeGreaterThan(100);
    await context.close();
  } finally {
    server.process.kill("SIGTERM");
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
