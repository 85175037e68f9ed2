/** The long statement the benchmarks work on. */
import * as Y from "yjs";
import { NodeName } from "../shared/schema/names.js";

const sentence = "Migrants shall have access to justice, decent work and protection, whatever their status, and no regression from higher regional standards is acceptable. ";

/** Grow every Act to 15 more clauses of ~600 characters: about 30 printed pages. Returns the characters added. */
export function growToThirtyPages(content: Y.XmlFragment): number {
  let characters = 0;
  const acts = content.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === NodeName.act);
  content.doc!.transact(() => {
    for (const act of acts) {
      for (let i = 0; i < 15; i++) {
        const clause = new Y.XmlElement(NodeName.clause);
        clause.setAttribute("id", `bench-${act.length}-${i}-${Math.random().toString(36).slice(2)}`);
        const paragraph = new Y.XmlElement("paragraph");
        const text = new Y.XmlText();
        text.insert(0, sentence.repeat(4));
        characters += sentence.length * 4;
        paragraph.insert(0, [text]);
        clause.insert(0, [paragraph]);
        act.insert(act.length, [clause]);
      }
    }
  });
  return characters;
}
