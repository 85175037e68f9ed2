import { afterEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../app.js";
import { limits } from "../../shared/limits.js";
import { removeDataDir, setUpWorkspace, startTestServer, tempDataDir, type TestUser } from "../testing/testServer.js";
import { rawRequest, type RawResponse } from "../testing/rawHttp.js";

let dataDir: string;
let server: RunningServer;

async function start(env: Record<string, string> = {}): Promise<TestUser> {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, undefined, 0, env);
  return (await setUpWorkspace(server)).chair;
}

afterEach(async () => {
  await server.close();
  removeDataDir(dataDir);
});

/** Sign in from `address` (as a balancer on loopback would forward it). */
function signIn(email: string, password: string, address: string): Promise<RawResponse> {
  return rawRequest(server, "POST", "/api/auth/login", { headers: { "x-forwarded-for": address }, body: { email, password } });
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

describe("sign-in throttle", () => {
  it("lets the owner sign in from their address after an attacker's 20 wrong guesses from another", async () => {
    const chair = await start({ TRUST_PROXY: "loopback" });
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(chair.email, `guess-${i}`, "203.0.113.66")));
    expect(guesses.every((g) => g.status === 401 || g.status === 429)).toBe(true);
    // A few more, one after another, with the email in capitals as a guesser might try.
    for (let i = 0; i < 3; i++) await signIn(chair.email.toUpperCase(), `again-${i}`, "203.0.113.66");
    const owner = await signIn(chair.email, chair.password, "198.51.100.10");
    expect(owner.status).toBe(200);
  });

  it("slows one address's guesses: wrong passwords are answered after a growing delay, and a guess sent meanwhile is refused", async () => {
    const chair = await start({ TRUST_PROXY: "loopback" });
    const first = await timed(() => signIn(chair.email, "guess-1", "203.0.113.77"));
    const second = await timed(() => signIn(chair.email, "guess-2", "203.0.113.77"));
    expect(first.result.status).toBe(401);
    expect(second.result.status).toBe(401);
    expect(second.ms).toBeGreaterThanOrEqual(2 * limits.loginFailureDelayMs - 20);
    const [held, meanwhile] = await Promise.all([
      timed(() => signIn(chair.email, "guess-3", "203.0.113.77")),
      new Promise<RawResponse>((resolve) => setTimeout(() => resolve(signIn(chair.email, "guess-4", "203.0.113.77")), 100)),
    ]);
    expect(held.result.status).toBe(401);
    expect(held.ms).toBeGreaterThanOrEqual(4 * limits.loginFailureDelayMs - 20);
    expect(meanwhile.status).toBe(429);
    expect(Number(meanwhile.headers["retry-after"])).toBeGreaterThan(0);
    expect((JSON.parse(meanwhile.body) as { error: { id: string } }).error.id).toBe("too_many_attempts");
  });

  it("gives two people behind one balancer separate buckets when TRUST_PROXY is set", async () => {
    const chair = await start({ TRUST_PROXY: "loopback" });
    // Someone at one address spends that address's whole allowance on other accounts.
    const spent = await Promise.all(
      Array.from({ length: limits.loginFailuresPerAddress }, (_, i) => signIn(`nobody-${i}@example.org`, "wrong-password", "203.0.113.88")),
    );
    expect(spent.every((r) => r.status === 401)).toBe(true);
    const more = await signIn("nobody-else@example.org", "wrong-password", "203.0.113.88");
    expect(more.status).toBe(429);
    expect(Number(more.headers["retry-after"])).toBeGreaterThan(0);
    expect((await signIn(chair.email, chair.password, "198.51.100.20")).status).toBe(200);
  });

  it("does not believe X-Forwarded-For without TRUST_PROXY: changing it does not buy more guesses", async () => {
    await start();
    const spent = await Promise.all(
      Array.from({ length: limits.loginFailuresPerAddress }, (_, i) => signIn(`nobody-${i}@example.org`, "wrong-password", `203.0.113.${i + 1}`)),
    );
    expect(spent.every((r) => r.status === 401)).toBe(true);
    expect((await signIn("nobody-else@example.org", "wrong-password", "203.0.113.200")).status).toBe(429);
  });
});
