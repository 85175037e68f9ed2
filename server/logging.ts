/**
 * How the server logs: readable lines in a terminal (pino-pretty), JSON lines for log
 * collectors (stdout not a terminal, or LOG_FORMAT=json), and a "ready at" line that
 * stands out from either.
 */
import type { FastifyBaseLogger } from "fastify";
import pino from "pino";
import pretty from "pino-pretty";
import type { Config } from "./config.js";

/** Whether logs print as readable lines: asked for, or `auto` with a terminal on stdout. */
export function prettyLogs(config: Pick<Config, "logFormat">, stdoutIsTerminal = process.stdout.isTTY === true): boolean {
  return config.logFormat === "pretty" || (config.logFormat === "auto" && stdoutIsTerminal);
}

/** A request's log line in a terminal: `req-1 → GET /path` coming in, `req-1 ← 200 in 3 ms` answered (other lines unchanged). */
function requestLine(log: Record<string, unknown>, messageKey: string): string {
  const message = String(log[messageKey] ?? "");
  const req = log["req"] as { method?: string; url?: string } | undefined;
  const res = log["res"] as { statusCode?: number } | undefined;
  const id = typeof log["reqId"] === "string" ? `${log["reqId"]} ` : "";
  if (req) return `${id}→ ${req.method} ${req.url}`;
  if (res) return `${id}← ${res.statusCode} in ${Math.round(Number(log["responseTime"] ?? 0))} ms${message === "request completed" ? "" : ` (${message})`}`;
  return message;
}

/** Paths whose last part is a secret (a reset link's or an invitation's token): logged as "…". */
const SECRET_PATHS = /^(\/api\/(?:password-resets|invites)\/)[^/?#]+/;

/** A URL as the logs may keep it: tokens in paths and query strings left out. */
export function loggableUrl(url: string): string {
  return url.replace(SECRET_PATHS, "$1…").replace(/([?&]token=)[^&#]*/g, "$1…");
}

/** Requests as logged: method, URL without secrets, and where they came from. */
const serializers = {
  req: (req: { method?: string; url?: string; ip?: string; socket?: { remoteAddress?: string } }) => ({
    method: req.method,
    url: loggableUrl(req.url ?? ""),
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
  }),
};

/** The server's logger. Readable lines are written synchronously, so none is lost at exit. */
export function createLogger(config: Pick<Config, "logFormat" | "logLevel">): FastifyBaseLogger {
  if (!prettyLogs(config)) return pino({ level: config.logLevel, serializers });
  const stream = pretty({
    sync: true,
    colorize: process.stdout.isTTY === true,
    singleLine: true,
    translateTime: "SYS:HH:MM:ss",
    ignore: "pid,hostname,reqId,req,res,responseTime",
    messageFormat: requestLine,
  });
  return pino({ level: config.logLevel, serializers }, stream);
}

/**
 * Print the "ready at" line: in a terminal bold, green and set apart by blank lines so it
 * is found among the logs; otherwise one plain line (scripts wait for "ready at <url>").
 */
export function announceReady(config: Pick<Config, "logFormat">, headline: string, details: string[] = []): void {
  const terminal = process.stdout.isTTY === true;
  const lines = terminal && prettyLogs(config) ? [`\x1b[1;32m▶ ${headline}\x1b[0m`, ...details.map((line) => `  ${line}`)] : [headline, ...details.map((line) => `  ${line}`)];
  process.stdout.write(`\n${lines.join("\n")}\n\n`);
}
