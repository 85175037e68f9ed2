/** The mail queue's waits between attempts: doubling from the configured retry, up to a cap. */
import { describe, expect, it } from "vitest";
import { retryDelay } from "./MailQueue.js";

describe("retryDelay", () => {
  it("waits the configured retry after the first failure, then twice as long after each further one", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempts) => retryDelay(1000, attempts))).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 64_000]);
    expect([1, 2, 3].map((attempts) => retryDelay(50, attempts))).toEqual([50, 100, 200]);
  });

  it("never waits more than 64 times the configured retry, however many attempts failed", () => {
    expect([7, 8, 10, 50, 100].map((attempts) => retryDelay(60_000, attempts))).toEqual(Array(5).fill(64 * 60_000));
    // The default retry (a minute) and the most attempts allowed: a little over an hour between the last ones.
    expect(retryDelay(60_000, 99)).toBe(3_840_000);
  });

  it("waits the configured retry before any attempt has failed", () => {
    expect(retryDelay(1000, 0)).toBe(1000);
  });
});
