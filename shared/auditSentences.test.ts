/** The audit log's sentences in each language: one ICU message per sentence, names and titles as recorded. */
import { describe, expect, it } from "vitest";
import { intlFor } from "../server/i18n.js";
import type { AuditEntry } from "./api/audit.js";
import { auditActionName, auditValueName, describeAuditEntry } from "./auditSentences.js";
import { LOCALES } from "./i18n/locales.js";

const statement = { id: "document00001", name: "Now and How: Ten Acts" };
const sha256 = "0123456789abcdef".repeat(4);

function entry(action: string, details: AuditEntry["details"], more: Partial<AuditEntry> = {}): AuditEntry {
  return { id: 1, at: "2026-11-30T07:08:09.000Z", action, actor: "Amina Chair", actorId: "account00001", subject: "account00002", subjectName: "Kofi Mensah", details, detail: {}, address: null, ...more };
}

const roleChanged = entry("member_changed", { before: "reviewer", after: "observer", groupsBefore: [], groupsAfter: ["Firewalls"] });
const frozen = entry("round_frozen", { document: statement, round: { id: "round0000001", name: "Zero draft" }, version: { id: "version00001", sha256 } });
const languageChanged = entry("document_language_changed", { document: statement, before: "en", after: "fr" });
const refused = (count: number) => entry("update_refused", { document: statement, count, reason: "read_only" });
const invited = entry("invite_created", { role: "observer", note: "Lena" });
const passwordChanged = entry("password_changed", { signedOut: 2 });

const say = (locale: (typeof LOCALES)[number], e: AuditEntry) => describeAuditEntry(intlFor(locale), e);

describe("audit sentences", () => {
  it("keep today's English", () => {
    expect(say("en", roleChanged)).toBe("Amina Chair changed Kofi Mensah’s role from reviewer to observer and reference groups from none to Firewalls");
    expect(say("en", frozen)).toBe("Amina Chair froze “Zero draft” of “Now and How: Ten Acts” (version 01234567…)");
    expect(say("en", languageChanged)).toBe("Amina Chair changed the language of “Now and How: Ten Acts” to French");
    expect(say("en", refused(1))).toBe("A change by Amina Chair in “Now and How: Ten Acts” refused (their role may not edit)");
    expect(say("en", refused(3))).toBe("3 changes by Amina Chair in “Now and How: Ten Acts” refused (their role may not edit)");
    expect(say("en", invited)).toBe("Amina Chair invited an observer (for “Lena”)");
    expect(say("en", entry("member_changed", { before: "reviewer", after: "coordinator" }, { subjectName: null }))).toBe("Amina Chair changed a former member’s role from reviewer to coordinator");
    expect(say("en", entry("login_failed", {}, { actor: null, subjectName: "x@example.org" }))).toBe("Failed sign-in as x@example.org");
    expect(say("en", entry("something_new", {}, { actor: null }))).toBe("Someone: something new");
  });

  it("read in French", () => {
    expect(say("fr", roleChanged)).toBe("Amina Chair a changé le rôle de Kofi Mensah de «\u00a0relecteur\u00a0» en «\u00a0observateur\u00a0» et ses groupes de référence de «\u00a0aucun\u00a0» en «\u00a0Firewalls\u00a0»");
    expect(say("fr", frozen)).toBe("Amina Chair a figé le cycle «\u00a0Zero draft\u00a0» de la déclaration «\u00a0Now and How: Ten Acts\u00a0» (version 01234567…)");
    expect(say("fr", languageChanged)).toBe("Amina Chair a changé la langue de la déclaration «\u00a0Now and How: Ten Acts\u00a0» en français");
    expect(say("fr", refused(3))).toBe("3 modifications apportées par Amina Chair à «\u00a0Now and How: Ten Acts\u00a0» ont été refusées (son rôle ne permet pas de modifier le texte)");
    expect(say("fr", passwordChanged)).toBe("Amina Chair a changé son mot de passe (2 autres sessions fermées)");
    expect(say("fr", entry("member_changed", { before: "reviewer", after: "coordinator" }, { subjectName: null }))).toBe("Amina Chair a changé le rôle d’un ancien membre de «\u00a0relecteur\u00a0» en «\u00a0coordinateur\u00a0»");
    expect(auditActionName(intlFor("fr"), "round_frozen")).toBe("Cycle figé");
  });

  it("read in Arabic, every plural form, digits Western", () => {
    expect(say("ar", roleChanged)).toBe("قام Amina Chair بتغيير دور العضو Kofi Mensah من مراجع إلى مراقب، وأفرقته المرجعية (قبل: لا يوجد؛ بعد: Firewalls)");
    expect(say("ar", frozen)).toBe("قام Amina Chair بتجميد الجولة «Zero draft» للبيان «Now and How: Ten Acts» (النسخة 01234567…)");
    expect(say("ar", languageChanged)).toBe("قام Amina Chair بتغيير لغة البيان «Now and How: Ten Acts» إلى الفرنسية");
    expect(say("ar", invited)).toBe("قام Amina Chair بدعوة مراقب (موجّهة إلى «Lena»)");
    expect([1, 2, 3, 11, 100].map((count) => say("ar", refused(count)).split(" Amina")[0])).toEqual([
      "رُفض تغيير أجراه",
      "رُفض تغييران أجراهما",
      "رُفضت 3 تغييرات أجراها",
      "رُفض 11 تغييرًا أجراها",
      "رُفض 100 تغيير أجراها",
    ]);
    expect(auditActionName(intlFor("ar"), "document_language_changed")).toBe("تغيير لغة البيان");
  });

  it("name the language a statement was set to in the reader's language", () => {
    expect(LOCALES.map((locale) => say(locale, languageChanged).match(/(French|français|francés|الفرنسية)$/)?.[1])).toEqual(["French", "français", "francés", "الفرنسية"]);
    expect(LOCALES.map((locale) => auditValueName(intlFor(locale), "document_language_changed", "ar"))).toEqual(["Arabic", "arabe", "árabe", "العربية"]);
  });

  it("name a matrix position in the reader's language in the CSV's before and after columns", () => {
    const english = ["supports", "opposes", "flexible", "unknown"].map((position) => auditValueName(intlFor("en"), "matrix_cell_set", position));
    expect(english).toEqual(["Supports", "Opposes", "Flexible", "Not known"]);
    for (const locale of LOCALES.filter((locale) => locale !== "en")) {
      for (const position of ["supports", "opposes"]) expect(auditValueName(intlFor(locale), "matrix_cell_set", position), `${locale} ${position}`).not.toBe(auditValueName(intlFor("en"), "matrix_cell_set", position));
    }
    expect(auditValueName(intlFor("fr"), "matrix_cell_set", undefined)).toBeUndefined();
  });

  it("tell the chairs which member's notification mail was given up, after how many attempts and why, in every language", () => {
    const givenUp = (count: number) => entry("mail_failed", { count, reason: "451 try again later" }, { actor: null, actorId: null });
    expect(LOCALES.map((locale) => say(locale, givenUp(3)))).toEqual([
      "A notification mail to Kofi Mensah could not be sent after 3 attempts and was given up (451 try again later)",
      "Un mail de notification à Kofi Mensah n’a pas pu être envoyé après 3 tentatives et a été abandonné (451 try again later)",
      "No se pudo enviar un correo de notificación a Kofi Mensah tras 3 intentos y se abandonó (451 try again later)",
      "تعذّر إرسال بريد إشعار إلى Kofi Mensah بعد 3 محاولات فتم التخلي عنه (451 try again later)",
    ]);
    expect(say("en", givenUp(1))).toContain("after 1 attempt and");
    expect(say("ar", givenUp(2))).toContain("بعد محاولتين");
    expect(LOCALES.map((locale) => auditActionName(intlFor(locale), "mail_failed"))).toEqual(["Notification mail given up", expect.any(String), expect.any(String), expect.any(String)]);
    for (const locale of LOCALES.filter((locale) => locale !== "en")) expect(auditActionName(intlFor(locale), "mail_failed"), locale).not.toBe("Notification mail given up");
  });

  it("have a sentence for every recorded action in every language, with no message left untranslated", () => {
    const actions = ["workspace_created", "document_created", "document_language_changed", "member_changed", "member_removed", "invite_created", "invite_revoked", "invite_accepted", "name_changed", "round_opened", "round_frozen", "version_restored", "thread_resolved", "thread_reopened", "update_refused", "login", "login_failed", "token_created", "token_revoked", "password_changed", "password_reset_link_created", "password_reset", "mail_failed"];
    for (const locale of LOCALES) {
      for (const action of actions) {
        const sentence = say(locale, entry(action, { document: statement, role: "reviewer", quote: "independent monitoring", count: 2 }));
        expect(sentence, `${locale} ${action}`).not.toMatch(/[{}]|undefined/);
        if (locale !== "en") expect(sentence, `${locale} ${action}`).not.toBe(say("en", entry(action, { document: statement, role: "reviewer", quote: "independent monitoring", count: 2 })));
      }
    }
  });
});

describe("sign-on sentences", () => {
  const version = { id: "version00001", sha256, roundName: "Zero draft" };
  const approved = entry("sign_on_approved", { document: statement, version, organisation: "Red Migrante Andina", before: "confirmed", after: "approved" });
  const edited = entry("sign_on_edited", {
    document: statement,
    version,
    organisation: "Red Migrante Andna",
    changes: [
      { field: "organisation", before: "Red Migrante Andna", after: "Red Migrante Andina" },
      { field: "country", before: "BO", after: "PE" },
    ],
  });
  const carried = (count: number) => entry("sign_on_carried_forward", { document: statement, version, previousRound: { id: "round0000001", name: "Zero draft" }, count, note: "Agreed" });

  it("name the organisation, the round and the statement, and each corrected field before and after", () => {
    expect(say("en", approved)).toBe("Amina Chair approved the sign-on of Red Migrante Andina to “Zero draft” of “Now and How: Ten Acts”");
    expect(say("en", edited)).toBe(
      "Amina Chair corrected the sign-on of Red Migrante Andna to “Zero draft” of “Now and How: Ten Acts”: name “Red Migrante Andna” → “Red Migrante Andina”, country “BO” → “PE”",
    );
    expect(say("en", carried(1))).toContain("carried 1 approved sign-on forward");
    expect(say("en", carried(4))).toContain("carried 4 approved sign-ons forward");
    expect(say("fr", approved)).toBe("Amina Chair a approuvé la signature de Red Migrante Andina pour «\u00a0Zero draft\u00a0» de la déclaration «\u00a0Now and How: Ten Acts\u00a0»");
    expect(say("es", edited)).toContain("país «BO» → «PE»");
    expect(say("ar", approved)).toBe("وافق Amina Chair على توقيع Red Migrante Andina على «Zero draft» من البيان «Now and How: Ten Acts»");
    for (const locale of LOCALES) {
      for (const action of ["sign_on_opened", "sign_on_closed", "sign_on_added", "sign_on_approved", "sign_on_rejected", "sign_on_edited", "sign_on_merged", "sign_on_carried_forward"]) {
        const sentence = say(locale, entry(action, { document: statement, version, organisation: "Red Migrante Andina", into: "RMA", count: 2, previousRound: { id: "round0000001", name: "R0" }, note: "n", changes: [] }));
        expect(sentence, `${locale} ${action}`).toContain("Amina Chair");
        expect(sentence, `${locale} ${action}`).toContain("Zero draft");
        expect(auditActionName(intlFor(locale), action), `${locale} ${action}`).not.toContain("_");
      }
    }
  });
});
