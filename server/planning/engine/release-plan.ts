import { calendarDay, dayKey, daysBetweenKeys } from "./calendar";
import { criticalPath, type CriticalPath } from "./critical-path";
import { forecastCompletion, forecastHowMany } from "./forecast";
import {
  buildBlockGraph,
  compareKeys,
  compareRank,
  isDone,
  isEpic,
  isStarted,
  isWorkItem,
  priorityRank,
  type BlockGraph,
} from "./items";
import { itemSource, releaseSource, uniqueSources } from "./sources";
import { type EngineItem, type EngineRelease, type SourceRef, type TeamSnapshot } from "./types";
import { FORECAST_SEED, forecastView, teamThroughput, type ForecastView, type Throughput } from "./throughput";
import { tally, type Tally } from "./velocity";

/**
 * Release planning: the scope of a fix version, how much is done, when the rest is likely to be
 * done (a Monte Carlo over the team's weekly throughput, in items), whether that meets the
 * target, and if not, which items to cut so that the 85th percentile does.
 */

export interface ReleasePlanOptions {
  releaseId?: string;
  /** Matched case-insensitively, exactly first, else as a unique part of a name. */
  releaseName?: string;
  /** Overrides the release's own date. */
  targetDate?: Date;
  /** Monte Carlo trials (default 10,000). */
  trials?: number;
  seed?: number;
}

/** A release the caller could have meant. */
export interface ReleaseCandidate {
  id: string;
  name: string;
  released: boolean;
  /** yyyy-MM-dd or null. */
  releaseDate: string | null;
  source: SourceRef;
}

/** No release matched: why, and the releases there are. */
export interface ReleaseNotFound {
  ok: false;
  reason: string;
  candidates: ReleaseCandidate[];
}

/** done: nothing remains; on_track: P85 ≤ target; at_risk: P50 ≤ target < P85; late: P50 > target; unknown: no throughput to forecast with. */
export type ReleaseStatus = "done" | "on_track" | "at_risk" | "late" | "no_target" | "unknown";

/** Progress of one epic, forecast in epic rank order (cumulative with the epics before it). */
export interface Milestone {
  /** Null for the release's items without an epic (always last). */
  epicKey: string | null;
  title: string;
  done: number;
  remaining: number;
  remainingPoints: number;
  /** Remaining items of this and every earlier milestone. */
  cumulativeRemaining: number;
  /** yyyy-MM-dd; null when nothing remains or the forecast is unreachable. */
  p50: string | null;
  p85: string | null;
  sources: SourceRef[];
}

/** An item suggested for removal from the release. */
export interface CutSuggestion {
  key: string;
  title: string;
  priority: string | null;
  points: number | null;
  /** Unfinished items it blocks. */
  dependents: number;
  reason: string;
  source: SourceRef;
}

/** Items to cut so that the remaining scope fits by the target with 85% confidence. */
export interface CutPlan {
  items: CutSuggestion[];
  /** Items the team finishes by the target in 85% of simulated futures. */
  fitByTarget: number;
  /** Whole weeks to the target that were simulated. */
  weeksToTarget: number;
  /** The forecast with the cuts made (yyyy-MM-dd). */
  afterCut: { remaining: number; p50: string; p85: string } | null;
  basis: string;
}

export interface ReleasePlan {
  ok: true;
  release: { id: string; name: string; released: boolean; releaseDate: string | null; source: SourceRef };
  /** The date judged against (option, else the release date), yyyy-MM-dd. */
  targetDate: string | null;
  scope: {
    total: Tally;
    done: Tally;
    remaining: Tally;
    /** Remaining items without an estimate. */
    remainingUnestimated: number;
    keys: { done: string[]; remaining: string[] };
  };
  milestones: Milestone[];
  criticalPath: CriticalPath;
  forecast: ForecastView;
  status: ReleaseStatus;
  /** One sentence on the status, with the dates it compares. */
  statusReason: string;
  /** Present when the status is at_risk or late. */
  cuts: CutPlan | null;
  assumptions: string[];
  warnings: string[];
  sources: SourceRef[];
}

function candidate(release: EngineRelease): ReleaseCandidate {
  return {
    id: release.id,
    name: release.name,
    released: release.released,
    releaseDate: release.releaseDate ? calendarDay(release.releaseDate) : null,
    source: releaseSource(release),
  };
}

function byDate(a: EngineRelease, b: EngineRelease): number {
  const ta = a.releaseDate?.getTime() ?? Number.POSITIVE_INFINITY;
  const tb = b.releaseDate?.getTime() ?? Number.POSITIVE_INFINITY;
  return ta - tb || compareKeys(a.id, b.id);
}

/** The release asked for; by default the next unreleased one (dated first). */
export function findRelease(snapshot: TeamSnapshot, opts: Pick<ReleasePlanOptions, "releaseId" | "releaseName">): EngineRelease | ReleaseNotFound {
  const releases = [...snapshot.releases].sort(byDate);
  const notFound = (reason: string): ReleaseNotFound => ({ ok: false, reason, candidates: releases.map(candidate) });
  if (opts.releaseId !== undefined) {
    return releases.find((r) => r.id === opts.releaseId) ?? notFound(`No release has id ${opts.releaseId}.`);
  }
  if (opts.releaseName !== undefined) {
    const wanted = opts.releaseName.trim().toLowerCase();
    const exact = releases.find((r) => r.name.toLowerCase() === wanted);
    if (exact) return exact;
    const partial = releases.filter((r) => r.name.toLowerCase().includes(wanted));
    if (partial.length === 1) return partial[0]!;
    return notFound(
      partial.length > 1
        ? `"${opts.releaseName}" matches ${partial.length} releases: ${partial.map((r) => r.name).join(", ")}.`
        : `No release is called "${opts.releaseName}".`,
    );
  }
  return releases.find((r) => !r.released) ?? notFound(releases.length ? "Every release is already released." : "The project has no releases.");
}

/**
 * The release's work items: those with its fix version, and the children of its epics that have
 * no fix version of their own (a child explicitly in another release belongs to that one).
 */
export function releaseScope(snapshot: TeamSnapshot, release: EngineRelease): { epics: EngineItem[]; items: EngineItem[] } {
  const tagged = snapshot.items.filter((i) => i.fixVersionIds.includes(release.id));
  const epicKeys = new Set(tagged.filter(isEpic).map((e) => e.key));
  const parentEpic = (i: EngineItem) => (i.epicKey && epicKeys.has(i.epicKey)) || (i.parentKey !== null && epicKeys.has(i.parentKey));
  const items = snapshot.items
    .filter((i) => isWorkItem(i) && (i.fixVersionIds.includes(release.id) || (i.fixVersionIds.length === 0 && parentEpic(i))))
    .sort((a, b) => compareKeys(a.key, b.key));
  const itemEpics = new Set(items.map((i) => i.epicKey ?? i.parentKey).filter((k): k is string => k !== null));
  const epics = snapshot.items.filter((i) => isEpic(i) && (epicKeys.has(i.key) || itemEpics.has(i.key))).sort(compareRank);
  return { epics, items };
}

function epicOf(item: EngineItem, epicKeys: Set<string>): string | null {
  if (item.epicKey && epicKeys.has(item.epicKey)) return item.epicKey;
  if (item.parentKey && epicKeys.has(item.parentKey)) return item.parentKey;
  return null;
}

interface ForecastCtx {
  snapshot: TeamSnapshot;
  throughput: Throughput;
  trials: number | undefined;
  seed: number;
}

function forecastDays(ctx: ForecastCtx, remaining: number): { p50: string; p85: string; unreachable: boolean } {
  const f = forecastCompletion({
    samples: ctx.throughput.samples,
    rateHistory: ctx.throughput.rateHistory,
    remaining,
    start: ctx.snapshot.now,
    periodDays: 7,
    trials: ctx.trials,
    seed: ctx.seed,
    timezone: ctx.snapshot.team.timezone,
  });
  const tz = ctx.snapshot.team.timezone;
  return { p50: dayKey(f.p50, tz), p85: dayKey(f.p85, tz), unreachable: f.unreachable };
}

function milestones(ctx: ForecastCtx, epics: EngineItem[], items: EngineItem[]): Milestone[] {
  const epicKeys = new Set(epics.map((e) => e.key));
  const groups: { epic: EngineItem | null; items: EngineItem[] }[] = epics.map((epic) => ({ epic, items: [] }));
  const loose: EngineItem[] = [];
  for (const item of items) {
    const key = epicOf(item, epicKeys);
    (key ? groups.find((g) => g.epic?.key === key)!.items : loose).push(item);
  }
  if (loose.length > 0) groups.push({ epic: null, items: loose });
  let cumulative = 0;
  return groups.map(({ epic, items: group }) => {
    const remaining = group.filter((i) => !isDone(i));
    cumulative += remaining.length;
    const f = remaining.length > 0 ? forecastDays(ctx, cumulative) : null;
    const reachable = f !== null && !f.unreachable;
    return {
      epicKey: epic?.key ?? null,
      title: epic?.title ?? "Items without an epic",
      done: group.length - remaining.length,
      remaining: remaining.length,
      remainingPoints: tally(remaining).points,
      cumulativeRemaining: cumulative,
      p50: reachable ? f.p50 : null,
      p85: reachable ? f.p85 : null,
      sources: uniqueSources([...(epic ? [itemSource(epic)] : []), ...group.map(itemSource)]),
    };
  });
}

function statusOf(remaining: number, target: string | null, forecast: ForecastView): { status: ReleaseStatus; reason: string } {
  const { p50, p85 } = forecast.percentiles;
  if (remaining === 0) return { status: "done", reason: "Every item in scope is done." };
  if (forecast.unreachable) return { status: "unknown", reason: "No items were finished in the last 12 weeks, so there is no throughput to forecast with." };
  if (target === null) return { status: "no_target", reason: `No target date: 85% likely done by ${p85}.` };
  if (p85 <= target) return { status: "on_track", reason: `85% likely done by ${p85}, on or before the target ${target}.` };
  if (p50 <= target) return { status: "at_risk", reason: `Only about even odds: 50% likely by ${p50}, 85% by ${p85}, target ${target}.` };
  return { status: "late", reason: `Even the 50% date (${p50}) is after the target ${target}; 85% likely by ${p85}.` };
}

/**
 * Cut candidates, one at a time: only items nothing kept still depends on, lowest priority first,
 * then the fewest dependents, not-started before started, and last in board order first.
 */
function chooseCuts(remaining: EngineItem[], count: number, graph: BlockGraph): EngineItem[] {
  const kept = new Set(remaining.map((i) => i.key));
  const dependents = (i: EngineItem) => graph.dependentsOf(i.key).filter((d) => kept.has(d));
  const cuts: EngineItem[] = [];
  while (cuts.length < count) {
    const cuttable = remaining.filter((i) => kept.has(i.key) && dependents(i).length === 0);
    if (cuttable.length === 0) break;
    cuttable.sort(
      (a, b) =>
        priorityRank(b.priority) - priorityRank(a.priority) ||
        graph.dependentsOf(a.key).length - graph.dependentsOf(b.key).length ||
        Number(isStarted(a)) - Number(isStarted(b)) ||
        compareRank(b, a),
    );
    const pick = cuttable[0]!;
    kept.delete(pick.key);
    cuts.push(pick);
  }
  return cuts;
}

function cutPlan(ctx: ForecastCtx, remaining: EngineItem[], target: string, graph: BlockGraph): CutPlan {
  const today = dayKey(ctx.snapshot.now, ctx.snapshot.team.timezone);
  const weeks = Math.max(0, Math.floor(daysBetweenKeys(today, target) / 7));
  const fit = forecastHowMany({ samples: ctx.throughput.samples, rateHistory: ctx.throughput.rateHistory, periods: weeks, trials: ctx.trials, seed: ctx.seed }).p85;
  const cuts = chooseCuts(remaining, Math.max(0, remaining.length - Math.floor(fit)), graph);
  const left = remaining.length - cuts.length;
  const after = left > 0 ? forecastDays(ctx, left) : null;
  return {
    items: cuts.map((i) => {
      const deps = graph.dependentsOf(i.key).length;
      return {
        key: i.key,
        title: i.title,
        priority: i.priority,
        points: i.storyPoints,
        dependents: deps,
        reason: `${i.priority ?? "No"} priority, ${deps === 0 ? "nothing depends on it" : `${deps} item${deps === 1 ? "" : "s"} depend on it (also cut)`}, ${isStarted(i) ? "already started" : "not started"}.`,
        source: itemSource(i),
      };
    }),
    fitByTarget: Math.floor(fit),
    weeksToTarget: weeks,
    afterCut: after && !after.unreachable ? { remaining: left, p50: after.p50, p85: after.p85 } : left === 0 ? { remaining: 0, p50: today, p85: today } : null,
    basis: `In ${weeks} whole week${weeks === 1 ? "" : "s"} to ${target}, the team finishes at least ${Math.floor(fit)} items in 85% of simulated futures; ${remaining.length} remain, so ${cuts.length} are suggested for cutting.`,
  };
}

/** Plans a release. A release that cannot be found gives `{ ok: false }` with the releases there are. */
export function planRelease(snapshot: TeamSnapshot, opts: ReleasePlanOptions = {}): ReleasePlan | ReleaseNotFound {
  const release = findRelease(snapshot, opts);
  if ("ok" in release) return release;
  const tz = snapshot.team.timezone;
  const warnings: string[] = [];
  const { epics, items } = releaseScope(snapshot, release);
  const done = items.filter(isDone);
  const remaining = items.filter((i) => !isDone(i));
  const target = opts.targetDate ? calendarDay(opts.targetDate) : release.releaseDate ? calendarDay(release.releaseDate) : null;
  const throughput = teamThroughput(snapshot);
  const ctx: ForecastCtx = { snapshot, throughput, trials: opts.trials, seed: opts.seed ?? FORECAST_SEED };
  const completion = forecastCompletion({
    samples: throughput.samples,
    rateHistory: throughput.rateHistory,
    remaining: remaining.length,
    start: snapshot.now,
    periodDays: 7,
    trials: opts.trials,
    seed: ctx.seed,
    timezone: tz,
  });
  const forecast = forecastView(`Remaining scope of ${release.name} (${remaining.length} item${remaining.length === 1 ? "" : "s"})`, target, completion, throughput, tz);
  const { status, reason } = statusOf(remaining.length, target, forecast);
  const graph = buildBlockGraph([...snapshot.items, ...snapshot.linkedItems]);
  const cuts = target && (status === "at_risk" || status === "late") ? cutPlan(ctx, remaining, target, graph) : null;
  const path = criticalPath(snapshot, { keys: remaining.map((i) => i.key) });

  if (items.length === 0) warnings.push(`${release.name} has no stories, tasks or bugs: set its fix version on the work that belongs to it.`);
  if (status === "unknown") warnings.push("No finished items in the last 12 weeks: the forecast needs throughput history.");
  if (target === null && status !== "done") warnings.push(`${release.name} has no release date: set one in Jira or pass a target date.`);
  const unestimated = remaining.filter((i) => i.storyPoints === null).length;
  if (path.cycles.length > 0) warnings.push(`Dependency cycles: ${path.cycles.map((c) => c.join(" ↔ ")).join("; ")}. Fix these links.`);
  if (target && path.finish && path.finish > target) warnings.push(`The critical path alone (${path.totalDays} working days) ends ${path.finish}, after the target ${target}.`);

  return {
    ok: true,
    release: { id: release.id, name: release.name, released: release.released, releaseDate: release.releaseDate ? calendarDay(release.releaseDate) : null, source: releaseSource(release) },
    targetDate: target,
    scope: {
      total: tally(items),
      done: tally(done),
      remaining: tally(remaining),
      remainingUnestimated: unestimated,
      keys: { done: done.map((i) => i.key), remaining: remaining.map((i) => i.key) },
    },
    milestones: milestones(ctx, epics, items),
    criticalPath: path,
    forecast,
    status,
    statusReason: reason,
    cuts,
    assumptions: [
      `Forecast: ${completion.trials.toLocaleString("en")} Monte Carlo trials over the team's items finished per week in the last 12 complete weeks, counting items (not points), as if the whole team worked on this release.`,
      "Scope: items with this fix version, plus children of its epics that have no fix version of their own.",
      "Milestones follow epic rank: each epic's date includes the remaining work of the epics ranked before it.",
    ],
    warnings,
    sources: uniqueSources([releaseSource(release), ...epics.map(itemSource), ...items.map(itemSource), ...path.sources]),
  };
}
