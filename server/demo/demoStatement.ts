import type { ActTemplate, StatementTemplate } from "../../shared/templates/buildStatement.js";
import { tenActsTemplate } from "../../shared/templates/buildStatement.js";

const notes: Record<number, ActTemplate["notes"]> = {
  2: {
    1: [
      {
        region: "Latin America",
        text: "Regional standards in South America already exclude detention on grounds of migration status. No regression from them is acceptable.",
      },
    ],
  },
  8: { 0: [{ region: "Africa", text: "Reintegration support must be planned with local communities in countries of return." }] },
};

const clauses: string[][] = [
  [
    "Address the adverse drivers that compel people to leave their homes, including poverty, conflict, disasters and the effects of climate change.",
    "Recognise that human mobility is also a positive choice, and that policies should widen that choice rather than narrow it.",
  ],
  [
    "Expand regular pathways for work, family reunification, study and humanitarian admission, so that no one is pushed towards irregular and dangerous routes.",
    "Ensure that temporary and circular schemes carry the same labour and social rights as permanent ones.",
  ],
  [
    "Guarantee that every migrant, whatever their status, is protected from violence, exploitation and refoulement.",
    "End the detention of children for reasons of their or their parents' migration status.",
  ],
  [
    "Uphold decent work for all migrant workers, including domestic and seasonal workers, and the right to organise.",
    "Regulate recruitment so that workers never pay fees to obtain employment.",
  ],
  [
    "Establish firewalls between public services and immigration enforcement, so that migrants can seek health care, education and justice without fear.",
  ],
  [
    "Recognise skills and qualifications across borders and open education to children regardless of status.",
  ],
  [
    "Act against xenophobia, racism and discrimination in law, policy and public discourse.",
  ],
  [
    "Enable migrants and diaspora communities to contribute to sustainable development in countries of origin and destination.",
  ],
  [
    "Ensure that any return is safe, dignified and voluntary, with sustainable reintegration and independent monitoring.",
  ],
  [
    "Create a governance and follow-up mechanism that includes civil society and migrants themselves.",
    "Define indicators and a calendar for implementation, review and follow-up at national, regional and global levels.",
  ],
];

/** The demo statement: the Ten Acts with sample clauses, a few regional notes and signatories. */
export const demoStatement: StatementTemplate = {
  ...tenActsTemplate,
  preamble:
    "We, civil society organisations from every region, present ten Acts for the Global Compact for Safe, Orderly and Regular Migration: what must be done now, and how.",
  acts: tenActsTemplate.acts.map((act, index) => ({
    title: act.title,
    clauses: clauses[index] ?? [""],
    notes: notes[index],
  })),
  signatories: ["Demo network for migrant rights", "Demo regional consultation, Asia", "Demo diaspora alliance, Europe"],
};
