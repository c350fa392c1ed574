import { describe, expect, it } from "vitest";
import { COUNTER_FROM, MAX_MESSAGE_LENGTH, draftLimit } from "./composer";

describe("draftLimit", () => {
  it("is quiet well under the limit", () => {
    expect(draftLimit(0)).toEqual({ showCounter: false, over: 0 });
    expect(draftLimit(17_999)).toEqual({ showCounter: false, over: 0 });
  });

  it("shows the counter near the limit and counts the excess past it", () => {
    expect(COUNTER_FROM).toBe(18_000);
    expect(MAX_MESSAGE_LENGTH).toBe(20_000);
    expect(draftLimit(18_000)).toEqual({ showCounter: true, over: 0 });
    expect(draftLimit(20_000)).toEqual({ showCounter: true, over: 0 });
    expect(draftLimit(20_001)).toEqual({ showCounter: true, over: 1 });
    expect(draftLimit(23_456)).toEqual({ showCounter: true, over: 3_456 });
  });
});
