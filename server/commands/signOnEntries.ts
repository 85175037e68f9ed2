/**
 * What sign-on entries are as a list: when two are the same organisation, and how many
 * there are by state, region, country and type. The public form's route and the chairs'
 * use these; storage keeps the entries.
 */
import type { SignOnEntry } from "../../shared/api.js";
import type { Node as PMNode } from "@tiptap/pm/model";
import { signOnLimits, signOnStatuses } from "../../shared/signOn.js";
import { NodeName } from "../../shared/schema/names.js";
import { signatoryNames } from "../../shared/schema/Signatories.js";
import type { StoredSignOnEntry } from "../storage/Storage.js";

/** An organisation's name as compared for duplicates: no accents, case, punctuation or extra spaces. */
export function normaliseName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * What makes two form submissions one entry: the same email and the same organisation
 * (its normalised name) for the same version. Entries a chair adds have a key of their own.
 */
export const formKey = (email: string, organisation: string) => `form\n${email.toLowerCase()}\n${normaliseName(organisation)}`;

/** Each entry's likely duplicates among the version's live entries (not merged): same normalised name and country, or same email. */
export function withDuplicates(entries: StoredSignOnEntry[]): SignOnEntry[] {
  const live = entries.filter((e) => e.status !== "merged");
  return entries.map(({ documentId: _documentId, ...entry }) => ({
    ...entry,
    duplicates:
      entry.status === "merged"
        ? []
        : live
            .filter(
              (other) =>
                other.id !== entry.id &&
                ((normaliseName(other.organisation) === normaliseName(entry.organisation) && other.country === entry.country) ||
                  (entry.email !== "" && other.email === entry.email)),
            )
            .map((other) => other.id),
  }));
}

const count = (values: string[]) => {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
};

/** How many entries there are in each state, and how many approved in all and per region, country and type. */
export function signOnCounts(entries: Pick<StoredSignOnEntry, "status" | "region" | "country" | "type">[]) {
  const approved = entries.filter((e) => e.status === "approved");
  return {
    byStatus: Object.fromEntries(signOnStatuses.map((status) => [status, entries.filter((e) => e.status === status).length])),
    approved: approved.length,
    byRegion: count(approved.map((e) => e.region)),
    byCountry: count(approved.map((e) => e.country)),
    byType: count(approved.map((e) => e.type)),
  };
}

/**
 * The organisations typed in a version's signatories section(s), once each (by normalised
 * name), in the order written: they become the version's first entries when sign-on opens.
 */
export function typedSignatories(doc: PMNode): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  doc.descendants((node) => {
    if (node.type.name !== NodeName.signatories) return true;
    for (const name of signatoryNames(node)) {
      const key = normaliseName(name);
      if (key === "" || seen.has(key)) continue;
      seen.add(key);
      names.push(name.slice(0, signOnLimits.name));
    }
    return false;
  });
  return names;
}

/** The entry key of a name typed in the statement: one entry per organisation typed. */
export const typedKey = (organisation: string) => `typed\n${normaliseName(organisation)}`;
