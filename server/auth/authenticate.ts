import { parse as parseCookies } from "cookie";
import type { IncomingHttpHeaders } from "node:http";
import type { AccountStore, StoredAccount } from "../storage/Storage.js";
import { hashSecret } from "./secrets.js";

/** Name of the httpOnly session cookie. */
export const SESSION_COOKIE = "dw_session";

/** Who is calling, and with which credential (so it can be revoked live). */
export interface Principal {
  account: StoredAccount;
  credential: { kind: "session" | "token"; id: string };
}

/** The session cookie's value, if any. */
export function sessionCookie(headers: IncomingHttpHeaders): string | null {
  const header = headers.cookie;
  if (!header) return null;
  return parseCookies(header)[SESSION_COOKIE] ?? null;
}

/** The bearer token of the Authorization header, if any. */
export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "");
  return match ? match[1]! : null;
}

/**
 * Resolve the caller from a session cookie, a bearer token, or (websocket only) a
 * `?token=` parameter. Null when none is present or valid.
 */
export async function authenticate(
  accounts: AccountStore,
  headers: IncomingHttpHeaders,
  queryToken: string | null = null,
): Promise<Principal | null> {
  const now = new Date().toISOString();
  const token = bearerToken(headers) ?? queryToken;
  if (token) {
    const found = await accounts.tokenAccount(hashSecret(token), now);
    return found ? { account: found.account, credential: { kind: "token", id: found.tokenId } } : null;
  }
  const session = sessionCookie(headers);
  if (session) {
    const idHash = hashSecret(session);
    const account = await accounts.sessionAccount(idHash, now);
    return account ? { account, credential: { kind: "session", id: idHash } } : null;
  }
  return null;
}
