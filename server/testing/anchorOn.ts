import { initProseMirrorDoc } from "@tiptap/y-tiptap";
import type { Anchor } from "../../shared/api.js";
import { encodeAnchor, type YMapping } from "../../shared/comments/anchors.js";
import { statementSchema } from "../../shared/schema/statementExtensions.js";
import type { TestClient } from "./testServer.js";

const schema = statementSchema();

/** An anchor on the first occurrence of `needle` (within one text node), made as the editor makes it. */
export function anchorOn(client: TestClient, needle: string): Anchor {
  const { doc, mapping } = initProseMirrorDoc(client.content, schema);
  let from = -1;
  doc.descendants((node, pos) => {
    if (from < 0 && node.isText && node.text!.includes(needle)) from = pos + node.text!.indexOf(needle);
    return from < 0;
  });
  if (from < 0) throw new Error(`no ${needle}`);
  return encodeAnchor(client.doc, client.content, mapping as YMapping, from, from + needle.length);
}
