import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as Y from "yjs";
import { presenceUserSchema, whereaboutsSchema } from "../../../shared/presence.js";
import { CONTENT_FIELD } from "../../../shared/protocol.js";
import { checkPresence, drawableCaret } from "./checkPresence.js";

const user = { accountId: "acc_1", name: "Amina Chair", color: "#2563eb" };

/** A statement-like document with one paragraph of text, and a caret position inside it. */
function documentWithText(): { doc: Y.Doc; inside: unknown } {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText("Migrants are rights holders.");
  paragraph.insert(0, [text]);
  doc.getXmlFragment(CONTENT_FIELD).insert(0, [paragraph]);
  return { doc, inside: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 4)) };
}

describe("checkPresence", () => {
  it("shows a person whose place cannot be printed without the place", () => {
    const checked = checkPresence({ user, where: { act: 1, clause: { toString: 0 } } });
    expect(checked).toEqual({ user, where: null, cursor: null });
  });

  it("does not show a state whose user is not a valid person", () => {
    for (const bad of [undefined, null, "Amina", { ...user, name: { toString: 0 } }, { ...user, color: "red" }, { ...user, extra: 1 }, [user]]) {
      expect(checkPresence({ user: bad, where: { act: 1, clause: "1.1" } })).toBeNull();
    }
  });

  it("reads only the state's own fields, not a `__proto__` key's", () => {
    const state: unknown = JSON.parse(`{"__proto__": {"user": ${JSON.stringify(user)}}}`);
    expect(checkPresence(state)).toBeNull();
  });

  it("never throws, and whatever it returns passes the shared schema (any JSON, any shape)", () => {
    const nasty = fc.oneof(fc.constant({ toString: 0 }), fc.constant({ valueOf: [] }), fc.constant("x".repeat(5000)), fc.jsonValue({ maxDepth: 3 }));
    const state = fc.oneof(
      fc.jsonValue({ maxDepth: 5 }),
      fc.record({ user: fc.oneof(fc.constant(user), nasty), where: nasty, cursor: nasty }, { requiredKeys: [] }),
      fc.record({ user: fc.constant(user), cursor: fc.record({ anchor: nasty, head: nasty }) }),
    );
    fc.assert(
      fc.property(state, (value) => {
        const checked = checkPresence(value);
        if (checked === null) return;
        expect(presenceUserSchema.safeParse(checked.user).success).toBe(true);
        if (checked.where !== null) expect(whereaboutsSchema.safeParse(checked.where).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("drawableCaret", () => {
  it("draws a caret that points at the statement's text", () => {
    const { doc, inside } = documentWithText();
    expect(drawableCaret({ user, cursor: { anchor: inside, head: inside } }, doc)).not.toBeNull();
  });

  it("draws the caret a real editor publishes (Y.RelativePosition objects, absent parts as null)", () => {
    const { doc } = documentWithText();
    const paragraph = doc.getXmlFragment(CONTENT_FIELD).get(0) as Y.XmlElement;
    for (const position of [Y.createRelativePositionFromTypeIndex(paragraph.get(0) as Y.XmlText, 2), Y.createRelativePositionFromTypeIndex(doc.getXmlFragment(CONTENT_FIELD), 1)]) {
      const state: unknown = JSON.parse(JSON.stringify({ user, cursor: { anchor: position, head: position } }));
      expect(JSON.stringify(state)).toContain("null");
      expect(checkPresence(state)?.cursor).not.toBeNull();
      expect(drawableCaret(state, doc)).not.toBeNull();
    }
  });

  it("draws no caret Yjs cannot resolve, and creates nothing in the document for one", () => {
    const { doc, inside } = documentWithText();
    const roots = [...doc.share.keys()];
    for (const anchor of [{}, { tname: "comments" }, { tname: "x".repeat(64) }, { item: { client: 1, clock: 99 } }, { type: { client: 1, clock: 99 } }, "x", null]) {
      expect(drawableCaret({ user, cursor: { anchor, head: inside } }, doc)).toBeNull();
    }
    expect([...doc.share.keys()]).toEqual(roots);
  });

  it("draws no caret for a person who is not valid", () => {
    const { doc, inside } = documentWithText();
    expect(drawableCaret({ user: { name: "x" }, cursor: { anchor: inside, head: inside } }, doc)).toBeNull();
  });
});
