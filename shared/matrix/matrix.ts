/**
 * The Surround Sound matrix: the governments (and other actors, such as the European
 * Union) a statement's coalition targets, their position on each Act round by round, and
 * the organisations that advocate with each of them in New York, Geneva and capitals.
 * One list of what exists and who may see and change what, read by the server (which
 * enforces it on every request and event) and the client (which shapes the UI to it).
 */
import type { Role } from "../roles.js";

/** A government's position on an Act in a round. */
export const positions = ["supports", "flexible", "opposes", "unknown"] as const;
export type Position = (typeof positions)[number];

/** Where an advocate reaches a government. */
export const channels = ["new_york", "geneva", "capital"] as const;
export type Channel = (typeof channels)[number];

/** A target is a UN member or observer state (by ISO code) or another actor named by the workspace (the EU, a UN commission). */
export const targetKinds = ["state", "other"] as const;
export type TargetKind = (typeof targetKinds)[number];

export const matrixLimits = {
  /** Characters of a cell's note. */
  note: 1000,
  /** Characters of a cell's evidence quote. */
  quote: 1000,
  /** Characters of an evidence link. */
  url: 2000,
  /** Characters of an organisation's, a contact's, a target's or a group's name. */
  name: 200,
  /** Characters of a contact's email. */
  email: 254,
  /** Characters of an advocate's note. */
  advocateNote: 500,
  /** Targets per statement. */
  targets: 300,
  /** Negotiating groups per workspace. */
  groups: 50,
  /** Advocates per target. */
  advocatesPerTarget: 60,
  /** Acts a matrix has columns for (an Act number is 1..acts). */
  acts: 30,
  /** Bytes of a CSV import. */
  importBytes: 1_000_000,
  /** Data lines of a CSV import. */
  importRows: 5000,
  /** Presence reports a member may send per 10 seconds. */
  presencePer10s: 20,
} as const;

/** May record positions and advocates (chairs and coordinators). */
export function canEditMatrix(role: Role): boolean {
  return role === "chair" || role === "coordinator";
}

/** May choose the targets, each target's Acts, and the workspace's negotiating groups (chairs). */
export function canManageTargets(role: Role): boolean {
  return role === "chair";
}

/** May see advocates' contact persons (chairs and coordinators). */
export function canSeeContacts(role: Role): boolean {
  return role === "chair" || role === "coordinator";
}

/** May read notes marked internal (everyone but observers). */
export function canSeeInternalNotes(role: Role): boolean {
  return role !== "observer";
}
