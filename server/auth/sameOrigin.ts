import type { IncomingHttpHeaders } from "node:http";

/**
 * False for a browser request sent from another site: its `Origin` names a host other
 * than the one it was sent to (and not listed in `allowedOrigins`). Requests without an
 * Origin (scripts, stock Yjs clients) pass; they cannot carry a browser's cookies.
 */
export function isSameOrigin(headers: IncomingHttpHeaders, allowedOrigins: readonly string[]): boolean {
  const origin = headers.origin;
  if (!origin) return headers["sec-fetch-site"] !== "cross-site";
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}
