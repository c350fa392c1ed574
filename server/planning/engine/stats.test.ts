import { describe as group, expect, it } from "vitest";
import { describe, median, round } from "./stats";

group("stats", () => {
  it("describes a sample with the n − 1 standard deviation", () => {
    // mean 5; squared deviations sum to 32; sqrt(32 / 7) = 2.138…
    expect(describe([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ n: 8, mean: 5, median: 4.5, stdev: 2.14, min: 2, max: 9 });
    expect(describe([3])).toEqual({ n: 1, mean: 3, median: 3, stdev: 0, min: 3, max: 3 });
    expect(describe([])).toBeNull();
  });

  it("takes the median of odd and even samples without reordering the input", () => {
    const values = [9, 1, 5];
    expect(median(values)).toBe(5);
    expect(values).toEqual([9, 1, 5]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(round(7.200000000000001)).toBe(7.2);
  });
});
