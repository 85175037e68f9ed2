/**
 * Notifications that follow from what the server records outside comments and rounds:
 * suggested wording (new on an Act someone follows; accepted or rejected, for its author),
 * an organisation's confirmed sign-on (chairs), an accepted invitation (who invited).
 */
import { initProseMirrorDoc } from "@tiptap/y-tiptap";
import { notificationLink } from "../../shared/notifications.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { outlineOf } from "../../shared/schema/structure.js";
import type { StoredDocument, StoredInvite, StoredSignOnEntry, StoredSuggestion, StoredVersion } from "../storage/Storage.js";
import type { AppContext } from "../http/context.js";

/** Where a suggestion sits: its Act's number and its clause's. */
async function placeOf(context: AppContext, documentId: string, suggestion: StoredSuggestion): Promise<{ act?: number; clause?: string }> {
  const outline = await context.registry.read(documentId, (doc) => outlineOf(initProseMirrorDoc(doc.getXmlFragment(CONTENT_FIELD), context.schema).doc));
  const act = outline.find((a) => a.id === suggestion.actId);
  if (!act) return {};
  const clause = act.clauses.find((c) => c.id === suggestion.clauseId);
  return clause ? { act: act.number, clause: clause.number } : { act: act.number };
}

/**
 * Suggestions just stored (one instance hears each change once): a new one tells those
 * who follow its Act (once per suggestion, whichever instance saw it), an accepted or
 * rejected one tells its author.
 */
export async function notifySuggestions(context: AppContext, documentId: string, rows: StoredSuggestion[]): Promise<void> {
  // A suggestion being typed is announced on every keystroke: once it was told (by this
  // instance, or found told in storage), its later changes cost no reading at all.
  const told = toldSuggestions(context);
  const concerned = rows.filter((row) => (row.status === "pending" ? !told.has(row.id) : row.status === "accepted" || row.status === "rejected"));
  if (concerned.length === 0) return;
  const document = await context.storage.documents.get(documentId);
  if (!document) return;
  for (const row of concerned) {
    if (row.status === "pending") {
      remember(told, row.id);
      if (await context.storage.notifications.hasSubject(row.id, "suggestion")) continue;
      const place = await placeOf(context, documentId, row);
      if (place.act === undefined) continue;
      const followers = await context.notifier.followersOf(document.workspaceId, place.act);
      await context.notifier.notify(followers, {
        workspaceId: document.workspaceId,
        documentId,
        kind: "suggestion",
        actorId: row.authorId,
        subject: row.id,
        detail: { statement: document.title, ...place },
        link: notificationLink({ documentId, suggestionId: row.id }),
      });
    } else if ((row.status === "accepted" || row.status === "rejected") && row.decidedBy !== null && row.decidedBy !== row.authorId) {
      await context.notifier.notify([row.authorId], {
        workspaceId: document.workspaceId,
        documentId,
        kind: "suggestionDecided",
        actorId: row.decidedBy,
        subject: row.id,
        detail: { statement: document.title, decision: row.status, ...(await placeOf(context, documentId, row)) },
        link: notificationLink({ documentId, suggestionId: row.id }),
      });
    }
  }
}

/** Suggestions this instance knows were told, per running server; the oldest forgotten past a bound. */
const toldByServer = new WeakMap<AppContext, Set<string>>();
const TOLD_KEPT = 10_000;

function toldSuggestions(context: AppContext): Set<string> {
  let told = toldByServer.get(context);
  if (!told) toldByServer.set(context, (told = new Set()));
  return told;
}

function remember(told: Set<string>, id: string): void {
  told.add(id);
  if (told.size > TOLD_KEPT) told.delete(told.values().next().value!);
}

/** An organisation confirmed its sign-on: the chairs have one to approve. */
export async function notifySignOnPending(context: AppContext, entry: StoredSignOnEntry, document: StoredDocument, version: StoredVersion): Promise<void> {
  await context.notifier.notify(await context.notifier.chairs(document.workspaceId), {
    workspaceId: document.workspaceId,
    documentId: document.id,
    kind: "signOnPending",
    actorId: null,
    subject: entry.id,
    detail: { statement: document.title, round: version.roundName ?? "", organisation: entry.organisation },
    link: notificationLink({ documentId: document.id, versionId: version.id }),
  });
}

/** Someone accepted an invitation: its author hears who joined, as what. */
export async function notifyInviteAccepted(context: AppContext, invite: StoredInvite, accountId: string): Promise<void> {
  const workspace = await context.storage.workspaces.get(invite.workspaceId);
  await context.notifier.notify([invite.createdBy], {
    workspaceId: invite.workspaceId,
    documentId: null,
    kind: "inviteAccepted",
    actorId: accountId,
    subject: invite.id,
    detail: { workspace: workspace?.name ?? "", role: invite.role },
    link: notificationLink({ members: true }),
  });
}
