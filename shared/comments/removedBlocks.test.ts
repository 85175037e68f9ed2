import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment, updateYFragment } from "@tiptap/y-tiptap";
import { Transform } from "@tiptap/pm/transform";
import { statementSchema } from "../schema/statementExtensions.js";
import { outlineOf, locate } from "../schema/structure.js";
import { buildStatement, tenActsTemplate } from "../templates/buildStatement.js";
import { encodeAnchor, resolveAnchor, type YMapping } from "./anchors.js";

const schema = statementSchema();

describe("an anchor whose Act was removed", () => {
  for (const where of ["on the removing client (its undo history keeps the removed text)", "on every other client (the removed text is collected)"]) {
    it(`is detached ${where}, never moved onto the next Act's words`, () => {
      const removing = where.startsWith("on the removing");
      removeSecondAct(removing);
    });
  }

  it("stays detached when the removal is undone, on the undoing screen as on every other", () => {
    // Only the undoing client knows the restored Act replaces the removed one (Yjs keeps
    // that link locally), so following it would place the thread differently there.
    const { ydoc, fragment, anchor, undo } = removeSecondAct(true);
    undo.undo();
    const { doc, mapping } = initProseMirrorDoc(fragment, schema);
    expect(outlineOf(doc)).toHaveLength(3);
    const range = resolveAnchor(ydoc, fragment, mapping as YMapping, anchor)!;
    expect(range.to).toBeLessThanOrEqual(range.from);
  });
});

function removeSecondAct(keepHistory: boolean) {
  {
    const ydoc = new Y.Doc();
    const fragment = ydoc.getXmlFragment("content");
    const acts = tenActsTemplate.acts.slice(0, 3).map((act, i) => ({ title: act.title, clauses: [`words of act ${i + 1}`] }));
    prosemirrorJSONToYXmlFragment(schema, buildStatement({ ...tenActsTemplate, acts }), fragment);
    // The editor's binding keeps one mapping across its own changes, as here.
    const { doc, meta } = initProseMirrorDoc(fragment, schema);
    const mapping = meta.mapping as YMapping;
    const second = outlineOf(doc)[1]!;
    const at = second.clauses[0]!.pos + 2;
    const anchor = encodeAnchor(ydoc, fragment, mapping, at, at + 5);
    const third = outlineOf(doc)[2]!;
    const keptAt = third.clauses[0]!.pos + 2;
    const kept = encodeAnchor(ydoc, fragment, mapping, keptAt, keptAt + 5);

    const undo = new Y.UndoManager(fragment);
    if (!keepHistory) undo.destroy();
    const node = doc.nodeAt(second.pos)!;
    const after = new Transform(doc).delete(second.pos, second.pos + node.nodeSize).doc;
    updateYFragment(ydoc, fragment, after, meta);

    const range = resolveAnchor(ydoc, fragment, mapping, anchor)!;
    expect(range.to).toBeLessThanOrEqual(range.from);
    expect(locate(after, range.from)).toBeNull();
    // Words elsewhere are where they were.
    const still = resolveAnchor(ydoc, fragment, mapping, kept)!;
    expect(after.textBetween(still.from, still.to)).toBe("words");
    expect(locate(after, still.from)?.clause?.number).toBe("2.1");
    return { ydoc, fragment, anchor, undo };
  }
}
