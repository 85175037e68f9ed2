import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditListSchema } from "../../shared/api.js";
import { matrixAdvocateSchema, matrixCellConflictSchema, matrixCellSchema, matrixHistorySchema, matrixOrganisationsSchema, matrixTargetSchema, matrixViewSchema, negotiatingGroupSchema, type MatrixView } from "../../shared/api/matrix.js";
import { matrixLimits } from "../../shared/matrix/matrix.js";
import { describeAuditEntry } from "../../shared/auditSentences.js";
import { intlFor } from "../i18n.js";
import surroundSound from "../../shared/templates/surroundSound.json" with { type: "json" };
import type { RunningServer } from "../app.js";
import { openMatrixEvents } from "../testing/matrixEvents.js";
import { addMember, api, createTestDocument, errorOf, removeDataDir, setUpWorkspace, startTestServer, storageSetups, tempDataDir, type TestUser } from "../testing/testServer.js";

/** SQLite, and PostgreSQL when `TEST_DATABASE_URL` is set. */
const setups = storageSetups.filter((setup) => setup.delayMs === 0);

describe.each(setups)("the matrix's routes on $name", (setup) => {
  let dataDir: string;
  let server: RunningServer;
  let chair: TestUser;
  let coordinator: TestUser;
  let coordinator2: TestUser;
  let reviewer: TestUser;
  let observer: TestUser;
  let workspaceId: string;
  let documentId: string;
  let roundId: string;
  let firstRoundId: string;

  const path = (rest = "") => `/api/documents/${documentId}/matrix${rest}`;
  const view = async (user: TestUser, query = "", ofDocument = documentId): Promise<MatrixView> => {
    const response = await api(server, "GET", `/api/documents/${ofDocument}/matrix${query}`, undefined, user);
    const body = await response.text();
    expect(response.status, body).toBe(200);
    return matrixViewSchema.parse(JSON.parse(body));
  };
  const targetByCode = async (code: string) => (await view(chair)).targets.find((t) => t.code === code)!;
  const cell = (targetId: string, overrides: Record<string, unknown> = {}) => ({ targetId, act: 1, roundId, position: "supports", baseRevision: null, ...overrides });
  const openRound = async (name: string, onDocument = documentId) => {
    const response = await api(server, "POST", `/api/documents/${onDocument}/rounds`, { name, draftPublished: "2018-02-05" }, chair);
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const auditOf = async (action: string) => {
    const response = await api(server, "GET", `/api/workspaces/${workspaceId}/audit?action=${action}`, undefined, chair);
    expect(response.status).toBe(200);
    return auditListSchema.parse(await response.json()).entries;
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, setup);
    ({ chair, workspaceId } = await setUpWorkspace(server));
    coordinator = await addMember(server, chair, workspaceId, "coordinator", "Cora Coordinator");
    coordinator2 = await addMember(server, chair, workspaceId, "coordinator", "Cosmo Coordinator");
    reviewer = await addMember(server, chair, workspaceId, "reviewer", "Rita Reviewer");
    observer = await addMember(server, chair, workspaceId, "observer", "Omar Observer");
    documentId = (await createTestDocument(server, chair)).id;
    firstRoundId = await openRound("Zero draft");
    const frozen = await api(server, "POST", `/api/documents/${documentId}/rounds/${firstRoundId}/freeze`, undefined, chair);
    expect(frozen.status).toBe(201);
    const next = await api(server, "POST", `/api/documents/${documentId}/rounds/${firstRoundId}/open-next`, { name: "Revision 1", draftPublished: "2018-03-05" }, chair);
    expect(next.status).toBe(201);
    roundId = ((await next.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await server?.close();
    removeDataDir(dataDir);
  });

  it("seeds a new Ten Acts statement's matrix with the template's targets and their Acts, and a blank one with none", async () => {
    const seeded = await view(chair);
    expect(seeded.targets).toHaveLength(surroundSound.targets.length);
    expect(seeded.targets.find((t) => t.code === "EC")).toMatchObject({ kind: "state", name: "", acts: [1, 7], regionalGroup: "latin_american_caribbean" });
    expect(seeded.targets.find((t) => t.name === "European Union")).toMatchObject({ kind: "other", code: null, acts: [2, 7, 9, 10], regionalGroup: null });
    expect(seeded.acts).toHaveLength(10);
    expect(seeded.acts[0]!.number).toBe(1);
    expect(seeded.acts[0]!.title).not.toBe("");
    expect(seeded.rounds.map((r) => r.id)).toEqual([firstRoundId, roundId]);
    expect(seeded).toMatchObject({ roundId, previousRoundId: firstRoundId });
    const blank = await createTestDocument(server, chair, { title: "Blank", template: "blank" });
    const blankView = await view(chair, "", blank.id);
    expect(blankView.targets).toEqual([]);
    expect(blankView).toMatchObject({ roundId: null, previousRoundId: null, cells: [] });
  });

  it("tells each role what it may do, and hides the matrix from non-members", async () => {
    expect((await view(chair)).can).toEqual({ edit: true, manageTargets: true, seeContacts: true });
    expect((await view(coordinator)).can).toEqual({ edit: true, manageTargets: false, seeContacts: true });
    expect((await view(reviewer)).can).toEqual({ edit: false, manageTargets: false, seeContacts: false });
    expect((await view(observer)).can).toEqual({ edit: false, manageTargets: false, seeContacts: false });
    expect((await api(server, "GET", path())).status).toBe(401);
    expect(await errorOf(await api(server, "GET", path("?round=nosuchround1"), undefined, chair))).toMatchObject({ status: 404, id: "round_not_found" });
  });

  it("lets chairs and coordinators record positions, not reviewers or observers; an internal note never reaches an observer", async () => {
    const ireland = await targetByCode("IE");
    const stream = await openMatrixEvents(server, documentId, observer);
    expect(stream.status).toBe(200);
    try {
      const written = await api(server, "PUT", path("/cells"), cell(ireland.id, { note: "Minister told us in private", internal: true, evidenceUrl: "https://example.org/ie", evidenceDate: "2018-02-10" }), coordinator);
      expect(written.status).toBe(200);
      expect(matrixCellSchema.parse(await written.json())).toMatchObject({ position: "supports", note: "Minister told us in private", revision: 1, recordedBy: { id: coordinator.accountId, name: "Cora Coordinator" } });
      const event = await stream.next("changed", (e) => e.data["targetId"] === ireland.id);
      expect(event.data).toMatchObject({ what: "cell", act: 1, roundId, by: { id: coordinator.accountId, name: "Cora Coordinator" } });
      expect(event.raw).not.toContain("Minister");
    } finally {
      stream.close();
    }
    for (const user of [reviewer, observer]) {
      expect(await errorOf(await api(server, "PUT", path("/cells"), cell(ireland.id, { position: "opposes", baseRevision: 1 }), user))).toMatchObject({ status: 403, id: "role_required" });
    }
    const seen = (user: TestUser) => view(user).then((v) => v.cells.find((c) => c.targetId === ireland.id && c.act === 1 && c.roundId === roundId));
    expect(await seen(reviewer)).toMatchObject({ position: "supports", note: "Minister told us in private", internal: true });
    expect(await seen(observer)).toMatchObject({ position: "supports", note: null, internal: true });
    const chairWrite = await api(server, "PUT", path("/cells"), cell(ireland.id, { position: "flexible", baseRevision: 1 }), chair);
    expect(matrixCellSchema.parse(await chairWrite.json())).toMatchObject({ position: "flexible", note: "", internal: false, revision: 2 });
    const entries = await auditOf("matrix_cell_set");
    expect(entries[0]).toMatchObject({ actorId: chair.accountId, subject: ireland.id, details: { target: { id: ireland.id, code: "IE" }, act: 1, round: { id: roundId, name: "Revision 1" }, before: "supports", after: "flexible" } });
    expect(JSON.stringify(entries)).not.toContain("Minister");
    expect(describeAuditEntry(intlFor("en"), entries[0]!)).toBe("Amina Chair recorded the position of Ireland on Act 1 in “Revision 1” of “Test statement”: Supports → Flexible");
    expect(describeAuditEntry(intlFor("fr"), entries[1]!)).toBe("Cora Coordinator a enregistré la position de Irlande sur l’Acte 1 dans « Revision 1 » de « Test statement » : Soutient");
  });

  it("refuses a change made on a stale revision with the cell as it is now, and keeps the other person's value", async () => {
    const germany = await targetByCode("DE");
    const first = await api(server, "PUT", path("/cells"), cell(germany.id, { act: 3, position: "opposes", note: "Cora's call" }), coordinator);
    expect(first.status).toBe(200);
    const stale = await api(server, "PUT", path("/cells"), cell(germany.id, { act: 3, position: "supports", note: "Cosmo's call" }), coordinator2);
    expect(stale.status).toBe(409);
    const body = matrixCellConflictSchema.parse(await stale.json());
    expect(body.error.id).toBe("matrix_cell_changed");
    expect(body.current).toMatchObject({ position: "opposes", note: "Cora's call", revision: 1, recordedBy: { name: "Cora Coordinator" } });
    const again = await api(server, "PUT", path("/cells"), cell(germany.id, { act: 3, position: "supports", note: "Cosmo's call", baseRevision: 1 }), coordinator2);
    expect(matrixCellSchema.parse(await again.json())).toMatchObject({ position: "supports", revision: 2 });
    const tooOld = await api(server, "PUT", path("/cells"), cell(germany.id, { act: 3, position: "flexible", baseRevision: 1 }), coordinator);
    expect(matrixCellConflictSchema.parse(await tooOld.json()).current).toMatchObject({ position: "supports", revision: 2 });
  });

  it("answers every bad position with a 4xx and changes nothing", async () => {
    const netherlands = await targetByCode("NL");
    const before = await view(chair);
    const refusals: Array<[Record<string, unknown>, number, string]> = [
      [cell(netherlands.id, { act: 11 }), 404, "act_not_found"],
      [cell(netherlands.id, { act: matrixLimits.acts + 1 }), 400, "invalid_request"],
      [cell(netherlands.id, { roundId: "nosuchround1" }), 404, "round_not_found"],
      [cell("nosuchtarget1"), 404, "matrix_target_not_found"],
      [cell(netherlands.id, { position: "maybe" }), 400, "invalid_request"],
      [cell(netherlands.id, { evidenceUrl: "javascript:alert(1)" }), 400, "invalid_request"],
      [cell(netherlands.id, { evidenceDate: "2018-02-31x" }), 400, "invalid_request"],
      [cell(netherlands.id, { note: "x".repeat(matrixLimits.note + 1) }), 400, "invalid_request"],
      [cell(netherlands.id, { recordedBy: chair.accountId }), 400, "invalid_request"],
    ];
    for (const [body, status, id] of refusals) {
      expect(await errorOf(await api(server, "PUT", path("/cells"), body, coordinator)), JSON.stringify(body)).toMatchObject({ status, id });
    }
    expect(await view(chair)).toEqual(before);
    const noRound = await createTestDocument(server, chair, { title: "No round yet", template: "ten-acts" });
    const target = (await view(chair, "", noRound.id)).targets[0]!;
    expect(await errorOf(await api(server, "PUT", `/api/documents/${noRound.id}/matrix/cells`, cell(target.id), chair))).toMatchObject({ status: 409, id: "matrix_no_round" });
  });

  it("lets chairs choose targets and their Acts, refusing unknown states, duplicates and other roles", async () => {
    const added = await api(server, "POST", path("/targets"), { code: "KE", acts: [4, 2, 2] }, chair);
    expect(added.status).toBe(201);
    const kenya = matrixTargetSchema.parse(await added.json());
    expect(kenya).toMatchObject({ kind: "state", code: "KE", acts: [2, 4], regionalGroup: "african" });
    const other = matrixTargetSchema.parse(await (await api(server, "POST", path("/targets"), { name: "African Union Commission" }, chair)).json());
    expect(other).toMatchObject({ kind: "other", name: "African Union Commission", acts: [] });
    const before = await view(chair);
    expect(await errorOf(await api(server, "POST", path("/targets"), { code: "XX" }, chair))).toMatchObject({ status: 400, id: "unknown_state" });
    expect(await errorOf(await api(server, "POST", path("/targets"), { code: "KE" }, chair))).toMatchObject({ status: 409, id: "matrix_target_exists" });
    expect(await errorOf(await api(server, "POST", path("/targets"), { name: "african union commission " }, chair))).toMatchObject({ status: 409, id: "matrix_target_exists" });
    expect(await errorOf(await api(server, "POST", path("/targets"), { code: "GH", acts: [12] }, chair))).toMatchObject({ status: 404, id: "act_not_found" });
    expect(await errorOf(await api(server, "POST", path("/targets"), { code: "GH", name: "Ghana" }, chair))).toMatchObject({ status: 400 });
    // A UN state is added by its country, however its name is written, not as another actor.
    for (const name of ["France", "côte d’ivoire", "Royaume-Uni", "المغرب"]) {
      expect(await errorOf(await api(server, "POST", path("/targets"), { name }, chair))).toMatchObject({ status: 400, id: "matrix_use_state" });
    }
    expect(await errorOf(await api(server, "POST", path("/targets"), { code: "GH" }, coordinator))).toMatchObject({ status: 403, id: "role_required" });
    expect(await errorOf(await api(server, "PUT", path(`/targets/${kenya.id}/acts`), { acts: [1] }, coordinator))).toMatchObject({ status: 403, id: "role_required" });
    expect(await errorOf(await api(server, "DELETE", path(`/targets/${kenya.id}`), undefined, reviewer))).toMatchObject({ status: 403, id: "role_required" });
    expect(await errorOf(await api(server, "PUT", path(`/targets/${kenya.id}/acts`), { acts: [0] }, chair))).toMatchObject({ status: 400 });
    expect(await view(chair)).toEqual(before);

    const acts = await api(server, "PUT", path(`/targets/${kenya.id}/acts`), { acts: [9, 1] }, chair);
    expect(matrixTargetSchema.parse(await acts.json()).acts).toEqual([1, 9]);
    expect((await api(server, "DELETE", path(`/targets/${other.id}`), undefined, chair)).status).toBe(200);
    expect(await errorOf(await api(server, "DELETE", path(`/targets/${other.id}`), undefined, chair))).toMatchObject({ status: 404, id: "matrix_target_not_found" });
    expect((await view(chair)).targets.some((t) => t.id === other.id)).toBe(false);
    expect((await auditOf("matrix_target_added"))[0]).toMatchObject({ subject: other.id, details: { target: { name: "African Union Commission" } } });
    expect((await auditOf("matrix_target_acts_set"))[0]).toMatchObject({ subject: kenya.id, details: { acts: [1, 9], before: "2, 4", after: "1, 9" } });
    expect((await auditOf("matrix_target_removed"))[0]).toMatchObject({ subject: other.id });
  });

  it("keeps advocates' contacts for chairs and coordinators, out of the log and the events", async () => {
    const switzerland = await targetByCode("CH");
    const stream = await openMatrixEvents(server, documentId, reviewer);
    let advocateId: string;
    try {
      const added = await api(
        server,
        "POST",
        path("/advocates"),
        { targetId: switzerland.id, channel: "geneva", organisation: "Geneva Migrant Forum", contactName: "Ines Secret", contactEmail: "Ines@Forum.example.org", note: "prefers calls" },
        coordinator,
      );
      expect(added.status).toBe(201);
      const advocate = matrixAdvocateSchema.parse(await added.json());
      advocateId = advocate.id;
      expect(advocate).toMatchObject({ contactName: "Ines Secret", contactEmail: "ines@forum.example.org", note: "prefers calls", addedBy: { name: "Cora Coordinator" } });
      const event = await stream.next("changed", (e) => e.data["what"] === "advocates");
      expect(event.raw).not.toMatch(/Ines|forum\.example|prefers/);
    } finally {
      stream.close();
    }
    const of = (v: MatrixView) => v.advocates.find((a) => a.id === advocateId)!;
    expect(of(await view(chair))).toMatchObject({ contactName: "Ines Secret", contactEmail: "ines@forum.example.org" });
    for (const user of [reviewer, observer]) expect(of(await view(user))).toMatchObject({ organisation: "Geneva Migrant Forum", contactName: null, contactEmail: null, note: null });
    expect(JSON.stringify(await (await api(server, "GET", path(), undefined, observer)).json())).not.toMatch(/Ines|forum\.example/);

    expect(await errorOf(await api(server, "POST", path("/advocates"), { targetId: switzerland.id, channel: "geneva", organisation: "X" }, reviewer))).toMatchObject({ status: 403 });
    expect(await errorOf(await api(server, "POST", path("/advocates"), { targetId: switzerland.id, channel: "moon", organisation: "X" }, chair))).toMatchObject({ status: 400 });
    expect(await errorOf(await api(server, "POST", path("/advocates"), { targetId: switzerland.id, channel: "capital", organisation: "X", contactEmail: "not-mail" }, chair))).toMatchObject({ status: 400 });
    expect(await errorOf(await api(server, "POST", path("/advocates"), { targetId: "nosuchtarget1", channel: "capital", organisation: "X" }, chair))).toMatchObject({ status: 404, id: "matrix_target_not_found" });
    expect(await errorOf(await api(server, "PATCH", path(`/advocates/${advocateId}`), { channel: "capital" }, observer))).toMatchObject({ status: 403 });
    expect(await errorOf(await api(server, "PATCH", path("/advocates/nosuchadvocate"), { channel: "capital" }, chair))).toMatchObject({ status: 404, id: "matrix_advocate_not_found" });
    expect(await errorOf(await api(server, "PATCH", path(`/advocates/${advocateId}`), {}, chair))).toMatchObject({ status: 400 });
    // A semicolon separates organisations in a CSV cell: a name with one would come back as two.
    expect(await errorOf(await api(server, "PATCH", path(`/advocates/${advocateId}`), { organisation: "Amnesty; HRW" }, chair))).toMatchObject({ status: 400 });
    const semicolon = await errorOf(await api(server, "POST", path("/advocates"), { targetId: switzerland.id, channel: "geneva", organisation: "Amnesty; HRW" }, chair));
    expect(semicolon).toMatchObject({ status: 400 });
    expect(semicolon.message).toContain("semicolon");
    expect(of(await view(chair)).channel).toBe("geneva");

    const patched = await api(server, "PATCH", path(`/advocates/${advocateId}`), { channel: "capital", contactName: "Ines Other" }, chair);
    expect(matrixAdvocateSchema.parse(await patched.json())).toMatchObject({ channel: "capital", contactName: "Ines Other", organisation: "Geneva Migrant Forum" });
    const organisations = matrixOrganisationsSchema.parse(await (await api(server, "GET", path("/organisations"), undefined, reviewer)).json()).organisations;
    expect(organisations).toContain("Geneva Migrant Forum");
    expect(organisations).toEqual([...organisations].sort((a, b) => a.localeCompare(b)));
    expect((await api(server, "DELETE", path(`/advocates/${advocateId}`), undefined, coordinator)).status).toBe(200);
    expect(await errorOf(await api(server, "DELETE", path(`/advocates/${advocateId}`), undefined, coordinator))).toMatchObject({ status: 404, id: "matrix_advocate_not_found" });
    const logged = [...(await auditOf("matrix_advocate_added")), ...(await auditOf("matrix_advocate_changed")), ...(await auditOf("matrix_advocate_removed"))];
    expect(logged).toHaveLength(3);
    expect(logged.find((e) => e.action === "matrix_advocate_changed")).toMatchObject({ details: { organisation: "Geneva Migrant Forum", channel: "capital", fields: ["channel", "contactName"] } });
    expect(JSON.stringify(logged)).not.toMatch(/Ines|forum\.example|prefers/);
  });

  it("limits the advocates of one target", async () => {
    const target = matrixTargetSchema.parse(await (await api(server, "POST", path("/targets"), { code: "FJ" }, chair)).json());
    for (let n = 0; n < matrixLimits.advocatesPerTarget; n++) {
      expect((await api(server, "POST", path("/advocates"), { targetId: target.id, channel: "new_york", organisation: `Org ${n}` }, chair)).status).toBe(201);
    }
    expect(await errorOf(await api(server, "POST", path("/advocates"), { targetId: target.id, channel: "new_york", organisation: "One too many" }, chair))).toMatchObject({ status: 409, id: "matrix_too_many" });
  });

  it("gives a target's history with round names, to every member", async () => {
    const ireland = await targetByCode("IE");
    for (const user of [chair, observer]) {
      const response = await api(server, "GET", path(`/targets/${ireland.id}/history`), undefined, user);
      expect(response.status).toBe(200);
      const history = matrixHistorySchema.parse(await response.json());
      const set = history.entries.filter((e) => e.action === "cell_set");
      expect(set[0]).toMatchObject({ act: 1, roundId, roundName: "Revision 1", before: "supports", after: "flexible", by: { id: chair.accountId } });
      expect(JSON.stringify(history)).not.toContain("Minister");
    }
    expect(await errorOf(await api(server, "GET", path("/targets/nosuchtarget1/history"), undefined, chair))).toMatchObject({ status: 404, id: "matrix_target_not_found" });
  });

  it("lets chairs keep the workspace's negotiating groups", async () => {
    const groups = `/api/workspaces/${workspaceId}/negotiating-groups`;
    const added = await api(server, "POST", groups, { name: "African Group", codes: ["KE", "GH", "KE"] }, chair);
    expect(added.status).toBe(201);
    const group = negotiatingGroupSchema.parse(await added.json());
    expect(group).toMatchObject({ name: "African Group", codes: ["GH", "KE"] });
    expect(await errorOf(await api(server, "POST", groups, { name: "african group", codes: [] }, chair))).toMatchObject({ status: 409, id: "group_exists" });
    expect(await errorOf(await api(server, "POST", groups, { name: "Bad", codes: ["XX"] }, chair))).toMatchObject({ status: 400, id: "unknown_state" });
    expect(await errorOf(await api(server, "POST", groups, { name: "Bad", codes: ["ke"] }, chair))).toMatchObject({ status: 400 });
    expect(await errorOf(await api(server, "POST", groups, { name: "Coord", codes: [] }, coordinator))).toMatchObject({ status: 403, id: "role_required" });
    expect((await view(observer)).groups).toEqual([group]);
    // A change made on the group as it was before another chair's change is refused whole; one made on the group as it is goes through.
    const stale = await errorOf(await api(server, "PUT", `${groups}/${group.id}`, { name: "Africa", codes: ["NG"], base: { name: "African Group", codes: ["KE"] } }, chair));
    expect(stale).toMatchObject({ status: 409, id: "matrix_stale" });
    expect(await errorOf(await api(server, "PUT", `${groups}/${group.id}`, { name: "Africa", codes: ["NG"], base: { name: "Africa", codes: ["GH", "KE"] } }, chair))).toMatchObject({ status: 409, id: "matrix_stale" });
    expect((await view(chair)).groups).toEqual([group]);
    const changed = await api(server, "PUT", `${groups}/${group.id}`, { name: "Africa", codes: ["NG"], base: { name: "African Group", codes: ["KE", "GH"] } }, chair);
    expect(negotiatingGroupSchema.parse(await changed.json())).toMatchObject({ name: "Africa", codes: ["NG"] });
    expect(await errorOf(await api(server, "PUT", `${groups}/nosuchgroup1`, { name: "X", codes: [] }, chair))).toMatchObject({ status: 404, id: "group_not_found" });
    expect((await api(server, "DELETE", `${groups}/${group.id}`, undefined, chair)).status).toBe(200);
    expect(await errorOf(await api(server, "DELETE", `${groups}/${group.id}`, undefined, chair))).toMatchObject({ status: 404, id: "group_not_found" });
    expect((await view(chair)).groups).toEqual([]);
    expect((await auditOf("negotiating_group_changed"))[0]).toMatchObject({ details: { group: { name: "Africa" }, before: "African Group", after: "Africa", count: 1 } });
    expect(describeAuditEntry(intlFor("en"), (await auditOf("negotiating_group_changed"))[0]!)).toBe("Amina Chair changed the negotiating group Africa (formerly African Group): 1 state");
    expect(await auditOf("negotiating_group_added")).toHaveLength(1);
    expect(await auditOf("negotiating_group_removed")).toHaveLength(1);
  });

  it("tells the others where a member is, named by the server, and limits how often", async () => {
    const spain = await targetByCode("NL");
    const stream = await openMatrixEvents(server, documentId, observer);
    try {
      const reported = await api(server, "POST", path("/presence"), { targetId: spain.id, act: 2 }, reviewer);
      expect(reported.status).toBe(200);
      const event = await stream.next("presence", (e) => e.data["accountId"] === reviewer.accountId);
      expect(event.data).toMatchObject({ name: "Rita Reviewer", targetId: spain.id, act: 2 });
      expect(await errorOf(await api(server, "POST", path("/presence"), { targetId: "nosuchtarget1", act: null }, reviewer))).toMatchObject({ status: 404 });
      expect(await errorOf(await api(server, "POST", path("/presence"), { targetId: spain.id, act: 2, name: "Someone else" }, reviewer))).toMatchObject({ status: 400 });
      let status = 200;
      for (let n = 0; n < matrixLimits.presencePer10s + 1 && status === 200; n++) status = (await api(server, "POST", path("/presence"), { targetId: null, act: null }, coordinator)).status;
      expect(status).toBe(429);
      // Another member is not limited by the first one's reports.
      expect((await api(server, "POST", path("/presence"), { targetId: null, act: null }, chair)).status).toBe(200);
    } finally {
      stream.close();
    }
  });

  it("keeps the stream to members", async () => {
    const outsider = await setUpOutsider();
    const refused = await openMatrixEvents(server, documentId, outsider);
    expect(refused.status).toBe(404);
  });

  /** Someone signed in who is not a member of the workspace: a chair of another, invited and then removed. */
  async function setUpOutsider(): Promise<TestUser> {
    const person = await addMember(server, chair, workspaceId, "reviewer", "Olga Outsider");
    const removed = await api(server, "DELETE", `/api/workspaces/${workspaceId}/members/${person.accountId}`, undefined, chair);
    expect(removed.status).toBe(200);
    return person;
  }
});
