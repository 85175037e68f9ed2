import type { Node as PMNode } from "@tiptap/pm/model";
import { RegionalNote } from "../../shared/schema/RegionalNote.js";
import type { LiveLabels } from "./statementLabels.js";

/** Id of the <datalist> of suggested regions rendered by the editor page. */
export const REGION_LIST_ID = "statement-regions";

/**
 * The regional note as a box with a "Regional note" label and a region field above its
 * text (both in the reader's language, from `live`). The field writes the node's
 * `region` attribute, so every editor sees it.
 */
export const regionalNoteWithView = (live: LiveLabels) =>
  RegionalNote.extend({
    addNodeView() {
      return ({ node, getPos, editor }) => {
        let current: PMNode = node;
        const dom = document.createElement("aside");
        dom.className = "regional-note";
        dom.dataset["type"] = "regional-note";
        const header = document.createElement("div");
        header.className = "regional-note__header";
        header.contentEditable = "false";
        const label = document.createElement("span");
        label.className = "regional-note__label";
        const input = document.createElement("input");
        input.className = "regional-note__region";
        input.setAttribute("list", REGION_LIST_ID);
        const drawLabels = () => {
          label.textContent = live.current.regionalNote;
          input.setAttribute("aria-label", live.current.region);
          input.placeholder = live.current.region;
        };
        drawLabels();
        const unsubscribe = live.subscribe(drawLabels);
        input.value = String(node.attrs["region"] ?? "");
        input.disabled = !editor.isEditable || editor.storage.suggesting?.suggesting === true;
        input.addEventListener("change", () => {
          const pos = getPos();
          if (typeof pos !== "number" || !editor.isEditable) return;
          editor.view.dispatch(editor.state.tr.setNodeMarkup(pos, undefined, { ...current.attrs, region: input.value.trim() }));
        });
        input.addEventListener("keydown", (event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            input.blur();
            editor.commands.focus();
          }
        });
        header.append(label, input);
        const body = document.createElement("div");
        body.className = "regional-note__body";
        dom.append(header, body);
        return {
          dom,
          contentDOM: body,
          update(updated) {
            if (updated.type !== current.type) return false;
            current = updated;
            if (document.activeElement !== input) input.value = String(updated.attrs["region"] ?? "");
            input.disabled = !editor.isEditable || editor.storage.suggesting?.suggesting === true;
            return true;
          },
          stopEvent: (event) => event.target instanceof Node && header.contains(event.target),
          ignoreMutation: (mutation) => header.contains(mutation.target),
          destroy: unsubscribe,
        };
      };
    },
  });
