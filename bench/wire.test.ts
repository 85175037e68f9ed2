/** The benchmark's Hocuspocus frames, read and written by Hocuspocus 4's own message classes. */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as syncProtocol from "y-protocols/sync";
import { AuthMessageType } from "@hocuspocus/common";
import { Document, IncomingMessage, MessageType, OutgoingMessage } from "@hocuspocus/server";
import { HocuspocusMessage, hocuspocusAuthFrame, hocuspocusFrame, readFrame, unwrapHocuspocusFrame, updateFrame } from "./wire.js";

const room = "statement-ä/1";

function someUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, "⟪3:7:1.000⟫");
  return Y.encodeStateAsUpdate(doc);
}

describe("Hocuspocus frames", () => {
  it("number messages as Hocuspocus does", () => {
    expect(HocuspocusMessage).toEqual({ sync: MessageType.Sync, auth: MessageType.Auth, syncStatus: MessageType.SyncStatus });
  });

  it("send an auth message Hocuspocus reads as a token for the document", () => {
    const message = new IncomingMessage(hocuspocusAuthFrame(room, "secret"));
    expect(message.readVarString()).toBe(room);
    expect(message.readVarUint()).toBe(MessageType.Auth);
    expect(message.readVarUint()).toBe(AuthMessageType.Token);
    expect(message.readVarString()).toBe("secret");
  });

  it("send an update Hocuspocus reads for the document", () => {
    const update = someUpdate();
    const message = new IncomingMessage(hocuspocusFrame(room, updateFrame(update)));
    expect(message.readVarString()).toBe(room);
    expect(message.readVarUint()).toBe(MessageType.Sync);
    expect(message.readVarUint()).toBe(syncProtocol.messageYjsUpdate);
    expect(message.readVarUint8Array()).toEqual(update);
  });

  it("read the updates and acknowledgements Hocuspocus sends", () => {
    const update = someUpdate();
    const broadcast = new OutgoingMessage(room).createSyncMessage().writeUpdate(update).toUint8Array();
    expect(unwrapHocuspocusFrame(broadcast).room).toBe(room);
    expect(readFrame(broadcast, "hocuspocus")).toEqual({ kind: "update", update });
    expect(readFrame(new OutgoingMessage(room).writeSyncStatus(true).toUint8Array(), "hocuspocus")).toEqual({ kind: "saved", applied: true });
    expect(readFrame(new OutgoingMessage(room).writeSyncStatus(false).toUint8Array(), "hocuspocus")).toEqual({ kind: "saved", applied: false });
    const step1 = new OutgoingMessage(room).createSyncMessage().writeFirstSyncStepFor(new Document(room)).toUint8Array();
    expect(readFrame(step1, "hocuspocus")).toEqual({ kind: "step1" });
  });
});
