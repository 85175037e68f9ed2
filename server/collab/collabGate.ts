import type { IncomingMessage } from "node:http";
import { documentIdSchema } from "../../shared/api.js";
import { CloseCode } from "../../shared/protocol.js";
import { canSuggest } from "../../shared/roles.js";
import { visibleName } from "../../shared/displayName.js";
import { colorFor } from "../../shared/presence.js";
import { authenticate } from "../auth/authenticate.js";
import { isSameOrigin } from "../auth/sameOrigin.js";
import type { AllowedHosts } from "../auth/AllowedHosts.js";
import { requestedHost, type TrustFunction } from "../auth/clientAddress.js";
import type { Storage } from "../storage/Storage.js";
import type { CollabGate, GateDecision } from "./collabSocket.js";

/**
 * The websocket gate: a Host this server does not answer to (421), cross-site origins and callers without a valid session or token
 * are refused (HTTP 403/401) before any Yjs traffic; so is a document of a workspace the
 * caller is not a member of. A malformed or unknown document id is accepted and closed
 * with its close code (4400/4404), so clients can tell the user why.
 */
export function createCollabGate(
  storage: Storage,
  allowed: AllowedHosts,
  trust: TrustFunction,
  isFrozen: (documentId: string) => boolean,
): CollabGate {
  return async (request: IncomingMessage, rawDocumentId: string): Promise<GateDecision> => {
    if (!allowed.allowsHost(requestedHost(request, trust))) return { kind: "refuse", status: 421, reason: "unknown host" };
    if (!isSameOrigin(request.headers, allowed)) return { kind: "refuse", status: 403, reason: "cross-site origin" };
    const url = new URL(request.url ?? "/", "http://localhost");
    const principal = await authenticate(storage.accounts, request.headers, url.searchParams.get("token"));
    if (!principal) return { kind: "refuse", status: 401, reason: "sign in required" };
    const parsed = documentIdSchema.safeParse(rawDocumentId);
    if (!parsed.success) return { kind: "close", code: CloseCode.badDocumentId, reason: "bad document id" };
    const document = await storage.documents.get(parsed.data);
    if (!document) return { kind: "close", code: CloseCode.documentNotFound, reason: "document not found" };
    const membership = await storage.workspaces.membership(document.workspaceId, principal.account.id);
    if (!membership) return { kind: "refuse", status: 403, reason: "not a member of this workspace" };
    const { account } = principal;
    return {
      kind: "accept",
      documentId: document.id,
      access: {
        accountId: account.id,
        workspaceId: document.workspaceId,
        credentialId: principal.credential.id,
        user: { accountId: account.id, name: visibleName(account.displayName), color: colorFor(account.id) },
        role: membership.role,
        groupId: membership.groupIds[0] ?? null,
        canWrite: canSuggest(membership.role) && !isFrozen(document.id),
      },
    };
  };
}
