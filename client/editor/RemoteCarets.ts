import { Extension } from "@tiptap/core";
import { Plugin } from "@tiptap/pm/state";
import { DecorationSet } from "@tiptap/pm/view";
import { defaultSelectionBuilder, yCursorPlugin } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import type { PresenceUser } from "../../shared/presence.js";
import { drawableCaret } from "../features/presence/checkPresence.js";

/** A named caret for another person (same markup and classes as TipTap's CollaborationCaret). */
function caretElement(user: PresenceUser): HTMLElement {
  const caret = document.createElement("span");
  caret.classList.add("collaboration-carets__caret");
  caret.style.borderColor = user.color;
  const label = document.createElement("div");
  label.classList.add("collaboration-carets__label");
  label.style.backgroundColor = user.color;
  label.append(document.createTextNode(user.name));
  caret.append(label);
  return caret;
}

/**
 * The caret plugin's decorations are recomputed inside ProseMirror's transaction code,
 * where an exception breaks every later transaction (typing, remote edits). Whatever
 * slips past the state filter costs the carets, never the editor.
 */
function withoutThrowing(plugin: Plugin<DecorationSet>): Plugin<DecorationSet> {
  const field = plugin.spec.state;
  if (!field) return plugin;
  const guarded = (compute: () => DecorationSet): DecorationSet => {
    try {
      return compute();
    } catch (error) {
      console.error("Remote carets could not be drawn", error);
      return DecorationSet.empty;
    }
  };
  return new Plugin<DecorationSet>({
    ...plugin.spec,
    state: {
      init: (config, state) => guarded(() => field.init(config, state)),
      apply: (tr, value, oldState, newState) => guarded(() => field.apply(tr, value, oldState, newState)),
    },
  });
}

/**
 * Other people's named carets, drawn only from presence states that pass the shared
 * schema and point into this document (TipTap's CollaborationCaret draws from every
 * state as it came, and has no way to filter them). Also publishes this person's `user`.
 */
export function remoteCarets(awareness: Awareness, doc: Y.Doc, user: PresenceUser): Extension {
  return Extension.create({
    name: "remoteCarets",
    priority: 999,
    onCreate() {
      awareness.setLocalStateField("user", user);
    },
    addProseMirrorPlugins() {
      const carets = yCursorPlugin(awareness, {
        awarenessStateFilter: (ownClientId: number, clientId: number, state: unknown) => clientId !== ownClientId && drawableCaret(state, doc) !== null,
        cursorBuilder: (checked: PresenceUser) => caretElement(checked),
        selectionBuilder: (checked: PresenceUser) => defaultSelectionBuilder(checked),
      }) as Plugin<DecorationSet>;
      return [withoutThrowing(carets)];
    },
  });
}
