import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { tenantDb } from "@/server/db/tenant";
import { callerFor, createOrg, sessionFor, testDb } from "@/test/db";
import { metricCsv, exportFileName } from "./export";
import { resolveRange } from "./filter";
import { seedMetrics } from "./testing/seed-metrics";

type Org = Awaited<ReturnType<typeof createOrg>>;
let a: Org;
let other: Org;
let empty: Org;
const range = { from: "2026-11-01", to: "2026-11-28" };
const as = async (org: Org) => callerFor(sessionFor(org.org, org.member("PM").user, "PM"));

beforeAll(async () => {
  [a, other, empty] = await Promise.all([createOrg(["PM"]), createOrg(["PM"]), createOrg(["PM"])]);
  // The other organisation holds the same rows: any leak through raw SQL would double a figure.
  await seedMetrics(testDb(), a.org.id, a.member("PM").user.id);
  await seedMetrics(testDb(), other.org.id, other.member("PM").user.id);
});

describe("metrics", () => {
  it("quality: rates, per kind and rejection reasons", async () => {
    const q = await (await as(a)).metrics.quality(range);
    expect(q.totals).toEqual({ approved: 4, rejected: 2, decided: 6, edited: 1, approvalRate: 4 / 6, rejectionRate: 2 / 6, editRate: 1 / 4 });
    expect(q.byKind.map((k) => [k.kind, k.approved, k.rejected])).toEqual([["github.createIssue", 0, 1], ["jira.transition", 3, 1], ["slack.postMessage", 1, 0]]);
    expect(q.rejectionReasons).toEqual([{ kind: "github.createIssue", reason: "Wrong sprint", count: 1 }, { kind: "jira.transition", reason: "Wrong sprint", count: 1 }]);
    expect(q.series).toHaveLength(28);
    expect(q.series.find((s) => s.date === "2026-11-10")).toMatchObject({ approved: 4, rejected: 2 });
    expect(q.range.clamped).toBe(false);
  });

  it("filters by team (Jira project, Slack channel, repository) and by tool", async () => {
    const caller = await as(a);
    expect((await caller.metrics.quality({ ...range, team: "PAY" })).totals).toMatchObject({ approved: 3, rejected: 1, edited: 1 });
    expect((await caller.metrics.quality({ ...range, tool: "JIRA" })).totals).toMatchObject({ approved: 3, rejected: 1 });
    expect((await caller.metrics.quality({ ...range, team: "NOPE" })).totals.decided).toBe(0);
    const l = await caller.metrics.latency({ ...range, team: "PAY" });
    expect(l.totals.modelRequest).toEqual({ count: 1, p50: 1000, p95: 1000, p99: 1000 });
    const r = await caller.metrics.reliability({ ...range, tool: "SLACK" });
    expect(r.totals).toMatchObject({ apiCalls: 1, apiSuccessRate: 1, executed: 1, failed: 0 });
  });

  it("reliability: error rates, API success by tool and day, consistency ignoring unverified actions", async () => {
    const r = await (await as(a)).metrics.reliability(range);
    expect(r.totals).toEqual({ failed: 1, executed: 4, errorRate: 0.25, apiCalls: 5, apiSuccessRate: 0.8, succeeded: 3, verified: 2, consistent: 1, consistencyRate: 0.5 });
    expect(r.errorsByTool).toEqual([{ tool: "JIRA", failed: 1, executed: 3, errorRate: 1 / 3 }, { tool: "SLACK", failed: 0, executed: 1, errorRate: 0 }]);
    expect(r.apiByTool).toEqual([{ tool: "JIRA", ok: 3, total: 4, successRate: 0.75 }, { tool: "SLACK", ok: 1, total: 1, successRate: 1 }]);
    expect(r.series.find((s) => s.date === "2026-11-11")).toMatchObject({ ok: 1, total: 1, byTool: { SLACK: 1 } });
  });

  it("latency: percentiles from Postgres, ignoring missing latencies and failed requests", async () => {
    const l = await (await as(a)).metrics.latency(range);
    expect(l.totals.timeToFirstToken).toEqual({ count: 2, p50: 200, p95: 290, p99: 298 });
    expect(l.totals.modelRequest).toEqual({ count: 2, p50: 2000, p95: 2900, p99: 2980 });
    expect(l.totals.execution).toEqual({ count: 2, p50: 1500, p95: 1950, p99: 1990 });
    expect(l.toolCalls[0]).toEqual({ tool: "JIRA", count: 4, p50: 250, p95: 385, p99: 397 });
  });

  it("targets: met, missed against the blueprint", async () => {
    const t = await (await as(a)).metrics.targets(range);
    expect(t.targets.map((x) => [x.key, x.status])).toEqual([
      ["approvalRate", "missed"],
      ["apiSuccessRate", "missed"],
      ["consistencyRate", "missed"],
      ["errorRate", "missed"],
      ["typicalRequestMs", "met"],
    ]);
  });

  it("clamps an enormous range instead of failing", async () => {
    const q = await (await as(a)).metrics.quality({ from: "1900-01-01", to: "2026-11-28" });
    expect(q.range.clamped).toBe(true);
    expect(q.range.bucket).toBe("week");
    expect(q.totals.decided).toBe(6);
  });

  it("an empty organisation answers zeros and no data", async () => {
    const caller = await as(empty);
    const [q, r, l, t] = await Promise.all([caller.metrics.quality({}), caller.metrics.reliability({}), caller.metrics.latency({}), caller.metrics.targets({})]);
    expect(q.totals).toEqual({ approved: 0, rejected: 0, decided: 0, edited: 0, approvalRate: null, rejectionRate: null, editRate: null });
    expect(r.totals.errorRate).toBeNull();
    expect(l.totals.modelRequest).toEqual({ count: 0, p50: null, p95: null, p99: null });
    expect(t.targets.every((x) => x.status === "no data")).toBe(true);
  });

  it("exports a series as CSV", async () => {
    const r = resolveRange(range, new Date());
    expect(exportFileName("quality", r)).toBe("lumen-quality-2026-11-01-2026-11-28.csv");
    const rows = parse(await metricCsv(tenantDb(testDb(), a.org.id), a.org.id, "quality", r)) as string[][];
    expect(rows[0]).toEqual(["date", "approved", "rejected", "edited", "approval_rate", "rejection_rate", "edit_rate"]);
    expect(rows.find((x) => x[0] === "2026-11-10")?.slice(1, 4)).toEqual(["4", "2", "1"]);
  });
});
