import type { Locator, Page } from "@playwright/test";
import { clause } from "./fixtures.js";

/**
 * Select `words` inside `scope` (a clause, the title...), as a mouse drag would: the
 * text takes focus first (a drag's mousedown gives it), else ProseMirror, on focusing,
 * would put back its own selection.
 */
export async function selectWordsIn(scope: Locator, words: string): Promise<void> {
  await scope.evaluate((element, needle) => {
    (element.closest(".ProseMirror") as HTMLElement | null)?.focus();
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`no ${needle}`);
  }, words);
}

/** Select `words` inside a clause. */
export function selectWords(page: Page, clauseNumber: string, words: string): Promise<void> {
  return selectWordsIn(clause(page, clauseNumber), words);
}

/** A thread card in the sidebar, by the words it quotes. */
export function card(page: Page, text: string): Locator {
  return page.locator(".comments__list .thread", { hasText: text });
}

/** Comment on what is selected, with the sidebar's composer. */
export async function commentOnSelection(page: Page, body: string): Promise<void> {
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await page.getByRole("combobox", { name: "New comment" }).fill(body);
  await page.locator(".thread--new").getByRole("button", { name: "Comment", exact: true }).click();
}
