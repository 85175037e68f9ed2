/**
 * What this browser keeps of statements for offline work, and how it is forgotten: the
 * Yjs copy in IndexedDB (`statement:<id>`), the statement's metadata and the count of
 * changes not yet sent (localStorage). Someone removed from a workspace must not keep
 * its statements on their device.
 */
import type { DocumentDetail } from "../../shared/api.js";

/** Name of the IndexedDB database keeping a statement for offline work. */
export function localCacheName(documentId: string): string {
  return `statement:${documentId}`;
}

const detailPrefix = "drafting.statement:";

/** localStorage key of a statement's metadata and the caller's rights (kept for offline reopening). */
export function detailKey(documentId: string): string {
  return `${detailPrefix}${documentId}`;
}

/** localStorage key of the count of changes typed here that the server has not taken yet. */
export function pendingKey(documentId: string): string {
  return `drafting.pending:${documentId}`;
}

/** The statements whose metadata this browser keeps, with their workspace. */
function keptStatements(): { id: string; workspaceId: string | null }[] {
  const kept: { id: string; workspaceId: string | null }[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith(detailPrefix)) continue;
    let workspaceId: string | null = null;
    try {
      workspaceId = (JSON.parse(localStorage.getItem(key) ?? "null") as Partial<DocumentDetail> | null)?.workspaceId ?? null;
    } catch {
      // Unreadable: forgotten with the rest below, whatever its workspace.
    }
    kept.push({ id: key.slice(detailPrefix.length), workspaceId });
  }
  return kept;
}

/** Statements this device can open offline (their metadata is kept), by title. */
export function statementsOnThisDevice(): { id: string; title: string }[] {
  const found: { id: string; title: string }[] = [];
  for (const { id } of keptStatements()) {
    try {
      const title = (JSON.parse(localStorage.getItem(detailKey(id)) ?? "null") as Partial<DocumentDetail> | null)?.title;
      if (typeof title === "string") found.push({ id, title });
    } catch {
      // Unreadable metadata: that statement is left out of the list.
    }
  }
  return found.sort((a, b) => a.title.localeCompare(b.title));
}

/**
 * Delete this device's copy of a statement. An open copy (its database still held by a
 * session) is deleted once that session closes it.
 */
export function forgetStatement(documentId: string): Promise<void> {
  localStorage.removeItem(detailKey(documentId));
  localStorage.removeItem(pendingKey(documentId));
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(localCacheName(documentId));
    request.onsuccess = request.onerror = () => resolve();
  });
}

/**
 * Delete this device's copies of every statement of workspaces the person no longer
 * belongs to. Only ever called with memberships fresh from the server.
 */
export async function forgetStatementsOutside(workspaceIds: readonly string[]): Promise<void> {
  const member = new Set(workspaceIds);
  await Promise.all(keptStatements().filter((kept) => kept.workspaceId === null || !member.has(kept.workspaceId)).map((kept) => forgetStatement(kept.id)));
}

/** Delete this device's copies of one workspace's statements (its member was just removed). */
export async function forgetWorkspace(workspaceId: string): Promise<void> {
  await Promise.all(keptStatements().filter((kept) => kept.workspaceId === workspaceId).map((kept) => forgetStatement(kept.id)));
}
