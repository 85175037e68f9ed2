import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import * as Y from "yjs";
import WebSocket from "ws";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import type { RunningServer } from "../app.js";
import { CloseCode, CONTENT_FIELD, MessageType } from "../../shared/protocol.js";
import { NodeName } from "../../shared/schema/names.js";
import { SuggestionAttribute, SuggestionMark, newSuggestionId } from "../../shared/suggestions.js";
import {
  addMember,
  collabUrl,
  connectClient,
  createTestDocument,
  health,
  removeDataDir,
  setUpWorkspace,
  startTestServer,
  tempDataDir,
  waitFor,
  type TestClient,
  type TestUser,
} from "../testing/testServer.js";
import { clauseText } from "../testing/statementText.js";
import type { Suggestion } from "../../shared/api.js";

// A suggesting socket may add, change or withdraw its own suggestions and nothing else.
// These tests speak the protocol frame by frame, as a hostile client could, and look at
// what a reader sees with every suggestion rejected: it never changes.

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let coordinator: TestUser;
let alice: TestUser;
let bongani: TestUser;
let workspaceId: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  ({ chair, workspaceId } = await setUpWorkspace(server));
  coordinator = await addMember(server, chair, workspaceId, "coordinator", "Kofi Mensah");
  alice = await addMember(server, chair, workspaceId, "reviewer", "Alice Wanjiru");
  bongani = await addMember(server, chair, workspaceId, "reviewer", "Bongani Dlamini");
});
afterAll(async () => {
  await server.close();
  removeDataDir(dataDir);
});

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/**
 * A socket that sends exactly the updates a test makes on its own copy, one at a time,
 * and learns whether the server took each: after the update it asks for the server's
 * state, which the server answers once everything before the question is stored.
 */
class RawClient {
  readonly doc = new Y.Doc();
  closedWith: number | null = null;
  private answers: (() => void)[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MessageType.sync) return;
      const kind = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (kind === syncProtocol.messageYjsSyncStep1) return;
      Y.applyUpdate(this.doc, payload, "server");
      if (kind === syncProtocol.messageYjsSyncStep2) this.answers.shift()?.();
    });
    socket.on("close", (code) => {
      this.closedWith = code;
      for (const answer of this.answers.splice(0)) answer();
    });
  }

  static async open(documentId: string, user: TestUser): Promise<RawClient> {
    const socket = new WebSocket(`${collabUrl(server)}/${documentId}?token=${encodeURIComponent(user.token)}`);
    await new Promise<void>((resolve, reject) => {
      socket.on("open", resolve);
      socket.on("error", reject);
    });
    const client = new RawClient(socket);
    await client.askForState();
    return client;
  }

  get content(): Y.XmlFragment {
    return this.doc.getXmlFragment(CONTENT_FIELD);
  }

  /** Resolves once the server answered a state request sent now (or the socket closed). */
  private askForState(): Promise<void> {
    const answered = new Promise<void>((resolve) => this.answers.push(resolve));
    this.socket.send(frame((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeSyncStep1(e, this.doc);
    }));
    return answered;
  }

  /** Make a change on the copy, send it as one update, and say whether the server took it ("taken") or closed the socket (its code). */
  async change(make: (doc: Y.Doc) => void): Promise<"taken" | number | "nothing"> {
    const updates: Uint8Array[] = [];
    const record = (update: Uint8Array, origin: unknown) => origin !== "server" && updates.push(update);
    this.doc.on("update", record);
    this.doc.transact(() => make(this.doc));
    this.doc.off("update", record);
    if (updates.length === 0) return "nothing";
    return this.sendUpdate(Y.mergeUpdates(updates));
  }

  async sendUpdate(update: Uint8Array): Promise<"taken" | number> {
    this.socket.send(frame((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeUpdate(e, update);
    }));
    await this.askForState();
    if (this.closedWith === null) return "taken";
    await new Promise((resolve) => setTimeout(resolve, 0));
    return this.closedWith;
  }

  close(): void {
    this.socket.close();
    this.doc.destroy();
  }
}

/** How the statement reads with every suggestion rejected: suggested text and clauses left out, suggested deletions kept. */
function readRejected(content: Y.XmlFragment): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (node instanceof Y.XmlText) {
      // Runs that read alike once the suggestions are gone are one run.
      const runs: [string, string][] = [];
      for (const op of node.toDelta() as { insert: string; attributes?: Record<string, unknown> }[]) {
        const { [SuggestionMark.insertion]: inserted, [SuggestionMark.deletion]: _deleted, ...marks } = op.attributes ?? {};
        if (inserted !== undefined) continue;
        const key = JSON.stringify(Object.entries(marks).sort());
        const last = runs[runs.length - 1];
        if (last && last[1] === key) last[0] += op.insert;
        else runs.push([op.insert, key]);
      }
      parts.push(...runs.map(([words, key]) => `${JSON.stringify(words)}${key}`), "|");
      return;
    }
    if (node instanceof Y.XmlElement) {
      const { [SuggestionAttribute.insertion]: inserted, [SuggestionAttribute.deletion]: _deleted, ...attributes } = node.getAttributes() as Record<string, unknown>;
      if (inserted) return;
      parts.push(`<${node.nodeName} ${JSON.stringify(Object.entries(attributes).sort())}>`);
      node.toArray().forEach(walk);
      parts.push(`</${node.nodeName}>`);
    }
  };
  content.toArray().forEach(walk);
  return parts.join("");
}

const acts = (content: Y.XmlFragment) => content.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === NodeName.act);
const clausesOf = (act: Y.XmlElement) => act.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === NodeName.clause);

/** A statement whose first three clauses have text, with Bongani's suggestions in the first: "dignified " inserted, "orderly" suggested for deletion. */
async function statementWithSuggestions(): Promise<{ documentId: string; watcher: TestClient; bonganiIds: string[] }> {
  const documentId = (await createTestDocument(server, chair)).id;
  const watcher = await connectClient(server, documentId, chair);
  const writer = await connectClient(server, documentId, coordinator);
  writer.doc.transact(() => {
    clauseText(writer.content, 1).insert(0, "Safe, orderly and regular migration for all people.");
    clauseText(writer.content, 2).insert(0, "Address the drivers of forced displacement.");
    clauseText(writer.content, 3).insert(0, "Protect the rights of every migrant worker.", { bold: {} });
  });
  await waitFor("text written", () => watcher.content.toString().includes("migrant worker"));
  writer.destroy();
  const b = await RawClient.open(documentId, bongani);
  const bonganiIds = [newSuggestionId(bongani.accountId), newSuggestionId(bongani.accountId)];
  const taken = await b.change(() => {
    const text = clauseText(b.content, 1);
    text.insert(0, "dignified ", { [SuggestionMark.insertion]: { id: bonganiIds[0] } });
    text.format("dignified Safe, ".length, "orderly".length, { [SuggestionMark.deletion]: { id: bonganiIds[1] } });
  });
  expect(taken).toBe("taken");
  await waitFor("Bongani's suggestions seen", () => watcher.content.toString().includes("dignified"));
  b.close();
  return { documentId, watcher, bonganiIds };
}

/** The runs of a clause's text: where each starts, its length, and whose suggestion it is (null: accepted text). */
function runsOf(text: Y.XmlText, ownId: (id: string) => boolean): { at: number; length: number; owner: "own" | "other" | null; kind: "insertion" | "deletion" | null; marks: Record<string, unknown> }[] {
  let at = 0;
  return (text.toDelta() as { insert: string; attributes?: Record<string, { id?: string }> }[]).map((op) => {
    const marks = op.attributes ?? {};
    const suggestion = marks[SuggestionMark.insertion] ?? marks[SuggestionMark.deletion];
    const kind: "insertion" | "deletion" | null = marks[SuggestionMark.insertion] ? "insertion" : marks[SuggestionMark.deletion] ? "deletion" : null;
    const run = { at, length: op.insert.length, owner: suggestion?.id ? (ownId(suggestion.id) ? ("own" as const) : ("other" as const)) : null, kind, marks };
    at += op.insert.length;
    return run;
  });
}

type Expect = "taken" | "refused" | "either";

/** One step a suggesting client may try: what it does to its copy, and what the server must make of it. */
interface Step {
  name: string;
  expect: Expect;
  make: (doc: Y.Doc) => void;
}

const stepKinds = [
  "suggestInsert",
  "suggestDelete",
  "withdrawInsert",
  "withdrawDelete",
  "suggestClause",
  "suggestClauseDeletion",
  "plainInsert",
  "plainDelete",
  "bold",
  "forgeAuthor",
  "extendOthers",
  "deleteOthers",
  "unmarkOthers",
  "deleteOthersInsertion",
  "claimExistingClause",
  "deleteClause",
] as const;

interface StepInput {
  kind: (typeof stepKinds)[number];
  clause: number;
  at: number;
  length: number;
  text: string;
}

const stepInput: fc.Arbitrary<StepInput> = fc.record({
  kind: fc.constantFrom(...stepKinds),
  clause: fc.integer({ min: 1, max: 3 }),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 6 }),
  text: fc.string({ minLength: 1, maxLength: 8 }),
});

/** Turns a generated input into a step on the client's current copy (null when the copy has nothing it applies to). */
function stepFor(input: StepInput, client: RawClient, me: TestUser, ownIds: string[]): Step | null {
  const own = (id: string) => id.startsWith(`${me.accountId}.`);
  const text = clauseText(client.content, input.clause);
  const runs = runsOf(text, own);
  const pick = (filter: (run: (typeof runs)[number]) => boolean) => {
    const candidates = runs.filter(filter);
    if (candidates.length === 0) return null;
    const run = candidates[input.at % candidates.length]!;
    const from = run.at + (input.at % run.length);
    return { from, length: Math.min(input.length, run.at + run.length - from), marks: run.marks };
  };
  const newId = () => {
    const id = newSuggestionId(me.accountId);
    ownIds.push(id);
    return id;
  };
  const length = text.length;
  const plain = (run: (typeof runs)[number]) => run.owner === null && !("bold" in run.marks);
  switch (input.kind) {
    case "suggestInsert": {
      const at = input.at % (length + 1);
      return { name: `suggest "${input.text}" at ${at}`, expect: "taken", make: () => text.insert(at, input.text, { [SuggestionMark.insertion]: { id: newId() } }) };
    }
    case "suggestDelete": {
      const range = pick(plain);
      return range && { name: `suggest deleting ${range.length} at ${range.from}`, expect: "taken", make: () => text.format(range.from, range.length, { [SuggestionMark.deletion]: { id: newId() } }) };
    }
    case "withdrawInsert": {
      const range = pick((run) => run.owner === "own" && run.kind === "insertion");
      return range && { name: `withdraw ${range.length} suggested at ${range.from}`, expect: "taken", make: () => text.delete(range.from, range.length) };
    }
    case "withdrawDelete": {
      const range = pick((run) => run.owner === "own" && run.kind === "deletion");
      return range && { name: `withdraw a suggested deletion at ${range.from}`, expect: "taken", make: () => text.format(range.from, range.length, { [SuggestionMark.deletion]: null }) };
    }
    case "suggestClause":
      return {
        name: `suggest a new clause in Act ${input.clause}`,
        expect: "taken",
        make: (doc) => {
          const act = acts(doc.getXmlFragment(CONTENT_FIELD))[input.clause - 1]!;
          const clause = new Y.XmlElement(NodeName.clause);
          clause.setAttribute(SuggestionAttribute.insertion, newId());
          const paragraph = new Y.XmlElement("paragraph");
          paragraph.insert(0, [new Y.XmlText(input.text)]);
          clause.insert(0, [paragraph]);
          act.insert(Math.min(2, act.length), [clause]);
        },
      };
    case "suggestClauseDeletion": {
      const clause = clausesOf(acts(client.content)[input.clause - 1]!).find((c) => !c.getAttribute(SuggestionAttribute.insertion) && !c.getAttribute(SuggestionAttribute.deletion));
      return clause ? { name: `suggest deleting a clause of Act ${input.clause}`, expect: "taken", make: () => clause.setAttribute(SuggestionAttribute.deletion, newId()) } : null;
    }
    case "plainInsert": {
      const at = input.at % (length + 1);
      return { name: `type "${input.text}" at ${at}`, expect: "refused", make: () => text.insert(at, input.text, {}) };
    }
    case "plainDelete": {
      const range = pick((run) => run.owner === null);
      return range && { name: `delete ${range.length} at ${range.from}`, expect: "refused", make: () => text.delete(range.from, range.length) };
    }
    case "bold": {
      const range = pick(plain);
      return range && { name: `make ${range.length} at ${range.from} bold`, expect: "refused", make: () => text.format(range.from, range.length, { bold: {} }) };
    }
    case "forgeAuthor": {
      const at = input.at % (length + 1);
      const forged = newSuggestionId(bongani.accountId);
      return { name: `suggest "${input.text}" as Bongani`, expect: "refused", make: () => text.insert(at, input.text, { [SuggestionMark.insertion]: { id: forged } }) };
    }
    case "extendOthers": {
      const range = pick((run) => run.owner === "other" && run.kind === "insertion");
      return range && { name: `add to Bongani's suggestion at ${range.from}`, expect: "refused", make: () => text.insert(range.from, input.text, range.marks) };
    }
    case "deleteOthers": {
      const range = pick((run) => run.owner === "other" && run.kind === "insertion");
      return range && { name: `withdraw Bongani's suggested text at ${range.from}`, expect: "refused", make: () => text.delete(range.from, range.length) };
    }
    case "unmarkOthers": {
      const range = pick((run) => run.owner === "other" && run.kind === "deletion");
      return range && { name: `withdraw Bongani's suggested deletion at ${range.from}`, expect: "refused", make: () => text.format(range.from, range.length, { [SuggestionMark.deletion]: null }) };
    }
    case "deleteOthersInsertion": {
      const range = pick((run) => run.owner === "other" && run.kind === "insertion");
      return range && { name: `suggest deleting Bongani's suggested text at ${range.from}`, expect: "refused", make: () => text.format(range.from, range.length, { [SuggestionMark.deletion]: { id: newId() } }) };
    }
    case "claimExistingClause": {
      const clause = clausesOf(acts(client.content)[input.clause - 1]!).find((c) => !c.getAttribute(SuggestionAttribute.insertion));
      return clause ? { name: `mark an existing clause of Act ${input.clause} as suggested`, expect: "refused", make: () => clause.setAttribute(SuggestionAttribute.insertion, newId()) } : null;
    }
    case "deleteClause": {
      const act = acts(client.content)[input.clause - 1]!;
      const index = act.toArray().findIndex((n) => n instanceof Y.XmlElement && n.nodeName === NodeName.clause && !n.getAttribute(SuggestionAttribute.insertion));
      return index < 0 ? null : { name: `delete a clause of Act ${input.clause}`, expect: "refused", make: () => act.delete(index, 1) };
    }
  }
}

describe("a suggesting socket", () => {
  it("may add, change and withdraw its own suggestions and nothing else: random steps never change the statement with every suggestion rejected", async () => {
    const figures = { taken: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(stepInput, { minLength: 1, maxLength: 10 }), async (inputs) => {
        const { documentId, watcher } = await statementWithSuggestions();
        const agreed = readRejected(watcher.content);
        const ownIds: string[] = [];
        let client = await RawClient.open(documentId, alice);
        try {
          for (const input of inputs) {
            const step = stepFor(input, client, alice, ownIds);
            if (!step) continue;
            const before = watcher.content.toString();
            const outcome = await client.change(step.make);
            if (outcome === "nothing") continue;
            if (outcome === "taken") {
              expect(step.expect, `${step.name} was taken`).not.toBe("refused");
              figures.taken++;
              // Applied exactly: everyone sees the client's copy.
              await waitFor(`${step.name} seen by the chair`, () => watcher.content.toString() === client.content.toString());
            } else {
              expect(outcome, `${step.name} refused with`).toBe(CloseCode.contentRefused);
              expect(step.expect, `${step.name} was refused`).not.toBe("taken");
              figures.refused++;
              expect(watcher.content.toString()).toBe(before);
              client.close();
              // As the editor does after a refusal: a fresh copy from the server.
              client = await RawClient.open(documentId, alice);
            }
            expect(readRejected(watcher.content)).toBe(agreed);
          }
        } finally {
          client.close();
          watcher.destroy();
        }
      }),
      { numRuns: 60 },
    );
    console.info(`suggesting socket: ${figures.taken} steps taken, ${figures.refused} refused, statement with suggestions rejected unchanged after each`);
    expect(figures.taken).toBeGreaterThan(20);
    expect(figures.refused).toBeGreaterThan(20);
  }, 240_000);

  it("refuses hand-made updates: content outside the statement, a change that waits for what was never sent, bytes that are no update", async () => {
    const { documentId, watcher } = await statementWithSuggestions();
    const agreed = readRejected(watcher.content);
    const before = watcher.content.toString();
    const outside = new Y.Doc();
    outside.getText("elsewhere").insert(0, "not the statement");
    let client = await RawClient.open(documentId, alice);
    expect(await client.sendUpdate(Y.encodeStateAsUpdate(outside))).toBe(CloseCode.contentRefused);
    client.close();
    // An update of a client whose first change never arrives: it would wait in the document.
    const ahead = new Y.Doc();
    Y.applyUpdate(ahead, Y.encodeStateAsUpdate(watcher.doc));
    clauseText(ahead.getXmlFragment(CONTENT_FIELD), 2).insert(0, "first ", { [SuggestionMark.insertion]: { id: newSuggestionId(alice.accountId) } });
    const afterFirst = Y.encodeStateVector(ahead);
    clauseText(ahead.getXmlFragment(CONTENT_FIELD), 2).insert(0, "second ", { [SuggestionMark.insertion]: { id: newSuggestionId(alice.accountId) } });
    client = await RawClient.open(documentId, alice);
    expect(await client.sendUpdate(Y.encodeStateAsUpdate(ahead, afterFirst))).toBe(CloseCode.contentRefused);
    client.close();
    client = await RawClient.open(documentId, alice);
    expect(await client.sendUpdate(new Uint8Array([1, 2, 3, 4, 5]))).toBe(CloseCode.malformedMessage);
    client.close();
    expect(watcher.content.toString()).toBe(before);
    expect(readRejected(watcher.content)).toBe(agreed);
    // Text placed straight in an Act (not in a paragraph), even holding only one's own suggested words.
    client = await RawClient.open(documentId, alice);
    expect(
      await client.change((doc) => acts(doc.getXmlFragment(CONTENT_FIELD))[1]!.insert(1, [new Y.XmlText()])),
    ).toBe(CloseCode.contentRefused);
    client.close();
    // Striking a clause someone else suggests is changing their suggestion.
    const bonganis = await RawClient.open(documentId, bongani);
    expect(
      await bonganis.change((doc) => {
        const clause = new Y.XmlElement(NodeName.clause);
        clause.setAttribute(SuggestionAttribute.insertion, newSuggestionId(bongani.accountId));
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText("Bongani's clause.")]);
        clause.insert(0, [paragraph]);
        const act = acts(doc.getXmlFragment(CONTENT_FIELD))[2]!;
        act.insert(act.length, [clause]);
      }),
    ).toBe("taken");
    bonganis.close();
    client = await RawClient.open(documentId, alice);
    const suggested = clausesOf(acts(client.content)[2]!).find((clause) => clause.getAttribute(SuggestionAttribute.insertion))!;
    expect(await client.change(() => suggested.setAttribute(SuggestionAttribute.deletion, newSuggestionId(alice.accountId)))).toBe(CloseCode.contentRefused);
    client.close();
    expect(watcher.content.toString()).toContain("Bongani's clause.");
    expect(clausesOf(acts(watcher.content)[2]!).some((clause) => clause.getAttribute(SuggestionAttribute.deletion))).toBe(false);

    // The room still serves everyone.
    client = await RawClient.open(documentId, alice);
    expect(await client.change(() => clauseText(client.content, 2).insert(0, "fair ", { [SuggestionMark.insertion]: { id: newSuggestionId(alice.accountId) } }))).toBe("taken");
    await waitFor("suggestion seen", () => watcher.content.toString().includes("fair "));
    client.close();
    watcher.destroy();
  });

  it("takes a coordinator's suggestions and edits alike, and a stock client's plain typing from a reviewer never", async () => {
    const { documentId, watcher } = await statementWithSuggestions();
    const editor = await RawClient.open(documentId, coordinator);
    expect(await editor.change(() => clauseText(editor.content, 2).insert(0, "[edited] "))).toBe("taken");
    expect(await editor.change(() => clauseText(editor.content, 2).insert(0, "[suggested] ", { [SuggestionMark.insertion]: { id: newSuggestionId(coordinator.accountId) } }))).toBe("taken");
    editor.close();
    const closes: number[] = [];
    const stock = await connectClient(server, documentId, alice);
    stock.provider.on("connection-close", (event) => event && closes.push(event.code));
    clauseText(stock.content, 2).insert(0, "[typed by a reviewer] ");
    await waitFor("socket closed as refused", () => closes.includes(CloseCode.contentRefused));
    stock.destroy();
    await waitFor("edits seen", () => watcher.content.toString().includes("[suggested]"));
    expect(watcher.content.toString()).not.toContain("[typed");
    watcher.destroy();
  });

  it("leaves out what a socket writes under another writer's client id, so that writer's own words still land intact", async () => {
    const { documentId, watcher } = await statementWithSuggestions();
    const editor = await RawClient.open(documentId, coordinator);
    expect(await editor.change(() => clauseText(editor.content, 2).insert(0, "A"))).toBe("taken");
    // Alice forges an own suggestion under the coordinator's client id, at the clock the coordinator writes at next.
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(editor.doc));
    // Set after loading: Yjs gives a document a new client id when an update brings structs under its own.
    forger.clientID = editor.doc.clientID;
    const known = Y.encodeStateVector(forger);
    clauseText(forger.getXmlFragment(CONTENT_FIELD), 2).insert(1, "x", { [SuggestionMark.insertion]: { id: newSuggestionId(alice.accountId) } });
    const alices = await RawClient.open(documentId, alice);
    expect(await alices.sendUpdate(Y.encodeStateAsUpdate(forger, known))).toBe("taken");
    alices.close();
    expect(await editor.change(() => clauseText(editor.content, 2).insert(1, "GREED EDIT "))).toBe("taken");
    await waitFor("the coordinator's words seen", () => watcher.content.toString().includes("AGREED EDIT Address"));
    expect(watcher.content.toString()).toBe(editor.content.toString());
    expect(clauseText(watcher.content, 2).toString()).toBe("AGREED EDIT Address the drivers of forced displacement.");
    editor.close();
    watcher.destroy();
  });

  it("counts and audits a refused suggestion like any refused change", async () => {
    const { documentId, watcher } = await statementWithSuggestions();
    const before = (await health(server)).refusedUpdates;
    const client = await RawClient.open(documentId, alice);
    expect(await client.change(() => clauseText(client.content, 2).delete(0, 3))).toBe(CloseCode.contentRefused);
    client.close();
    await waitFor("refusal counted", async () => (await health(server)).refusedUpdates === before + 1);
    const audit = (await (await fetch(`${server.url}/api/workspaces/${workspaceId}/audit`, { headers: { authorization: `Bearer ${chair.token}` } })).json()) as {
      entries: { action: string; actor: string; detail?: Record<string, unknown> }[];
    };
    expect(audit.entries.some((entry) => entry.action === "update_refused" && entry.actor === alice.displayName)).toBe(true);
    watcher.destroy();
  });
});

describe("the server's record of suggestions", () => {
  async function listed(documentId: string): Promise<Suggestion[]> {
    const response = await fetch(`${server.url}/api/documents/${documentId}/suggestions`, { headers: { authorization: `Bearer ${chair.token}` } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { suggestions: Suggestion[] }).suggestions;
  }
  const byId = async (documentId: string, id: string) => (await listed(documentId)).find((s) => s.id === id);

  /** The text of the event stream until `event` arrives. */
  async function awaitEvent(documentId: string, event: string, trigger: () => Promise<void>): Promise<string> {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/documents/${documentId}/comments/events`, { headers: { authorization: `Bearer ${chair.token}` }, signal: controller.signal });
    const reader = response.body!.getReader();
    let text = "";
    const first = await reader.read();
    text += new TextDecoder().decode(first.value);
    await trigger();
    while (!text.includes(`event: ${event}`)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    return text;
  }

  it("records who suggested what, where and when, and how each was decided, from the sockets that did it", async () => {
    const { documentId, watcher, bonganiIds } = await statementWithSuggestions();
    const [bonganiInserted, bonganiStruck] = bonganiIds as [string, string];
    const suggestions = await listed(documentId);
    const clause1 = clausesOf(acts(watcher.content)[0]!)[0]!;
    const act1 = acts(watcher.content)[0]!;
    // Made in one update, so at one moment: in no particular order.
    const seen = suggestions.map(({ id, author, kind, inserted, deleted, status, actId, clauseId }) => ({ id, author: author.name, kind, inserted, deleted, status, actId, clauseId }));
    expect(seen.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { id: bonganiStruck, author: bongani.displayName, kind: "deletion", inserted: "", deleted: "orderly", status: "pending", actId: act1.getAttribute("id"), clauseId: clause1.getAttribute("id") },
      { id: bonganiInserted, author: bongani.displayName, kind: "insertion", inserted: "dignified ", deleted: "", status: "pending", actId: act1.getAttribute("id"), clauseId: clause1.getAttribute("id") },
    ]);

    // Alice suggests a replacement in clause 2: one id for the struck and the new words.
    const alices = await RawClient.open(documentId, alice);
    const replacement = newSuggestionId(alice.accountId);
    const stream = await awaitEvent(documentId, "suggestions", async () => {
      expect(
        await alices.change(() => {
          const text = clauseText(alices.content, 2);
          text.format(0, "Address".length, { [SuggestionMark.deletion]: { id: replacement } });
          text.insert("Address".length, "Tackle", { [SuggestionMark.insertion]: { id: replacement } });
        }),
      ).toBe("taken");
    });
    expect(stream).toContain(replacement);
    expect(await byId(documentId, replacement)).toMatchObject({ kind: "replacement", inserted: "Tackle", deleted: "Address", status: "pending", author: { id: alice.accountId } });

    // The coordinator accepts Alice's replacement and rejects Bongani's inserted words.
    const coordinatorDoc = await connectClient(server, documentId, coordinator);
    const undo = new Y.UndoManager(coordinatorDoc.content);
    coordinatorDoc.doc.transact(() => {
      const text = clauseText(coordinatorDoc.content, 2);
      text.delete(0, "Address".length);
      text.format(0, "Tackle".length, { [SuggestionMark.insertion]: null });
    });
    await waitFor("accepted", async () => (await byId(documentId, replacement))?.status === "accepted");
    expect(await byId(documentId, replacement)).toMatchObject({ decidedBy: { id: coordinator.accountId, name: coordinator.displayName } });
    undo.stopCapturing();
    coordinatorDoc.doc.transact(() => clauseText(coordinatorDoc.content, 1).delete(0, "dignified ".length));
    await waitFor("rejected", async () => (await byId(documentId, bonganiInserted))?.status === "rejected");
    await waitFor("clean text", () => readRejected(watcher.content).includes("Tackle the drivers"));

    // Undo brings Bongani's suggestion back, waiting again.
    undo.undo();
    await waitFor("back to pending", async () => (await byId(documentId, bonganiInserted))?.status === "pending");
    expect((await byId(documentId, bonganiInserted))?.decidedBy).toBeNull();

    // Bongani takes back his struck word himself: withdrawn.
    const bonganis = await RawClient.open(documentId, bongani);
    expect(
      await bonganis.change(() => {
        const text = clauseText(bonganis.content, 1);
        const at = text.toString().replace(/<[^>]*>/g, "").indexOf("orderly");
        text.format(at, "orderly".length, { [SuggestionMark.deletion]: null });
      }),
    ).toBe("taken");
    await waitFor("withdrawn", async () => (await byId(documentId, bonganiStruck))?.status === "withdrawn");
    bonganis.close();
    alices.close();
    coordinatorDoc.destroy();
    watcher.destroy();
  });

  it("refuses a new suggestion made in another account's name, from any writer", async () => {
    const { documentId, watcher } = await statementWithSuggestions();
    const editor = await RawClient.open(documentId, coordinator);
    const forged = newSuggestionId(alice.accountId);
    expect(await editor.change(() => clauseText(editor.content, 2).insert(0, "forged ", { [SuggestionMark.insertion]: { id: forged } }))).toBe(CloseCode.contentRefused);
    editor.close();
    const malformed = await RawClient.open(documentId, coordinator);
    expect(await malformed.change(() => clauseText(malformed.content, 2).insert(0, "odd ", { [SuggestionMark.insertion]: { id: "not an id" } }))).toBe(CloseCode.contentRefused);
    malformed.close();
    expect((await listed(documentId)).map((s) => s.id)).not.toContain(forged);
    expect(watcher.content.toString()).not.toContain("forged");
    watcher.destroy();
  });
});

