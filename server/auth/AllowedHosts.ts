/** Loopback names the server always answers to on its own port (scripts, health checks on the machine). */
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/**
 * The names this server answers to (`ALLOWED_HOSTS`, its listening address and its
 * loopback names) and the origins whose pages may call it. A request for another Host is
 * refused, so a name an attacker points at this server (DNS rebinding, a forged Host
 * behind a shared balancer) reaches nothing; and a page's Origin is compared with these
 * names, never with whatever Host the request claims.
 */
export class AllowedHosts {
  private readonly hosts: Set<string>;

  constructor(
    configured: readonly string[],
    private readonly origins: readonly string[],
  ) {
    this.hosts = new Set(configured.map((host) => host.toLowerCase()));
  }

  /** Add the listening address and the loopback names once the port is known (port 0 picks one). */
  listening(host: string, port: number): void {
    const own = host.includes(":") ? `[${host}]` : host;
    for (const name of [own, ...LOOPBACK_NAMES]) {
      this.hosts.add(`${name.toLowerCase()}:${port}`);
      // Browsers leave out the default port.
      if (port === 80) this.hosts.add(name.toLowerCase());
    }
  }

  /** True for a Host header (or forwarded host) naming this server. */
  allowsHost(host: string): boolean {
    return this.hosts.has(host.trim().toLowerCase());
  }

  /** True for an Origin listed in `ALLOWED_ORIGINS` or naming one of the allowed hosts. */
  allowsOrigin(origin: string): boolean {
    if (this.origins.includes(origin)) return true;
    try {
      const url = new URL(origin);
      return (url.protocol === "http:" || url.protocol === "https:") && this.hosts.has(url.host.toLowerCase());
    } catch {
      return false;
    }
  }
}
