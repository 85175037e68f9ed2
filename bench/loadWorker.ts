/**
 * A worker thread running some of the simulated clients of one edit scenario. Each
 * client types its own edits (a Y.Doc of its own edits only) and, like every other
 * client, reads the timestamps inside the updates it receives without keeping the
 * whole document: so the load generator scales and is not the bottleneck.
 */
import { parentPort, workerData } from "node:worker_threads";
import * as Y from "yjs";
import WebSocket from "ws";
import type { BenchProtocol } from "./servers.js";
import { clientAddressFor, editText, editsIn, emptyStep2Frame, readFrame, syncStep1Frame, typingPlace, updateFrame } from "./wire.js";

/** What the main thread asks of this worker. */
export interface WorkerTask {
  /** Each client's id, websocket URL (with its credentials), document name and protocol. */
  clients: { id: number; url: string; room: string; protocol: BenchProtocol }[];
  editsPerSecond: number;
  durationMs: number;
}

/** What the worker reports. */
export interface WorkerReport {
  latencies: number[];
  sent: number;
  received: number;
  cpuMs: number;
}

const task = workerData as WorkerTask;
const now = () => performance.timeOrigin + performance.now();
const latencies: number[] = [];
let sent = 0;
let received = 0;
const started = process.cpuUsage();

async function runClient(id: number, url: string): Promise<void> {
  const socket = new WebSocket(url, { localAddress: clientAddressFor(id) });
  socket.binaryType = "nodebuffer";
  await new Promise<void>((resolve, reject) => {
    socket.on("open", () => resolve());
    socket.on("error", reject);
  });
  const doc = new Y.Doc();
  let synced = false;
  socket.on("message", (data: Buffer) => {
    const frame = readFrame(new Uint8Array(data));
    if (frame.kind === "step1") socket.send(emptyStep2Frame());
    else if (frame.kind === "step2") {
      // Edits that reached this client inside its initial sync: delivered, but no latency sample.
      for (const edit of editsIn(frame.update)) if (edit.client !== id) received += 1;
      synced = true;
    }
    else if (frame.kind === "update" && synced) {
      const at = now();
      for (const edit of editsIn(frame.update)) {
        if (edit.client === id) continue;
        received += 1;
        latencies.push(at - edit.at);
      }
    }
  });
  socket.send(syncStep1Frame());
  doc.on("update", (update: Uint8Array) => socket.send(updateFrame(update)));
  const text = typingPlace(doc);
  const interval = 1000 / task.editsPerSecond;
  const end = Date.now() + task.durationMs;
  let seq = 0;
  // Spread the first edits so the clients do not all type in the same millisecond.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * interval));
  while (Date.now() < end) {
    text.insert(text.length, editText(id, seq++, now()));
    sent += 1;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  // Let the last edits arrive everywhere.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  socket.close();
}

await Promise.all(task.clients.map((client) => runClient(client.id, client.url)));
const cpu = process.cpuUsage(started);
parentPort!.postMessage({ latencies, sent, received, cpuMs: (cpu.user + cpu.system) / 1000 } satisfies WorkerReport);
