/**
 * e2e fixtures: the real server as its own process (as `npm start` runs it) on a free
 * port with a temporary data folder, serving the built client.
 */
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A server process under test. */
export interface ServerProcess {
  url: string;
  process: ChildProcess;
}

async function startServerProcess(dataDir: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return { url, process: child };
}

export const test = base.extend<{ statementId: string }, { server: ServerProcess }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dataDir = mkdtempSync(path.join(tmpdir(), "drafting-e2e-"));
      const server = await startServerProcess(dataDir);
      await use(server);
      server.process.kill("SIGTERM");
      await new Promise((resolve) => server.process.once("exit", resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: "worker" },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  statementId: async ({ request, server }, use) => {
    const response = await request.post(`${server.url}/api/documents`, { data: { title: "Now and How: Ten Acts", template: "ten-acts" } });
    expect(response.status()).toBe(201);
    const body = (await response.json()) as { id: string };
    await use(body.id);
  },
});

export { expect };

/** Give the browser context a display name, as if the person had typed it before. */
export async function actAs(context: BrowserContext, name: string): Promise<void> {
  await context.addInitScript((displayName) => localStorage.setItem("drafting.displayName", displayName), name);
}

/** Open a statement and wait until it is live. */
export async function openStatement(page: Page, id: string): Promise<void> {
  await page.goto(`/d/${id}`);
  await expect(page.locator(".connection")).toHaveAttribute("data-state", "connected");
  await expect(page.locator(".statement .act").first()).toBeVisible();
}

/** The clause numbered `number` ("3.1") in the editor. */
export function clause(page: Page, number: string) {
  return page.locator(`.statement .clause[data-number="${number}"]`);
}

/** A clause's text as written, without the remote carets drawn inside it. */
export function clauseText(page: Page, number: string): Promise<string> {
  return clause(page, number).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collaboration-carets__caret").forEach((caret) => caret.remove());
    return copy.textContent ?? "";
  });
}

/** Wait until a clause reads exactly `text`. */
export async function expectClause(page: Page, number: string, text: string): Promise<void> {
  await expect.poll(() => clauseText(page, number), { message: `clause ${number}` }).toBe(text);
}

/** Put the cursor at the end of a clause's text. */
export async function typeAtEndOf(page: Page, number: string, text: string): Promise<void> {
  await clause(page, number).locator("p").last().click();
  await page.keyboard.press("End");
  await page.keyboard.type(text, { delay: 15 });
}

/**
 * Resolve once IndexedDB has committed every write this page started: a read-only
 * transaction over the same store only begins after earlier read-write ones finish.
 */
export async function offlineCopyFlushed(page: Page, id: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(["updates"], "readonly");
          const count = tx.objectStore("updates").count();
          tx.oncomplete = () => {
            db.close();
            resolve(count.result);
          };
        };
      }),
    `statement:${id}`,
  );
}
