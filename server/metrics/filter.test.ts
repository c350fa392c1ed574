import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { toCsv } from "./csv";
import { bucketLabels, metricsFilterInput, rangeLabel, rate, resolveRange } from "./filter";
import { evaluateTargets } from "./queries";

const now = new Date("2026-11-28T12:00:00Z");

describe("resolveRange", () => {
  it("defaults to the last 28 days, daily", () => {
    const r = resolveRange({}, now);
    expect(r.to.toISOString()).toBe("2026-11-28T12:00:00.000Z");
    expect(r.from.toISOString()).toBe("2026-10-31T12:00:00.000Z");
    expect(r).toMatchObject({ bucket: "day", clamped: false });
  });

  it("includes the whole last day of a bare date and names the file's days", () => {
    const r = resolveRange({ from: "2026-11-01", to: "2026-11-28" }, now);
    expect(r.to.toISOString()).toBe("2026-11-29T00:00:00.000Z");
    expect(rangeLabel(r)).toEqual({ from: "2026-11-01", to: "2026-11-28" });
    expect(bucketLabels(r)).toHaveLength(28);
  });

  it("clamps an enormous range to its last 366 days, weekly", () => {
    const r = resolveRange({ from: "1990-01-01", to: "2026-11-28" }, now);
    expect(r.clamped).toBe(true);
    expect((r.to.getTime() - r.from.getTime()) / 86_400_000).toBe(366);
    expect(r.bucket).toBe("week");
    expect(bucketLabels(r)[0]).toBe("2025-11-24"); // the Monday of the week holding 2025-11-28
  });

  it("refuses an end before the start with a sentence", () => {
    const parsed = metricsFilterInput.safeParse({ from: "2026-11-10", to: "2026-11-01" });
    expect(parsed.error?.issues[0]?.message).toMatch(/end date is before the start/);
  });

  it("reports no data rather than zero", () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(1, 4)).toBe(0.25);
  });
});

describe("toCsv", () => {
  it("quotes commas, quotes and line breaks per RFC 4180, round-tripping through a parser", () => {
    const csv = toCsv(["a", "b", "c"], [["x,y", 'say "hi"', "line\nbreak"], [null, 0.5, "=SUM(A1)"]]);
    expect(csv).toBe('a,b,c\r\n"x,y","say ""hi""","line\nbreak"\r\n,0.5,\'=SUM(A1)\r\n');
    expect(parse(csv)).toEqual([["a", "b", "c"], ["x,y", 'say "hi"', "line\nbreak"], ["", "0.5", "'=SUM(A1)"]]);
  });
});

describe("evaluateTargets", () => {
  it("meets, misses and has no data by each bar", () => {
    const t = evaluateTargets({ approvalRate: 0.8, apiSuccessRate: 0.94, consistencyRate: null, errorRate: 0.05, typicalRequestMs: 4999 });
    expect(t.map((x) => [x.key, x.status])).toEqual([
      ["approvalRate", "met"],
      ["apiSuccessRate", "missed"],
      ["consistencyRate", "no data"],
      ["errorRate", "missed"],
      ["typicalRequestMs", "met"],
    ]);
  });
});
