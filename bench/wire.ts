/**
 * The protocols as the benchmark's simulated clients speak them, y-websocket's and
 * Hocuspocus's: just enough to sync, send edits, and read the timestamps inside the
 * edits others send.
 */
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import { writeAuthentication } from "@hocuspocus/common";
import WebSocket from "ws";
import { CONTENT_FIELD, MessageType } from "../shared/protocol.js";
import type { BenchProtocol, BenchServer } from "./servers.js";

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

/**
 * Hocuspocus 4's message types (MessageType of @hocuspocus/server, which its provider
 * shares): sync and awareness are numbered as in y-websocket.
 */
export const HocuspocusMessage = { sync: 0, auth: 2, syncStatus: 8 } as const;

/**
 * A frame as Hocuspocus carries it: every message starts with the name of its document
 * (one socket may carry several), then the message as y-websocket frames it.
 */
export function hocuspocusFrame(room: string, frame: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, room);
  encoding.writeUint8Array(encoder, frame);
  return encoding.toUint8Array(encoder);
}

/** The first message a Hocuspocus client sends for a document: its token (empty when the server asks for none). */
export function hocuspocusAuthFrame(room: string, token = ""): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, room);
  encoding.writeVarUint(encoder, HocuspocusMessage.auth);
  writeAuthentication(encoder, token);
  return encoding.toUint8Array(encoder);
}

/** The document a Hocuspocus frame names, and the message after the name. */
export function unwrapHocuspocusFrame(data: Uint8Array): { room: string; frame: Uint8Array } {
  const decoder = decoding.createDecoder(data);
  const room = decoding.readVarString(decoder);
  return { room, frame: data.subarray(decoder.pos) };
}

/**
 * What a received frame is, for the benchmark; `saved` is Hocuspocus's SyncStatus, its
 * acknowledgement of each sync message a client sent (`applied`: accepted rather than
 * refused; Hocuspocus sends it once the update is in its in-memory document).
 */
export type Received =
  | { kind: "step1" }
  | { kind: "step2"; update: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "saved"; applied: boolean }
  | { kind: "other" };

/** Classify a received frame of `protocol`. */
export function readFrame(data: Uint8Array, protocol: BenchProtocol = "y-websocket"): Received {
  const frame = protocol === "hocuspocus" ? unwrapHocuspocusFrame(data).frame : data;
  const decoder = decoding.createDecoder(frame);
  const messageType = decoding.readVarUint(decoder);
  if (protocol === "hocuspocus" && messageType === HocuspocusMessage.syncStatus) return { kind: "saved", applied: decoding.readVarUint(decoder) === 1 };
  if (messageType !== MessageType.sync) return { kind: "other" };
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

/** A simulated client's socket to one document, in the server's protocol. */
export interface BenchSocket {
  socket: WebSocket;
  /** Send a frame of the y-websocket form (as built above), framed for the protocol. */
  send(frame: Uint8Array): void;
  /** Classify a frame received on the socket. */
  read(data: Uint8Array): Received;
}

/**
 * Open simulated client `client`'s socket to document `room` at `url` (from its own
 * loopback address, see clientAddressFor); a Hocuspocus socket starts with its auth
 * message, as Hocuspocus's provider does.
 */
export async function openSocket(protocol: BenchProtocol, url: string, room: string, client: number): Promise<BenchSocket> {
  const socket = new WebSocket(url, { localAddress: clientAddressFor(client) });
  socket.binaryType = "nodebuffer";
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  if (protocol === "hocuspocus") socket.send(hocuspocusAuthFrame(room));
  return {
    socket,
    send: protocol === "hocuspocus" ? (frame) => socket.send(hocuspocusFrame(room, frame)) : (frame) => socket.send(frame),
    read: (data) => readFrame(data, protocol),
  };
}

/**
 * Open a socket to `room` of `server` as simulated client `client`, sync, and resolve with
 * the full update the server sent (and how long that took).
 */
export async function join(server: Pick<BenchServer, "protocol" | "roomUrl">, room: string, client = 0): Promise<BenchSocket & { update: Uint8Array; ms: number }> {
  const started = performance.now();
  const open = await openSocket(server.protocol, server.roomUrl(room, client), room, client);
  return new Promise((resolve) => {
    open.socket.on("message", (data: Buffer) => {
      const frame = open.read(data);
      if (frame.kind === "step1") open.send(emptyStep2Frame());
      if (frame.kind === "step2") resolve({ ...open, update: frame.update, ms: performance.now() - started });
    });
    open.send(syncStep1Frame());
  });
}
