import { describe, expect, it } from "vitest";
import { forecastCompletion, forecastHowMany, percentile, rateMultipliers, weeklyThroughput } from "./forecast";

const day = 86_400_000;

describe("percentile", () => {
  it("interpolates linearly between closest ranks", () => {
    // rank = 0.25 × 3 = 0.75 → 10 + 0.75 × (20 − 10)
    expect(percentile([10, 20, 30, 40], 25)).toBeCloseTo(17.5, 10);
    expect(percentile([10, 20, 30, 40], 50)).toBeCloseTo(25, 10);
    // rank = 0.9 × 4 = 3.6 → 4 + 0.6 × (10 − 4)
    expect(percentile([1, 2, 3, 4, 10], 90)).toBeCloseTo(7.6, 10);
  });

  it("returns the ends at 0 and 100 and the only value of a singleton", () => {
    expect(percentile([3, 5, 9], 0)).toBe(3);
    expect(percentile([3, 5, 9], 100)).toBe(9);
    expect(percentile([7], 85)).toBe(7);
  });

  it("refuses an empty list", () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
  });
});

describe("forecastCompletion", () => {
  const start = new Date("2025-03-03T00:00:00Z");

  it("constant throughput of 5 finishes 20 items in exactly 4 periods at every level", () => {
    const f = forecastCompletion({ samples: [5], remaining: 20, start, periodDays: 7 });
    const fourWeeks = new Date("2025-03-31T00:00:00Z");
    expect(f.p50).toEqual(fourWeeks);
    expect(f.p85).toEqual(fourWeeks);
    expect(f.p95).toEqual(fourWeeks);
    expect(f.unreachable).toBe(false);
    expect(f.trials).toBe(10_000);
    expect(f.curve.map((c) => c.probability)).toEqual([0, 0, 0, 1]);
    expect(f.curve[3]!.date).toEqual(fourWeeks);
  });

  it("is deterministic for a seed and changes with the seed", () => {
    const input = { samples: [0, 2, 3, 7, 11, 4], remaining: 60, start, periodDays: 7, trials: 2_000 };
    const a = forecastCompletion({ ...input, seed: 7 });
    const b = forecastCompletion({ ...input, seed: 7 });
    expect(b).toEqual(a);
    const c = forecastCompletion({ ...input, seed: 8 });
    expect(c.curve.map((x) => x.probability)).not.toEqual(a.curve.map((x) => x.probability));
    // Default seed is fixed too.
    expect(forecastCompletion(input)).toEqual(forecastCompletion(input));
  });

  it("matches a geometric distribution for samples [0, 0, 10] and 10 remaining", () => {
    // Each period finishes everything with probability 1/3, so P(done within k) = 1 − (2/3)^k:
    // k=1 .333, 2 .556, 3 .704, 4 .802, 5 .868, 6 .912, 7 .941, 8 .961.
    const f = forecastCompletion({ samples: [0, 0, 10], remaining: 10, start, periodDays: 7, trials: 40_000, seed: 3 });
    for (let k = 1; k <= 8; k++) {
      expect(f.curve[k - 1]!.probability).toBeCloseTo(1 - (2 / 3) ** k, 2);
    }
    expect(f.p50).toEqual(new Date(start.getTime() + 2 * 7 * day));
    expect(f.p85).toEqual(new Date(start.getTime() + 5 * 7 * day));
    expect(f.p95).toEqual(new Date(start.getTime() + 8 * 7 * day));
    expect(f.curve.at(-1)!.probability).toBe(1);
  });

  it("says unreachable, with dates at start, when there is no throughput", () => {
    for (const samples of [[], [0, 0, 0]]) {
      const f = forecastCompletion({ samples, remaining: 5, start, periodDays: 7 });
      expect(f.unreachable).toBe(true);
      expect([f.p50, f.p85, f.p95]).toEqual([start, start, start]);
      expect(f.curve).toEqual([]);
    }
  });

  it("says unreachable when most trials run past maxPeriods", () => {
    const f = forecastCompletion({ samples: [1], remaining: 100, start, periodDays: 7, maxPeriods: 10 });
    expect(f.unreachable).toBe(true);
    expect(f.p95).toEqual(start);
  });

  it("puts every date at start when nothing remains", () => {
    const f = forecastCompletion({ samples: [3], remaining: 0, start, periodDays: 7 });
    expect(f.unreachable).toBe(false);
    expect([f.p50, f.p85, f.p95]).toEqual([start, start, start]);
    expect(f.curve).toEqual([{ date: start, probability: 1 }]);
  });

  it("keeps period ends on local midnight across a DST change when given a zone", () => {
    // Zurich leaves summer time on 27 Oct 2024: midnight moves from 22:00Z to 23:00Z.
    const zurichMonday = new Date("2024-10-20T22:00:00Z"); // Mon 21 Oct 00:00 CEST
    const f = forecastCompletion({ samples: [1], remaining: 1, start: zurichMonday, periodDays: 7, timezone: "Europe/Zurich" });
    expect(f.p50).toEqual(new Date("2024-10-27T23:00:00Z")); // Mon 28 Oct 00:00 CET
  });

  // Speed is the benchmark's job (`npm run bench -- chat`, monteCarloMs); this checks the answer.
  it("forecasts 1,000 items at ~10 a week at about 100 weeks", () => {
    const samples = [6, 9, 10, 12, 8, 14, 11, 7, 10, 13, 9, 11];
    const f = forecastCompletion({ samples, remaining: 1_000, start, periodDays: 7 });
    // Mean 10 a week → about 100 weeks.
    const weeks = (f.p50.getTime() - start.getTime()) / (7 * day);
    expect(weeks).toBeGreaterThanOrEqual(95);
    expect(weeks).toBeLessThanOrEqual(105);
  });
});

describe("forecastHowMany", () => {
  it("constant samples give the same count at every level", () => {
    expect(forecastHowMany({ samples: [4], periods: 6 })).toEqual({ p50: 24, p85: 24, p95: 24 });
  });

  it("matches a binomial for samples [0, 1] over 10 periods", () => {
    // X ~ Binomial(10, ½). P(X ≥ 5) = .623, P(X ≥ 6) = .377 → p50 = 5.
    // P(X ≥ 3) = .945, P(X ≥ 4) = .828 → p85 = 3.  P(X ≥ 2) = .989, P(X ≥ 3) = .945 → p95 = 2.
    expect(forecastHowMany({ samples: [0, 1], periods: 10, trials: 40_000, seed: 11 })).toEqual({ p50: 5, p85: 3, p95: 2 });
  });

  it("is deterministic for a seed", () => {
    const input = { samples: [0, 3, 8, 2, 5], periods: 4, trials: 500, seed: 99 };
    expect(forecastHowMany(input)).toEqual(forecastHowMany(input));
  });

  it("returns zeros without samples or periods", () => {
    expect(forecastHowMany({ samples: [], periods: 4 })).toEqual({ p50: 0, p85: 0, p95: 0 });
    expect(forecastHowMany({ samples: [3], periods: 0 })).toEqual({ p50: 0, p85: 0, p95: 0 });
  });
});

describe("rateMultipliers", () => {
  // Four weeks at 10, then five at 20. Consecutive 4-week pairs, newest first: weeks 1–4 (50) → 5–8 (80) gives
  // ln 1.6; weeks 0–3 (40) → 4–7 (80) gives ln 2.
  const stepUp = [10, 10, 10, 10, 20, 20, 20, 20, 20];

  it("uses the changes as they are when the samples have no noise, centred on their median", () => {
    // cv = 0, so nothing is shrunk. Median of [ln 1.6, ln 2] (upper of two) = ln 2 → exp(ln 1.6 − ln 2) = 0.8, 1.
    const m = rateMultipliers(stepUp, [10])!;
    expect(Array.from(m).map((v) => Number(v.toFixed(12)))).toEqual([0.8, 1]);
  });

  it("removes the spread that period-to-period noise alone explains", () => {
    // Changes, newest first: ln(e² / 1) = 2, ln(1 / 1) = 0 → mean 1, variance 2 (n − 1).
    // Samples [0, 20]: mean 10, variance 200, cv² = 2 → noise 2 · 2 / 4 = 1, drift 1, shrink √(1/2).
    // Median (upper of two) = 2 → exp(0) = 1 and exp(−2 · √½) = exp(−√2).
    const m = rateMultipliers([1, 0, 0, 0, 1, 0, 0, 0, Math.E ** 2], [0, 20])!;
    expect(m.length).toBe(2);
    expect(m[0]).toBeCloseTo(1, 12);
    expect(m[1]).toBeCloseTo(Math.exp(-Math.SQRT2), 12);
  });

  it("is null without history, with fewer than two changes, or when noise explains all of the spread", () => {
    expect(rateMultipliers(undefined, [10])).toBeNull();
    expect(rateMultipliers([10, 10, 10, 10, 20, 20, 20, 20], [10])).toBeNull(); // one pair only
    expect(rateMultipliers([5, 5, 5, 5, 5, 5, 5, 5, 5, 5], [5])).toBeNull(); // no change at all
    // Changes ln 1.6 and ln 2: variance ½ (ln 1.25)² ≈ 0.025; samples [0, 20] alone explain 1.
    expect(rateMultipliers(stepUp, [0, 20])).toBeNull();
  });

  it("skips stretches without throughput instead of failing", () => {
    // Pairs newest first: (0,0,0,10)→(10,10,10,10) ln 4; (0,0,0,0)→… skipped; only one usable change → null.
    expect(rateMultipliers([0, 0, 0, 0, 10, 10, 10, 10, 10], [10])).toBeNull();
  });
});

describe("forecasts with a rate history", () => {
  const start = new Date("2025-03-03T00:00:00Z");
  const stepUp = [10, 10, 10, 10, 20, 20, 20, 20, 20];

  it("forecastHowMany scales each trial by a drawn multiplier", () => {
    // Multipliers 0.8 and 1 (see above), each about half the trials: totals 32 or 40.
    const f = forecastHowMany({ samples: [10], periods: 4, rateHistory: stepUp, trials: 2_000, seed: 5 });
    expect(f.p85).toBe(32);
    expect(f.p95).toBe(32);
    expect([32, 40]).toContain(f.p50);
  });

  it("forecastHowMany rounds scaled whole-number totals to whole numbers", () => {
    // 3 × 0.8 = 2.4 → 2.
    expect(forecastHowMany({ samples: [1], periods: 3, rateHistory: stepUp, trials: 2_000, seed: 5 }).p95).toBe(2);
  });

  it("forecastCompletion finishes later in the slower trials", () => {
    // 40 items: rate 1 → 10 a week, 4 weeks; rate 0.8 → 8 a week, 5 weeks.
    const f = forecastCompletion({ samples: [10], remaining: 40, start, periodDays: 7, rateHistory: stepUp, trials: 2_000, seed: 5 });
    // One point per week from the first; nobody finishes before week 4.
    expect(f.curve.map((c) => c.date.toISOString().slice(0, 10))).toEqual(["2025-03-10", "2025-03-17", "2025-03-24", "2025-03-31", "2025-04-07"]);
    expect(f.curve.slice(0, 3).map((c) => c.probability)).toEqual([0, 0, 0]);
    expect(f.curve[3]!.probability).toBeGreaterThan(0.4);
    expect(f.curve[3]!.probability).toBeLessThan(0.6);
    expect(f.curve[4]!.probability).toBe(1);
    expect(f.p95).toEqual(new Date("2025-04-07T00:00:00Z"));
  });

  it("a history too short to measure change gives the plain forecast", () => {
    const base = { samples: [0, 3, 8, 2, 5], periods: 4, trials: 500, seed: 99 };
    expect(forecastHowMany({ ...base, rateHistory: [3, 8, 2, 5] })).toEqual(forecastHowMany(base));
  });

  it("widens a long forecast with a year of varying history without moving it far", () => {
    const samples = [6, 9, 10, 12, 8, 14, 11, 7, 10, 13, 9, 11];
    const rateHistory = Array.from({ length: 52 }, (_, i) => 6 + ((i * 7) % 11));
    const plain = forecastCompletion({ samples, remaining: 1_000, start, periodDays: 7 });
    const f = forecastCompletion({ samples, remaining: 1_000, start, periodDays: 7, rateHistory });
    expect(f.unreachable).toBe(false);
    const weeks = (d: Date) => (d.getTime() - start.getTime()) / (7 * day);
    expect(Math.abs(weeks(f.p50) - weeks(plain.p50))).toBeLessThanOrEqual(5);
    expect(weeks(f.p95) - weeks(f.p50)).toBeGreaterThanOrEqual(weeks(plain.p95) - weeks(plain.p50));
  });
});

describe("weeklyThroughput", () => {
  it("buckets by Monday–Sunday weeks in the zone across the end of summer time", () => {
    // Zurich: Mon 14 Oct 00:00 CEST = 13 Oct 22:00Z; Mon 21 Oct = 20 Oct 22:00Z; Mon 28 Oct 00:00 CET = 27 Oct 23:00Z;
    // Mon 4 Nov = 3 Nov 23:00Z. Now is Wed 6 Nov, so the three complete weeks start 14, 21 and 28 Oct.
    const finished = [
      new Date("2024-10-13T21:59:00Z"), // Sun 13 Oct 23:59 CEST: before the window
      new Date("2024-10-15T10:00:00Z"), // week of 14 Oct
      new Date("2024-10-20T22:30:00Z"), // Mon 21 Oct 00:30 CEST (still Sunday in UTC): week of 21 Oct
      new Date("2024-10-27T22:30:00Z"), // Sun 27 Oct 23:30 CET: week of 21 Oct, though 7×24 h from its start has passed
      new Date("2024-10-27T23:00:00Z"), // Mon 28 Oct 00:00 CET: week of 28 Oct
      new Date("2024-11-04T09:00:00Z"), // current, incomplete week: left out
    ];
    const weeks = weeklyThroughput(finished, { now: new Date("2024-11-06T12:00:00Z"), weeks: 3, timezone: "Europe/Zurich" });
    expect(weeks).toEqual([
      { weekStart: new Date("2024-10-13T22:00:00Z"), finished: 1 },
      { weekStart: new Date("2024-10-20T22:00:00Z"), finished: 2 },
      { weekStart: new Date("2024-10-27T23:00:00Z"), finished: 1 },
    ]);
  });

  it("includes empty weeks and treats a week ending exactly at now as complete", () => {
    const finished = [new Date("2025-01-06T00:00:00Z"), new Date("2025-01-26T23:59:59Z")];
    // now = Mon 27 Jan 00:00 UTC → complete weeks 6, 13 and 20 Jan.
    const weeks = weeklyThroughput(finished, { now: new Date("2025-01-27T00:00:00Z"), weeks: 3, timezone: "UTC" });
    expect(weeks.map((w) => w.finished)).toEqual([1, 0, 1]);
    expect(weeks[0]!.weekStart).toEqual(new Date("2025-01-06T00:00:00Z"));
  });

  it("uses the zone's calendar, not UTC's", () => {
    // Sun 12 Jan 23:30 in New York is Mon 13 Jan 04:30Z: New York counts it in the week of 6 Jan, UTC in the week of 13 Jan.
    const finished = [new Date("2025-01-13T04:30:00Z")];
    const now = new Date("2025-01-22T12:00:00Z");
    const ny = weeklyThroughput(finished, { now, weeks: 2, timezone: "America/New_York" });
    const utc = weeklyThroughput(finished, { now, weeks: 2, timezone: "UTC" });
    expect(ny.map((w) => w.finished)).toEqual([1, 0]);
    expect(ny[0]!.weekStart).toEqual(new Date("2025-01-06T05:00:00Z"));
    expect(utc.map((w) => w.finished)).toEqual([0, 1]);
  });

  it("returns nothing for zero weeks", () => {
    expect(weeklyThroughput([new Date()], { now: new Date(), weeks: 0, timezone: "UTC" })).toEqual([]);
  });
});
