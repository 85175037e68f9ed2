import type { Node as PMNode } from "@tiptap/pm/model";
import { DEFAULT_SIGNATORIES_HEADING, Signatories, signatoryNames } from "../../shared/schema/Signatories.js";
import type { LiveLabels } from "./statementLabels.js";

function headingOf(node: PMNode): string {
  const heading = node.attrs["heading"];
  return typeof heading === "string" && heading !== "" ? heading : DEFAULT_SIGNATORIES_HEADING;
}

/**
 * The signatories section as a heading with the number of organisations, above a list
 * of one editable line per organisation (Enter starts the next one). The heading and
 * count are drawn here, not typed, so nobody edits them by accident. The heading is the
 * statement's own text; the count is said in the reader's language (from `live`).
 */
export const signatoriesWithView = (live: LiveLabels) =>
  Signatories.extend({
    addNodeView() {
      return ({ node }) => {
        let current: PMNode = node;
        const dom = document.createElement("section");
        dom.className = "signatories";
        dom.dataset["type"] = "signatories";
        const header = document.createElement("div");
        header.className = "signatories__header";
        header.contentEditable = "false";
        const heading = document.createElement("h2");
        heading.className = "signatories__heading";
        heading.textContent = headingOf(node);
        const count = document.createElement("span");
        count.className = "signatories__count";
        const drawCount = () => {
          count.textContent = live.current.organisations(signatoryNames(current).length);
        };
        drawCount();
        const unsubscribe = live.subscribe(drawCount);
        header.append(heading, count);
        const list = document.createElement("ol");
        list.className = "signatories__list";
        list.setAttribute("aria-label", headingOf(node));
        dom.append(header, list);
        return {
          dom,
          contentDOM: list,
          update(updated) {
            if (updated.type !== current.type) return false;
            current = updated;
            heading.textContent = headingOf(updated);
            list.setAttribute("aria-label", headingOf(updated));
            drawCount();
            return true;
          },
          ignoreMutation: (mutation) => header.contains(mutation.target),
          destroy: unsubscribe,
        };
      };
    },
  });
