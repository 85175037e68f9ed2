import { describe, expect, it } from "vitest";
import { instantOfLocalField, localFieldValue, timeLeft, untilNextMinute } from "./freezeTime.js";

describe("freeze times", () => {
  it("reads a date-and-time field in the reader's time zone and writes it back", () => {
    const at = new Date(2026, 4, 28, 20, 5);
    expect(localFieldValue(at)).toBe("2026-05-28T20:05");
    expect(instantOfLocalField("2026-05-28T20:05")).toBe(at.toISOString());
    expect(instantOfLocalField("")).toBeNull();
    expect(instantOfLocalField("28/05/2026 20:05")).toBeNull();
  });

  it("counts what is left in whole minutes, rounded up, and nothing once the time has come", () => {
    const at = new Date("2026-05-28T18:00:00Z");
    expect(timeLeft(at, new Date("2026-05-27T13:59:30Z"))).toEqual({ days: 1, hours: 4, minutes: 1 });
    expect(timeLeft(at, new Date("2026-05-28T17:59:59Z"))).toEqual({ days: 0, hours: 0, minutes: 1 });
    expect(timeLeft(at, at)).toBeNull();
    expect(untilNextMinute(at, new Date("2026-05-28T17:58:30Z"))).toBe(30_000);
    expect(untilNextMinute(at, new Date("2026-05-28T17:58:00Z"))).toBe(60_000);
    expect(untilNextMinute(at, new Date("2026-05-28T18:00:01Z"))).toBe(0);
  });
});
