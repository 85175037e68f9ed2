import type { Page } from "@playwright/test";
import { test, expect, openStatement, typeAtEndOf, expectClause, invitePerson, contextFor, offlineCopyFlushed } from "./fixtures.js";

/** How many times `text` occurs in the whole statement (duplicated merges would show > 1). */
async function occurrences(page: Page, text: string): Promise<number> {
  const all = await page.locator(".statement").evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collaboration-carets__caret").forEach((caret) => caret.remove());
    return copy.textContent ?? "";
  });
  return all.split(text).length - 1;
}

test("a long offline session with many edits merges with what others wrote meanwhile, nothing duplicated", async ({ browser, statementId, workspace }) => {
  const away = await contextFor(browser, await invitePerson(browser, workspace, "coordinator", "Ana Away"));
  const chairContext = await contextFor(browser, workspace.chair);
  const page = await away.newPage();
  const chair = await chairContext.newPage();
  await openStatement(page, statementId);
  await openStatement(chair, statementId);

  await away.setOffline(true);
  await expect(page.locator(".connection")).toHaveAttribute("data-state", "offline");
  const offlineClauses: string[] = [];
  for (let i = 1; i <= 12; i++) {
    const text = `Offline clause ${i} about safe pathways.`;
    if (i === 1) await typeAtEndOf(page, "6.1", text);
    else {
      await page.keyboard.press("Enter");
      await page.keyboard.type(text, { delay: 2 });
    }
    offlineClauses.push(text);
  }
  await typeAtEndOf(chair, "6.1", "Chair online meanwhile.");
  await typeAtEndOf(chair, "8.1", "Development, written online.");
  await offlineCopyFlushed(page, statementId);

  await away.setOffline(false);
  for (const p of [page, chair]) {
    await expectClause(p, "8.1", "Development, written online.");
    for (const [index, text] of offlineClauses.entries()) if (index > 0) await expectClause(p, `6.${index + 1}`, text);
    expect(await occurrences(p, "Chair online meanwhile.")).toBe(1);
    for (const text of offlineClauses) expect(await occurrences(p, text)).toBe(1);
    await expect(p.locator(".statement .clause")).toHaveCount(10 + 11);
  }
  await away.close();
  await chairContext.close();
});

test("two tabs of the same person offline at once, then a cleared IndexedDB: all converge, nothing duplicated", async ({ browser, statementId, workspace }) => {
  const person = await invitePerson(browser, workspace, "coordinator", "Tomas Tabs");
  const context = await contextFor(browser, person);
  const chairContext = await contextFor(browser, workspace.chair);
  const tabA = await context.newPage();
  const tabB = await context.newPage();
  const chair = await chairContext.newPage();
  for (const p of [tabA, tabB, chair]) await openStatement(p, statementId);

  await context.setOffline(true);
  await typeAtEndOf(tabA, "1.1", "Tab A offline.");
  await typeAtEndOf(tabB, "2.1", "Tab B offline.");
  await offlineCopyFlushed(tabA, statementId);
  await offlineCopyFlushed(tabB, statementId);
  await context.setOffline(false);
  for (const p of [tabA, tabB, chair]) {
    await expectClause(p, "1.1", "Tab A offline.");
    await expectClause(p, "2.1", "Tab B offline.");
  }

  // A cleared IndexedDB: the statement comes back from the server, once.
  await tabA.close();
  await tabB.evaluate((name) => new Promise<void>((resolve) => { const request = indexedDB.deleteDatabase(name); request.onsuccess = request.onerror = request.onblocked = () => resolve(); }), `statement:${statementId}`);
  await tabB.reload();
  await expect(tabB.locator(".connection")).toHaveAttribute("data-state", "connected");
  await expectClause(tabB, "1.1", "Tab A offline.");
  for (const p of [tabB, chair]) {
    expect(await occurrences(p, "Tab A offline.")).toBe(1);
    expect(await occurrences(p, "Tab B offline.")).toBe(1);
    await expect(p.locator(".statement .act")).toHaveCount(10);
  }
  await context.close();
  await chairContext.close();
});
