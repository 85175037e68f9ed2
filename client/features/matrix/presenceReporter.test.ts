import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiFailure } from "../../api.js";
import { presenceReporter, type MatrixPlace } from "./useMatrix.js";

const cell = (targetId: string, act: number): MatrixPlace => ({ targetId, act });
const nowhere: MatrixPlace = { targetId: null, act: null };

describe("presenceReporter", () => {
  let sent: MatrixPlace[];
  let answer: () => Promise<unknown>;
  const report = (place: MatrixPlace) => {
    sent.push(place);
    return answer();
  };
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    answer = () => Promise.resolve();
  });
  afterEach(() => vi.useRealTimers());

  it("sends only the place held last when focus moves quickly", async () => {
    const reporter = presenceReporter(report);
    for (let act = 1; act <= 10; act++) {
      reporter.set(cell("t1", act));
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toEqual([cell("t1", 10)]);
    reporter.close();
  });

  it("sends nothing when the place comes back to where it was (a dialog returning focus)", async () => {
    const reporter = presenceReporter(report);
    reporter.set(cell("t1", 1));
    await vi.advanceTimersByTimeAsync(400);
    reporter.set(nowhere);
    reporter.set(cell("t1", 1));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toEqual([cell("t1", 1)]);
    reporter.close();
    expect(sent).toEqual([cell("t1", 1), nowhere]);
  });

  it("keeps at most one report per 600 ms however long each place is held", async () => {
    const reporter = presenceReporter(report);
    for (let act = 1; act <= 40; act++) {
      reporter.set(cell("t1", act));
      await vi.advanceTimersByTimeAsync(310);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    // 40 places over 12.4 s: the server's 20 per 10 s is never exceeded.
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(13_400 / 600));
    expect(sent.at(-1)).toEqual(cell("t1", 40));
    reporter.close();
  });

  it("tries again after the server's Retry-After when refused with 429", async () => {
    const reporter = presenceReporter(report);
    answer = () => Promise.reject(new ApiFailure(429, "too_many_attempts", "slow down", 3));
    reporter.set(cell("t1", 2));
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toEqual([cell("t1", 2)]);
    answer = () => Promise.resolve();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(sent).toEqual([cell("t1", 2), cell("t1", 2)]);
    reporter.close();
  });

  it("says nowhere on close only when it had said somewhere", () => {
    presenceReporter(report).close();
    expect(sent).toEqual([]);
  });
});
