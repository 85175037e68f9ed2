import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { matrixLimits } from "../../shared/matrix/matrix.js";
import { matrixImportResultSchema, matrixTargetSchema, matrixViewSchema, type MatrixView } from "../../shared/api/matrix.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { NodeName } from "../../shared/schema/names.js";
import type { RunningServer } from "../app.js";
import { api, createTestDocument, errorOf, removeDataDir, setUpWorkspace, startTestServer, storageSetups, tempDataDir, type TestUser } from "../testing/testServer.js";

/** SQLite, and PostgreSQL when `TEST_DATABASE_URL` is set. */
const setups = storageSetups.filter((setup) => setup.delayMs === 0);

/** The statement's Acts in the live text, in order. */
const actsIn = (doc: Y.Doc) => doc.getXmlFragment(CONTENT_FIELD).toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === NodeName.act);

describe.each(setups)("the matrix follows Acts, not their numbers, on $name", (setup) => {
  let dataDir: string;
  let server: RunningServer;
  let chair: TestUser;
  let documentId: string;
  let firstRoundId: string;
  let roundId: string;
  let targetId: string;

  const path = (rest = "") => `/api/documents/${documentId}/matrix${rest}`;
  const view = async (query = ""): Promise<MatrixView> => {
    const response = await api(server, "GET", path(query), undefined, chair);
    expect(response.status).toBe(200);
    return matrixViewSchema.parse(await response.json());
  };
  const record = async (act: number, round: string, position: string) => {
    const response = await api(server, "PUT", path("/cells"), { targetId, act, roundId: round, position, baseRevision: null }, chair);
    expect(response.status, await response.clone().text()).toBe(200);
  };
  const positionsOf = (matrix: MatrixView, round: string) =>
    matrix.cells
      .filter((cell) => cell.targetId === targetId && cell.roundId === round)
      .map((cell) => [cell.act, cell.position])
      .sort();

  /** Insert an Act titled `title` before the Act numbered `before`, as a writer would. */
  const insertActBefore = (before: number, title: string) =>
    server.registry.change(documentId, (doc) => {
      const content = doc.getXmlFragment(CONTENT_FIELD);
      const at = content.toArray().indexOf(actsIn(doc)[before - 1]!);
      const act = new Y.XmlElement(NodeName.act);
      act.setAttribute("id", `inserted-${title}`);
      const heading = new Y.XmlElement(NodeName.actTitle);
      heading.insert(0, [new Y.XmlText(title)]);
      act.insert(0, [heading]);
      content.insert(at, [act]);
    });
  const deleteAct = (number: number) =>
    server.registry.change(documentId, (doc) => {
      const content = doc.getXmlFragment(CONTENT_FIELD);
      content.delete(content.toArray().indexOf(actsIn(doc)[number - 1]!), 1);
    });

  beforeEach(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, setup);
    ({ chair } = await setUpWorkspace(server));
    documentId = (await createTestDocument(server, chair)).id;
    const opened = await api(server, "POST", `/api/documents/${documentId}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair);
    firstRoundId = ((await opened.json()) as { id: string }).id;
    const added = await api(server, "POST", path("/targets"), { name: "Test Alliance", acts: [2, 3] }, chair);
    expect(added.status).toBe(201);
    targetId = matrixTargetSchema.parse(await added.json()).id;
    await record(2, firstRoundId, "supports");
    expect((await api(server, "POST", `/api/documents/${documentId}/rounds/${firstRoundId}/freeze`, undefined, chair)).status).toBe(201);
    const next = await api(server, "POST", `/api/documents/${documentId}/rounds/${firstRoundId}/open-next`, { name: "Revision 1", draftPublished: "2018-03-05" }, chair);
    roundId = ((await next.json()) as { id: string }).id;
    await record(2, roundId, "opposes");
    await record(3, roundId, "flexible");
  });

  afterEach(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  it("keeps positions and priorities on their Act when one is inserted before it, compared with the previous round on the same Act", async () => {
    await insertActBefore(2, "A new Act");
    const matrix = await view();
    expect(matrix.acts.map((act) => act.title).slice(0, 3)).toEqual([matrix.acts[0]!.title, "A new Act", matrix.acts[2]!.title]);
    expect(matrix.targets.find((target) => target.id === targetId)?.acts).toEqual([3, 4]);
    // What was Act 2 is Act 3 now, in both rounds: "change since the previous round" compares the same Act.
    expect(positionsOf(matrix, roundId)).toEqual([
      [3, "opposes"],
      [4, "flexible"],
    ]);
    expect(positionsOf(matrix, firstRoundId)).toEqual([[3, "supports"]]);
    // A new position on the inserted Act is its own cell.
    await record(2, roundId, "supports");
    expect(positionsOf(await view(), roundId)).toEqual([
      [2, "supports"],
      [3, "opposes"],
      [4, "flexible"],
    ]);
    // The history says the number the Act had when the change was made.
    const history = (await (await api(server, "GET", path(`/targets/${targetId}/history`), undefined, chair)).json()) as { entries: Array<{ action: string; act: number | null; after: string | null }> };
    expect(history.entries.filter((entry) => entry.action === "cell_set").map((entry) => [entry.act, entry.after])).toEqual([
      [2, "supports"],
      [3, "flexible"],
      [2, "opposes"],
      [2, "supports"],
    ]);
  });

  it("changes a target's Acts only against the Acts the chair saw (409 matrix_stale otherwise)", async () => {
    await insertActBefore(1, "First of all");
    const stale = await api(server, "PUT", path(`/targets/${targetId}/acts`), { acts: [2, 5], base: [2, 3] }, chair);
    expect(await errorOf(stale)).toMatchObject({ status: 409, id: "matrix_stale" });
    expect((await view()).targets.find((target) => target.id === targetId)?.acts).toEqual([3, 4]);
    const fresh = await api(server, "PUT", path(`/targets/${targetId}/acts`), { acts: [3, 4, 5], base: [4, 3] }, chair);
    expect(fresh.status).toBe(200);
    expect(matrixTargetSchema.parse(await fresh.json()).acts).toEqual([3, 4, 5]);
    expect(await errorOf(await api(server, "PUT", path(`/targets/${targetId}/acts`), { acts: [12] }, chair))).toMatchObject({ status: 404, id: "act_not_found" });
  });

  it("adds an organisation once per target and channel (409 matrix_advocate_exists), and parallel adds never pass the limit", async () => {
    const add = (organisation: string, channel = "capital") => api(server, "POST", path("/advocates"), { targetId, channel, organisation }, chair);
    expect((await add("Oxfam")).status).toBe(201);
    expect(await errorOf(await add("OXFAM"))).toMatchObject({ status: 409, id: "matrix_advocate_exists" });
    expect((await add("Oxfam", "geneva")).status).toBe(201);
    const statuses = await Promise.all(Array.from({ length: matrixLimits.advocatesPerTarget + 4 }, (_, n) => add(`Organisation ${n}`, "new_york").then((response) => response.status)));
    expect(statuses.filter((status) => status === 201)).toHaveLength(matrixLimits.advocatesPerTarget - 2);
    expect(statuses.filter((status) => status === 409)).toHaveLength(6);
    expect((await server.storage.matrix.advocates(documentId)).filter((advocate) => advocate.targetId === targetId)).toHaveLength(matrixLimits.advocatesPerTarget);
  });

  it("answers a position or an advocate for a removed target with 404", async () => {
    await server.storage.matrix.removeTarget(documentId, targetId);
    expect(await errorOf(await api(server, "PUT", path("/cells"), { targetId, act: 1, roundId, position: "supports", baseRevision: null }, chair))).toMatchObject({ status: 404, id: "matrix_target_not_found" });
    expect(await errorOf(await api(server, "POST", path("/advocates"), { targetId, channel: "capital", organisation: "Oxfam" }, chair))).toMatchObject({ status: 404, id: "matrix_target_not_found" });
  });

  it("leaves a deleted Act out of the view and the export, which imports again", async () => {
    await deleteAct(2);
    const matrix = await view();
    expect(matrix.targets.find((target) => target.id === targetId)?.acts).toEqual([2]);
    expect(positionsOf(matrix, roundId)).toEqual([[2, "flexible"]]);
    const csv = await (await api(server, "GET", path(`/export.csv?round=${roundId}&lang=en`), undefined, chair)).text();
    const lines = csv.split(/\r?\n/).filter((line) => line.includes("Test Alliance"));
    expect(lines.map((line) => line.split(",")[1])).toEqual([`"2"`]);
    const imported = await api(server, "POST", path("/import"), { roundId, csv: csv.replace(/^\uFEFF/, ""), commit: true }, chair);
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect(matrixImportResultSchema.parse(await imported.json()).problems).toEqual([]);
    // Its positions stay stored: the Act coming back (undo) brings them back.
    const stored = await server.storage.matrix.cellsOf(documentId, targetId);
    expect(stored.filter((cell) => cell.roundId === roundId)).toHaveLength(2);
  });
});
