/**
 * A worker thread running some of the simulated clients of one edit scenario. Each
 * client types its own edits (a Y.Doc of its own edits only) and, like every other
 * client, reads the timestamps inside the updates it receives without keeping the
 * whole document: so the load generator scales and is not the bottleneck. Every client
 * connects and syncs first; the worker then says "ready" and waits for the main thread's
 * "go" (sent once every worker is ready), so no connection falls in the measured window.
 */
import { parentPort, workerData } from "node:worker_threads";
import * as Y from "yjs";
import type { BenchProtocol } from "./servers.js";
import { editText, editsIn, emptyStep2Frame, openSocket, syncStep1Frame, typingPlace, updateFrame } from "./wire.js";

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
let started = process.cpuUsage();

/** Resolves when the main thread says every worker's clients are connected. */
const go = new Promise<void>((resolve) => parentPort!.once("message", () => resolve()));

/** Connect and sync one client; resolves with its typing loop, to start on "go". */
async function connectClient({ id, url, room, protocol }: WorkerTask["clients"][number]): Promise<() => Promise<void>> {
  const { socket, send, read } = await openSocket(protocol, url, room, id);
  const doc = new Y.Doc();
  let synced = false;
  let markSynced = () => {};
  const syncedOnce = new Promise<void>((resolve) => (markSynced = resolve));
  /**
   * The last edit received from each other client. An edit can arrive twice around the
   * initial sync (Hocuspocus puts an update applied just before a join into the joiner's
   * sync and also broadcasts it to the joiner a moment later); each sender's edits arrive
   * in order, so one number per sender tells a repeat.
   */
  const lastSeq = new Map<number, number>();
  const isNew = (edit: { client: number; seq: number }) => {
    if (edit.client === id || edit.seq <= (lastSeq.get(edit.client) ?? -1)) return false;
    lastSeq.set(edit.client, edit.seq);
    return true;
  };
  // Hocuspocus's acknowledgements of this client's messages ("saved") need no answer.
  socket.on("message", (data: Buffer) => {
    const frame = read(new Uint8Array(data));
    if (frame.kind === "step1") send(emptyStep2Frame());
    else if (frame.kind === "step2") {
      // Edits that reached this client inside its initial sync: delivered, but no latency sample.
      for (const edit of editsIn(frame.update)) if (isNew(edit)) received += 1;
      synced = true;
      markSynced();
    }
    else if (frame.kind === "update" && synced) {
      const at = now();
      for (const edit of editsIn(frame.update)) {
        if (!isNew(edit)) continue;
        received += 1;
        latencies.push(at - edit.at);
      }
    }
  });
  send(syncStep1Frame());
  await syncedOnce;
  // The paragraph it types into is made now, not when typing starts (all clients at once).
  doc.on("update", (update: Uint8Array) => send(updateFrame(update)));
  const text = typingPlace(doc);
  return async () => {
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
  };
}

const typing: (() => Promise<void>)[] = [];
// Connected a batch at a time, as people arrive, rather than all in the same millisecond.
for (let i = 0; i < task.clients.length; i += 50) typing.push(...(await Promise.all(task.clients.slice(i, i + 50).map(connectClient))));
parentPort!.postMessage({ ready: true });
await go;
// Edits received during the connections (others' sync answers) are not part of the measured load.
received = 0;
latencies.length = 0;
started = process.cpuUsage();
await Promise.all(typing.map((type) => type()));
const cpu = process.cpuUsage(started);
parentPort!.postMessage({ latencies, sent, received, cpuMs: (cpu.user + cpu.system) / 1000 } satisfies WorkerReport);
