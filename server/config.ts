/**
 * Every environment variable the server reads, validated in one place.
 * Listed in the README; nothing else reads `process.env`.
 */
import path from "node:path";
import proxyaddr from "@fastify/proxy-addr";
import { z } from "zod";
import { limits } from "../shared/limits.js";

/** Seconds, fractions allowed (tests use short timeouts), at most an hour. */
const seconds = (fallback: number) => z.coerce.number().positive().max(3600).default(fallback);

/** `host` or `host:port`; a hostname, an IPv4 address or a bracketed IPv6 address. */
const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:\d{1,5})?$/;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  CLIENT_DIR: z.string().min(1).default("./dist/client"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["auto", "pretty", "json"]).default("auto"),
  COOKIE_SECURE: z.enum(["true", "false"]).default("false"),
  ALLOWED_ORIGINS: z.string().default(""),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "a lowercase PostgreSQL schema name").optional(),
  REDIS_URL: z.string().url().optional(),
  REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, "letters, digits and : . - _").default("dw:"),
  CATCH_UP_SECONDS: z.coerce.number().min(1).max(3600).default(15),
  ROOM_IDLE_UNLOAD_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  SCHEDULER_TICK_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  TRUST_PROXY: z.string().default("false"),
  ALLOWED_HOSTS: z.string().default(""),
  REQUEST_TIMEOUT_SECONDS: seconds(limits.requestTimeoutSeconds),
  HEADERS_TIMEOUT_SECONDS: seconds(limits.headersTimeoutSeconds),
  KEEP_ALIVE_TIMEOUT_SECONDS: seconds(limits.keepAliveTimeoutSeconds),
  FRESH_START: z.enum(["true", "false"]).default("false"),
  SMTP_URL: z
    .string()
    .url()
    .refine((url) => /^smtps?:\/\//.test(url), "an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).max(320).optional(),
  PUBLIC_URL: z
    .string()
    .url()
    .refine((url) => /^https?:\/\/[^/?#]+\/?$/.test(url), "an http:// or https:// origin, without a path")
    .optional(),
  MAIL_POLL_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
  MAIL_RETRY_MS: z.coerce.number().int().min(1).max(86_400_000).default(60_000),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  MAIL_LEASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(300_000),
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
});

/**
 * The SMTP client's waits for a timeout `timeoutMs`: to connect, for the greeting, and
 * (twice as long) for any silence of the socket during the exchange.
 */
export function smtpTimeouts(timeoutMs: number): { connectionTimeout: number; greetingTimeout: number; socketTimeout: number } {
  return { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: 2 * timeoutMs };
}

/**
 * The shortest mail lease for an SMTP timeout: above the longest a send may take (each
 * wait of `smtpTimeouts` in turn) with a margin, so that no other instance takes a mail
 * while one is still sending it (it would go out twice). 150 s for the default 30 s.
 */
export function minMailLeaseMs(timeoutMs: number): number {
  const waits = smtpTimeouts(timeoutMs);
  return Math.ceil(1.25 * (waits.connectionTimeout + waits.greetingTimeout + waits.socketTimeout));
}

/**
 * Which peers may tell the client's address (X-Forwarded-For) and the host it asked for
 * (X-Forwarded-Host): none, all, the nearest N hops, or these addresses and CIDR ranges
 * (`loopback`, `linklocal`, `uniquelocal` name the usual private ranges).
 */
export type TrustProxy = boolean | number | string[];

/** `TRUST_PROXY` as Fastify's `trustProxy` takes it; throws a readable message for a bad value. */
function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim().toLowerCase();
  if (text === "" || text === "false") return false;
  if (text === "true") return true;
  if (/^\d+$/.test(text)) return Number(text) === 0 ? false : Number(text);
  const entries = text.split(",").map((entry) => entry.trim()).filter(Boolean);
  try {
    proxyaddr.compile(entries);
  } catch (error) {
    throw new Error(`Invalid configuration:\n  TRUST_PROXY: ${error instanceof Error ? error.message : String(error)} (use false, true, a hop count, or addresses/CIDRs separated by commas)`);
  }
  return entries;
}

/** `ALLOWED_HOSTS`, lower-cased; throws a readable message naming a bad entry. */
function parseAllowedHosts(value: string): string[] {
  const entries = value.split(",").map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  const bad = entries.find((entry) => !HOST_PATTERN.test(entry));
  if (bad !== undefined) throw new Error(`Invalid configuration:\n  ALLOWED_HOSTS: "${bad}" is not a host or host:port (no scheme, no path)`);
  return entries;
}

/** The validated server configuration. */
export interface Config {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** Folder of the SQLite database (created if missing). */
  dataDir: string;
  /** Folder of the built client served at `/`. */
  clientDir: string;
  /** Log level of the structured (JSON) logs. */
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /** Logs as readable lines (`pretty`), as JSON lines (`json`), or `auto`: readable in a terminal, JSON otherwise. */
  logFormat: z.infer<typeof envSchema>["LOG_FORMAT"];
  /** Mark the session cookie `Secure` (set when served over HTTPS). */
  secureCookies: boolean;
  /** Other origins whose pages may call the API and open sockets (besides the server's own). */
  allowedOrigins: string[];
  /** PostgreSQL instead of SQLite (needed by several instances). */
  database: { url: string; schema: string | undefined } | null;
  /** Redis for the traffic between instances; null: this instance is alone. */
  redis: { url: string; prefix: string } | null;
  /** With Redis: how often loaded documents read from the database what pub/sub may have lost. */
  catchUpMs: number;
  /**
   * How long a statement nobody has open stays in memory before it is unloaded (its log
   * folded into one row first): a member reloading the page within it finds it loaded.
   */
  roomIdleUnloadMs: number;
  /** How often each instance looks for scheduled freezes that are due and reminders to send. */
  schedulerTickMs: number;
  /** Which peers are proxies whose X-Forwarded-For / X-Forwarded-Host are believed. */
  trustProxy: TrustProxy;
  /**
   * Host names (`host` or `host:port`) the server answers to, besides its own listening
   * address and its loopback names; requests for any other Host are refused.
   */
  allowedHosts: string[];
  /**
   * Time a client has to send a whole request, to send its headers, and to send the next
   * request on a kept-alive connection. Event streams and websockets, once open, are not
   * bound by them.
   */
  timeouts: { requestMs: number; headersMs: number; keepAliveMs: number };
  /**
   * SQLite: a database the server would refuse at start (empty, not SQLite, damaged,
   * unknown schema) is moved aside and a new workspace starts. Off by default: a new
   * workspace is claimed by whoever opens the site first.
   */
  freshStart: boolean;
  /**
   * Outgoing mail over SMTP (`smtp://user:pass@host:587` or `smtps://...:465`) and the
   * sender address; null: the workspace sends no mail and says so where it would.
   */
  mail: { smtpUrl: string; from: string; timeoutMs: number } | null;
  /**
   * The address people reach the workspace at (`https://drafting.example.org`), for links
   * in mail sent without a request (notifications, digests); null: the server's own
   * listening address.
   */
  publicUrl: string | null;
  /**
   * The mail queue: how often each instance looks for due mail, the wait before the first
   * retry (doubling each time, at most 64 times as long), how many attempts before giving
   * up, and how long an instance holds a mail it is sending before another may take it.
   */
  mailQueue: { pollMs: number; retryMs: number; maxAttempts: number; leaseMs: number };
}

/** Read and validate the configuration; throws one readable error listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const parsed = result.data;
  if (parsed.REDIS_URL && !parsed.DATABASE_URL) {
    throw new Error("Invalid configuration:\n  REDIS_URL: several instances must share one database; set DATABASE_URL too");
  }
  if (parsed.SMTP_URL && !parsed.MAIL_FROM) {
    throw new Error("Invalid configuration:\n  MAIL_FROM: the sender address is needed with SMTP_URL, e.g. \"Drafting workspace <drafting@example.org>\"");
  }
  if (parsed.MAIL_LEASE_MS < minMailLeaseMs(parsed.SMTP_TIMEOUT_MS)) {
    throw new Error(
      `Invalid configuration:\n  MAIL_LEASE_MS: must be at least ${minMailLeaseMs(parsed.SMTP_TIMEOUT_MS)} ms, above the longest send with SMTP_TIMEOUT_MS=${parsed.SMTP_TIMEOUT_MS} (another instance would send the same mail again)`,
    );
  }
  if (parsed.HEADERS_TIMEOUT_SECONDS > parsed.REQUEST_TIMEOUT_SECONDS) {
    throw new Error("Invalid configuration:\n  HEADERS_TIMEOUT_SECONDS: may not be longer than REQUEST_TIMEOUT_SECONDS (the headers are part of the request)");
  }
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    dataDir: path.resolve(parsed.DATA_DIR),
    clientDir: path.resolve(parsed.CLIENT_DIR),
    logLevel: parsed.LOG_LEVEL,
    logFormat: parsed.LOG_FORMAT,
    secureCookies: parsed.COOKIE_SECURE === "true",
    allowedOrigins: parsed.ALLOWED_ORIGINS.split(",").map((origin) => origin.trim()).filter(Boolean),
    database: parsed.DATABASE_URL ? { url: parsed.DATABASE_URL, schema: parsed.DATABASE_SCHEMA } : null,
    redis: parsed.REDIS_URL ? { url: parsed.REDIS_URL, prefix: parsed.REDIS_PREFIX } : null,
    catchUpMs: parsed.CATCH_UP_SECONDS * 1000,
    roomIdleUnloadMs: parsed.ROOM_IDLE_UNLOAD_MS,
    schedulerTickMs: parsed.SCHEDULER_TICK_MS,
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
    allowedHosts: parseAllowedHosts(parsed.ALLOWED_HOSTS),
    timeouts: {
      requestMs: Math.round(parsed.REQUEST_TIMEOUT_SECONDS * 1000),
      headersMs: Math.round(parsed.HEADERS_TIMEOUT_SECONDS * 1000),
      keepAliveMs: Math.round(parsed.KEEP_ALIVE_TIMEOUT_SECONDS * 1000),
    },
    freshStart: parsed.FRESH_START === "true",
    mail: parsed.SMTP_URL && parsed.MAIL_FROM ? { smtpUrl: parsed.SMTP_URL, from: parsed.MAIL_FROM, timeoutMs: parsed.SMTP_TIMEOUT_MS } : null,
    publicUrl: parsed.PUBLIC_URL ? parsed.PUBLIC_URL.replace(/\/$/, "") : null,
    mailQueue: { pollMs: parsed.MAIL_POLL_MS, retryMs: parsed.MAIL_RETRY_MS, maxAttempts: parsed.MAIL_MAX_ATTEMPTS, leaseMs: parsed.MAIL_LEASE_MS },
  };
}
