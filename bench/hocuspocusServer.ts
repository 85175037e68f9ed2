/**
 * Hocuspocus 4 with its SQLite extension, as people deploy it, for the benchmark
 * (servers.ts starts it as a process): no auth (like the y-websocket reference), the
 * default debounce of stores (`debounce` 2,000 ms after the last change, `maxDebounce`
 * at most 10,000 ms after the first), on 127.0.0.1 port PORT (0: any), the SQLite file
 * `hocuspocus.sqlite` in DATA_DIR. Prints `hocuspocus listening on <port>` once ready.
 * GET /bench/stores answers how many stores the extension made and the document updates
 * they held. @hocuspocus/* 4 declare Node >= 22 but run on the Node 20 we use.
 */
import path from "node:path";
import { Server } from "@hocuspocus/server";
import { SQLite } from "@hocuspocus/extension-sqlite";

const dataDir = process.env["DATA_DIR"];
if (!dataDir) throw new Error("DATA_DIR is required");

const sqlite = new SQLite({ database: path.join(dataDir, "hocuspocus.sqlite") });
let stores = 0;
let storedUpdates = 0;
/** Document updates applied since the document's last store, by document name. */
const unstored = new Map<string, number>();
const store = sqlite.configuration.store;
sqlite.configuration.store = async (data) => {
  const updates = unstored.get(data.documentName) ?? 0;
  unstored.set(data.documentName, 0);
  await store(data);
  stores += 1;
  storedUpdates += updates;
};

const server = new Server({
  port: Number(process.env["PORT"] ?? 0),
  address: "127.0.0.1",
  quiet: true,
  extensions: [sqlite],
  async onChange({ documentName }) {
    unstored.set(documentName, (unstored.get(documentName) ?? 0) + 1);
  },
  async onRequest({ request, response }) {
    if (request.url !== "/bench/stores") return;
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ stores, storedUpdates }));
    // Rejecting (without an error) tells Hocuspocus the request is answered.
    throw null;
  },
});
await server.listen();
process.stdout.write(`hocuspocus listening on ${server.address.port}\n`);
