import { describe, expect, it } from "vitest";
import path from "node:path";
import { loadConfig } from "./config.js";

describe("configuration from the environment", () => {
  it("has defaults for everything", () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: "127.0.0.1",
      dataDir: path.resolve("data"),
      clientDir: path.resolve("dist/client"),
      logLevel: "info",
      secureCookies: false,
      allowedOrigins: [],
    });
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

  it("refuses bad values, naming each", () => {
    expect(() => loadConfig({ PORT: "eighty", LOG_LEVEL: "loud" })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT/);
  });
});
