import { describe, expect, it } from "vitest";
import { errorIds, isErrorId } from "./errors.js";

describe("the API's error ids", () => {
  it("are listed once each", () => {
    const seen = new Set<string>();
    const repeated = errorIds.filter((id) => seen.size === seen.add(id).size);
    expect(repeated).toEqual([]);
  });

  it("are snake_case words, so `error.<id>` is a valid message id", () => {
    for (const id of errorIds) expect(id).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it("are told apart from ids this client does not know", () => {
    expect(isErrorId("too_many_attempts")).toBe(true);
    expect(isErrorId("network")).toBe(false);
    expect(isErrorId("toString")).toBe(false);
  });
});
