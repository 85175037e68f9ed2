/**
 * The y-websocket protocol as the benchmark's simulated clients speak it: just enough to
 * sync, send edits, and read the timestamps inside the edits others send.
 */
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import { CONTENT_FIELD, MessageType } from "../shared/protocol.js";

/** A frame carrying one update. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1 with an empty state vector (asks for everything). */
export function syncStep1Frame(doc?: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep1(encoder, doc ?? new Y.Doc());
  return encoding.toUint8Array(encoder);
}

/** Sync step 2 answering the server's step 1 with nothing (listeners have nothing to send). */
export function emptyStep2Frame(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep2(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
}

/** What a received frame is, for the benchmark. */
export type Received = { kind: "step1" } | { kind: "step2"; update: Uint8Array } | { kind: "update"; update: Uint8Array } | { kind: "other" };

/** Classify a received frame. */
export function readFrame(frame: Uint8Array): Received {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MessageType.sync) return { kind: "other" };
  const type = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (type === syncProtocol.messageYjsSyncStep1) return { kind: "step1" };
  return { kind: type === syncProtocol.messageYjsSyncStep2 ? "step2" : "update", update: payload };
}

const marker = /⟪(\d+):(\d+):(\d+(?:\.\d+)?)⟫/g;

/** The text an edit inserts: who, which edit, and when (ms since the epoch, fractional). */
export function editText(client: number, seq: number, at: number): string {
  return `⟪${client}:${seq}:${at.toFixed(3)}⟫`;
}

/** The edits inside an update, read without keeping a document. */
export function editsIn(update: Uint8Array): { client: number; seq: number; at: number }[] {
  const found: { client: number; seq: number; at: number }[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
    for (const match of struct.content.str.matchAll(marker)) found.push({ client: Number(match[1]), seq: Number(match[2]), at: Number(match[3]) });
  }
  return found;
}

/**
 * A loopback source address of its own for simulated client `id` (Linux routes all of
 * 127/8 to the loopback interface), so the server's per-address socket cap sees many
 * people, as it would in the field, rather than 1,500 sockets from one machine.
 */
export function clientAddressFor(id: number): string {
  return `127.1.${Math.floor(id / 250) % 250}.${(id % 250) + 1}`;
}

/**
 * A paragraph of a simulated client's own at the start of the statement's content, for
 * it to type into: the server refuses text anywhere else (a root of another name, or
 * characters directly in the content), as it would from any client.
 */
export function typingPlace(doc: Y.Doc): Y.XmlText {
  const text = new Y.XmlText();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [text]);
  doc.getXmlFragment(CONTENT_FIELD).insert(0, [paragraph]);
  return text;
}
