import { describe, expect, it } from "vitest";
import type { IncomingMessage } from "node:http";
import { loadConfig } from "../config.js";
import { clientAddress, requestedHost, trustFunction } from "./clientAddress.js";

/** The parts of a request the rules read: the socket's peer and the headers. */
function request(peer: string, headers: Record<string, string>): IncomingMessage {
  return { socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers } as unknown as IncomingMessage;
}

const trustFor = (value: string) => trustFunction(loadConfig({ TRUST_PROXY: value }).trustProxy);
const forwarded = { "x-forwarded-for": "198.51.100.1, 203.0.113.5, 10.0.0.2", "x-forwarded-host": "evil.example, drafting.example.org", host: "10.0.0.3:3000" };

describe("the client's address and host under TRUST_PROXY", () => {
  it("believes no forwarded header by default", () => {
    expect(clientAddress(request("10.0.0.9", forwarded), trustFor("false"))).toBe("10.0.0.9");
    expect(requestedHost(request("10.0.0.9", forwarded), trustFor("false"))).toBe("10.0.0.3:3000");
  });

  it("with a hop count, takes the address that many hops back", () => {
    expect(clientAddress(request("10.0.0.9", forwarded), trustFor("1"))).toBe("10.0.0.2");
    expect(clientAddress(request("10.0.0.9", forwarded), trustFor("2"))).toBe("203.0.113.5");
  });

  it("with addresses and ranges, skips trusted proxies only, and takes the last forwarded host from a trusted peer", () => {
    const trust = trustFor("10.0.0.0/8");
    expect(clientAddress(request("10.0.0.9", forwarded), trust)).toBe("203.0.113.5");
    expect(requestedHost(request("10.0.0.9", forwarded), trust)).toBe("drafting.example.org");
    // The same headers straight from the internet are not believed.
    expect(clientAddress(request("192.0.2.44", forwarded), trust)).toBe("192.0.2.44");
    expect(requestedHost(request("192.0.2.44", forwarded), trust)).toBe("10.0.0.3:3000");
  });

  it("with true, takes the first address named", () => {
    expect(clientAddress(request("10.0.0.9", forwarded), trustFor("true"))).toBe("198.51.100.1");
  });
});
