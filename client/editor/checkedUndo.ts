/**
 * Undo and redo for those who may only suggest (reviewers). Their undo history holds
 * their suggestions as they made them; once a chair or coordinator has accepted or
 * rejected one, undoing that step would change the agreed text, which the server refuses
 * (closing the socket and clearing the offline copy). So the step is first undone on a
 * copy of the statement and checked with the server's own rule; a step that would do
 * more than change one's own suggestions is dropped from the history instead.
 */
import * as Y from "yjs";
import { SuggestionCheck } from "../../shared/collab/suggestionCheck.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";

/** What undoing (or redoing) the latest step would do: nothing to undo, a change the server takes, or one it refuses. */
export type UndoVerdict = "nothing" | "allowed" | "refused";

/** Judge the latest undo (or redo) step of `manager` for `accountId`, without changing the statement. */
export function judgeUndo(manager: Y.UndoManager, accountId: string, kind: "undo" | "redo"): UndoVerdict {
  const stack = kind === "undo" ? manager.undoStack : manager.redoStack;
  const step = stack[stack.length - 1];
  if (!step) return "nothing";
  const copy = new Y.Doc({ gc: manager.doc.gc });
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(manager.doc));
    // The step names what it undoes by id, so it applies to the copy as to the statement.
    const onCopy = new Y.UndoManager(copy.getXmlFragment(CONTENT_FIELD), { trackedOrigins: new Set([null]) });
    (kind === "undo" ? onCopy.undoStack : onCopy.redoStack).push(step);
    const updates: Uint8Array[] = [];
    copy.on("update", (update: Uint8Array) => updates.push(update));
    if (kind === "undo") onCopy.undo();
    else onCopy.redo();
    onCopy.destroy();
    if (updates.length === 0) return "allowed";
    return new SuggestionCheck(manager.doc).check(Y.mergeUpdates(updates), accountId) === null ? "allowed" : "refused";
  } finally {
    copy.destroy();
  }
}

/** Drop the latest undo (or redo) step, so the next one reaches further back. */
export function dropStep(manager: Y.UndoManager, kind: "undo" | "redo"): void {
  (kind === "undo" ? manager.undoStack : manager.redoStack).pop();
}
