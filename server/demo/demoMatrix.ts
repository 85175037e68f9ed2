/**
 * The demo's Surround Sound matrix: the Ten Acts annex's targets (seeded with the
 * statement) plus a few more, the workspace's negotiating groups, positions recorded
 * round by round (some moving between rounds, a few notes internal), and advocates in
 * New York, Geneva and capitals with their contacts, leaving some targets with nobody in
 * their capital. Everything goes through the HTTP API as the chair and coordinators would
 * do it, so the audit log, the history and the role cuts come from the real routes.
 */
import type { Channel, Position } from "../../shared/matrix/matrix.js";

type Call = (as: "chair" | "coordinator" | "coordinator2", method: string, path: string, body?: unknown) => Promise<unknown>;

interface ViewTarget {
  id: string;
  code: string | null;
  name: string;
  acts: number[];
}

/** States added to the annex's list, with their priority Acts. */
const extraTargets: { code: string; acts: number[] }[] = [
  { code: "MA", acts: [2, 5, 9] },
  { code: "BD", acts: [4, 6] },
  { code: "KE", acts: [1, 8] },
  { code: "BR", acts: [3, 7] },
];

const groups: { name: string; codes: string[] }[] = [
  { name: "African Group", codes: ["DZ", "EG", "GH", "GM", "KE", "MA", "NG", "SN", "ZA"] },
  { name: "EU member states", codes: ["BE", "DE", "FR", "IE", "IT", "NL", "PT", "SE"] },
  { name: "G77 and China", codes: ["BD", "BR", "DO", "EC", "GM", "KE", "MA", "MX", "NG", "PH", "TH", "AE"] },
];

/** Round-by-round positions: the first letter per round (Zero draft, Rev 1, Rev 2) of s(upports), f(lexible), o(pposes), u(nknown). */
const patterns = ["uff", "ffs", "sss", "oof", "ufs", "fss", "uoo", "ssf", "ffo", "uuu"];
const letters: Record<string, Position> = { s: "supports", f: "flexible", o: "opposes", u: "unknown" };

/** What was said, for a few cells of the latest rounds. */
const evidence: { code: string; act: number; round: number; position: Position; note: string; internal?: boolean; quote?: string; url?: string; date: string }[] = [
  { code: "DE", act: 1, round: 1, position: "supports", note: "Supports the reference to drivers in the preamble; wants the climate language kept short.", quote: "We welcome the focus on the drivers of migration.", url: "https://example.org/gcm/rev1/germany-statement", date: "2018-04-04" },
  { code: "MX", act: 2, round: 2, position: "supports", note: "Co-facilitator: expected to push for the firewall language in Rev 2.", date: "2018-05-29" },
  { code: "GB", act: 8, round: 1, position: "opposes", note: "Opposes binding language on returns; open to 'safe and dignified'.", quote: "Return and readmission must remain a sovereign matter.", date: "2018-04-05" },
  { code: "PH", act: 4, round: 2, position: "supports", note: "Champion on labour migration; offered to host a side event.", url: "https://example.org/gcm/rev2/philippines-side-event", date: "2018-06-06" },
  { code: "CH", act: 10, round: 2, position: "flexible", note: "Mission hinted at flexibility if the follow-up text names the IMRF. Do not quote outside the coalition.", internal: true, date: "2018-06-07" },
  { code: "SE", act: 9, round: 1, position: "supports", note: "Supports regional notes on no regression.", date: "2018-04-03" },
];

/** Advocates: organisation, channel, contact (only chairs and coordinators see contacts). */
const advocates: { code: string; channel: Channel; organisation: string; contactName?: string; contactEmail?: string; note?: string; by: "coordinator" | "coordinator2" }[] = [
  { code: "DE", channel: "new_york", organisation: "Plateforme Migrations et Droits", contactName: "Claire Martin", contactEmail: "claire@pmd.example.org", by: "coordinator" },
  { code: "DE", channel: "capital", organisation: "Centre for Mobility Studies", contactName: "Prof. Inês Carvalho", contactEmail: "ines@mobility.example.org", by: "coordinator" },
  { code: "MX", channel: "capital", organisation: "Casa del Migrante de la Frontera Sur", contactName: "Hermana Rosa Díaz", contactEmail: "rosa@casamigrante.example.org", by: "coordinator2" },
  { code: "MX", channel: "new_york", organisation: "Red Migrante Andina", contactName: "Lucía Quispe", contactEmail: "lucia@rma.example.org", by: "coordinator2" },
  { code: "EC", channel: "capital", organisation: "Red Migrante Andina", contactName: "Jorge Huamán", contactEmail: "info@rma.example.org", by: "coordinator2" },
  { code: "PH", channel: "capital", organisation: "Migrant Workers' Solidarity Centre", contactName: "Maria Santos", contactEmail: "maria@mwsc.example.org", note: "Meets the labour attaché monthly.", by: "coordinator" },
  { code: "PH", channel: "geneva", organisation: "Migrant Workers' Solidarity Centre", contactName: "Maria Santos", contactEmail: "maria@mwsc.example.org", by: "coordinator" },
  { code: "GM", channel: "capital", organisation: "West African Migrants' Rights Network", contactName: "Kofi Mensah", contactEmail: "kofi@wamrn.example.org", by: "coordinator" },
  { code: "NG", channel: "new_york", organisation: "West African Migrants' Rights Network", contactName: "Kofi Mensah", contactEmail: "kofi@wamrn.example.org", by: "coordinator" },
  { code: "KE", channel: "capital", organisation: "Kituo cha Haki za Wahamiaji", contactName: "Wanjiru Kamau", contactEmail: "wanjiru@kituo.example.org", by: "coordinator" },
  { code: "MA", channel: "capital", organisation: "Association Marocaine des Droits des Migrants", contactName: "Youssef Benali", contactEmail: "youssef@amdm.example.org", by: "coordinator2" },
  { code: "CH", channel: "geneva", organisation: "Plateforme Migrations et Droits", contactName: "Claire Martin", contactEmail: "claire@pmd.example.org", by: "coordinator" },
  { code: "CA", channel: "capital", organisation: "Toronto Newcomer Workers' Centre", contactName: "Priya Raman", contactEmail: "priya@tnwc.example.org", by: "coordinator2" },
  { code: "GB", channel: "new_york", organisation: "Coalition for Humane Migration", contactName: "Jordan Ellis", contactEmail: "jordan@chm.example.org", by: "coordinator2" },
  { code: "TH", channel: "capital", organisation: "Nepal Returnee Workers' Association", contactName: "Bishnu Thapa", contactEmail: "bishnu@nrwa.example.org", by: "coordinator" },
];

/** Seed the demo statement's matrix over its rounds (oldest first). */
export async function seedDemoMatrix(call: Call, ids: { workspaceId: string; documentId: string }, roundIds: string[]): Promise<void> {
  const matrix = `/api/documents/${ids.documentId}/matrix`;
  for (const target of extraTargets) await call("chair", "POST", `${matrix}/targets`, target);
  for (const group of groups) await call("chair", "POST", `/api/workspaces/${ids.workspaceId}/negotiating-groups`, group);
  const view = (await call("chair", "GET", matrix)) as { targets: ViewTarget[] };
  const byCode = new Map(view.targets.filter((t) => t.code).map((t) => [t.code!, t]));
  // Positions on each target's priority Acts, round by round (two coordinators sharing the work).
  for (const [round, roundId] of roundIds.entries()) {
    for (const [index, target] of view.targets.entries()) {
      for (const act of target.acts) {
        const pattern = patterns[(index + act) % patterns.length]!;
        const said = evidence.find((e) => e.code === target.code && e.act === act && e.round === round);
        const position = said?.position ?? letters[pattern[Math.min(round, pattern.length - 1)]!]!;
        // Nothing recorded yet for some cells of the zero draft.
        if (round === 0 && position === "unknown") continue;
        await call(index % 2 === 0 ? "coordinator" : "coordinator2", "PUT", `${matrix}/cells`, {
          targetId: target.id,
          act,
          roundId,
          position,
          note: said?.note ?? "",
          internal: said?.internal ?? false,
          evidenceUrl: said?.url ?? "",
          evidenceQuote: said?.quote ?? "",
          evidenceDate: said?.date ?? "",
          baseRevision: null,
        });
      }
    }
  }
  for (const advocate of advocates) {
    const target = byCode.get(advocate.code);
    if (!target) continue;
    await call(advocate.by, "POST", `${matrix}/advocates`, {
      targetId: target.id,
      channel: advocate.channel,
      organisation: advocate.organisation,
      contactName: advocate.contactName ?? "",
      contactEmail: advocate.contactEmail ?? "",
      note: advocate.note ?? "",
    });
  }
}
