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

/** The server's logger. Readable lines are written synchronously, so none is lost at exit. */
export function createLogger(config: Pick<Config, "logFormat" | "logLevel">): FastifyBaseLogger {
  if (!prettyLogs(config)) return pino({ level: config.logLevel });
  const stream = pretty({ sync: true, colorize: process.stdout.isTTY === true, singleLine: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" });
  return pino({ level: config.logLevel }, stream);
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
