import { describe, expect, it } from "vitest";
import { matrixChangedEventSchema } from "../../shared/api/matrix.js";
import { EventHub, type EventStream } from "../comments/EventHub.js";
import { announceMatrixResync } from "./live.js";

/** A stream that keeps what it is sent, as a browser tab would receive it. */
function tab(accountId: string): EventStream & { received: Array<{ event: string; data: unknown }> } {
  const received: Array<{ event: string; data: unknown }> = [];
  return { accountId, workspaceId: "workspace001", credentialId: `session-${accountId}`, address: "127.0.0.1", received, send: (event, data) => received.push({ event, data }), close: () => {} };
}

describe("the matrix's live traffic after this instance lost touch with the others", () => {
  it("tells every open matrix on this instance to reload, once each, and no other instance", () => {
    const relayed: unknown[] = [];
    const hub = new EventHub((...message) => relayed.push(message));
    const [first, second, other] = [tab("account00001"), tab("account00002"), tab("account00003")];
    hub.subscribe("document0001", first);
    hub.subscribe("document0001", second);
    const unsubscribe = hub.subscribe("document0002", other);
    hub.subscribe("document0003", tab("account00004"))();
    unsubscribe();
    hub.subscribe("document0002", other);

    announceMatrixResync(hub);

    for (const stream of [first, second, other]) {
      expect(stream.received).toHaveLength(1);
      expect(stream.received[0]!.event).toBe("changed");
      expect(matrixChangedEventSchema.parse(stream.received[0]!.data)).toEqual({ what: "resync", by: { id: "", name: "" }, targetId: null, act: null, roundId: null });
    }
    expect(hub.documentIds().sort()).toEqual(["document0001", "document0002"]);
    // Every instance resyncs on its own reconnect: nothing is relayed.
    expect(relayed).toEqual([]);
  });
});
