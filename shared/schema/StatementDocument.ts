import { Node } from "@tiptap/core";

/**
 * The top node: free blocks (title, preamble, signatories) and Act sections, in any
 * order. Permissive on purpose: a schema that demanded "ten acts" would make
 * ProseMirror rewrite remote states that briefly break it, fighting other editors.
 */
export const StatementDocument = Node.create({
  name: "doc",
  topNode: true,
  content: "(block | section)+",
});
