/**
 * HTTP and websocket requests with headers `fetch` will not send (Host, a forged
 * X-Forwarded-For), each on a connection of its own, for the hostile-edge suites.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import WebSocket from "ws";
import { COLLAB_PATH } from "../../shared/protocol.js";
import type { Served } from "./testServer.js";

/** A finished HTTP exchange. */
export interface RawResponse {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
}

/** Send one request with exactly these headers (a `host` header replaces the real one). */
export function rawRequest(
  server: Served,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<RawResponse> {
  const url = new URL(server.url);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        agent: false,
        headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...options.headers },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    sent.on("error", reject);
    sent.end(body);
  });
}

/** An event stream as opened: refused (status and body) or open until `close()`. */
export interface OpenedStream {
  status: number;
  /** The body of a refusal (empty while the stream is open). */
  body: string;
  /** Resolves when the server ends the stream or the connection drops. */
  ended: Promise<void>;
  close(): void;
}

/** Open `GET /api/documents/<id>/comments/events` and resolve once the answer's head (or refusal) is in. */
export function openEventStream(server: Served, documentId: string, headers: Record<string, string>): Promise<OpenedStream> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const sent = httpRequest({ host: url.hostname, port: url.port, path: `/api/documents/${documentId}/comments/events`, agent: false, headers }, (response) => {
      const ended = new Promise<void>((done) => {
        response.on("end", done);
        response.on("close", done);
        response.on("error", () => done());
      });
      const status = response.statusCode ?? 0;
      if (status === 200) {
        response.resume();
        resolve({ status, body: "", ended, close: () => sent.destroy() });
        return;
      }
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status, body: text, ended, close: () => sent.destroy() }));
    });
    sent.on("error", (error) => {
      if (!sent.destroyed) reject(error);
    });
    sent.end();
  });
}

/** A collaboration socket as opened: refused at upgrade (status) or open. */
export type OpenedSocket = { refused: number; socket?: undefined } | { refused?: undefined; socket: WebSocket };

/** Open a websocket to `/collab/<documentId>` and resolve once it is open or refused. */
export function openSocket(server: Served, documentId: string, options: { token?: string; headers?: Record<string, string> } = {}): Promise<OpenedSocket> {
  const query = options.token ? `?token=${encodeURIComponent(options.token)}` : "";
  const socket = new WebSocket(`${server.url.replace("http", "ws")}${COLLAB_PATH}/${documentId}${query}`, { headers: options.headers });
  return new Promise((resolve, reject) => {
    socket.on("open", () => resolve({ socket }));
    socket.on("unexpected-response", (_request, response) => {
      resolve({ refused: response.statusCode ?? 0 });
      socket.terminate();
    });
    socket.on("error", (error) => {
      if (!String(error).includes("Unexpected server response")) reject(error);
    });
  });
}

/** Close a socket and wait until the server side has seen it go. */
export function closeSocket(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) return resolve();
    socket.once("close", () => resolve());
    socket.close();
  });
}
