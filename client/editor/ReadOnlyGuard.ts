import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

/** Edits the browser itself would make in a contenteditable; refused before they happen. */
const editingInput = /^(insert|delete|format|history)/;

/**
 * Read-only without leaving the keyboard out. ProseMirror's own read-only mode
 * (contenteditable=false) takes no focus and no keyboard selection, so reviewers could not
 * select words to comment on. Here the text stays focusable and selectable (Tab into it,
 * arrows and Shift+arrows, Ctrl+Alt+M to comment), while every change to the document
 * made on this screen is refused; only what the Y binding brings from others gets in.
 * (The server refuses a reader's changes anyway; this keeps the screen from showing any.)
 *
 * The editor's `editable` option still says whether this person may edit: the toolbar and
 * the regional notes read it. The core "editable" extension must be off for this to work,
 * since it turns the whole view to contenteditable=false.
 */
export const ReadOnlyGuard = Extension.create({
  name: "readOnlyGuard",
  addProseMirrorPlugins() {
    const editor = this.editor;
    const readOnly = () => !editor.options.editable;
    return [
      new Plugin({
        key: new PluginKey("readOnlyGuard"),
        filterTransaction: (tr) => !readOnly() || !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined,
        props: {
          attributes: (): Record<string, string> =>
            readOnly()
              ? // No on-screen keyboard on phones: there is nothing to type.
                { "aria-readonly": "true", spellcheck: "false", inputmode: "none" }
              : { "aria-readonly": "false", spellcheck: "true" },
          handleDOMEvents: {
            beforeinput: (_view, event) => {
              if (!readOnly() || !editingInput.test(event.inputType) || !event.cancelable) return false;
              event.preventDefault();
              return true;
            },
            keydown: (_view, event) => {
              if (!readOnly()) return false;
              // Tab leaves the text as from any other read-only field (list items would take it).
              if (event.key === "Tab" && !event.ctrlKey && !event.metaKey && !event.altKey) return true;
              // Undo and redo go straight to the shared document's undo manager (its changes come
              // back marked as synced), so a writer frozen out or demoted could otherwise undo
              // their earlier edits on this screen: they are swallowed while read-only.
              if ((event.ctrlKey || event.metaKey) && /^[zy]$/i.test(event.key)) {
                event.preventDefault();
                return true;
              }
              return false;
            },
            drop: (_view, event) => {
              if (!readOnly()) return false;
              event.preventDefault();
              return true;
            },
          },
          handlePaste: () => readOnly(),
          handleTextInput: () => readOnly(),
        },
      }),
    ];
  },
});
