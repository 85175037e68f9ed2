import { Node, mergeAttributes } from "@tiptap/core";
import { NodeName } from "./names.js";
import { TEXT_DIRECTION } from "./textDirection.js";

/**
 * An Act: a titled section of numbered clauses and regional notes. Its number is
 * derived from its position among the acts (see `outlineOf`), never stored.
 */
export const Act = Node.create({
  name: NodeName.act,
  group: "section",
  content: `${NodeName.actTitle} (${NodeName.clause} | ${NodeName.regionalNote})*`,
  defining: true,
  parseHTML() {
    return [{ tag: 'section[data-type="act"]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["section", mergeAttributes(HTMLAttributes, { "data-type": "act", class: "act" }), 0];
  },
});

/** The editable title line of an Act ("Drivers of human mobility"). */
export const ActTitle = Node.create({
  name: NodeName.actTitle,
  content: "text*",
  // Titles take no formatting, only suggested wording.
  marks: "insertion deletion",
  defining: true,
  parseHTML() {
    return [{ tag: 'h2[data-type="act-title"]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["h2", mergeAttributes(HTMLAttributes, { "data-type": "act-title", class: "act-title", ...TEXT_DIRECTION }), 0];
  },
});
