/**
 * e2e fixtures: the real server as its own process (as `npm start` runs it) on a free
 * port with a temporary data folder, serving the built client.
 */
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { startServerProcess, type ServerProcess } from "../server/testing/serverProcess.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A person with an account on the test server. */
export interface Person {
  email: string;
  password: string;
  displayName: string;
}

/** The chair created at first run of the worker's server, and its workspace. */
export interface Workspace {
  chair: Person;
  id: string;
}

export const test = base.extend<{ statementId: string }, { serverEnv: Record<string, string>; server: ServerProcess; workspace: Workspace }>({
  /** Configuration variables for the worker's server (a spec may give it SMTP, say). */
  serverEnv: [{}, { scope: "worker", option: true }],
  server: [
    async ({ serverEnv }, use) => {
      const dataDir = mkdtempSync(path.join(tmpdir(), "drafting-e2e-"));
      const server = await startServerProcess(dataDir, 0, serverEnv);
      await use(server);
      server.process.kill("SIGTERM");
      await new Promise((resolve) => server.process.once("exit", resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: "worker" },
  ],
  workspace: [
    async ({ server, playwright }, use) => {
      const chair = { email: "amina@example.org", password: "chair-password", displayName: "Amina Chair" };
      const request = await playwright.request.newContext({ baseURL: server.url });
      const response = await request.post("/api/setup", { data: { workspaceName: "Civil society drafting", ...chair, tenActs: false } });
      expect(response.status()).toBe(201);
      const me = (await response.json()) as { memberships: { workspace: { id: string } }[] };
      await request.dispose();
      await use({ chair, id: me.memberships[0]!.workspace.id });
    },
    { scope: "worker" },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  statementId: async ({ browser, workspace }, use) => {
    const context = await browser.newContext();
    await signIn(context, workspace.chair);
    const response = await context.request.post("/api/documents", {
      data: { title: "Now and How: Ten Acts", template: "ten-acts", workspaceId: workspace.id },
    });
    expect(response.status()).toBe(201);
    const body = (await response.json()) as { id: string };
    await context.close();
    await use(body.id);
  },
});

/** Sign a browser context in (the session cookie is shared with its pages). */
export async function signIn(context: BrowserContext, person: Person): Promise<void> {
  const response = await context.request.post("/api/auth/login", { data: { email: person.email, password: person.password } });
  expect(response.status(), `sign in ${person.email}`).toBe(200);
}

let invited = 0;
/** People already invited, by workspace and name: a workspace never has two members of one name. */
const members = new Map<string, { role: string; person: Person }>();

/**
 * Invite a new member through the API (as the chair) and accept as a new account; a name
 * already invited into the workspace (by an earlier test on the same server) is that member again.
 */
export async function invitePerson(browser: Browser, workspace: Workspace, role: string, displayName: string): Promise<Person> {
  const known = members.get(`${workspace.id}/${displayName}`);
  if (known) {
    expect(known.role, `${displayName} was invited before with another role`).toBe(role);
    return known.person;
  }
  const context = await browser.newContext();
  await signIn(context, workspace.chair);
  const invite = await context.request.post(`/api/workspaces/${workspace.id}/invites`, { data: { role } });
  expect(invite.status()).toBe(201);
  const { token } = (await invite.json()) as { token: string };
  await context.close();
  const person = { email: `${displayName.split(" ")[0]!.toLowerCase()}.${++invited}@example.org`, password: "member-password", displayName };
  const joiner = await browser.newContext();
  expect((await joiner.request.post(`/api/invites/${token}/accept`, { data: person })).status()).toBe(200);
  await joiner.close();
  members.set(`${workspace.id}/${displayName}`, { role, person });
  return person;
}

/** An API token for `person` (scripts, stock Yjs clients and raw sockets sign in this way). */
export async function tokenFor(serverUrl: string, person: Person, name = "e2e test"): Promise<string> {
  const response = await fetch(`${serverUrl}/api/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: person.email, password: person.password, name }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

/** A new browser context signed in as `person`. */
export async function contextFor(browser: Browser, person: Person): Promise<BrowserContext> {
  const context = await browser.newContext();
  await signIn(context, person);
  return context;
}

export { expect };

/** Open a statement and wait until it is live. */
export async function openStatement(page: Page, id: string): Promise<void> {
  await page.goto(`/d/${id}`);
  await expect(page.locator(".connection")).toHaveAttribute("data-state", "connected");
  await expect(page.locator(".statement .act").first()).toBeVisible();
}

/** A member of `role` named `displayName` (invited on first use), with the statement open and live in a new page. */
export async function openStatementAs(browser: Browser, workspace: Workspace, statementId: string, role: string, displayName: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await contextFor(browser, await invitePerson(browser, workspace, role, displayName));
  const page = await context.newPage();
  await openStatement(page, statementId);
  return { context, page };
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
