import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../app.js";
import { apiErrorSchema, auditListSchema, type AuditEntry, type AuditList, type MemberList } from "../../shared/api.js";
import * as Y from "yjs";
import { describeAuditEntry } from "../../shared/auditSentences.js";
import { intlFor } from "../i18n.js";
import { clauseText } from "../testing/statementText.js";
import { addMember, api, connectClient, createTestDocument, removeDataDir, setUpWorkspace, startTestServer, storageSetups, tempDataDir, waitFor, type TestUser } from "../testing/testServer.js";

/** Each database once (the delayed SQLite adds nothing here). */
const setups = storageSetups.filter((setup) => setup.delayMs === 0);

/** An entry as an English reader reads it. */
const sentence = (entry: AuditEntry) => describeAuditEntry(intlFor("en"), entry);

describe.each(setups)("the audit log on $name", (setup) => {
  let dataDir: string;
  let server: RunningServer;
  let chair: TestUser;
  let kofi: TestUser;
  let hostile: { accountId: string; displayName: string };
  let workspaceId: string;
  let sha256: string;

  const auditPath = (query = "") => `/api/workspaces/${workspaceId}/audit${query}`;
  async function read(query = ""): Promise<AuditList> {
    const response = await api(server, "GET", auditPath(query), undefined, chair);
    expect(response.status, await response.clone().text()).toBe(200);
    return auditListSchema.parse(await response.json());
  }
  const find = (entries: AuditEntry[], action: string) => entries.filter((e) => e.action === action);

  /** Invited and joined under a name addMember cannot make an email of. */
  async function joinAs(workspace: string, role: string, displayName: string, email: string) {
    const invite = (await (await api(server, "POST", `/api/workspaces/${workspace}/invites`, { role }, chair)).json()) as { token: string };
    const accepted = await api(server, "POST", `/api/invites/${invite.token}/accept`, { displayName, email, password: "member-password" });
    expect(accepted.status).toBe(200);
    return { accountId: ((await accepted.json()) as { account: { id: string } }).account.id, displayName };
  }

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, setup);
    ({ chair } = await setUpWorkspace(server));
    // A workspace with the template's reference groups, so group changes have names.
    const created = await api(server, "POST", "/api/workspaces", { name: "Ten Acts coalition", tenActs: true }, chair);
    workspaceId = ((await created.json()) as { id: string }).id;
    kofi = await addMember(server, chair, workspaceId, "reviewer", "Kofi Mensah");
    hostile = await joinAs(workspaceId, "observer", '=HYPERLINK("http://evil.example","click")', "hostile@example.org");
    const { groups } = (await (await api(server, "GET", `/api/workspaces/${workspaceId}/members`, undefined, chair)).json()) as MemberList;
    const document = await createTestDocument(server, chair, { title: "Now and How: Ten Acts", template: "ten-acts", workspaceId });
    const base = `/api/documents/${document.id}`;
    // A thread on the first words of a clause, resolved then reopened by the chair.
    const client = await connectClient(server, document.id, chair);
    await waitFor("the statement synced", () => client.content.length > 0);
    const words = clauseText(client.content, 9);
    words.insert(0, "independent monitoring");
    const position = (index: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(words, index))).toString("base64");
    const anchor = { start: position(0), end: position(22) };
    let threadCreated!: Response;
    // The server anchors only to words it has received.
    await waitFor("the thread created", async () => {
      threadCreated = await api(server, "POST", `${base}/comments`, { body: "Stronger, please.", anchor, quote: "independent monitoring" }, chair);
      return threadCreated.status !== 400;
    });
    client.destroy();
    expect(threadCreated.status, await threadCreated.clone().text()).toBe(201);
    const thread = (await threadCreated.json()) as { id: string };
    expect((await api(server, "PATCH", `${base}/comments/${thread.id}`, { status: "resolved" }, chair)).status).toBe(200);
    expect((await api(server, "PATCH", `${base}/comments/${thread.id}`, { status: "open" }, chair)).status).toBe(200);
    expect((await api(server, "PATCH", `/api/workspaces/${workspaceId}/members/${kofi.accountId}`, { role: "coordinator", groupIds: [groups[0]!.id] }, chair)).status).toBe(200);
    const first = (await (await api(server, "POST", `${base}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair)).json()) as { id: string };
    const version = (await (await api(server, "POST", `${base}/rounds/${first.id}/freeze`, undefined, chair)).json()) as { id: string; sha256: string };
    sha256 = version.sha256;
    expect((await api(server, "POST", `${base}/rounds/${first.id}/open-next`, { name: "Rev 1", draftPublished: "2018-03-26" }, chair)).status).toBe(201);
    expect((await api(server, "POST", `${base}/versions/${version.id}/restore`, undefined, chair)).status).toBe(200);
    expect((await api(server, "DELETE", `/api/workspaces/${workspaceId}/members/${hostile.accountId}`, undefined, chair)).status).toBe(200);

  });

  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  it("records who changed what from what to what, with names, and reads as sentences", async () => {
    const { entries, people } = await read("?limit=500");
    const [changed] = find(entries, "member_changed");
    expect(changed).toMatchObject({ actor: "Amina Chair", actorId: chair.accountId, subject: kofi.accountId, subjectName: "Kofi Mensah", details: { before: "reviewer", after: "coordinator", groupsBefore: [] } });
    expect(changed!.details.groupsAfter).toHaveLength(1);
    expect(sentence(changed!)).toBe(`Amina Chair changed Kofi Mensah’s role from reviewer to coordinator and reference groups from none to ${changed!.details.groupsAfter![0]}`);

    const opened = find(entries, "round_opened").map(sentence);
    expect(opened).toEqual([
      "Amina Chair opened the next round “Rev 1” of “Now and How: Ten Acts”, after “Zero draft”",
      "Amina Chair opened round “Zero draft” of “Now and How: Ten Acts”",
    ]);
    const [frozen] = find(entries, "round_frozen");
    expect(frozen!.details.version!.sha256).toBe(sha256);
    expect(sentence(frozen!)).toBe(`Amina Chair froze “Zero draft” of “Now and How: Ten Acts” (version ${sha256.slice(0, 8)}…)`);
    expect(sentence(find(entries, "version_restored")[0]!)).toBe(`Amina Chair restored the “Zero draft” version ${sha256.slice(0, 8)}… of “Now and How: Ten Acts” as the live text`);
    expect(sentence(find(entries, "document_created")[0]!)).toBe("Amina Chair created the statement “Now and How: Ten Acts”");
    expect(find(entries, "invite_created").map(sentence)).toEqual(["Amina Chair invited an observer", "Amina Chair invited a reviewer"]);
    expect(find(entries, "invite_accepted").map(sentence)).toContain("Kofi Mensah joined as reviewer");
    // A removed member is still named, by the name recorded with the entry and kept on the account.
    expect(sentence(find(entries, "member_removed")[0]!)).toBe('Amina Chair removed =HYPERLINK("http://evil.example","click") (observer) from the workspace');
    expect(find(entries, "thread_resolved").map(sentence)).toEqual(["Amina Chair resolved the comment thread on “independent monitoring” in “Now and How: Ten Acts”"]);
    expect(find(entries, "thread_reopened")[0]!.details).toMatchObject({ before: "resolved", after: "open" });
    expect(people.map((p) => p.name)).toEqual(expect.arrayContaining(["Amina Chair", "Kofi Mensah", hostile.displayName]));
  });

  it("filters by person (by or about them), action and dates, and pages", async () => {
    const all = (await read("?limit=500")).entries;
    const byKofi = (await read(`?personId=${kofi.accountId}`)).entries;
    expect(byKofi.length).toBeGreaterThanOrEqual(3);
    expect(byKofi.every((e) => e.actorId === kofi.accountId || e.subject === kofi.accountId)).toBe(true);
    expect(byKofi.map((e) => e.action)).toEqual(expect.arrayContaining(["member_changed", "invite_accepted", "token_created"]));

    expect((await read("?action=round_opened")).entries.map((e) => e.details.round!.name)).toEqual(["Rev 1", "Zero draft"]);
    expect((await read(`?action=member_changed&personId=${chair.accountId}`)).entries).toHaveLength(1);

    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await read(`?from=${today}&to=${today}&limit=500`)).entries).toHaveLength(all.length);
    expect((await read(`?to=${yesterday}`)).entries).toHaveLength(0);
    const middle = all[Math.floor(all.length / 2)]!;
    const since = (await read(`?from=${encodeURIComponent(middle.at)}&limit=500`)).entries;
    expect(since.every((e) => e.at >= middle.at)).toBe(true);
    expect(since.map((e) => e.id)).toContain(middle.id);
    expect((await read(`?to=${encodeURIComponent(middle.at)}&limit=500`)).entries.every((e) => e.at < middle.at)).toBe(true);

    const paged: number[] = [];
    let next: number | null = null;
    do {
      const page: AuditList = await read(`?limit=3${next ? `&before=${next}` : ""}`);
      expect(page.entries.length).toBeLessThanOrEqual(3);
      paged.push(...page.entries.map((e) => e.id));
      next = page.nextBefore;
    } while (next !== null);
    expect(paged).toEqual(all.map((e) => e.id));
  });

  it("refuses bad filters with 400 {error: {id, message}}, and anyone but a chair", async () => {
    for (const query of ["?action=drop_table", "?personId=bad!", "?from=yesterday", "?to=2026-13-45", "?from=2026-11-30&to=2026-11-01", "?limit=0", "?before=-3", "?colour=red"]) {
      for (const path of [auditPath(query), `/api/workspaces/${workspaceId}/audit.csv${query.includes("limit") || query.includes("before") ? query.replace("?", "?x=1&") : query}`]) {
        const response = await api(server, "GET", path, undefined, chair);
        expect(response.status, path).toBe(400);
        expect(apiErrorSchema.parse(await response.json()).error.id).toBe("invalid_request");
      }
    }
    for (const path of [auditPath(), `/api/workspaces/${workspaceId}/audit.csv`]) {
      expect((await api(server, "GET", path, undefined, kofi)).status).toBe(403);
      expect((await api(server, "GET", path)).status).toBe(401);
    }
  });

  it("exports CSV with the same filters, cells safe to open in a spreadsheet", async () => {
    const response = await api(server, "GET", `/api/workspaces/${workspaceId}/audit.csv?action=member_removed`, undefined, chair);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/);
    const csv = (await response.text()).replace(/^\uFEFF/, "");
    const lines = csv.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe('"Time (UTC)","Person","Action","Description","Subject","Before","After","Statement","Round","Version","Address"');
    expect(lines).toHaveLength(2);
    // The formula-like name is text: an apostrophe before "=", quotes doubled.
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(lines[1]).toContain(`"Amina Chair removed =HYPERLINK(""http://evil.example"",""click"") (observer) from the workspace"`);
    expect(lines[1]).not.toMatch(/(^|,)"[=+\-@]/);

    const full = await (await api(server, "GET", `/api/workspaces/${workspaceId}/audit.csv`, undefined, chair)).text();
    expect(full).toContain("Amina Chair changed Kofi Mensah’s role from reviewer to coordinator");
    expect(full).toContain(`"${sha256}"`);
  });

  it("speaks the language of the person downloading the CSV: their account's, else their browser's, else English; times in UTC", async () => {
    const csv = async (acceptLanguage?: string) => {
      const response = await fetch(`${server.url}/api/workspaces/${workspaceId}/audit.csv?action=member_changed`, {
        headers: { cookie: chair.cookie, ...(acceptLanguage ? { "accept-language": acceptLanguage } : {}) },
      });
      expect(response.status).toBe(200);
      return { disposition: response.headers.get("content-disposition")!, lines: (await response.text()).replace(/^\uFEFF/, "").split("\r\n").filter(Boolean) };
    };
    const group = find((await read("?action=member_changed")).entries, "member_changed")[0]!.details.groupsAfter![0]!;
    const at = new Date(find((await read("?action=member_changed")).entries, "member_changed")[0]!.at);

    // No account language yet: the browser's first language the workspace speaks (q-values respected), else English.
    const spanish = await csv("fr;q=0.5, de-CH, es-MX;q=0.8");
    expect(spanish.lines[0]).toBe('"Hora (UTC)","Persona","Acción","Descripción","Objeto","Antes","Después","Declaración","Ronda","Versión","Dirección"');
    expect(spanish.lines[1]).toContain(`"Amina Chair cambió el rol de Kofi Mensah de revisor a coordinador y sus grupos de referencia de ninguno a ${group}"`);
    expect((await csv("de-CH, ja")).lines[0]).toMatch(/^"Time \(UTC\)"/);

    // The account's language wins over the browser's.
    expect((await api(server, "PATCH", "/api/me", { language: "fr" }, chair)).status).toBe(200);
    const french = await csv("es-MX");
    expect(french.lines[0]).toBe('"Heure (UTC)","Personne","Action","Description","Objet","Avant","Après","Déclaration","Cycle","Version","Adresse"');
    const cells = french.lines[1]!.slice(1, -1).split('","');
    const utc = new Intl.DateTimeFormat("fr", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone: "UTC" }).format(at);
    expect(cells.slice(0, 4)).toEqual([
      utc,
      "Amina Chair",
      "Membre modifié",
      `Amina Chair a changé le rôle de Kofi Mensah de «\u00a0relecteur\u00a0» en «\u00a0coordinateur\u00a0» et ses groupes de référence de «\u00a0aucun\u00a0» en «\u00a0${group}\u00a0»`,
    ]);
    expect(cells.slice(5, 7)).toEqual(["relecteur", "coordinateur"]);
    expect(french.disposition).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''journal-audit-\d{4}-\d{2}-\d{2}\.csv$/);

    expect((await api(server, "PATCH", "/api/me", { language: "ar" }, chair)).status).toBe(200);
    const arabic = await csv();
    expect(arabic.lines[1]).toContain("قام Amina Chair بتغيير دور العضو Kofi Mensah من مراجع إلى منسق");
    // Arabic dates keep Western digits.
    const time = arabic.lines[1]!.split('","')[0]!;
    expect(time).toContain(String(at.getUTCFullYear()));
    expect(time).not.toMatch(/[\u0660-\u0669]/);
    expect((await api(server, "PATCH", "/api/me", { language: "en" }, chair)).status).toBe(200);
  });
});
