/**
 * The demo's sign-on: organisations (invented, from every region) endorsing the last frozen
 * version, in every state a chair meets: approved, confirmed and waiting for a chair, not yet
 * confirmed, withdrawn, a likely duplicate; and the names typed in the statement before
 * sign-on, one of them completed by the chair. Form entries are stored as the public form
 * stores them (the demo sends no mail); the chair's steps go through the chairs' API, so
 * counts, exports and the audit log come from the real commands.
 */
import type { OrganisationType, SignOnStatus } from "../../shared/signOn.js";
import type { Locale } from "../../shared/i18n/locales.js";
import { hashSecret, newId, newSecret } from "../auth/secrets.js";
import { formKey } from "../commands/signOnEntries.js";
import type { RunningServer } from "../app.js";

interface DemoOrganisation {
  organisation: string;
  organisationLocal?: string;
  acronym?: string;
  country: string;
  region: string;
  type: OrganisationType;
  person: string;
  personTitle?: string;
  email: string;
  language?: Locale;
  consentContact?: boolean;
  /** Where it stands; `approved` goes through the chair's approval. */
  status: Extract<SignOnStatus, "unconfirmed" | "confirmed" | "approved" | "withdrawn">;
}

const organisations: DemoOrganisation[] = [
  { organisation: "Red Migrante Andina", acronym: "RMA", country: "PE", region: "Latin America", type: "network", person: "Lucía Quispe", personTitle: "Coordinadora", email: "lucia@rma.example.org", language: "es", consentContact: true, status: "approved" },
  { organisation: "Casa del Migrante de la Frontera Sur", country: "MX", region: "Latin America", type: "faithBased", person: "Hermana Rosa Díaz", email: "rosa@casamigrante.example.org", language: "es", status: "approved" },
  { organisation: "Colectivo Fronteras Abiertas", country: "CO", region: "Latin America", type: "ngo", person: "Andrés Mejía", email: "andres@fronteras.example.org", language: "es", status: "approved" },
  { organisation: "Kituo cha Haki za Wahamiaji", country: "KE", region: "Africa", type: "migrantLed", person: "Wanjiru Kamau", personTitle: "Director", email: "wanjiru@kituo.example.org", consentContact: true, status: "approved" },
  { organisation: "West African Migrants' Rights Network", acronym: "WAMRN", country: "GH", region: "Africa", type: "network", person: "Kofi Mensah", email: "kofi@wamrn.example.org", status: "approved" },
  { organisation: "Association Sénégalaise pour la Migration Sûre", country: "SN", region: "Africa", type: "ngo", person: "Awa Ndiaye", email: "awa@asms.example.org", language: "fr", status: "approved" },
  { organisation: "Migrant Workers' Solidarity Centre", country: "PH", region: "Asia", type: "tradeUnion", person: "Maria Santos", personTitle: "Secretary General", email: "maria@mwsc.example.org", consentContact: true, status: "approved" },
  { organisation: "Nepal Returnee Workers' Association", country: "NP", region: "Asia", type: "migrantLed", person: "Bishnu Thapa", email: "bishnu@nrwa.example.org", status: "approved" },
  { organisation: "Centre for Mobility Studies", country: "PT", region: "Europe", type: "academic", person: "Prof. Inês Carvalho", email: "ines@mobility.example.org", status: "approved" },
  { organisation: "Plateforme Migrations et Droits", country: "FR", region: "Europe", type: "network", person: "Claire Martin", email: "claire@pmd.example.org", language: "fr", status: "approved" },
  {
    organisation: "Jordan Migrant Rights Network",
    organisationLocal: "شبكة حقوق المهاجرين في الأردن",
    country: "JO",
    region: "Middle East and North Africa",
    type: "network",
    person: "Rania Haddad",
    email: "rania@jmrn.example.org",
    language: "ar",
    status: "approved",
  },
  { organisation: "Association Marocaine des Droits des Migrants", country: "MA", region: "Middle East and North Africa", type: "ngo", person: "Youssef Benali", email: "youssef@amdm.example.org", language: "fr", status: "approved" },
  { organisation: "Coalition for Humane Migration", country: "US", region: "North America", type: "network", person: "Jordan Ellis", email: "jordan@chm.example.org", status: "approved" },
  { organisation: "Pacific Climate Mobility Network", country: "FJ", region: "Pacific", type: "network", person: "Mere Tuilau", email: "mere@pcmn.example.org", status: "approved" },
  // Waiting for a chair.
  { organisation: "Beirut Domestic Workers' Collective", country: "LB", region: "Middle East and North Africa", type: "migrantLed", person: "Tigist Alemu", email: "tigist@bdwc.example.org", status: "confirmed" },
  { organisation: "Toronto Newcomer Workers' Centre", country: "CA", region: "North America", type: "tradeUnion", person: "Priya Raman", email: "priya@tnwc.example.org", status: "confirmed" },
  // The same organisation again, from another address: flagged to the chair as a likely duplicate.
  { organisation: "Red Migrante Andina", country: "PE", region: "Latin America", type: "network", person: "Jorge Huamán", email: "info@rma.example.org", language: "es", status: "confirmed" },
  // Its link not opened yet.
  { organisation: "Sahel Youth for Safe Migration", country: "NE", region: "Africa", type: "ngo", person: "Ibrahim Moussa", email: "ibrahim@sysm.example.org", language: "fr", status: "unconfirmed" },
  // Withdrawn by its own link.
  { organisation: "Balkan Route Watch", country: "RS", region: "Europe", type: "ngo", person: "Milena Jovanović", email: "milena@brw.example.org", status: "withdrawn" },
];

/** A day some `daysAgo` before now, at `hour` UTC. */
function dayBefore(daysAgo: number, hour: number): string {
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  at.setUTCHours(hour, 0, 0, 0);
  return at.toISOString();
}

/**
 * Open sign-on for `versionId` as the chair (`call` signs the request in as them) and fill it
 * with the organisations above.
 */
export async function seedSignOn(server: RunningServer, call: (method: string, path: string, body?: unknown) => Promise<unknown>, ids: { documentId: string; versionId: string }): Promise<void> {
  const signOnPath = `/api/documents/${ids.documentId}/versions/${ids.versionId}/sign-on`;
  const linked = async (action: "confirm" | "withdraw", token: string) => {
    const response = await fetch(`${server.url}/api/public/sign-on/${action}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) });
    if (!response.ok) throw new Error(`demo seeding: sign-on ${action} answered ${response.status}`);
  };
  await call("POST", `${signOnPath}/open`);
  for (const [index, demo] of organisations.entries()) {
    const { status, language, organisationLocal, acronym, personTitle, consentContact, ...fields } = demo;
    const createdAt = dayBefore(organisations.length - index, 9 + (index % 8));
    const token = newSecret();
    const { entry } = await server.storage.signOn.submit({
      ...fields,
      organisationLocal: organisationLocal ?? "",
      acronym: acronym ?? "",
      website: `https://${demo.email.split("@")[1]}`,
      personTitle: personTitle ?? "",
      consentContact: consentContact ?? false,
      id: newId(),
      versionId: ids.versionId,
      documentId: ids.documentId,
      language: language ?? "en",
      source: "form",
      status: "unconfirmed",
      createdAt,
      note: "",
      dedupeKey: formKey(demo.email, demo.organisation),
      tokenHash: hashSecret(token),
    });
    if (status === "unconfirmed") continue;
    // Confirmed (and withdrawn) with the mailed link, as the organisation would: audited, the chairs notified.
    await linked("confirm", token);
    if (status === "withdrawn") await linked("withdraw", token);
    if (status === "approved") await call("POST", `${signOnPath}/entries/${entry.id}/approve`, {});
  }
  // The chair completes a name typed in the statement before sign-on with its country and region.
  const list = (await call("GET", `${signOnPath}?status=approved`)) as { entries: Array<{ id: string; source: string; organisation: string }> };
  const typed = list.entries.find((entry) => entry.source === "typed");
  if (typed) await call("PATCH", `${signOnPath}/entries/${typed.id}`, { country: "ZA", region: "Africa", type: "network" });
  // What the chair already approved is news read: the bell keeps the organisations still waiting.
  const approvedNames = new Set(list.entries.map((entry) => entry.organisation));
  const news = (await call("GET", "/api/notifications?limit=100")) as { notifications: Array<{ id: string; kind: string; detail: { organisation?: string } }> };
  const read = news.notifications.filter((n) => n.kind === "signOnPending" && approvedNames.has(n.detail.organisation ?? "")).map((n) => n.id);
  if (read.length > 0) await call("POST", "/api/notifications/read", { ids: read });
  // And adds one by phone, by hand.
  await call("POST", `${signOnPath}/entries`, {
    organisation: "Bangladesh Migrant Women Workers' Forum",
    country: "BD",
    region: "Asia",
    type: "migrantLed",
    consentPublish: true,
    note: "Confirmed by phone with the director, Ms. Akter.",
  });
}
