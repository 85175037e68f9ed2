import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { SuggestionMark } from "../../shared/suggestions.js";
import { judgeUndo } from "./checkedUndo.js";

const REVIEWER = "reviewerAcct01";
const ID = `${REVIEWER}.abcdefghij`;

/** A statement paragraph "Safe migration." the reviewer (undo-tracked) and a coordinator share. */
function shared() {
  const statement = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText("Safe migration.")]);
  statement.getXmlFragment(CONTENT_FIELD).insert(0, [paragraph]);
  const reviewer = new Y.Doc();
  Y.applyUpdate(reviewer, Y.encodeStateAsUpdate(statement));
  const text = (doc: Y.Doc) => (doc.getXmlFragment(CONTENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const undo = new Y.UndoManager(reviewer.getXmlFragment(CONTENT_FIELD), { trackedOrigins: new Set([null]) });
  return { statement, reviewer, text, undo };
}

describe("undo for someone who may only suggest", () => {
  it("allows undoing one's own pending suggestion", () => {
    const { reviewer, text, undo } = shared();
    text(reviewer).insert(5, "and dignified ", { [SuggestionMark.insertion]: { id: ID } });
    expect(judgeUndo(undo, REVIEWER, "undo")).toBe("allowed");
    undo.undo();
    expect(judgeUndo(undo, REVIEWER, "redo")).toBe("allowed");
  });

  it("refuses undoing a suggestion a coordinator has accepted since (it is agreed text now), and changes nothing while judging", () => {
    const { statement, reviewer, text, undo } = shared();
    text(reviewer).insert(5, "and dignified ", { [SuggestionMark.insertion]: { id: ID } });
    Y.applyUpdate(statement, Y.encodeStateAsUpdate(reviewer));
    // The coordinator accepts: the words stay, the mark goes.
    text(statement).format(5, "and dignified ".length, { [SuggestionMark.insertion]: null });
    Y.applyUpdate(reviewer, Y.encodeStateAsUpdate(statement), "remote");
    const before = text(reviewer).toString();
    expect(judgeUndo(undo, REVIEWER, "undo")).toBe("refused");
    expect(text(reviewer).toString()).toBe(before);
    expect(undo.undoStack.length).toBe(1);
  });

  it("has nothing to judge with an empty history", () => {
    const { undo } = shared();
    expect(judgeUndo(undo, REVIEWER, "undo")).toBe("nothing");
  });
});
