import { describe, expect, it } from "vitest";
import path from "node:path";
import { loadConfig, minMailLeaseMs } from "./config.js";

describe("configuration from the environment", () => {
  it("has defaults for everything", () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: "127.0.0.1",
      dataDir: path.resolve("data"),
      clientDir: path.resolve("dist/client"),
      logLevel: "info",
      logFormat: "auto",
      secureCookies: false,
      allowedOrigins: [],
      database: null,
      redis: null,
      catchUpMs: 15_000,
      roomIdleUnloadMs: 60_000,
      schedulerTickMs: 5000,
      trustProxy: false,
      allowedHosts: [],
      timeouts: { requestMs: 30_000, headersMs: 10_000, keepAliveMs: 10_000 },
      freshStart: false,
      mail: null,
      publicUrl: null,
      mailQueue: { pollMs: 5000, retryMs: 60_000, maxAttempts: 10, leaseMs: 300_000 },
    });
  });

  it("reads PUBLIC_URL as an origin (a trailing slash dropped) and refuses one with a path", () => {
    expect(loadConfig({ PUBLIC_URL: "https://drafting.example.org/" }).publicUrl).toBe("https://drafting.example.org");
    expect(() => loadConfig({ PUBLIC_URL: "https://drafting.example.org/app" })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: "ftp://drafting.example.org" })).toThrow(/PUBLIC_URL/);
  });

  it("reads TRUST_PROXY as false, true, a hop count, or addresses and ranges, and refuses a bad address", () => {
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "0" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "TRUE" }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, loopback ,192.168.1.7" }).trustProxy).toEqual(["10.0.0.0/8", "loopback", "192.168.1.7"]);
    expect(() => loadConfig({ TRUST_PROXY: "10.0.0.0/99" })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: "balancer.internal" })).toThrow(/TRUST_PROXY/);
  });

  it("reads ALLOWED_HOSTS as host[:port] names, and refuses URLs and paths", () => {
    expect(loadConfig({ ALLOWED_HOSTS: "Drafting.Example.org, drafting.example.org:8443,[::1]:3000" }).allowedHosts).toEqual([
      "drafting.example.org",
      "drafting.example.org:8443",
      "[::1]:3000",
    ]);
    expect(() => loadConfig({ ALLOWED_HOSTS: "https://drafting.example.org" })).toThrow(/ALLOWED_HOSTS/);
    expect(() => loadConfig({ ALLOWED_HOSTS: "drafting.example.org/app" })).toThrow(/ALLOWED_HOSTS/);
  });

  it("reads the timeouts in seconds, and refuses a headers timeout longer than the request's", () => {
    expect(loadConfig({ REQUEST_TIMEOUT_SECONDS: "60", HEADERS_TIMEOUT_SECONDS: "0.5", KEEP_ALIVE_TIMEOUT_SECONDS: "65" }).timeouts).toEqual({
      requestMs: 60_000,
      headersMs: 500,
      keepAliveMs: 65_000,
    });
    expect(() => loadConfig({ REQUEST_TIMEOUT_SECONDS: "5" })).toThrow(/HEADERS_TIMEOUT_SECONDS/);
    expect(() => loadConfig({ REQUEST_TIMEOUT_SECONDS: "0" })).toThrow(/REQUEST_TIMEOUT_SECONDS/);
  });

  it("reads the scale-out settings, and refuses Redis without a shared database", () => {
    expect(
      loadConfig({ DATABASE_URL: "postgres://db.internal/drafting", DATABASE_SCHEMA: "coalition", REDIS_URL: "redis://cache.internal:6379", CATCH_UP_SECONDS: "5" }),
    ).toMatchObject({
      database: { url: "postgres://db.internal/drafting", schema: "coalition" },
      redis: { url: "redis://cache.internal:6379", prefix: "dw:" },
      catchUpMs: 5_000,
    });
    expect(() => loadConfig({ REDIS_URL: "redis://cache.internal:6379" })).toThrow(/REDIS_URL[\s\S]*DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://db/x", DATABASE_SCHEMA: "Drop Table" })).toThrow(/DATABASE_SCHEMA/);
  });

  it("reads PORT, HOST, DATA_DIR and LOG_LEVEL", () => {
    expect(
      loadConfig({
        PORT: "8080",
        HOST: "0.0.0.0",
        DATA_DIR: "/tmp/x",
        LOG_LEVEL: "warn",
        COOKIE_SECURE: "true",
        ALLOWED_ORIGINS: "https://a.example, https://b.example",
      }),
    ).toMatchObject({
      secureCookies: true,
      allowedOrigins: ["https://a.example", "https://b.example"],
      port: 8080,
      host: "0.0.0.0",
      dataDir: "/tmp/x",
      logLevel: "warn",
    });
  });

  it("reads FRESH_START, and accepts only true or false", () => {
    expect(loadConfig({ FRESH_START: "true" }).freshStart).toBe(true);
    expect(loadConfig({ FRESH_START: "false" }).freshStart).toBe(false);
    expect(() => loadConfig({ FRESH_START: "yes" })).toThrow(/FRESH_START/);
  });

  it("reads SMTP_URL with MAIL_FROM, refuses one without the other's sender, and refuses a URL that is not smtp:// or smtps://", () => {
    const from = "Drafting workspace <drafting@example.org>";
    expect(loadConfig({ SMTP_URL: "smtp://user:secret@mail.example.org:587", MAIL_FROM: from }).mail).toEqual({
      smtpUrl: "smtp://user:secret@mail.example.org:587",
      from,
      timeoutMs: 30_000,
    });
    expect(loadConfig({ SMTP_URL: "smtps://mail.example.org:465", MAIL_FROM: from }).mail?.smtpUrl).toBe("smtps://mail.example.org:465");
    expect(loadConfig({ MAIL_FROM: from }).mail).toBeNull();
    expect(() => loadConfig({ SMTP_URL: "smtp://mail.example.org:587" })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ SMTP_URL: "http://mail.example.org", MAIL_FROM: from })).toThrow(/SMTP_URL: an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => loadConfig({ SMTP_URL: "mail.example.org:25", MAIL_FROM: from })).toThrow(/SMTP_URL/);
  });

  it("refuses a mail lease shorter than the longest send the SMTP timeouts allow", () => {
    // The defaults: 30 s to connect, 30 s for the greeting, 60 s of silence; a lease of 150 s at least.
    expect(minMailLeaseMs(30_000)).toBe(150_000);
    expect(loadConfig({}).mailQueue.leaseMs).toBe(300_000);
    expect(loadConfig({ MAIL_LEASE_MS: "150000" }).mailQueue.leaseMs).toBe(150_000);
    expect(() => loadConfig({ MAIL_LEASE_MS: "149999" })).toThrow(/MAIL_LEASE_MS: must be at least 150000 ms.*SMTP_TIMEOUT_MS=30000/);
    expect(() => loadConfig({ MAIL_LEASE_MS: "60000" })).toThrow(/MAIL_LEASE_MS/);
    // Shorter SMTP waits allow a shorter lease.
    expect(loadConfig({ SMTP_TIMEOUT_MS: "10000", MAIL_LEASE_MS: "50000" }).mailQueue.leaseMs).toBe(50_000);
    expect(() => loadConfig({ SMTP_TIMEOUT_MS: "70000" })).toThrow(/MAIL_LEASE_MS: must be at least 350000 ms/);
    expect(() => loadConfig({ SMTP_TIMEOUT_MS: "50" })).toThrow(/SMTP_TIMEOUT_MS/);
  });

  it("reads SCHEDULER_TICK_MS in milliseconds, within 50 ms and 10 minutes", () => {
    expect(loadConfig({ SCHEDULER_TICK_MS: "250" }).schedulerTickMs).toBe(250);
    expect(() => loadConfig({ SCHEDULER_TICK_MS: "10" })).toThrow(/SCHEDULER_TICK_MS/);
    expect(() => loadConfig({ SCHEDULER_TICK_MS: "600001" })).toThrow(/SCHEDULER_TICK_MS/);
  });

  it("reads ROOM_IDLE_UNLOAD_MS in milliseconds, from 0 (at once) to a day", () => {
    expect(loadConfig({ ROOM_IDLE_UNLOAD_MS: "0" }).roomIdleUnloadMs).toBe(0);
    expect(loadConfig({ ROOM_IDLE_UNLOAD_MS: "86400000" }).roomIdleUnloadMs).toBe(86_400_000);
    expect(() => loadConfig({ ROOM_IDLE_UNLOAD_MS: "-1" })).toThrow(/ROOM_IDLE_UNLOAD_MS/);
    expect(() => loadConfig({ ROOM_IDLE_UNLOAD_MS: "86400001" })).toThrow(/ROOM_IDLE_UNLOAD_MS/);
    expect(() => loadConfig({ ROOM_IDLE_UNLOAD_MS: "1.5" })).toThrow(/ROOM_IDLE_UNLOAD_MS/);
  });

  it("refuses bad values, naming each", () => {
    expect(() => loadConfig({ PORT: "eighty", LOG_LEVEL: "loud" })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT/);
  });
});
