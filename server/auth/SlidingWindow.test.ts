import { describe, expect, it } from "vitest";
import { SlidingWindow } from "./SlidingWindow.js";

describe("sliding window", () => {
  it("counts per key, refuses past the limit until the oldest event leaves the window, and counts nothing refused", () => {
    let now = 1_000_000;
    const window = new SlidingWindow(60_000, () => now);
    const keys = (email: string) => [
      { key: "address\n10.0.0.1", max: 3 },
      { key: `email\n${email}`, max: 2 },
    ];
    expect(window.take(keys("a@example.org"))).toBe(0);
    now += 10_000;
    expect(window.take(keys("a@example.org"))).toBe(0);
    // The email is at its limit: refused until its first event is a minute old; the address is not charged.
    expect(window.take(keys("a@example.org"))).toBe(50_000);
    expect(window.take(keys("b@example.org"))).toBe(0);
    // Now the address is at its limit, whatever the email.
    expect(window.take(keys("c@example.org"))).toBe(50_000);
    expect(window.take([{ key: "address\n10.0.0.2", max: 3 }])).toBe(0);
    now += 50_001;
    expect(window.take(keys("a@example.org"))).toBe(0);
    expect(window.take(keys("c@example.org"))).toBeGreaterThan(0);
  });
});
