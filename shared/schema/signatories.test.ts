import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Node as PMNode } from "@tiptap/pm/model";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import { statementSchema } from "./statementExtensions.js";
import { NodeName } from "./names.js";
import { buildStatement, tenActsTemplate } from "../templates/buildStatement.js";
import { readStatement } from "../statement/readStatement.js";
import { schemaNames, schemaViolation } from "../../server/collab/checkUpdateSchema.js";
import { CONTENT_FIELD } from "../protocol.js";

const schema = statementSchema();

describe("the signatories section", () => {
  it("is a node of its own in the Ten Acts template, after the Acts, with one empty entry to type into", () => {
    const doc = PMNode.fromJSON(schema, buildStatement(tenActsTemplate));
    doc.check();
    const last = doc.lastChild!;
    expect(last.type.name).toBe(NodeName.signatories);
    expect(last.attrs["heading"]).toBe("Signatory organisations");
    expect(last.childCount).toBe(1);
    expect(last.firstChild!.type.name).toBe(NodeName.signatory);
    let lists = 0;
    doc.descendants((node) => {
      if (node.type.name === "bulletList") lists += 1;
    });
    expect(lists).toBe(0);
  });

  it("reads as a heading and the organisations' names, empty entries left out", () => {
    const json = buildStatement({ ...tenActsTemplate, acts: tenActsTemplate.acts.slice(0, 1), signatories: ["Migrant Forum in Asia", "", "PICUM"] });
    const model = readStatement(PMNode.fromJSON(schema, json));
    expect(model.after).toEqual([{ kind: "signatories", heading: "Signatory organisations", names: ["Migrant Forum in Asia", "PICUM"] }]);
  });

  it("is accepted by the server's schema check", () => {
    const ydoc = prosemirrorJSONToYDoc(schema, buildStatement({ ...tenActsTemplate, signatories: ["PICUM"] }), CONTENT_FIELD);
    const update = Y.encodeStateAsUpdate(ydoc);
    expect(schemaViolation(Y.decodeUpdate(update), new Y.Doc(), schemaNames(schema))).toBeNull();
  });

  it("leaves statements written before it valid: the old heading and bulleted list still load and read", () => {
    const old = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Old statement" }] },
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Signatory organisations" }] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "PICUM" }] }] }] },
      ],
    };
    const doc = PMNode.fromJSON(schema, old);
    doc.check();
    expect(readStatement(doc).before.at(-1)).toEqual({ kind: "list", ordered: false, items: ["PICUM"] });
  });
});

describe("the signatories in the exports", () => {
  const input = async () => {
    const json = buildStatement({ ...tenActsTemplate, acts: tenActsTemplate.acts.slice(0, 1), signatories: ["Migrant Forum in Asia", "PICUM"] });
    const { renderMarkdown } = await import("../../server/exports/renderMarkdown.js");
    const { renderHtml } = await import("../../server/exports/renderHtml.js");
    const model = readStatement(PMNode.fromJSON(schema, json));
    const exportInput = { model, documentTitle: "t", language: "en" as const, round: null, date: "2026-11-30", frozen: false, sha256: null, threads: null };
    return { markdown: renderMarkdown(exportInput), html: renderHtml(exportInput) };
  };

  it("print as a heading and a list of the organisations (HTML with their count)", async () => {
    const { markdown, html } = await input();
    expect(markdown).toContain("## Signatory organisations\n\n- Migrant Forum in Asia\n- PICUM\n");
    expect(html).toContain('<section class="signatories"><h2 dir="auto">Signatory organisations</h2><p class="count">2 organisations</p><ol><li dir="auto">Migrant Forum in Asia</li><li dir="auto">PICUM</li></ol></section>');
  });
});
