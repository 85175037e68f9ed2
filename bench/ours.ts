/**
 * Our server's side of the benchmark's set-up, over its HTTP API: accounts with tokens
 * for the simulated clients, and documents for the scenarios.
 */

/** Accounts the simulated clients sign in with: enough for 1,500 idle sockets at 40 per account. */
const BENCH_ACCOUNTS = 40;

/** A JSON request to our server at `base`, with the session cookie when given. */
export async function api(base: string, method: string, route: string, body?: unknown, cookie?: string): Promise<Response> {
  return fetch(`${base}${route}`, { method, headers: { ...(body ? { "content-type": "application/json" } : {}), ...(cookie ? { cookie } : {}) }, body: body ? JSON.stringify(body) : undefined });
}

/** Accounts (the demo chair plus coordinators) and their tokens, and documents for the scenarios. */
export async function prepareOurs(base: string, documents: number): Promise<{ tokens: string[]; ids: string[] }> {
  const login = await api(base, "POST", "/api/auth/login", { email: "chair@example.org", password: "demo-password" });
  const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
  const me = (await login.json()) as { memberships: { workspace: { id: string } }[] };
  const workspaceId = me.memberships[0]!.workspace.id;
  const tokens: string[] = [];
  for (let i = 0; i < BENCH_ACCOUNTS; i++) {
    const invite = (await (await api(base, "POST", `/api/workspaces/${workspaceId}/invites`, { role: "coordinator" }, cookie)).json()) as { token: string };
    const person = { email: `bench${i}@example.org`, password: "bench-password", displayName: `Bench ${i}` };
    await api(base, "POST", `/api/invites/${invite.token}/accept`, person);
    tokens.push(((await (await api(base, "POST", "/api/auth/token", { email: person.email, password: person.password })).json()) as { token: string }).token);
  }
  const ids: string[] = [];
  for (let i = 0; i < documents; i++) {
    ids.push(((await (await api(base, "POST", "/api/documents", { title: `Bench ${i}`, template: "blank", workspaceId }, cookie)).json()) as { id: string }).id);
  }
  return { tokens, ids };
}
