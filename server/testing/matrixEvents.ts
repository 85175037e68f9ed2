/**
 * A matrix event stream read with fetch, as a browser's EventSource would: every event
 * kept in arrival order, so a test can wait for one and look at what it carried.
 */
import type { Served, TestUser } from "./testServer.js";
import { waitFor } from "./testServer.js";

/** One server-sent event: its name and its data, parsed. */
export interface ReceivedEvent {
  event: string;
  data: Record<string, unknown>;
  /** The event's text as sent (to check that nothing it should not carry is in it). */
  raw: string;
}

/** An open stream: what it received so far, a wait for an event, and its close. */
export interface MatrixEvents {
  status: number;
  received: ReceivedEvent[];
  next(what: string, match?: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  close(): void;
}

/** Open `GET /api/documents/<id>/matrix/events` as `user` and resolve once the answer's head is in. */
export async function openMatrixEvents(server: Served, documentId: string, user: TestUser): Promise<MatrixEvents> {
  const abort = new AbortController();
  const response = await fetch(`${server.url}/api/documents/${documentId}/matrix/events`, { headers: { cookie: user.cookie }, signal: abort.signal });
  const received: ReceivedEvent[] = [];
  if (response.status === 200 && response.body) {
    const decoder = new TextDecoder();
    let buffer = "";
    void (async () => {
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (name && data) received.push({ event: name, data: JSON.parse(data) as Record<string, unknown>, raw: block });
          }
        }
      } catch {
        // Closed by the test (abort) or by the server.
      }
    })();
  } else {
    await response.text();
  }
  return {
    status: response.status,
    received,
    async next(what, match = () => true, timeoutMs = 5_000) {
      let found: ReceivedEvent | undefined;
      await waitFor(`a matrix ${what} event`, () => (found = received.find((event) => event.event === what && match(event))) !== undefined, timeoutMs);
      return found!;
    },
    close: () => abort.abort(),
  };
}
