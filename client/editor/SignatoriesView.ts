import type { Node as PMNode } from "@tiptap/pm/model";
import { DEFAULT_SIGNATORIES_HEADING, Signatories, signatoryNames } from "../../shared/schema/Signatories.js";

function headingOf(node: PMNode): string {
  const heading = node.attrs["heading"];
  return typeof heading === "string" && heading !== "" ? heading : DEFAULT_SIGNATORIES_HEADING;
}

function countOf(node: PMNode): string {
  const count = signatoryNames(node).length;
  return `${count} ${count === 1 ? "organisation" : "organisations"}`;
}

/**
 * The signatories section as a heading with the number of organisations, above a list
 * of one editable line per organisation (Enter starts the next one). The heading and
 * count are drawn here, not typed, so nobody edits them by accident.
 */
export const SignatoriesWithView = Signatories.extend({
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
      count.textContent = countOf(node);
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
          count.textContent = countOf(updated);
          return true;
        },
        ignoreMutation: (mutation) => header.contains(mutation.target),
      };
    };
  },
});
