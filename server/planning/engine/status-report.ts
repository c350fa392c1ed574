import { dayKey, daysBetweenKeys, endOfDayKey, nthWorkingDay, workingDaysInWindow } from "./calendar";
import { forecastCompletion } from "./forecast";
import { activeSprint, compareKeys, finishedAt, isDone, isStarted, isWorkItem, sortSprints } from "./items";
import { detectRisks, type Risk, type RiskOptions } from "./risks";
import { itemSource, pullRequestLabel, pullRequestSource, sprintSource, uniqueSources } from "./sources";
import { FORECAST_SEED, teamThroughput, type ForecastView } from "./throughput";
import { type EngineItem, type EnginePullRequest, type EngineSprint, type SourceRef, type TeamSnapshot } from "./types";
import { memberAt, sprintScope, tally, type Tally } from "./velocity";

/**
 * The weekly status of a sprint: where it stands against its commitment, what changed in the
 * last seven days, a burn-up per working day, the chance of finishing by the sprint's end and
 * the top risks. Every list carries the items, pull requests and sprint it was read from.
 */

const WEEK = 7 * 86_400_000;
const WORKING_DAYS_PER_WEEK = 5;
const TOP_RISKS = 5;

export interface StatusReportOptions extends Pick<RiskOptions, "pm"> {
  /** A sprint to report on (active or closed); default the active sprint. */
  sprintId?: string;
  trials?: number;
  seed?: number;
}

/** No sprint to report on, and the sprints there are. */
export interface StatusNotFound {
  ok: false;
  reason: string;
  candidates: { id: string; name: string; state: EngineSprint["state"]; source: SourceRef }[];
}

/** An item as a report lists it. */
export interface ReportItem {
  key: string;
  title: string;
  status: string;
  assigneeName: string | null;
  points: number | null;
  /** Day finished (yyyy-MM-dd) for finished items, else null. */
  finished: string | null;
  /** Whether the item is in the reported sprint. */
  inSprint: boolean;
  source: SourceRef;
}

export interface ReportPullRequest {
  label: string;
  title: string;
  state: string;
  /** Day merged (for merged) or opened (for opened), yyyy-MM-dd. */
  day: string;
  workItemKeys: string[];
  source: SourceRef;
}

/** One working day of the burn-up: finished and total scope at the end of that day (or now, for today). */
export interface BurnUpPoint {
  date: string;
  donePoints: number;
  scopePoints: number;
  doneItems: number;
  scopeItems: number;
}

export interface SprintForecast {
  /** Dates are working days; the history is the weekly throughput the daily rates came from. */
  view: ForecastView;
  /** Share of simulated futures that finish the remaining items by the sprint's last working day. */
  probabilityByEnd: number;
  basis: string;
}

export interface StatusReport {
  ok: true;
  sprint: { id: string; name: string; state: EngineSprint["state"]; goal: string | null; start: string; end: string; source: SourceRef };
  /** Working days of the sprint; today counts as remaining until its midday. */
  days: { total: number; elapsed: number; remaining: number };
  committed: Tally;
  added: Tally;
  removed: Tally;
  completed: Tally;
  remaining: Tally;
  scopeChange: { added: string[]; removed: string[] };
  /** Completion as a share of current scope (points; items when nothing is estimated), 0..1. */
  progress: number;
  /** The team's stories, tasks and bugs finished in the last 7 days, in or outside the sprint. */
  completedThisWeek: ReportItem[];
  inProgress: ReportItem[];
  /** Unfinished sprint items that are flagged or wait on an unfinished item; `reason` says which. */
  blocked: (ReportItem & { reason: string })[];
  pullRequests: { merged: ReportPullRequest[]; opened: ReportPullRequest[] };
  burnUp: BurnUpPoint[];
  /** Null for a sprint that is over. */
  forecast: SprintForecast | null;
  /** The most severe risks of the team right now. */
  risks: Risk[];
  warnings: string[];
  sources: SourceRef[];
}

function chooseSprint(snapshot: TeamSnapshot, sprintId: string | undefined): EngineSprint | StatusNotFound {
  const notFound = (reason: string): StatusNotFound => ({
    ok: false,
    reason,
    candidates: sortSprints(snapshot.sprints).map((s) => ({ id: s.id, name: s.name, state: s.state, source: sprintSource(s) })),
  });
  if (sprintId !== undefined) {
    const s = snapshot.sprints.find((x) => x.id === sprintId);
    if (!s) return notFound(`There is no sprint with id ${sprintId}.`);
    if (!s.startDate || !s.endDate) return notFound(`${s.name} has not started, so there is nothing to report yet.`);
    return s;
  }
  const active = activeSprint(snapshot);
  if (!active?.startDate || !active.endDate) return notFound("No sprint is active: start one in Jira, or pick a closed sprint to report on.");
  return active;
}

function reportItem(item: EngineItem, inSprint: boolean, tz: string): ReportItem {
  const done = finishedAt(item);
  return {
    key: item.key,
    title: item.title,
    status: item.status,
    assigneeName: item.assigneeName,
    points: item.storyPoints,
    finished: done ? dayKey(done, tz) : null,
    inSprint,
    source: itemSource(item),
  };
}

function reportPr(pr: EnginePullRequest, at: Date, tz: string): ReportPullRequest {
  return { label: pullRequestLabel(pr), title: pr.title, state: pr.state, day: dayKey(at, tz), workItemKeys: [...pr.workItemKeys].sort(compareKeys), source: pullRequestSource(pr) };
}

function burnUp(snapshot: TeamSnapshot, sprint: EngineSprint, items: EngineItem[], asOf: Date): BurnUpPoint[] {
  const tz = snapshot.team.timezone;
  const start = sprint.startDate!;
  const last = dayKey(asOf, tz);
  return workingDaysInWindow(start, sprint.endDate!, tz)
    .filter((d) => d <= last)
    .map((date) => {
      const t = new Date(Math.min(endOfDayKey(date, tz).getTime(), asOf.getTime()));
      const scope = items.filter((i) => memberAt(i, sprint.id, t));
      const done = scope.filter((i) => {
        const f = finishedAt(i);
        return f !== null && f >= start && f <= t;
      });
      return { date, donePoints: tally(done).points, scopePoints: tally(scope).points, doneItems: done.length, scopeItems: scope.length };
    });
}

/**
 * Forecast by working day: each simulated day finishes the average daily count of a randomly
 * drawn past week (its items ÷ 5), so the weekly history behind release forecasts also drives
 * this one, at the grain a sprint needs.
 */
function sprintForecast(snapshot: TeamSnapshot, sprint: EngineSprint, remaining: number, opts: StatusReportOptions): SprintForecast {
  const tz = snapshot.team.timezone;
  const throughput = teamThroughput(snapshot);
  const f = forecastCompletion({
    samples: throughput.samples.map((n) => n / WORKING_DAYS_PER_WEEK),
    // No rate drift here: what remains of a sprint is shorter than the 4-week blocks drift is
    // measured over, and the back-test shows drift makes such short horizons over-cautious.
    remaining,
    start: snapshot.now,
    periodDays: 1,
    trials: opts.trials,
    seed: opts.seed ?? FORECAST_SEED,
    timezone: tz,
  });
  const today = dayKey(snapshot.now, tz);
  const periodOf = (d: Date) => daysBetweenKeys(today, dayKey(d, tz));
  const asWorkingDay = (d: Date) => nthWorkingDay(snapshot.now, periodOf(d), tz);
  const daysLeft = workingDaysInWindow(snapshot.now, sprint.endDate!, tz);
  const sprintDays = workingDaysInWindow(sprint.startDate!, sprint.endDate!, tz);
  // curve[k - 1] is the share finished within k working days.
  const n = daysLeft.length;
  const probabilityByEnd = remaining === 0 ? 1 : n === 0 || f.curve.length === 0 ? 0 : f.curve[Math.min(n, f.curve.length) - 1]!.probability;
  return {
    view: {
      label: `Remaining ${remaining} item${remaining === 1 ? "" : "s"} of ${sprint.name}`,
      targetDate: sprintDays.at(-1) ?? dayKey(sprint.endDate!, tz),
      percentiles: { p50: asWorkingDay(f.p50), p85: asWorkingDay(f.p85), p95: asWorkingDay(f.p95) },
      curve: f.curve.map((c) => ({ date: asWorkingDay(c.date), probability: c.probability })),
      history: throughput.weeks.map((w) => ({ weekStart: dayKey(w.weekStart, tz), finished: w.finished })),
      trials: f.trials,
      unreachable: f.unreachable,
      sources: throughput.sources,
    },
    probabilityByEnd,
    basis:
      `${f.trials.toLocaleString("en")} Monte Carlo trials; each simulated working day finishes the daily average of a random week ` +
      `among the last ${throughput.weeks.length} complete weeks; ${daysLeft.length} working day${daysLeft.length === 1 ? "" : "s"} left, today included before midday.`,
  };
}

/** The status of the active sprint (or `sprintId`). No sprint to report on gives `{ ok: false }` with the sprints there are. */
export function statusReport(snapshot: TeamSnapshot, opts: StatusReportOptions = {}): StatusReport | StatusNotFound {
  const sprint = chooseSprint(snapshot, opts.sprintId);
  if ("ok" in sprint) return sprint;
  const tz = snapshot.team.timezone;
  const over = sprint.state === "closed" || snapshot.now >= sprint.endDate!;
  const asOf = sprint.state === "closed" ? (sprint.completeDate ?? sprint.endDate!) : snapshot.now;
  const scope = sprintScope(snapshot, sprint, asOf)!;
  const inSprint = new Set([...scope.completed, ...scope.open].map((i) => i.key));
  const total = workingDaysInWindow(sprint.startDate!, sprint.endDate!, tz).length;
  const remainingDays = over ? 0 : workingDaysInWindow(new Date(Math.max(snapshot.now.getTime(), sprint.startDate!.getTime())), sprint.endDate!, tz).length;

  const weekAgo = asOf.getTime() - WEEK;
  const inLastWeek = (d: Date | null) => d !== null && d.getTime() > weekAgo && d.getTime() <= asOf.getTime();
  const completedThisWeek = snapshot.items
    .filter((i) => isWorkItem(i) && isDone(i) && inLastWeek(finishedAt(i)))
    .sort((a, b) => finishedAt(a)!.getTime() - finishedAt(b)!.getTime() || compareKeys(a.key, b.key))
    .map((i) => reportItem(i, inSprint.has(i.key), tz));
  const inProgress = scope.open.filter(isStarted).map((i) => reportItem(i, true, tz));
  const openKeys = new Set(scope.open.map((i) => i.key));
  const risks = detectRisks(snapshot, { pm: opts.pm, trials: opts.trials });
  const blocked = risks
    .filter((r) => r.category === "blocked" && openKeys.has(r.id.slice("blocked:".length)))
    .map((r) => ({ ...reportItem(scope.open.find((i) => i.key === r.id.slice("blocked:".length))!, true, tz), reason: r.detail }))
    .sort((a, b) => compareKeys(a.key, b.key));
  const merged = snapshot.pullRequests
    .filter((pr) => pr.mergedAt && inLastWeek(pr.mergedAt))
    .sort((a, b) => a.mergedAt!.getTime() - b.mergedAt!.getTime())
    .map((pr) => reportPr(pr, pr.mergedAt!, tz));
  const opened = snapshot.pullRequests
    .filter((pr) => inLastWeek(pr.createdAt))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((pr) => reportPr(pr, pr.createdAt, tz));

  const completed = tally(scope.completed);
  const current = tally([...scope.completed, ...scope.open]);
  const progress = current.points > 0 ? completed.points / current.points : current.items > 0 ? completed.items / current.items : 0;
  const warnings: string[] = [];
  const unestimated = scope.open.filter((i) => i.storyPoints === null).length;
  if (unestimated > 0) warnings.push(`${unestimated} open sprint item${unestimated === 1 ? " has" : "s have"} no estimate, so point totals understate the remaining work.`);
  const forecast = over ? null : sprintForecast(snapshot, sprint, scope.open.length, opts);
  if (forecast?.view.unreachable && scope.open.length > 0) warnings.push("No items were finished in the last 12 weeks, so the sprint cannot be forecast.");
  const topRisks = risks.slice(0, TOP_RISKS);

  return {
    ok: true,
    sprint: { id: sprint.id, name: sprint.name, state: sprint.state, goal: sprint.goal, start: dayKey(sprint.startDate!, tz), end: dayKey(sprint.endDate!, tz), source: sprintSource(sprint) },
    days: { total, elapsed: total - remainingDays, remaining: remainingDays },
    committed: tally(scope.committed),
    added: tally(scope.added),
    removed: tally(scope.removed),
    completed,
    remaining: tally(scope.open),
    scopeChange: { added: scope.added.map((i) => i.key), removed: scope.removed.map((i) => i.key) },
    progress: Math.round(progress * 1000) / 1000,
    completedThisWeek,
    inProgress,
    blocked,
    pullRequests: { merged, opened },
    burnUp: burnUp(snapshot, sprint, [...scope.committed, ...scope.added], asOf),
    forecast,
    risks: topRisks,
    warnings,
    sources: uniqueSources([
      sprintSource(sprint),
      ...[...scope.committed, ...scope.added].map(itemSource),
      ...completedThisWeek.map((i) => i.source),
      ...merged.map((p) => p.source),
      ...opened.map((p) => p.source),
      ...topRisks.flatMap((r) => r.sources),
    ]),
  };
}
