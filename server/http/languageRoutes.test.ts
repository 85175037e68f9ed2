/**
 * Languages through the real server, on SQLite and (with TEST_DATABASE_URL) PostgreSQL:
 * a person's interface language stored on the account (it follows them to another
 * session), a statement's language set at creation and changed by chairs only.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../app.js";
import { apiErrorSchema, auditListSchema, documentDetailSchema, documentListSchema, meSchema } from "../../shared/api.js";
import { addMember, api, createTestDocument, removeDataDir, setUpWorkspace, startTestServer, storageSetups, tempDataDir, type TestUser } from "../testing/testServer.js";

const setups = storageSetups.filter((setup) => setup.delayMs === 0);

async function errorOf(response: Response): Promise<{ status: number; id: string }> {
  return { status: response.status, id: apiErrorSchema.parse(await response.json()).error.id };
}

describe.each(setups)("languages on $name", (setup) => {
  let dataDir: string;
  let server: RunningServer;
  let chair: TestUser;
  let workspaceId: string;

  beforeEach(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, setup);
    ({ chair, workspaceId } = await setUpWorkspace(server));
  });
  afterEach(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  const me = async (user: TestUser) => meSchema.parse(await (await api(server, "GET", "/api/me", undefined, user)).json());

  it("stores the interface language on the account, for every session of it", async () => {
    expect((await me(chair)).language).toBeNull();
    const changed = await api(server, "PATCH", "/api/me", { language: "ar" }, chair);
    expect(changed.status).toBe(200);
    expect(meSchema.parse(await changed.json())).toMatchObject({ language: "ar", account: { displayName: "Amina Chair" } });
    const login = await api(server, "POST", "/api/auth/login", { email: chair.email, password: chair.password });
    expect(meSchema.parse(await login.json()).language).toBe("ar");
    // A name change leaves the language as it is; both at once change both.
    await api(server, "PATCH", "/api/me", { displayName: "Amina Diallo" }, chair);
    expect(await me(chair)).toMatchObject({ language: "ar", account: { displayName: "Amina Diallo" } });
    await api(server, "PATCH", "/api/me", { displayName: "Amina Chair", language: "fr" }, chair);
    expect(await me(chair)).toMatchObject({ language: "fr", account: { displayName: "Amina Chair" } });
  });

  it("refuses a language it does not speak, or an empty change, changing nothing", async () => {
    for (const body of [{ language: "de" }, { language: "AR" }, { language: null }, {}, { language: "fr", colour: "red" }]) {
      expect(await errorOf(await api(server, "PATCH", "/api/me", body, chair))).toEqual({ status: 400, id: "invalid_request" });
    }
    expect((await me(chair)).language).toBeNull();
  });

  it("gives a statement its language at creation (English when not said) and lets chairs alone change it", async () => {
    const english = await createTestDocument(server, chair, { title: "Ten Acts", template: "ten-acts" });
    expect(english.language).toBe("en");
    const arabic = await createTestDocument(server, chair, { title: "البيان", template: "blank", language: "ar" });
    expect(arabic.language).toBe("ar");
    const listed = documentListSchema.parse(await (await api(server, "GET", "/api/documents", undefined, chair)).json());
    expect(Object.fromEntries(listed.documents.map((d) => [d.title, d.language]))).toEqual({ "Ten Acts": "en", البيان: "ar" });

    const coordinator = await addMember(server, chair, workspaceId, "coordinator", "Rosa Delgado");
    const observer = await addMember(server, chair, workspaceId, "observer", "Tomás Ruiz");
    for (const user of [coordinator, observer]) {
      expect(await errorOf(await api(server, "PATCH", `/api/documents/${english.id}`, { language: "es" }, user))).toEqual({ status: 403, id: "role_required" });
    }
    expect(await errorOf(await api(server, "PATCH", `/api/documents/${english.id}`, { language: "xx" }, chair))).toEqual({ status: 400, id: "invalid_request" });
    const changed = await api(server, "PATCH", `/api/documents/${english.id}`, { language: "es" }, chair);
    expect(changed.status).toBe(200);
    const detail = documentDetailSchema.parse(await (await api(server, "GET", `/api/documents/${english.id}`, undefined, observer)).json());
    expect(detail.language).toBe("es");

    const audit = auditListSchema.parse(await (await api(server, "GET", `/api/workspaces/${workspaceId}/audit?action=document_language_changed`, undefined, chair)).json());
    expect(audit.entries.map((entry) => [entry.details.before, entry.details.after])).toEqual([["en", "es"]]);
  });

  it("keeps a frozen version's exports in the language it was frozen in; the live text follows the statement's new one", async () => {
    const statement = await createTestDocument(server, chair, { title: "Ten Acts", template: "ten-acts" });
    const round = (await (await api(server, "POST", `/api/documents/${statement.id}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair)).json()) as { id: string };
    const frozen = await api(server, "POST", `/api/documents/${statement.id}/rounds/${round.id}/freeze`, undefined, chair);
    expect(frozen.status).toBe(201);
    const { id: versionId } = (await frozen.json()) as { id: string };
    expect((await api(server, "PATCH", `/api/documents/${statement.id}`, { language: "fr" }, chair)).status).toBe(200);

    const markdown = async (version: string) => (await api(server, "GET", `/api/documents/${statement.id}/versions/${version}?format=md`, undefined, chair)).text();
    const version = await markdown(versionId);
    expect(version).toContain("## Act 1: ");
    expect(version).toContain("Version frozen on");
    const live = await markdown("live");
    expect(live).toContain("## Acte 1\u00a0: ");
    expect(live).not.toContain("## Act 1: ");
  });
});
