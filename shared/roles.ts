/**
 * Workspace roles and what each may do. One list, read by the server (which enforces
 * it on every request and socket) and the client (which shapes the UI to it).
 */

/** The four roles, most powerful first. */
export const roles = ["chair", "coordinator", "reviewer", "observer"] as const;
/** One of the roles. */
export type Role = (typeof roles)[number];

/** May change the statement's text. */
export function canEdit(role: Role): boolean {
  return role === "chair" || role === "coordinator";
}

/** May propose changes to the text as suggestions (reviewers only suggest; chairs and coordinators choose). */
export function canSuggest(role: Role): boolean {
  return role !== "observer";
}

/** May accept or reject others' suggestions. */
export function canDecideSuggestions(role: Role): boolean {
  return canEdit(role);
}

/** May create statements in the workspace. */
export function canCreateDocuments(role: Role): boolean {
  return role === "chair" || role === "coordinator";
}

/** May manage members, invitations and read the audit log. */
export function canManageMembers(role: Role): boolean {
  return role === "chair";
}

/** May change a statement's settings (its language). */
export function canManageStatement(role: Role): boolean {
  return role === "chair";
}

/** May comment and reply (reviewers' job; observers only read). */
export function canComment(role: Role): boolean {
  return role !== "observer";
}

/** May resolve or reopen a thread: chairs, coordinators, and the thread's author. */
export function canResolve(role: Role, isThreadAuthor: boolean): boolean {
  return role === "chair" || role === "coordinator" || (isThreadAuthor && canComment(role));
}
