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
import { addressKey } from "./publicSignOnRoutes.js";
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

/** Confirm the newest link mailed to `to`; its secret. */
async function confirmBy(to: string): Promise<string> {
  const { token } = tokenOf(to);
  expect((await api(server, "POST", "/api/public/sign-on/confirm", { token })).status).toBe(200);
  return token;
}

/** The next round of the statement, frozen: its version becomes the one the helpers act on; the earlier one's id. */
async function nextVersion(name = "Rev 1"): Promise<string> {
  const earlier = versionId;
  const rounds = (await (await api(server, "GET", `/api/documents/${documentId}/rounds`, undefined, chair)).json()) as { rounds: { id: string }[] };
  const next = (await (await api(server, "POST", `/api/documents/${documentId}/rounds/${rounds.rounds.at(-1)!.id}/open-next`, { name, draftPublished: "2018-03-05" }, chair)).json()) as { id: string };
  versionId = versionSummarySchema.parse(await (await api(server, "POST", `/api/documents/${documentId}/rounds/${next.id}/freeze`, undefined, chair)).json()).id;
  return earlier;
}

const byHand = async (organisation: string, more: Record<string, unknown> = {}) => {
  const response = await api(server, "POST", chairPath("/entries"), { organisation, country: "FR", region: "Europe", type: "ngo", consentPublish: true, ...more }, chair);
  expect(response.status).toBe(201);
  return signOnEntrySchema.parse(await response.json());
};

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
      organisation: [
        "",
        "x".repeat(201),
        5,
        "Migrant\u0007 Network",
        "Red\nde migrantes",
        "evil\u0000",
        // Invisible and direction-control characters, each on its own.
        ...["\u200B", "\u2060", "\uFEFF", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"].map((c) => `Red${c}Migrante`),
        // Nothing legible.
        "\u200C",
        "!!! ---",
      ],
      organisationLocal: ["x".repeat(201), 5, "Réseau\u001b[31m", "Red\u202Eevil", "***"],
      acronym: ["x".repeat(41), "M\u0000N", "M\u200BN"],
      country: ["Peru", "pe", "", "ZZ", "QQ"],
      region: ["Atlantis", ""],
      type: ["club", ""],
      website: ["javascript:alert(1)", "ftp://x.example", `https://${"x".repeat(300)}`, "https://x.org/\u0000", "https://x.org/\u0007", "https://x.org/\u202E"],
      person: ["", "x".repeat(121), "Ana\u0008", "Ana\u2066", "\u200B"],
      personTitle: ["x".repeat(121), "Director\r\nBcc: x@example.org", "Director\u200F"],
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

  it("refuses a body over the size limit with 413 in the error shape, storing, sending and counting nothing", async () => {
    await openSignOn();
    // A valid form, past the public routes' body limit only by whitespace after it: it would be stored if read.
    const oversize = await fetch(`${server.url}/api/public/sign-on/${versionId}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(form()) + " ".repeat(limits.publicFormBodyBytes),
    });
    expect(oversize.status).toBe(413);
    expect(oversize.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await oversize.json()).toEqual({ error: { id: "body_too_large", message: expect.any(String) } });
    expect(oversize.headers.getSetCookie()).toEqual([]);
    expect((await list()).entries).toEqual([]);
    expect(mails).toEqual([]);
    // Refused before the rate limits: the same address and email still sign on.
    expect((await submit(form())).status).toBe(202);
    await waitFor("the confirmation mail", () => mails.length === 1);
    expect((await list()).entries).toHaveLength(1);
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
    await confirmBy("lucia@rma.example.org");
    await confirmBy("quiet@example.org");
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
    const kept = await byHand("Kept Org");
    const firstVersion = await nextVersion();
    expect((await list()).entries).toEqual([]); // a new version's list starts empty
    for (let i = 0; i < 2; i++) {
      const carried = await api(server, "POST", chairPath("/carry-forward"), { from: firstVersion, note: "Agreed at the coalition call" }, chair);
      expect(carried.status).toBe(200);
      expect(((await carried.json()) as { carried: string[] }).carried).toHaveLength(i === 0 ? 1 : 0);
    }
    expect((await list()).entries).toMatchObject([{ organisation: "Kept Org", status: "approved", note: "Agreed at the coalition call", carriedFrom: kept.id }]);
    expect(await auditActions()).toContain("sign_on_carried_forward");
  });

  it("carries forward only from an earlier version, and never lists an organisation twice", async () => {
    // The first version: four approved organisations.
    await openSignOn();
    await byHand("Migrant Forum in Asia", { country: "PH", region: "Asia" });
    await byHand("PICUM", { country: "BE" });
    await byHand("Kept Org", { email: "kept@example.org" });
    await byHand("Gone Org", { email: "gone@example.org" });
    const firstVersion = await nextVersion();
    // In the next, before the carry: one signed again (written differently), one under the same email,
    // and one a chair rejected here (not live: the earlier approval is carried).
    await byHand("migrant forum in ASIA", { country: "PH", region: "Asia" });
    await byHand("Kept Organisation", { email: "kept@example.org" });
    const rejected = await byHand("Gone Org", { email: "gone@example.org" });
    expect((await api(server, "POST", chairPath(`/entries/${rejected.id}/reject`), {}, chair)).status).toBe(200);
    const carried = await api(server, "POST", chairPath("/carry-forward"), { from: firstVersion, note: "Agreed" }, chair);
    expect(carried.status).toBe(200);
    const answer = (await carried.json()) as { carried: string[]; skipped: number; counts: { approved: number } };
    expect(answer).toMatchObject({ skipped: 2, counts: { approved: 4 } });
    expect(answer.carried).toHaveLength(2);
    const approved = (await list("approved")).entries.map((e) => e.organisation).sort();
    expect(approved).toEqual(["Gone Org", "Kept Organisation", "PICUM", "migrant forum in ASIA"]);
    // Again: nothing more.
    expect(await (await api(server, "POST", chairPath("/carry-forward"), { from: firstVersion, note: "Again" }, chair)).json()).toMatchObject({ carried: [], skipped: 4 });

    // Backwards, or from itself: refused, nothing carried.
    const laterVersion = versionId;
    versionId = firstVersion;
    const before = (await list()).entries.length;
    for (const from of [laterVersion, firstVersion]) {
      const refused = await api(server, "POST", chairPath("/carry-forward"), { from, note: "Backwards" }, chair);
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ error: { id: "sign_on_not_earlier" } });
    }
    expect((await list()).entries).toHaveLength(before);
  });

  it("lets chairs approve only what its contact confirmed by mail", async () => {
    await openSignOn();
    await submit(form());
    await waitFor("the mail", () => mails.length === 1);
    const [entry] = (await list()).entries;
    const refused = await api(server, "POST", chairPath(`/entries/${entry!.id}/approve`), {}, chair);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { id: "sign_on_unconfirmed" } });
    expect((await list()).entries[0]).toMatchObject({ status: "unconfirmed", decidedBy: null });
    await confirmBy("lucia@rma.example.org");
    expect((await api(server, "POST", chairPath(`/entries/${entry!.id}/approve`), {}, chair)).status).toBe(200);
    // Rejected, then approved again on second thoughts.
    expect((await api(server, "POST", chairPath(`/entries/${entry!.id}/reject`), {}, chair)).status).toBe(200);
    expect(await (await api(server, "POST", chairPath(`/entries/${entry!.id}/approve`), {}, chair)).json()).toMatchObject({ status: "approved" });
    // An unconfirmed entry may still be rejected (spam).
    await submit(form({ organisation: "Spam Org", email: "spam@example.org" }));
    const spam = (await list("unconfirmed")).entries[0]!;
    expect(await (await api(server, "POST", chairPath(`/entries/${spam.id}/reject`), {}, chair)).json()).toMatchObject({ status: "rejected" });
  });

  it("refuses control and invisible characters in the chairs' notes, hand entries and corrections", async () => {
    const entry = await byHand("Org");
    for (const bad of ["x\u0000y", "x\u0007y", "x\u202Ey"]) {
      for (const action of ["approve", "reject"]) {
        const response = await api(server, "POST", chairPath(`/entries/${entry.id}/${action}`), { note: bad }, chair);
        expect(response.status, `${action} ${JSON.stringify(bad)}`).toBe(400);
        expect(await response.json()).toMatchObject({ error: { id: "invalid_request", field: "note" } });
      }
      for (const body of [{ organisation: "Other", country: "FR", region: "Europe", type: "ngo", consentPublish: true, note: bad }, { organisation: "Other", country: "FR", region: "Europe", type: "ngo", consentPublish: true, website: `https://x.org/${bad}` }]) {
        expect((await api(server, "POST", chairPath("/entries"), body, chair)).status, JSON.stringify(body)).toBe(400);
      }
      expect((await api(server, "PATCH", chairPath(`/entries/${entry.id}`), { website: `https://x.org/${bad}` }, chair)).status).toBe(400);
      expect((await api(server, "PATCH", chairPath(`/entries/${entry.id}`), { organisation: bad }, chair)).status).toBe(400);
    }
    // A country that is not an ISO code, by hand or in a correction.
    expect((await api(server, "POST", chairPath("/entries"), { organisation: "Other", country: "ZZ", region: "Europe", type: "ngo", consentPublish: true }, chair)).status).toBe(400);
    expect((await api(server, "PATCH", chairPath(`/entries/${entry.id}`), { country: "QQ" }, chair)).status).toBe(400);
    // Persian needs the zero-width non-joiner: it is kept.
    expect(await (await api(server, "PATCH", chairPath(`/entries/${entry.id}`), { organisationLocal: "می\u200Cخواهیم" }, chair)).json()).toMatchObject({ organisationLocal: "می\u200Cخواهیم" });
    const earlier = await nextVersion("Rev bad");
    for (const bad of ["x\u0000y", "x\u0007y", "x\u202Ey"]) {
      const carried = await api(server, "POST", chairPath("/carry-forward"), { from: earlier, note: bad }, chair);
      expect(carried.status).toBe(400);
      expect(await carried.json()).toMatchObject({ error: { field: "note" } });
    }
    expect((await list()).entries).toEqual([]);
    versionId = earlier;
    expect((await list()).entries).toMatchObject([{ organisation: "Org", status: "approved", note: "", country: "FR", website: "" }]);
  });

  it("withdraws a carried entry's copies, and a merged entry's kept one when it has the same email", async () => {
    await openSignOn();
    await submit(form());
    await submit(form({ organisation: "RMA", email: "lucia@rma.example.org" }));
    await submit(form({ organisation: "Red Migrante Andina", country: "BO", email: "info@rma.example.org" }));
    await submit(form({ organisation: "Otra Red", country: "BO", email: "otra@example.org" }));
    await submit(form({ organisation: "Otra Red", country: "BO", email: "press@example.org" }));
    await waitFor("five mails", () => mails.length === 5);
    const links = new Map<string, string>();
    for (const entry of (await list()).entries) {
      const token = mails.filter((m) => !Array.isArray(m.to) && m.to?.text === entry.email && m.subject?.includes(entry.organisation)).at(-1)!.text!.match(/confirm#([A-Za-z0-9_-]+)/)![1]!;
      expect((await api(server, "POST", "/api/public/sign-on/confirm", { token })).status).toBe(200);
      links.set(`${entry.organisation}|${entry.email}`, token);
    }
    const entries = (await list()).entries;
    const find = (organisation: string, email: string) => entries.find((e) => e.organisation === organisation && e.email === email)!;
    const rma = find("Red Migrante Andina", "lucia@rma.example.org");
    for (const e of entries) expect((await api(server, "POST", chairPath(`/entries/${e.id}/approve`), {}, chair)).status).toBe(200);
    // Same email: "RMA" merged into the kept entry; another contact's duplicate merged too.
    expect((await api(server, "POST", chairPath(`/entries/${find("RMA", "lucia@rma.example.org").id}/merge`), { into: rma.id }, chair)).status).toBe(200);
    const otra = find("Otra Red", "otra@example.org");
    expect((await api(server, "POST", chairPath(`/entries/${find("Otra Red", "press@example.org").id}/merge`), { into: otra.id }, chair)).status).toBe(200);

    // Carried into the next version, and from there into a third.
    const first = await nextVersion();
    expect((await api(server, "POST", chairPath("/carry-forward"), { from: first, note: "Rev 1" }, chair)).status).toBe(200);
    const second = await nextVersion("Rev 2");
    expect((await api(server, "POST", chairPath("/carry-forward"), { from: second, note: "Rev 2" }, chair)).status).toBe(200);
    const third = versionId;
    const statusIn = async (version: string, organisation: string, email: string) => {
      versionId = version;
      return (await list()).entries.find((e) => e.organisation === organisation && e.email === email)?.status;
    };
    expect(await statusIn(third, "Red Migrante Andina", "info@rma.example.org")).toBe("approved");

    // The organisation withdraws with its first link: every copy goes.
    const withdrawn = await api(server, "POST", "/api/public/sign-on/withdraw", { token: links.get("Red Migrante Andina|info@rma.example.org") });
    expect(await withdrawn.json()).toEqual({ status: "withdrawn", organisation: "Red Migrante Andina" });
    for (const version of [first, second, third]) expect(await statusIn(version, "Red Migrante Andina", "info@rma.example.org")).toBe("withdrawn");

    // The merged entry's link, same email as the kept one: the kept one is withdrawn, with its copies.
    const viaMerged = await api(server, "POST", "/api/public/sign-on/withdraw", { token: links.get("RMA|lucia@rma.example.org") });
    expect(await viaMerged.json()).toEqual({ status: "withdrawn", organisation: "RMA" });
    for (const version of [first, second, third]) expect(await statusIn(version, "Red Migrante Andina", "lucia@rma.example.org")).toBe("withdrawn");

    // Another contact's merged duplicate: the kept entry stays, the withdrawal is recorded and audited for chairs.
    const other = await api(server, "POST", "/api/public/sign-on/withdraw", { token: links.get("Otra Red|press@example.org") });
    expect(await other.json()).toEqual({ status: "merged", organisation: "Otra Red" });
    expect(await statusIn(first, "Otra Red", "otra@example.org")).toBe("approved");
    expect((await list()).entries.find((e) => e.email === "press@example.org")).toMatchObject({ status: "merged", withdrawnAt: expect.any(String) });
    const log = auditListSchema.parse(await (await api(server, "GET", `/api/workspaces/${workspaceId}/audit`, undefined, chair)).json());
    expect(log.entries.filter((e) => e.action === "sign_on_withdrawn" && e.subject === find("Otra Red", "press@example.org").id)).toHaveLength(1);
    expect(await statusIn(third, "Otra Red", "otra@example.org")).toBe("approved");
  });

  it("merges only into a live entry, and not back into the entry merged", async () => {
    const a = await byHand("Org A");
    const b = await byHand("Org A ", { country: "BE" });
    const c = await byHand("Org C");
    expect((await api(server, "POST", chairPath(`/entries/${c.id}/reject`), {}, chair)).status).toBe(200);
    const intoRejected = await api(server, "POST", chairPath(`/entries/${a.id}/merge`), { into: c.id }, chair);
    expect(intoRejected.status).toBe(409);
    expect(await intoRejected.json()).toMatchObject({ error: { id: "sign_on_merge_target" } });
    expect((await api(server, "POST", chairPath(`/entries/${a.id}/merge`), { into: b.id }, chair)).status).toBe(200);
    const back = await api(server, "POST", chairPath(`/entries/${b.id}/merge`), { into: a.id }, chair);
    expect(back.status).toBe(409);
    expect(await back.json()).toMatchObject({ error: { id: "sign_on_merge_target" } });
    expect((await list()).entries.map((e) => [e.organisation, e.status])).toEqual([
      ["Org A", "merged"],
      ["Org A", "approved"],
      ["Org C", "rejected"],
    ]);
  });

  it("keeps a chair's correction when the organisation submits again", async () => {
    await openSignOn();
    await submit(form({ organisation: "Red Migrnte Andina" }));
    const [entry] = (await list()).entries;
    expect((await api(server, "PATCH", chairPath(`/entries/${entry!.id}`), { organisation: "Red Migrante Andina", acronym: "R.M.A." }, chair)).status).toBe(200);
    // The same email and the organisation as first typed: the entry found again keeps the chair's fields, and takes the new link.
    expect((await submit(form({ organisation: "Red Migrnte Andina", acronym: "XX", person: "Someone Else" }))).status).toBe(202);
    await waitFor("two mails", () => mails.length === 2);
    const entries = (await list()).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ organisation: "Red Migrante Andina", acronym: "R.M.A.", person: "Lucía Quispe", editedAt: expect.any(String) });
    expect((await api(server, "POST", "/api/public/sign-on/confirm", { token: tokenOf("lucia@rma.example.org").token })).status).toBe(200);
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

    // The typed section is still in the text of the next version: opening sign-on there enters nothing
    // (the rejected name does not come back); chairs carry forward what they choose.
    const first = await nextVersion();
    expect(await (await api(server, "GET", `/api/documents/${documentId}/versions/${versionId}?format=md`, undefined, chair)).text()).toContain("Migrant Forum in Asia");
    await openSignOn();
    expect((await list()).entries).toEqual([]);
    const carried = (await (await api(server, "POST", chairPath("/carry-forward"), { from: first, note: "Still with us" }, chair)).json()) as { carried: string[] };
    expect(carried.carried).toHaveLength(2);
    expect((await list()).entries.map((e) => e.organisation).sort()).toEqual(["Migrant Forum in Asia", "Picum"]);
  });
});

describe("sign-on rate limits behind a proxy", () => {
  beforeEach(async () => {
    const port = await startSmtp();
    await start({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "Drafting <drafting@example.org>", TRUST_PROXY: "true" });
  });
  afterEach(async () => {
    await server.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    removeDataDir(dataDir);
  });

  const from = (address: string, body: unknown) =>
    fetch(`${server.url}/api/public/sign-on/${versionId}`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": address }, body: JSON.stringify(body) });

  it("counts an IPv6 client by its /64, and an IPv4 one by its address", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("192.0.2.7")).toBe("192.0.2.7");
  });

  it("limits one IPv6 /64 however many addresses it rotates through, not its neighbours", async () => {
    await openSignOn();
    for (let i = 0; i < limits.signOnsPerAddress; i++) expect((await from(`2001:db8:1:2::${(i + 1).toString(16)}`, form({ email: `p${i}@example.org` }))).status).toBe(202);
    const rotated = await from("2001:db8:1:2:ffff:ffff:ffff:fffe", form({ email: "rotated@example.org" }));
    expect(rotated.status).toBe(429);
    expect(await rotated.json()).toMatchObject({ error: { id: "too_many_attempts" } });
    expect((await from("2001:db8:1:3::1", form({ email: "neighbour@example.org" }))).status).toBe(202);
  });

  it("caps the submissions to one version an hour, whatever the addresses", async () => {
    await openSignOn();
    for (let i = 0; i < limits.signOnsPerVersion; i++) {
      expect((await from(`198.51.100.${i % 250}`, form({ organisation: `Org ${i}`, email: `p${i}@example.org` }))).status, `submission ${i}`).toBe(202);
    }
    const capped = await from("203.0.113.9", form({ email: "late@example.org" }));
    expect(capped.status).toBe(429);
    expect((await list()).entries).toHaveLength(limits.signOnsPerVersion);
  });
});
