import type { IncomingHttpHeaders } from "node:http";
import type { AllowedHosts } from "./AllowedHosts.js";

/**
 * False for a browser request sent from another site: its `Origin` is neither listed in
 * `ALLOWED_ORIGINS` nor one of the server's allowed hosts. The request's own Host is not
 * consulted (a forged Host would otherwise vouch for a forged Origin). Requests without
 * an Origin (scripts, stock Yjs clients) pass unless the browser says they are cross-site.
 */
export function isSameOrigin(headers: IncomingHttpHeaders, allowed: AllowedHosts): boolean {
  const origin = headers.origin;
  if (!origin) return headers["sec-fetch-site"] !== "cross-site";
  return allowed.allowsOrigin(origin);
}
