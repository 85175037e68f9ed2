/**
 * A round-robin TCP load balancer for the scale-out tests: each new connection goes to
 * the next backend that accepts it (a dead one is skipped), with no stickiness, the way
 * an operator's balancer would spread sockets over instances.
 */
import { createConnection, createServer, type Socket } from "node:net";

/** A running balancer. */
export interface Balancer {
  port: number;
  /** Connections handed to each backend port so far. */
  readonly connections: Map<number, number>;
  close(): Promise<void>;
}

/**
 * A free port on 127.0.0.1 for the balancer, known before the instances start: they must
 * list the balancer's address in ALLOWED_HOSTS, as behind a real one.
 */
export function freeBalancerPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Start a balancer over `backendPorts` on `port` (0: any free one). */
export async function startBalancer(backendPorts: number[], port = 0): Promise<Balancer> {
  let next = 0;
  const connections = new Map<number, number>(backendPorts.map((port) => [port, 0]));
  const open = new Set<Socket>();

  function forward(client: Socket, attempt: number): void {
    if (attempt >= backendPorts.length) {
      client.destroy();
      return;
    }
    const port = backendPorts[next++ % backendPorts.length]!;
    const backend = createConnection({ host: "127.0.0.1", port });
    let connected = false;
    backend.once("connect", () => {
      connected = true;
      connections.set(port, (connections.get(port) ?? 0) + 1);
      open.add(backend);
      backend.once("close", () => open.delete(backend));
      client.pipe(backend);
      backend.pipe(client);
      client.once("close", () => backend.destroy());
      backend.once("close", () => client.destroy());
      client.resume();
    });
    backend.on("error", () => {
      if (!connected) forward(client, attempt + 1);
    });
    client.on("error", () => backend.destroy());
  }

  const server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once("close", () => open.delete(client));
    forward(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
