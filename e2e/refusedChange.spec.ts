import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import type { WebSocketRoute } from "@playwright/test";
import { MessageType } from "../shared/protocol.js";
import { test, expect, contextFor, openStatement, typeAtEndOf, expectClause, offlineCopyFlushed } from "./fixtures.js";

/** An update the statement schema does not know (a second root), as a sync frame. */
function changeOutsideTheSchema(): Buffer {
  const doc = new Y.Doc();
  doc.getMap("settings").set("admin", true);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  return Buffer.from(encoding.toUint8Array(encoder));
}

test("an editor whose change does not fit the statement is told, its offline copy cleared, and a reload continues from the server's copy", async ({ browser, workspace, statementId }) => {
  const context = await contextFor(browser, workspace.chair);
  const page = await context.newPage();
  // The page's own socket, passed through unchanged, so the test can speak on its behalf.
  let socket: WebSocketRoute | null = null;
  await page.routeWebSocket(/\/collab\//, (route) => {
    socket = route.connectToServer() as unknown as WebSocketRoute;
  });
  await openStatement(page, statementId);
  await typeAtEndOf(page, "1.1", "Agreed before the refusal.");
  await expect.poll(() => offlineCopyFlushed(page, statementId)).toBeGreaterThan(0);
  const live = async () => JSON.stringify(await (await page.request.get(`/api/documents/${statementId}/versions/live`)).json());
  await expect.poll(live, { message: "the typed sentence is stored" }).toContain("Agreed before the refusal.");

  // A change outside the schema arrives on this page's connection, as a broken or forged editor would send it.
  socket!.send(changeOutsideTheSchema());
  await expect(page.locator(".connection")).toHaveAttribute("data-state", "refused");
  await expect(page.locator(".connection__detail")).toContainText("does not fit the statement");
  await expect.poll(() => page.evaluate(async (name) => (await indexedDB.databases()).some((db) => db.name === name), `statement:${statementId}`)).toBe(false);

  await page.unrouteAll();
  await page.reload();
  await expect(page.locator(".connection")).toHaveAttribute("data-state", "connected");
  await expectClause(page, "1.1", "Agreed before the refusal.");
  await context.close();
});
