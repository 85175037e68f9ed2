import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { initProseMirrorDoc, prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import { statementSchema } from "../schema/statementExtensions.js";
import { buildStatement, tenActsTemplate } from "../templates/buildStatement.js";
import { CONTENT_FIELD } from "../protocol.js";
import { encodeAnchor, resolveAnchor, type YMapping } from "./anchors.js";

const schema = statementSchema();
const statement = buildStatement({
  ...tenActsTemplate,
  preamble: "We call on States.",
  acts: [{ title: "Drivers", clauses: ["Address the drivers of mobility."], notes: { 0: [{ region: "Africa", text: "A regional standard." }] } }],
});

function resolveIn(doc: Y.Doc, anchor: ReturnType<typeof encodeAnchor>) {
  const fragment = doc.getXmlFragment(CONTENT_FIELD);
  const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, schema);
  const range = resolveAnchor(doc, fragment, mapping as YMapping, anchor);
  return range && { ...range, text: pmDoc.textBetween(range.from, Math.max(range.from, range.to), " ") };
}

describe("anchors", () => {
  it("resolve to exactly the range they were made on, at every text position, the title's first letter included", () => {
    const doc = prosemirrorJSONToYDoc(schema, statement, CONTENT_FIELD);
    const fragment = doc.getXmlFragment(CONTENT_FIELD);
    const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, schema);
    let checked = 0;
    pmDoc.descendants((node, pos) => {
      if (!node.isText) return true;
      for (let from = pos; from < pos + node.nodeSize; from++) {
        const to = Math.min(from + 3, pos + node.nodeSize);
        const range = resolveAnchor(doc, fragment, mapping as YMapping, encodeAnchor(doc, fragment, mapping as YMapping, from, to));
        expect(range, `${from}..${to}`).toEqual({ from, to });
        checked += 1;
      }
      return false;
    });
    expect(checked).toBeGreaterThan(100);
  });

  it("resolve the same on the client that undid a deletion as on the others (detached on both)", () => {
    const a = prosemirrorJSONToYDoc(schema, statement, CONTENT_FIELD);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const fragment = a.getXmlFragment(CONTENT_FIELD);
    const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, schema);
    let from = -1;
    pmDoc.descendants((node, pos) => {
      if (from < 0 && node.isText && node.text!.includes("drivers")) from = pos + node.text!.indexOf("drivers");
      return from < 0;
    });
    const anchor = encodeAnchor(a, fragment, mapping as YMapping, from, from + "drivers".length);
    expect(resolveIn(b, anchor)?.text).toBe("drivers");

    // Client a deletes the words, then undoes the deletion; b receives both.
    const undo = new Y.UndoManager(fragment, { trackedOrigins: new Set(["local"]) });
    const clauseText = ((fragment.get(2) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlElement;
    const text = clauseText.get(0) as Y.XmlText;
    const at = text.toString().indexOf("drivers");
    a.transact(() => text.delete(at, "drivers".length), "local");
    undo.undo();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    expect(text.toString()).toContain("drivers");

    const onA = resolveIn(a, anchor);
    const onB = resolveIn(b, anchor);
    expect(onA).toEqual(onB);
    expect(onA!.to).toBe(onA!.from);
  });
});
