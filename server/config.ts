/**
 * Every environment variable the server reads, validated in one place.
 * Listed in the README; nothing else reads `process.env`.
 */
import path from "node:path";
import { z } from "zod";

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  CLIENT_DIR: z.string().min(1).default("./dist/client"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  COOKIE_SECURE: z.enum(["true", "false"]).default("false"),
  ALLOWED_ORIGINS: z.string().default(""),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "a lowercase PostgreSQL schema name").optional(),
  REDIS_URL: z.string().url().optional(),
  REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, "letters, digits and : . - _").default("dw:"),
  CATCH_UP_SECONDS: z.coerce.number().min(1).max(3600).default(15),
  FRESH_START: z.enum(["true", "false"]).default("false"),
});

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
   * SQLite: a database the server would refuse at start (empty, not SQLite, damaged,
   * unknown schema) is moved aside and a new workspace starts. Off by default: a new
   * workspace is claimed by whoever opens the site first.
   */
  freshStart: boolean;
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
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    dataDir: path.resolve(parsed.DATA_DIR),
    clientDir: path.resolve(parsed.CLIENT_DIR),
    logLevel: parsed.LOG_LEVEL,
    secureCookies: parsed.COOKIE_SECURE === "true",
    allowedOrigins: parsed.ALLOWED_ORIGINS.split(",").map((origin) => origin.trim()).filter(Boolean),
    database: parsed.DATABASE_URL ? { url: parsed.DATABASE_URL, schema: parsed.DATABASE_SCHEMA } : null,
    redis: parsed.REDIS_URL ? { url: parsed.REDIS_URL, prefix: parsed.REDIS_PREFIX } : null,
    catchUpMs: parsed.CATCH_UP_SECONDS * 1000,
    freshStart: parsed.FRESH_START === "true",
  };
}
