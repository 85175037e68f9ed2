import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { RunningServer } from "../app.js";
import { auditListSchema, publicSignOnSchema, signOnEntrySchema, signOnListSchema, versionSummarySchema, type SignOnEntry } from "../../shared/api.js";
import { signOnFormSchema, type SignOnForm } from "../../shared/signOn.js";
import { limits } from "../../shared/limits.js";
import { describeAuditEntry } from "../../shared/auditSentences.js";
import { intlFor } from "../i18n.js";
import { storedContent, typeSignatories } from "../testing/statementText.js";
import { addMember, api, connectClient, createTestDocument, removeDataDir, setUpWorkspace, startTestServer, storageSetups, tempDataDir, waitFor, type TestStorageSetup, type TestUser } from "../testing/testServer.js";

let dataDir: string;
let server: RunningServer;
let smtp: SMTPServer;
let mails: ParsedMail[];
let chair: TestUser;
let workspaceId: string;
let documentId: string;
let versionId: string;

const form = (overrides: Partial<SignOnForm> = {}): SignOnForm => ({
  organisation: "Red Migrante Andina",
  organisationLocal: "Red Migrante Andina",
  acronym: "RMA",
  country: "PE",
  region: "Latin America",
  type: "network",
  website: "https://rma.example.org",
  person: "Lucía Quispe",
  personTitle: "Coordinadora",
  email: "lucia@rma.example.org",
  consentPublish: true,
  consentContact: true,
  ...overrides,
});

async function startSmtp(): Promise<number> {
  mails = [];
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  return (smtp.server.address() as AddressInfo).port;
}

/** A statement with a frozen first round, as a chair makes it. */
async function frozenVersion(): Promise<string> {
  documentId = (await createTestDocument(server, chair)).id;
  const round = (await (await api(server, "POST", `/api/documents/${documentId}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair)).json()) as { id: string };
  const frozen = await api(server, "POST", `/api/documents/${documentId}/rounds/${round.id}/freeze`, undefined, chair);
  expect(frozen.status).toBe(201);
  return versionSummarySchema.parse(await frozen.json()).id;
}

/** SQLite, and PostgreSQL when `TEST_DATABASE_URL` is set. */
const setups = storageSetups.filter((setup) => setup.delayMs === 0);

async function start(env: Record<string, string>, setup: TestStorageSetup = setups[0]!): Promise<void> {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, setup, 0, env);
  ({ chair, workspaceId } = await setUpWorkspace(server));
  versionId = await frozenVersion();
}

const chairPath = (rest = "") => `/api/documents/${documentId}/versions/${versionId}/sign-on${rest}`;
const submit = (body: unknown, id = versionId) => api(server, "POST", `/api/public/sign-on/${id}`, body);
const openSignOn = async () => expect((await api(server, "POST", chairPath("/open"), undefined, chair)).status).toBe(200);

async function list(status?: string) {
  const response = await api(server, "GET", chairPath(status ? `?status=${status}` : ""), undefined, chair);
  expect(response.status).toBe(200);
  return signOnListSchema.parse(await response.json());
}

/** The secret of the newest mail to `to` (from its confirm link). */
function tokenOf(to: string): { token: string; mail: ParsedMail } {
  const mail = mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === to).at(-1);
  if (!mail) throw new Error(`no mail to ${to}`);
  const token = /\/sign-on\/confirm#([A-Za-z0-9_-]+)/.exec(mail.text ?? "")?.[1];
  if (!token) throw new Error("no confirm link");
  expect(mail.text).toContain(`/sign-on/withdraw#${token}`);
  return { token, mail };
}

async function auditActions(): Promise<string[]> {
  const response = await api(server, "GET", `/api/workspaces/${workspaceId}/audit`, undefined, chair);
  return auditListSchema.parse(await response.json()).entries.map((e) => e.action);
}

describe.each(setups)("sign-on with a real SMTP server on $name", (setup) => {
  beforeEach(async () => {
    const port = await startSmtp();
    await start({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "Drafting <drafting@example.org>" }, setup);
  });
  afterEach(async () => {
    await server.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    removeDataDir(dataDir);
  });

  it("signs on, mails the link in the page's language, confirms, and the chair approves: listed and counted", async () => {
    // Before a chair opens sign-on, the version is not public at all.
    expect((await api(server, "GET", `/api/public/sign-on/${versionId}`)).status).toBe(404);
    expect((await submit(form())).status).toBe(404);
    await openSignOn();
    const page = publicSignOnSchema.parse(await (await api(server, "GET", `/api/public/sign-on/${versionId}`)).json());
    expect(page).toMatchObject({ open: true, mailAvailable: true, round: { name: "Zero draft" }, title: "Test statement", language: "en" });
    expect(page.regions).toContain("Latin America");
    expect(page.organisationTypes).toContain("migrantLed");
    expect(page.html).toContain("Zero draft");
    expect(page.html).toContain(`data-act="1"`);
    // The text as data, numbered as the editor numbers it.
    expect(page.statement.acts).toHaveLength(10);
    expect(page.statement.acts[0]).toMatchObject({ number: 1, heading: expect.stringMatching(/^Act 1: /), items: expect.arrayContaining([expect.objectContaining({ kind: "clause", number: "1.1" })]) });

    const submitted = await submit({ ...form(), language: "es" });
    expect(submitted.status).toBe(202);
    expect(submitted.headers.getSetCookie()).toEqual([]);
    await waitFor("the confirmation mail", () => mails.length === 1);
    const { token, mail } = tokenOf("lucia@rma.example.org");
    expect(mail.subject).toContain("Red Migrante Andina");
    expect(mail.subject).toBe("Confirme la adhesión de Red Migrante Andina a «Test statement»"); // the page's language
    expect(mail.text).toContain("Hola, Lucía Quispe:");
    expect(mail.from?.text).toContain("drafting@example.org");
    expect((await list("unconfirmed")).entries.map((e) => e.organisation)).toEqual(["Red Migrante Andina"]);

    const confirmed = await api(server, "POST", "/api/public/sign-on/confirm", { token });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ status: "confirmed", organisation: "Red Migrante Andina" });
    // Idempotent; an unknown secret is a clear 404.
    expect(await (await api(server, "POST", "/api/public/sign-on/confirm", { token })).json()).toMatchObject({ status: "confirmed" });
    const unknown = await api(server, "POST", "/api/public/sign-on/confirm", { token: "x".repeat(43) });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { id: "sign_on_not_found" } });

    const [entry] = (await list("confirmed")).entries;
    const approved = await api(server, "POST", chairPath(`/entries/${entry!.id}/approve`), {}, chair);
    expect(approved.status).toBe(200);
    expect(signOnEntrySchema.parse(await approved.json())).toMatchObject({ status: "approved", decidedBy: chair.accountId });
    const after = await list();
    expect(after.counts).toMatchObject({ approved: 1, byRegion: { "Latin America": 1 }, byCountry: { PE: 1 }, byType: { network: 1 } });
    expect(after.counts.byStatus).toMatchObject({ approved: 1, unconfirmed: 0 });
    expect(await auditActions()).toEqual(expect.arrayContaining(["sign_on_opened", "sign_on_approved"]));

    // Closed: refused, and the page says so.
    expect((await api(server, "POST", chairPath("/close"), undefined, chair)).status).toBe(200);
    const refused = await submit(form({ email: "other@example.org" }));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { id: "sign_on_closed" } });
    expect(publicSignOnSchema.parse(await (await api(server, "GET", `/api/public/sign-on/${versionId}`)).json()).open).toBe(false);
    expect((await submit(form(), "nosuchversion1")).status).toBe(404);
  });

  it("withdraws through the mail's link, idempotently, even after approval", async () => {
    await openSignOn();
    expect((await submit(form())).status).toBe(202);
    await waitFor("the mail", () => mails.length === 1);
    const { token } = tokenOf("lucia@rma.example.org");
    await api(server, "POST", "/api/public/sign-on/confirm", { token });
    const [entry] = (await list()).entries;
    await api(server, "POST", chairPath(`/entries/${entry!.id}/approve`), {}, chair);
    for (let i = 0; i < 2; i++) {
      const withdrawn = await api(server, "POST", "/api/public/sign-on/withdraw", { token });
      expect(withdrawn.status).toBe(200);
      expect(await withdrawn.json()).toEqual({ status: "withdrawn", organisation: "Red Migrante Andina" });
    }
    const after = await list();
    expect(after.entries[0]).toMatchObject({ status: "withdrawn", withdrawnAt: expect.any(String) });
    expect(after.counts.approved).toBe(0);
    // Confirming a withdrawn entry does not bring it back; a chair cannot approve it either.
    expect(await (await api(server, "POST", "/api/public/sign-on/confirm", { token })).json()).toMatchObject({ status: "withdrawn" });
    expect((await api(server, "POST", chairPath(`/entries/${entry!.id}/approve`), {}, chair)).status).toBe(409);
    // The audit log says the contact (no member) confirmed and withdrew, once each, in words.
    const log = auditListSchema.parse(await (await api(server, "GET", `/api/workspaces/${workspaceId}/audit`, undefined, chair)).json());
    const byContact = log.entries.filter((e) => e.action === "sign_on_confirmed" || e.action === "sign_on_withdrawn");
    expect(byContact.map((e) => [e.action, e.actorId, e.subject])).toEqual([
      ["sign_on_withdrawn", null, entry!.id],
      ["sign_on_confirmed", null, entry!.id],
    ]);
    expect(describeAuditEntry(intlFor("en"), byContact[0]!)).toBe("Red Migrante Andina withdrew its sign-on from “Zero draft” of “Test statement” by the link mailed to its contact");
    expect(describeAuditEntry(intlFor("fr"), byContact[1]!)).toBe("Red Migrante Andina a confirmé sa signature pour « Zero draft » de la déclaration « Test statement » par le lien envoyé à son contact");
  });

  it("keeps one entry for the same email and organisation, flags likely duplicates, and merges them", async () => {
    await openSignOn();
    expect((await submit(form())).status).toBe(202);
    // Same email, same organisation written differently: the one entry, a new link mailed.
    expect((await submit(form({ organisation: "  red migrante ANDINA ", person: "Lucía Q." }))).status).toBe(202);
    await waitFor("two mails", () => mails.length === 2);
    let { entries } = await list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ person: "Lucía Q.", status: "unconfirmed" });
    // The first link no longer works; the newest does.
    const newest = tokenOf("lucia@rma.example.org").token;
    expect((await api(server, "POST", "/api/public/sign-on/confirm", { token: newest })).status).toBe(200);

    // Same name and country from another address, and the same email for another organisation: flagged.
    expect((await submit(form({ organisation: "Red Migrante Andina!", email: "info@rma.example.org" }))).status).toBe(202);
    expect((await submit(form({ organisation: "Otra Red", country: "BO", email: "lucia@rma.example.org" }))).status).toBe(202);
    ({ entries } = await list());
    expect(entries).toHaveLength(3);
    const [first, sameName, sameEmail] = entries as [SignOnEntry, SignOnEntry, SignOnEntry];
    expect(first.duplicates.sort()).toEqual([sameName.id, sameEmail.id].sort());
    expect(sameName.duplicates).toEqual([first.id]);
    expect(sameEmail.duplicates).toEqual([first.id]);

    expect((await api(server, "POST", chairPath(`/entries/${sameName.id}/merge`), { into: sameName.id }, chair)).status).toBe(400);
    const merged = await api(server, "POST", chairPath(`/entries/${sameName.id}/merge`), { into: first.id }, chair);
    expect(merged.status).toBe(200);
    expect(await merged.json()).toMatchObject({ status: "merged", mergedInto: first.id, duplicates: [] });
    expect((await list()).entries.find((e) => e.id === first.id)!.duplicates).toEqual([sameEmail.id]);
    expect((await api(server, "POST", chairPath(`/entries/${sameName.id}/merge`), { into: first.id }, chair)).status).toBe(409);
    expect(await auditActions()).toContain("sign_on_merged");
  });

  it("limits submissions per email and per address", async () => {
    await openSignOn();
    for (let i = 0; i < limits.signOnsPerEmail; i++) expect((await submit(form({ organisation: `Org ${i}` }))).status).toBe(202);
    const perEmail = await submit(form({ organisation: "Org again" }));
    expect(perEmail.status).toBe(429);
    expect(await perEmail.json()).toMatchObject({ error: { id: "too_many_attempts" } });
    expect(Number(perEmail.headers.get("retry-after"))).toBeGreaterThan(0);
    for (let i = limits.signOnsPerEmail; i < limits.signOnsPerAddress; i++) expect((await submit(form({ email: `person${i}@example.org` }))).status).toBe(202);
    expect((await submit(form({ email: "one.more@example.org" }))).status).toBe(429);
    expect((await list()).entries).toHaveLength(limits.signOnsPerAddress); // one entry per organisation and email, none past the limits
  });

  it("answers a filled honeypot as accepted, storing and sending nothing", async () => {
    await openSignOn();
    const response = await submit({ ...form(), homepage: "https://spam.example" });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ok: true });
    expect((await submit(form({ email: "real@example.org" }))).status).toBe(202);
    await waitFor("the real mail", () => mails.length === 1);
    expect((await list()).entries.map((e) => e.email)).toEqual(["real@example.org"]);
    expect(mails.map((m) => (Array.isArray(m.to) ? "" : m.to?.text))).toEqual(["real@example.org"]);
  });

  it("refuses every field's bad input with a 4xx, naming nothing stored", async () => {
    await openSignOn();
    const bad: Record<string, unknown[]> = {
      organisation: ["", "x".repeat(201), 5, "Migrant\u0007 Network", "Red\nde migrantes", "\u202Eevil\u0000"],
      organisationLocal: ["x".repeat(201), 5, "Réseau\u001b[31m"],
      acronym: ["x".repeat(41), "M\u0000N"],
      country: ["Peru", "pe", ""],
      region: ["Atlantis", ""],
      type: ["club", ""],
      website: ["javascript:alert(1)", "ftp://x.example", `https://${"x".repeat(300)}`],
      person: ["", "x".repeat(121), "Ana\u0008"],
      personTitle: ["x".repeat(121), "Director\r\nBcc: x@example.org"],
      email: ["not-an-email", "", `${"x".repeat(250)}@example.org`],
      consentPublish: [false, "yes"],
      consentContact: ["yes"],
      homepage: ["x".repeat(201)],
    };
    // Every field of the schema is tried.
    expect(Object.keys(bad).sort()).toEqual(Object.keys(signOnFormSchema.shape).sort());
    for (const [field, values] of Object.entries(bad)) {
      for (const value of values) {
        const response = await submit({ ...form(), [field]: value });
        expect(response.status, `${field}: ${JSON.stringify(value)}`).toBe(400);
        // The refused field is named, for the page to point at.
        expect(await response.json()).toMatchObject({ error: { id: "invalid_request", field } });
      }
    }
    for (const required of ["organisation", "country", "region", "type", "person", "email", "consentPublish"]) {
      const { [required as keyof SignOnForm]: _left, ...rest } = form();
      const missing = await submit(rest);
      expect(missing.status, required).toBe(400);
      expect(await missing.json()).toMatchObject({ error: { field: required } });
    }
    expect((await submit({ ...form(), admin: true })).status).toBe(400);
    expect((await submit({ ...form(), language: "de" })).status).toBe(400);
    expect((await api(server, "POST", "/api/public/sign-on/confirm", { token: "short" })).status).toBe(400);
    expect((await list()).entries).toEqual([]);
    expect(mails).toEqual([]);
  });

  it("never answers contact data publicly", async () => {
    await openSignOn();
    const answers: string[] = [];
    const record = async (response: Response) => {
      answers.push(await response.text());
      return response;
    };
    await record(await submit(form()));
    await waitFor("the mail", () => mails.length === 1);
    const { token } = tokenOf("lucia@rma.example.org");
    await record(await api(server, "POST", "/api/public/sign-on/confirm", { token }));
    await record(await api(server, "POST", `/api/public/sign-on/${versionId}`, form()));
    await api(server, "POST", chairPath(`/entries/${(await list()).entries[0]!.id}/approve`), {}, chair);
    await record(await api(server, "GET", `/api/public/sign-on/${versionId}`));
    await record(await api(server, "POST", "/api/public/sign-on/withdraw", { token }));
    for (const answer of answers) {
      for (const secret of ["lucia@rma.example.org", "Lucía Quispe", "Coordinadora", "rma.example.org"]) expect(answer).not.toContain(secret);
    }
  });

  it("lets chairs add by hand, correct a typo (audited before and after), and export approved entries as CSV", async () => {
    const added = await api(server, "POST", chairPath("/entries"), { organisation: "=Sindicato Unido", organisationLocal: "Sindicato Unido de México", country: "MX", region: "Latin America", type: "tradeUnion", consentPublish: true }, chair);
    expect(added.status).toBe(201);
    const hand = signOnEntrySchema.parse(await added.json());
    expect(hand).toMatchObject({ source: "hand", status: "approved", email: "" });
    const edited = await api(server, "PATCH", chairPath(`/entries/${hand.id}`), { organisation: "=Sindicato Unido MX", country: "MX" }, chair);
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ organisation: "=Sindicato Unido MX" });
    expect((await api(server, "PATCH", chairPath(`/entries/${hand.id}`), {}, chair)).status).toBe(400);
    // A field not sent is kept.
    expect(await (await api(server, "PATCH", chairPath(`/entries/${hand.id}`), { acronym: "SU" }, chair)).json()).toMatchObject({ acronym: "SU", organisation: "=Sindicato Unido MX", organisationLocal: "Sindicato Unido de México" });
    expect((await api(server, "PATCH", chairPath(`/entries/${hand.id}`), { country: "Mexico" }, chair)).status).toBe(400);
    const log = auditListSchema.parse(await (await api(server, "GET", `/api/workspaces/${workspaceId}/audit`, undefined, chair)).json());
    expect(log.entries.filter((e) => e.action === "sign_on_edited").map((e) => e.details.changes)).toEqual([
      [{ field: "acronym", before: "", after: "SU" }],
      [{ field: "organisation", before: "=Sindicato Unido", after: "=Sindicato Unido MX" }],
    ]);

    // One who consented to contact, one who did not.
    await openSignOn();
    await submit(form());
    await submit(form({ organisation: "Quiet Org", email: "quiet@example.org", person: "Quiet Person", consentContact: false, country: "KE", region: "Africa" }));
    await waitFor("two mails", () => mails.length === 2);
    for (const entry of (await list()).entries.filter((e) => e.source === "form")) {
      await api(server, "POST", chairPath(`/entries/${entry.id}/approve`), { note: "checked" }, chair);
    }
    const csv = await api(server, "GET", chairPath(".csv"), undefined, chair);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain(`"'=Sindicato Unido MX"`);
    expect(text).toContain("lucia@rma.example.org");
    expect(text).toContain("Quiet Org");
    expect(text).not.toContain("quiet@example.org");
    expect(text).not.toContain("Quiet Person");
    expect(text.trim().split("\r\n")).toHaveLength(4);
  });

  it("carries an earlier version's approved entries forward with a note", async () => {
    await api(server, "POST", chairPath("/entries"), { organisation: "Kept Org", country: "FR", region: "Europe", type: "ngo", consentPublish: true }, chair);
    const firstVersion = versionId;
    const rounds = (await (await api(server, "GET", `/api/documents/${documentId}/rounds`, undefined, chair)).json()) as { rounds: { id: string }[] };
    const next = (await (await api(server, "POST", `/api/documents/${documentId}/rounds/${rounds.rounds[0]!.id}/open-next`, { name: "Rev 1", draftPublished: "2018-03-05" }, chair)).json()) as { id: string };
    versionId = versionSummarySchema.parse(await (await api(server, "POST", `/api/documents/${documentId}/rounds/${next.id}/freeze`, undefined, chair)).json()).id;
    expect((await list()).entries).toEqual([]); // a new version's list starts empty
    for (let i = 0; i < 2; i++) {
      const carried = await api(server, "POST", chairPath("/carry-forward"), { from: firstVersion, note: "Agreed at the coalition call" }, chair);
      expect(carried.status).toBe(200);
      expect(((await carried.json()) as { carried: string[] }).carried).toHaveLength(i === 0 ? 1 : 0);
    }
    expect((await list()).entries).toMatchObject([{ organisation: "Kept Org", status: "approved", note: "Agreed at the coalition call" }]);
    expect(await auditActions()).toContain("sign_on_carried_forward");
  });

  it("lets only chairs use the chairs' endpoints", async () => {
    const entry = signOnEntrySchema.parse(
      await (await api(server, "POST", chairPath("/entries"), { organisation: "Org", country: "FR", region: "Europe", type: "ngo", consentPublish: true }, chair)).json(),
    );
    for (const role of ["reviewer", "observer", "coordinator"] as const) {
      const member = await addMember(server, chair, workspaceId, role);
      const calls: [string, string, unknown?][] = [
        ["POST", chairPath("/open")],
        ["POST", chairPath("/close")],
        ["GET", chairPath()],
        ["GET", chairPath(".csv")],
        ["POST", chairPath("/entries"), { organisation: "Sneaky", country: "FR", region: "Europe", type: "ngo", consentPublish: true }],
        ["POST", chairPath(`/entries/${entry.id}/approve`), {}],
        ["POST", chairPath(`/entries/${entry.id}/reject`), {}],
        ["PATCH", chairPath(`/entries/${entry.id}`), { organisation: "Changed" }],
        ["POST", chairPath(`/entries/${entry.id}/merge`), { into: entry.id }],
        ["POST", chairPath("/carry-forward"), { from: versionId, note: "n" }],
      ];
      for (const [method, path, body] of calls) expect((await api(server, method, path, body, member)).status, `${role} ${method} ${path}`).toBe(403);
    }
    // Signed out: 401.
    expect((await api(server, "GET", chairPath())).status).toBe(401);
    expect((await list()).entries).toMatchObject([{ organisation: "Org", status: "approved" }]);
  });
});

describe("sign-on without SMTP", () => {
  beforeEach(() => start({}));
  afterEach(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  it("says mail is unavailable and refuses the form with 503; chairs still add entries by hand", async () => {
    await openSignOn();
    expect(publicSignOnSchema.parse(await (await api(server, "GET", `/api/public/sign-on/${versionId}`)).json()).mailAvailable).toBe(false);
    const refused = await submit(form());
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { id: "mail_unavailable" } });
    expect((await list()).mailAvailable).toBe(false);
    expect((await api(server, "POST", chairPath("/entries"), { organisation: "By Hand", country: "FR", region: "Europe", type: "ngo", consentPublish: true }, chair)).status).toBe(201);
  });

  it("makes the names typed in the version's signatories approved `typed` entries when sign-on first opens, once each", async () => {
    documentId = (await createTestDocument(server, chair)).id;
    const writer = await connectClient(server, documentId, chair);
    typeSignatories(writer.content, ["Migrant Forum in Asia", '<b>Caritas</b> & "Friends"', "  ", "migrant forum in asia", "PICUM"]);
    await waitFor("the typed names stored", () => storedContent(dataDir, documentId).includes("PICUM"));
    writer.destroy();
    const round = (await (await api(server, "POST", `/api/documents/${documentId}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair)).json()) as { id: string };
    versionId = versionSummarySchema.parse(await (await api(server, "POST", `/api/documents/${documentId}/rounds/${round.id}/freeze`, undefined, chair)).json()).id;

    // A chair added one of them by hand before opening: it is not entered twice.
    expect((await api(server, "POST", chairPath("/entries"), { organisation: "Picum", country: "BE", region: "Europe", type: "network", consentPublish: true }, chair)).status).toBe(201);
    expect((await list()).entries).toHaveLength(1);
    await openSignOn();
    const opened = await list();
    expect(opened.entries.map((e) => [e.organisation, e.source, e.status, e.country, e.region, e.type])).toEqual([
      ["Picum", "hand", "approved", "BE", "Europe", "network"],
      ["Migrant Forum in Asia", "typed", "approved", "", "", "other"],
      ['<b>Caritas</b> & "Friends"', "typed", "approved", "", "", "other"],
    ]);
    expect(opened.entries.every((e) => e.decidedBy !== null && e.decidedAt !== null)).toBe(true);
    expect(opened.counts.approved).toBe(3);

    // Closing and opening again, or after a typed entry was rejected, enters nothing more.
    const caritas = opened.entries[2]!;
    expect((await api(server, "POST", chairPath(`/entries/${caritas.id}/reject`), {}, chair)).status).toBe(200);
    expect((await api(server, "POST", chairPath("/close"), undefined, chair)).status).toBe(200);
    await openSignOn();
    const again = await list();
    expect(again.entries).toHaveLength(3);
    expect(again.counts.byStatus).toMatchObject({ approved: 2, rejected: 1 });
  });
});
