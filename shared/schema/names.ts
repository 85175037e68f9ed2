/** Node type names of the statement schema, so code never spells them twice. */
export const NodeName = {
  act: "act",
  actTitle: "actTitle",
  clause: "clause",
  regionalNote: "regionalNote",
  signatories: "signatories",
  signatory: "signatory",
} as const;

/** Node types that carry a stable `id` attribute (kept by the UniqueID extension). */
export const idBearingTypes = [NodeName.act, NodeName.clause, NodeName.regionalNote];
