import { Node, mergeAttributes } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { NodeName } from "./names.js";
import { TEXT_DIRECTION } from "./textDirection.js";

/** Heading of the signatories section when a statement does not name it. */
export const DEFAULT_SIGNATORIES_HEADING = "Signatory organisations";

/** The organisations listed in a signatories node, without the entries still empty. */
export function signatoryNames(node: PMNode): string[] {
  const names: string[] = [];
  node.forEach((child) => {
    const name = child.textContent.trim();
    if (child.type.name === NodeName.signatory && name !== "") names.push(name);
  });
  return names;
}

/**
 * The statement's list of signatory organisations: one entry per organisation, under a
 * heading kept as an attribute (it is the template's, not typed in the text). A section
 * of its own, so its entries never mix with the prose and exports can list them.
 */
export const Signatories = Node.create({
  name: NodeName.signatories,
  group: "section",
  content: `${NodeName.signatory}+`,
  defining: true,
  isolating: true,
  addAttributes() {
    return {
      heading: {
        default: DEFAULT_SIGNATORIES_HEADING,
        parseHTML: (element) => element.querySelector("h2")?.textContent ?? DEFAULT_SIGNATORIES_HEADING,
        renderHTML: () => ({}),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'section[data-type="signatories"]', contentElement: "ol" }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      "section",
      mergeAttributes(HTMLAttributes, { "data-type": "signatories", class: "signatories" }),
      ["h2", { class: "signatories__heading" }, String(node.attrs["heading"] ?? DEFAULT_SIGNATORIES_HEADING)],
      ["ol", { class: "signatories__list" }, 0],
    ];
  },
});

/** One signatory organisation: its name as plain text. */
export const Signatory = Node.create({
  name: NodeName.signatory,
  content: "text*",
  marks: "",
  parseHTML() {
    return [{ tag: 'li[data-type="signatory"]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["li", mergeAttributes(HTMLAttributes, { "data-type": "signatory", class: "signatory", ...TEXT_DIRECTION }), 0];
  },
});
