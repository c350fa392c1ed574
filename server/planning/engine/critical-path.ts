import { capacityRate } from "./capacity";
import { addWorkingDays, workingDaysBetween } from "./calendar";
import { buildBlockGraph, compareKeys, finishedAt, isDone, isWorkItem, itemIndex } from "./items";
import { itemSource, uniqueSources } from "./sources";
import { median, round } from "./stats";
import { type EngineItem, type SourceRef, type TeamSnapshot } from "./types";

/**
 * The critical path: the longest chain of "blocks" links through unfinished work, weighted by
 * how long each item takes. Points become days at the pace finished items moved (points per
 * working day of cycle time); an unestimated item takes the team's median cycle time. Cycles in the links are
 * reported and their internal links ignored, so the walk always ends.
 */

export interface CriticalPathOptions {
  /** Work to consider (e.g. a release's remaining items); default every unfinished story, task and bug. Their unfinished blockers are added. */
  keys?: string[];
  /** Points an item moves per working day; default from finished items' cycle times, else the team's points per person-day. */
  pointsPerDay?: number | null;
  /** Working days an unestimated item takes; default the median cycle time of finished items. */
  cycleTimeDays?: number | null;
}

/** One item on the path. */
export interface PathStep {
  key: string;
  title: string;
  points: number | null;
  /** Working days this item is expected to take. */
  days: number;
  /** How `days` was reached. */
  estimatedBy: "points" | "cycle-time" | "default";
  /** Working days from the start of the chain to this item's start. */
  offsetDays: number;
  source: SourceRef;
}

/** The longest dependency chain and any cycles found on the way. */
export interface CriticalPath {
  /** First blocker first; empty when there is no unfinished work. */
  path: PathStep[];
  totalDays: number;
  /** The day the chain ends if its first item starts now and nothing waits (yyyy-MM-dd); null for an empty path. */
  finish: string | null;
  /** Sets of items that block each other in a loop, keys sorted; fix these links in Jira. */
  cycles: string[][];
  pointsPerDay: number | null;
  cycleTimeDays: number | null;
  basis: string;
  sources: SourceRef[];
}

/** How fast single items move: points per working day of cycle time, and the median cycle time. */
export interface ItemPace {
  /** Median over finished estimated items of points ÷ cycle-time days; null without such items. */
  pointsPerDay: number | null;
  /** Median working days from first start to finish (at least 1 per item); null without finished started items. */
  cycleTimeDays: number | null;
}

/**
 * The pace of single items from finished work: each item's working days from its first move to
 * an in-progress status until it finished. Cycle time includes waiting for review, which a chain
 * of dependent items waits through too.
 */
export function itemPace(snapshot: TeamSnapshot): ItemPace {
  const tz = snapshot.team.timezone;
  const cycles = snapshot.items
    .filter((i) => isWorkItem(i) && isDone(i))
    .flatMap((i) => {
      const start = i.statusChanges.find((c) => c.toCategory === "indeterminate")?.at;
      const end = finishedAt(i);
      return start && end && end >= start ? [{ item: i, days: Math.max(1, workingDaysBetween(start, end, tz)) }] : [];
    });
  return {
    pointsPerDay: median(cycles.filter((c) => (c.item.storyPoints ?? 0) > 0).map((c) => c.item.storyPoints! / c.days)),
    cycleTimeDays: median(cycles.map((c) => c.days)),
  };
}

/** Tarjan's strongly connected components over `nodes` with `next` edges; components in discovery order. */
function components(nodes: string[], next: (key: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        onStack.delete(w);
        comp.push(w);
        if (w === v) break;
      }
      out.push(comp);
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return out;
}

/** The nodes to walk: the scope plus, transitively, the unfinished items blocking it. */
function collectNodes(scope: EngineItem[], index: Map<string, EngineItem>, blockersOf: (k: string) => string[]): EngineItem[] {
  const nodes = new Map<string, EngineItem>();
  const queue = [...scope];
  while (queue.length > 0) {
    const item = queue.shift()!;
    if (nodes.has(item.key) || isDone(item)) continue;
    nodes.set(item.key, item);
    for (const b of blockersOf(item.key)) {
      const blocker = index.get(b);
      if (blocker && !nodes.has(b)) queue.push(blocker);
    }
  }
  return [...nodes.values()].sort((a, b) => compareKeys(a.key, b.key));
}

export function criticalPath(snapshot: TeamSnapshot, opts: CriticalPathOptions = {}): CriticalPath {
  const index = itemIndex(snapshot);
  const graph = buildBlockGraph([...snapshot.items, ...snapshot.linkedItems]);
  const pace = opts.pointsPerDay !== undefined && opts.cycleTimeDays !== undefined ? null : itemPace(snapshot);
  const pointsPerDay = opts.pointsPerDay !== undefined ? opts.pointsPerDay : (pace!.pointsPerDay ?? capacityRate(snapshot).pointsPerPersonDay);
  const cycleTimeDays = opts.cycleTimeDays !== undefined ? opts.cycleTimeDays : pace!.cycleTimeDays;
  const scope = opts.keys
    ? opts.keys.map((k) => index.get(k)).filter((i): i is EngineItem => Boolean(i))
    : snapshot.items.filter((i) => isWorkItem(i) && !isDone(i));
  const nodes = collectNodes(scope, index, graph.blockersOf);
  const keys = new Set(nodes.map((n) => n.key));
  const next = (k: string) => graph.dependentsOf(k).filter((d) => keys.has(d));

  const cycles = components(
    nodes.map((n) => n.key),
    next,
  )
    .filter((c) => c.length > 1)
    .map((c) => c.sort(compareKeys))
    .sort((a, b) => compareKeys(a[0]!, b[0]!));
  const cycleOf = new Map<string, number>();
  cycles.forEach((c, i) => c.forEach((k) => cycleOf.set(k, i)));
  const dagNext = (k: string) => next(k).filter((d) => cycleOf.get(d) === undefined || cycleOf.get(d) !== cycleOf.get(k));

  const weight = (item: EngineItem): Pick<PathStep, "days" | "estimatedBy"> => {
    if (item.storyPoints !== null && pointsPerDay) return { days: round(item.storyPoints / pointsPerDay, 1), estimatedBy: "points" };
    if (cycleTimeDays) return { days: round(cycleTimeDays, 1), estimatedBy: "cycle-time" };
    return { days: 1, estimatedBy: "default" };
  };
  // Longest chain starting at each node (memoised; the graph without cycle links is acyclic).
  const best = new Map<string, { length: number; next: string | null }>();
  const longest = (k: string): number => {
    const known = best.get(k);
    if (known) return known.length;
    let tail = 0;
    let via: string | null = null;
    for (const d of dagNext(k)) {
      const l = longest(d);
      if (l > tail) [tail, via] = [l, d];
    }
    const length = weight(index.get(k)!).days + tail;
    best.set(k, { length, next: via });
    return length;
  };
  let head: string | null = null;
  for (const n of nodes) {
    const length = longest(n.key);
    if (head === null || length > longest(head)) head = n.key;
  }

  const path: PathStep[] = [];
  let offset = 0;
  for (let k = head; k !== null; k = best.get(k)!.next) {
    const item = index.get(k)!;
    const w = weight(item);
    path.push({ key: k, title: item.title, points: item.storyPoints, ...w, offsetDays: round(offset, 1), source: itemSource(item) });
    offset += w.days;
  }
  const totalDays = round(offset, 1);
  const rateText = pointsPerDay ? `${round(pointsPerDay)} points per working day` : "no points rate (no history)";
  const cycleText = cycleTimeDays ? `${round(cycleTimeDays, 1)} working days (median cycle time)` : "1 working day";
  return {
    path,
    totalDays,
    finish: path.length > 0 ? addWorkingDays(snapshot.now, totalDays, snapshot.team.timezone) : null,
    cycles,
    pointsPerDay: pointsPerDay === null ? null : round(pointsPerDay),
    cycleTimeDays: cycleTimeDays === null ? null : round(cycleTimeDays, 1),
    basis:
      `Longest chain of "blocks" links among ${nodes.length} unfinished items; an estimated item takes its points at ${rateText}, ` +
      `an unestimated one ${cycleText}. No waiting between items.`,
    sources: uniqueSources([...path.map((s) => s.source), ...cycles.flat().map((k) => itemSource(index.get(k)!))]),
  };
}
