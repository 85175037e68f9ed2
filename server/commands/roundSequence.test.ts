/**
 * Every order of open / freeze / open-next, step by step through the HTTP API, checking
 * after each step what a chair and a coordinator would see: the rounds listed, the
 * `frozen` flag, and whether a real coordinator's Yjs edit is stored.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import type { RunningServer } from "../app.js";
import { apiErrorSchema, roundListSchema, versionDetailSchema } from "../../shared/api.js";
import { statementSchema } from "../../shared/schema/statementExtensions.js";
import { NodeName } from "../../shared/schema/names.js";
import {
  addMember,
  api,
  connectClient,
  createTestDocument,
  health,
  removeDataDir,
  setUpWorkspace,
  startTestServer,
  tempDataDir,
  waitFor,
  type TestUser,
} from "../testing/testServer.js";
import { clauseText } from "../testing/statementText.js";

const schema = statementSchema();
let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let coordinator: TestUser;
let documentId: string;

beforeEach(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  const set = await setUpWorkspace(server);
  chair = set.chair;
  coordinator = await addMember(server, chair, set.workspaceId, "coordinator", "Kofi Coordinator");
  documentId = (await createTestDocument(server, chair)).id;
});
afterEach(async () => {
  await server.close();
  removeDataDir(dataDir);
});

const DATE = "2018-02-05";

async function listRounds() {
  return roundListSchema.parse(await (await api(server, "GET", `/api/documents/${documentId}/rounds`, undefined, chair)).json());
}

/** The id of the round with that name ("unknown-round" when there is none, so a step can name a missing round). */
async function idOf(name: string): Promise<string> {
  return (await listRounds()).rounds.find((round) => round.name === name)?.id ?? "unknown-round";
}

async function liveText(): Promise<string> {
  const detail = versionDetailSchema.parse(await (await api(server, "GET", `/api/documents/${documentId}/versions/live`, undefined, chair)).json());
  let text = "";
  schema.nodeFromJSON(detail.content).descendants((node) => {
    if (node.type.name === NodeName.clause) text += `${node.textContent}\n`;
    return node.type.name !== NodeName.clause;
  });
  return text;
}

/**
 * Whether a coordinator's edit is stored now: a fresh client (so nothing it typed
 * earlier merges later) types a unique mark into Act 1 and is closed afterwards.
 */
async function coordinatorEditIsStored(): Promise<boolean> {
  const mark = `edit-${randomUUID().slice(0, 8)}`;
  const refusedBefore = (await health(server)).refusedUpdates;
  const client = await connectClient(server, documentId, coordinator);
  try {
    clauseText(client.content, 1).insert(0, mark);
    await waitFor("the edit stored or refused", async () => (await liveText()).includes(mark) || (await health(server)).refusedUpdates > refusedBefore);
    return (await liveText()).includes(mark);
  } finally {
    client.destroy();
  }
}

const open = (name: string) => api(server, "POST", `/api/documents/${documentId}/rounds`, { name, draftPublished: DATE }, chair);
const freeze = async (name: string) => api(server, "POST", `/api/documents/${documentId}/rounds/${await idOf(name)}/freeze`, undefined, chair);
const openNext = async (after: string, name: string) =>
  api(server, "POST", `/api/documents/${documentId}/rounds/${await idOf(after)}/open-next`, { name, draftPublished: DATE }, chair);

/** One step: what the chair does, what the server answers, and the statement's state afterwards. */
interface Step {
  does: string;
  act: () => Promise<Response>;
  status: number;
  /** The error id of a refusal. */
  error?: string;
  frozen: boolean;
  /** The rounds listed afterwards, oldest first, as `name` or `name (frozen)`. */
  rounds: string[];
}

const steps: () => Step[] = () => [
  { does: "freeze with no round yet", act: () => freeze("R1"), status: 404, error: "round_not_current", frozen: false, rounds: [] },
  { does: "open-next with no round yet", act: () => openNext("R1", "R2"), status: 404, error: "round_not_current", frozen: false, rounds: [] },
  { does: "open the first round", act: () => open("R1"), status: 201, frozen: false, rounds: ["R1"] },
  { does: "open a round again while it is open", act: () => open("R1 bis"), status: 409, error: "round_exists", frozen: false, rounds: ["R1"] },
  { does: "open-next on an open round", act: () => openNext("R1", "R2"), status: 409, error: "round_open", frozen: false, rounds: ["R1"] },
  { does: "freeze the round", act: () => freeze("R1"), status: 201, frozen: true, rounds: ["R1 (frozen)"] },
  { does: "freeze it again", act: () => freeze("R1"), status: 409, error: "already_frozen", frozen: true, rounds: ["R1 (frozen)"] },
  { does: "POST /rounds after the freeze", act: () => open("R2"), status: 409, error: "round_exists", frozen: true, rounds: ["R1 (frozen)"] },
  { does: "open-next after the freeze", act: () => openNext("R1", "R2"), status: 201, frozen: false, rounds: ["R1 (frozen)", "R2"] },
  { does: "open-next twice on the same frozen round", act: () => openNext("R1", "R2 bis"), status: 404, error: "round_not_current", frozen: false, rounds: ["R1 (frozen)", "R2"] },
  { does: "open-next on the new, open round", act: () => openNext("R2", "R3"), status: 409, error: "round_open", frozen: false, rounds: ["R1 (frozen)", "R2"] },
  { does: "freeze a round that is not the current one", act: () => freeze("R1"), status: 404, error: "round_not_current", frozen: false, rounds: ["R1 (frozen)", "R2"] },
  { does: "POST /rounds while the second round is open", act: () => open("R3"), status: 409, error: "round_exists", frozen: false, rounds: ["R1 (frozen)", "R2"] },
  { does: "freeze the second round", act: () => freeze("R2"), status: 201, frozen: true, rounds: ["R1 (frozen)", "R2 (frozen)"] },
  { does: "POST /rounds after the second freeze", act: () => open("R3"), status: 409, error: "round_exists", frozen: true, rounds: ["R1 (frozen)", "R2 (frozen)"] },
  { does: "open-next on the older frozen round", act: () => openNext("R1", "R3"), status: 404, error: "round_not_current", frozen: true, rounds: ["R1 (frozen)", "R2 (frozen)"] },
  { does: "open-next after the second freeze", act: () => openNext("R2", "R3"), status: 201, frozen: false, rounds: ["R1 (frozen)", "R2 (frozen)", "R3"] },
];

describe("opening, freezing and opening the next round, in every order", () => {
  it("answers each step as documented and leaves the statement in the state it says", async () => {
    expect(await coordinatorEditIsStored(), "editable before any round").toBe(true);
    for (const step of steps()) {
      const response = await step.act();
      const body: unknown = await response.json();
      expect(response.status, `${step.does}: ${JSON.stringify(body)}`).toBe(step.status);
      if (step.error) {
        const refusal = apiErrorSchema.parse(body);
        expect(refusal.error.id, step.does).toBe(step.error);
        expect(refusal.error.message.length, step.does).toBeGreaterThan(10);
      }
      const listed = await listRounds();
      expect(listed.rounds.map((round) => `${round.name}${round.frozenAt ? " (frozen)" : ""}`), step.does).toEqual(step.rounds);
      expect(listed.frozen, `${step.does}: GET rounds says frozen`).toBe(step.frozen);
      expect(await coordinatorEditIsStored(), `${step.does}: a coordinator's edit is ${step.frozen ? "refused" : "stored"}`).toBe(!step.frozen);
    }
  });

  it("tells the chair to use open-next when POST /rounds comes after a freeze", async () => {
    expect((await open("R1")).status).toBe(201);
    expect((await freeze("R1")).status).toBe(201);
    const refusal = apiErrorSchema.parse(await (await open("R2")).json());
    expect(refusal.error).toEqual({ id: "round_exists", message: expect.stringMatching(/open the next round/i) });
  });

  it("opens one round when two chairs open the first round at the same moment", async () => {
    const answers = await Promise.all([open("A"), open("B"), open("C")]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await listRounds()).rounds).toHaveLength(1);
  });

  it("opens one next round when two chairs open it at the same moment, and the statement is editable", async () => {
    expect((await open("R1")).status).toBe(201);
    expect((await freeze("R1")).status).toBe(201);
    const id = await idOf("R1");
    const answers = await Promise.all(
      ["R2 a", "R2 b", "R2 c"].map((name) => api(server, "POST", `/api/documents/${documentId}/rounds/${id}/open-next`, { name, draftPublished: DATE }, chair)),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 404, 404]);
    const listed = await listRounds();
    expect(listed.rounds).toHaveLength(2);
    expect(listed.frozen).toBe(false);
    expect(await coordinatorEditIsStored()).toBe(true);
  });
});
