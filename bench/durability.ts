/**
 * Durability under SIGKILL: what a server keeps of the edits it acknowledged when its
 * process is killed right after the last acknowledgement, then started again on the same
 * data. Runnable alone: `npx tsx bench/durability.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as Y from "yjs";
import { startHocuspocus, startOurs, startReference, type BenchServer } from "./servers.js";
import { prepareOurs } from "./ours.js";
import { editText, editsIn, emptyStep2Frame, join, openSocket, syncStep1Frame, typingPlace, updateFrame } from "./wire.js";

/** One server's outcome: edits it acknowledged before the kill, and how many of them it had after the restart. */
export interface DurabilityRow {
  server: string;
  /** What counted as an acknowledgement for this server. */
  acknowledgement: string;
  sent: number;
  acknowledged: number;
  kept: number;
  lost: number;
  /** The server's durable writes before the kill (see BenchServer.durableWrites), null for one that keeps nothing. */
  writesBeforeKill: number | null;
}

/** Simulated client ids: the writer, the second client that sees its edits, the reader after the restart. */
const WRITER = 0;
const WITNESS = 1;
const READER = 2;
/** How long to wait for the last acknowledgement before killing anyway. */
const ACK_TIMEOUT_MS = 5_000;

/**
 * A writer sends `edits` edits, one every `intervalMs`, to `room` of `server` while a
 * second client watches; an edit is acknowledged once the second client has it (our
 * server broadcasts only what is durable) and, for Hocuspocus, once its SyncStatus
 * acknowledgement reached the writer. Right after the last acknowledgement (or
 * ACK_TIMEOUT_MS) the server is killed with SIGKILL and `restart` starts it again on the
 * same data; a new client counts the acknowledged edits the document still has.
 */
async function killAfterAcknowledged(server: BenchServer, room: string, restart: () => Promise<BenchServer>, edits: number, intervalMs: number): Promise<{ row: DurabilityRow; restarted: BenchServer }> {
  const hocuspocus = server.protocol === "hocuspocus";
  const witnessed = new Set<number>();
  const writerAcked = new Set<number>();
  const acknowledged = (seq: number) => witnessed.has(seq) && (!hocuspocus || writerAcked.has(seq));
  let allAcknowledged = () => {};
  const settled = new Promise<void>((resolve) => (allAcknowledged = resolve));
  const check = () => {
    if (Array.from({ length: edits }, (_, seq) => seq).every(acknowledged)) allAcknowledged();
  };

  const witness = await join(server, room, WITNESS);
  witness.socket.on("message", (data: Buffer) => {
    const frame = witness.read(new Uint8Array(data));
    if (frame.kind !== "update") return;
    for (const edit of editsIn(frame.update)) if (edit.client === WRITER) witnessed.add(edit.seq);
    check();
  });

  const writer = await openSocket(server.protocol, server.roomUrl(room, WRITER), room, WRITER);
  /** Hocuspocus acknowledges each sync step 2 and update in order: the edit each awaited acknowledgement is for (-1: none). */
  const awaitingAck: number[] = [];
  let synced = () => {};
  const isSynced = new Promise<void>((resolve) => (synced = resolve));
  writer.socket.on("message", (data: Buffer) => {
    const frame = writer.read(new Uint8Array(data));
    if (frame.kind === "step1") {
      writer.send(emptyStep2Frame());
      if (hocuspocus) awaitingAck.push(-1);
    } else if (frame.kind === "step2") synced();
    else if (frame.kind === "saved") {
      const seq = awaitingAck.shift() ?? -1;
      if (frame.applied && seq >= 0) writerAcked.add(seq);
      check();
    }
  });
  // The sockets break when the server is killed; that is expected.
  for (const socket of [writer.socket, witness.socket]) socket.on("error", () => {});
  writer.send(syncStep1Frame());
  await isSynced;

  const doc = new Y.Doc();
  let seq = -1;
  doc.on("update", (update: Uint8Array) => {
    writer.send(updateFrame(update));
    if (hocuspocus) awaitingAck.push(seq);
  });
  const text = typingPlace(doc);
  for (seq = 0; seq < edits; seq++) {
    text.insert(text.length, editText(WRITER, seq, Date.now()));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, ACK_TIMEOUT_MS))]);
  const acknowledgedSeqs = Array.from({ length: edits }, (_, s) => s).filter(acknowledged);
  const writesBeforeKill = (await server.durableWrites())?.writes ?? null;
  process.kill(server.pid, "SIGKILL");
  // The process is gone; this only waits for its exit to be seen.
  await server.stop();
  writer.socket.terminate();
  witness.socket.terminate();

  const restarted = await restart();
  const reader = await join(restarted, room, READER);
  reader.socket.close();
  const present = new Set(editsIn(reader.update).filter((edit) => edit.client === WRITER).map((edit) => edit.seq));
  const kept = acknowledgedSeqs.filter((s) => present.has(s)).length;
  return {
    row: {
      server: server.name,
      acknowledgement: hocuspocus ? "its SyncStatus to the writer, and a second client has the edit" : "a second client has the edit",
      sent: edits,
      acknowledged: acknowledgedSeqs.length,
      kept,
      lost: acknowledgedSeqs.length - kept,
      writesBeforeKill,
    },
    restarted,
  };
}

/**
 * Durability under SIGKILL of ours (SQLite, demo workspace), Hocuspocus (its SQLite
 * extension, default debounce) and the reference (in memory: keeps nothing), one after
 * the other: `edits` edits over about `spreadMs` each.
 */
export async function durabilityScenario(edits = 50, spreadMs = 1_000): Promise<DurabilityRow[]> {
  const intervalMs = spreadMs / edits;
  const rows: DurabilityRow[] = [];

  const oursDir = mkdtempSync(path.join(tmpdir(), "drafting-bench-durability-"));
  let tokens: string[] = [];
  const ours = await startOurs(oursDir, () => tokens);
  const prepared = await prepareOurs(ours.url, 1);
  tokens = prepared.tokens;
  const oursRun = await killAfterAcknowledged(ours, prepared.ids[0]!, () => startOurs(oursDir, () => tokens), edits, intervalMs);
  rows.push(oursRun.row);
  await oursRun.restarted.stop();
  rmSync(oursDir, { recursive: true, force: true });

  const hocuspocusDir = mkdtempSync(path.join(tmpdir(), "drafting-bench-durability-"));
  const hocuspocusRun = await killAfterAcknowledged(await startHocuspocus(hocuspocusDir), "durability", () => startHocuspocus(hocuspocusDir), edits, intervalMs);
  rows.push(hocuspocusRun.row);
  await hocuspocusRun.restarted.stop();
  rmSync(hocuspocusDir, { recursive: true, force: true });

  const referenceRun = await killAfterAcknowledged(await startReference(), "durability", startReference, edits, intervalMs);
  rows.push(referenceRun.row);
  await referenceRun.restarted.stop();
  return rows;
}

/** The rows as a Markdown table. */
export function durabilityTable(rows: DurabilityRow[]): string[] {
  return [
    "| server | acknowledged when | sent | acknowledged | kept after SIGKILL and restart | lost | durable writes before the kill |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.server} | ${r.acknowledgement} | ${r.sent} | ${r.acknowledged} | ${r.kept} | ${r.lost} | ${r.writesBeforeKill ?? "(keeps nothing)"} |`),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  durabilityScenario().then(
    (rows) => {
      process.stdout.write(`${durabilityTable(rows).join("\n")}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
