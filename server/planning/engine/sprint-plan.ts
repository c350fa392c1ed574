import { capacityRate, windowCapacity, type Capacity, type CapacityRate } from "./capacity";
import { dayKey } from "./calendar";
import {
  activeSprint,
  buildBlockGraph,
  comparePriorityThenRank,
  compareRank,
  futureSprints,
  isDone,
  isStarted,
  isWorkItem,
  itemIndex,
  medianEstimate,
  type BlockGraph,
} from "./items";
import { itemSource, sprintSource, uniqueSources } from "./sources";
import { round, type Stats } from "./stats";
import { type EngineItem, type EngineSprint, type SourceRef, type TeamSnapshot } from "./types";
import { sprintScope, typicalSprintLengthDays, velocityHistory } from "./velocity";

/**
 * Sprint planning: what the next sprint can hold, in which order, and why. Unfinished work of
 * the active sprint that will not finish comes first, then what is already in the target sprint,
 * then the backlog by priority and board rank. Blocked items wait for their blockers. The plan
 * fills the median-velocity capacity (a 50% commitment) in that order, letting a smaller item
 * take room a larger one before it could not use, and lists a stretch beyond it.
 */

const DAY = 86_400_000;
/** The stretch holds up to this share of the commitment on top of it. */
const STRETCH_SHARE = 0.2;

export interface SprintPlanOptions {
  /** A future sprint to plan; defaults to the first future sprint, else a new one after the active sprint. */
  sprintId?: string;
  /** Points to commit to instead of the velocity-based capacity (e.g. the team's own call). */
  capacityOverride?: number;
}

/** Why an item is a candidate: unfinished in the active sprint, already in the target sprint, or from the backlog. */
export type PlanOrigin = "carry-over" | "in-sprint" | "backlog";

/** An item in the plan (or its stretch). */
export interface PlannedItem {
  key: string;
  title: string;
  type: string;
  status: string;
  priority: string | null;
  /** The estimate the plan counts: the item's story points, else the team's median estimate. */
  points: number;
  /** False when `points` is the median stand-in; then `needsEstimate` is true. */
  estimated: boolean;
  needsEstimate: boolean;
  assigneeId: string | null;
  assigneeName: string | null;
  origin: PlanOrigin;
  /** Blockers of this item; each is done, expected to finish in the active sprint, or earlier in this plan. */
  blockedBy: string[];
  /** Set when the item was planned ahead of its own order because it blocks this key. */
  pulledForwardFor: string | null;
  source: SourceRef;
}

/** A candidate the plan could not take because of a dependency. */
export interface DeferredItem {
  key: string;
  title: string;
  points: number;
  origin: PlanOrigin;
  /** What is in the way, naming the blocker and its state. */
  reason: string;
  blockedBy: string[];
  source: SourceRef;
}

/** Planned points of one person against their capacity. Members without planned work are listed with 0. */
export interface AssigneeLoad {
  /** Null for unassigned work. */
  assigneeId: string | null;
  name: string;
  points: number;
  items: number;
  /** The member's capacity in points; null for unassigned work, non-members, or without history. */
  capacityPoints: number | null;
  overloaded: boolean;
}

/** The sprint being planned. */
export interface PlanTarget {
  /** Null when the plan is for a sprint that does not exist yet. */
  id: string | null;
  name: string;
  /** yyyy-MM-dd in the team's zone. */
  start: string;
  end: string;
  isNew: boolean;
  source: SourceRef | null;
}

/** A sprint plan. Never thrown away for lack of data: empty inputs give an empty plan with `warnings`. */
export interface SprintPlan {
  sprint: PlanTarget;
  capacity: Capacity;
  /** Points the plan fills up to: the capacity's points, the override, or 0. */
  commitmentPoints: number;
  /** Planned items in plan order. */
  items: PlannedItem[];
  /** Items in order that did not fit the commitment but fit 20% more. */
  stretch: PlannedItem[];
  /** Candidates held back by dependencies, with the reason. */
  deferred: DeferredItem[];
  load: AssigneeLoad[];
  totals: {
    plannedPoints: number;
    plannedItems: number;
    carryOverPoints: number;
    carryOverItems: number;
    stretchPoints: number;
    stretchItems: number;
    needsEstimate: number;
    deferredItems: number;
    /** Candidates that fit neither the commitment nor the stretch (and are not deferred). */
    notPlannedItems: number;
    /** The stand-in estimate for unestimated items. */
    medianEstimate: number;
  };
  velocity: { points: Stats | null; items: Stats | null; sprints: number; basis: string };
  /** Modelling choices a reader should know about. */
  assumptions: string[];
  /** What is missing or wrong, each with what to do about it. */
  warnings: string[];
  sources: SourceRef[];
}

interface Candidate {
  item: EngineItem;
  origin: PlanOrigin;
  points: number;
  estimated: boolean;
}

interface Target {
  sprint: EngineSprint | null;
  name: string;
  start: Date;
  end: Date;
}

function nextSprintName(active: EngineSprint | null): string {
  const m = active ? /^(.*?)(\d+)\s*$/.exec(active.name) : null;
  return m ? `${m[1]}${Number(m[2]) + 1}` : "Next sprint";
}

function resolveTarget(snapshot: TeamSnapshot, sprintId: string | undefined, warnings: string[]): Target {
  const active = activeSprint(snapshot);
  const lengthMs = typicalSprintLengthDays(snapshot) * DAY;
  const defaultStart = active?.endDate ?? snapshot.now;
  const dated = (sprint: EngineSprint | null, name: string): Target => {
    const start = sprint?.startDate ?? defaultStart;
    const end = sprint?.startDate && sprint.endDate ? sprint.endDate : new Date(start.getTime() + lengthMs);
    return { sprint, name, start, end };
  };
  if (sprintId !== undefined) {
    const chosen = snapshot.sprints.find((s) => s.id === sprintId);
    if (chosen?.state === "future") return dated(chosen, chosen.name);
    warnings.push(
      chosen
        ? `${chosen.name} is ${chosen.state}, not a future sprint; planned the next sprint instead.`
        : `There is no sprint with id ${sprintId}; planned the next sprint instead.`,
    );
  }
  const future = futureSprints(snapshot)[0];
  if (future) return dated(future, future.name);
  return dated(null, nextSprintName(active));
}

/**
 * Splits the active sprint's unfinished work into what should still finish in its remaining
 * days and what carries over: in-progress items first, then not-started ones by priority and
 * rank, until the remaining capacity is used. Without a points rate, started work is expected to
 * finish and unstarted work to carry over.
 */
function splitActive(
  snapshot: TeamSnapshot,
  active: EngineSprint,
  rate: CapacityRate,
  estimate: (i: EngineItem) => number,
): { finishing: EngineItem[]; carry: EngineItem[]; note: string } {
  const scope = sprintScope(snapshot, active, snapshot.now);
  const open = (scope?.open ?? []).filter((i) => !isDone(i));
  const ordered = [...open.filter(isStarted).sort(compareRank), ...open.filter((i) => !isStarted(i)).sort(comparePriorityThenRank)];
  const end = active.endDate ?? snapshot.now;
  const from = new Date(Math.max(snapshot.now.getTime(), active.startDate?.getTime() ?? snapshot.now.getTime()));
  const left = from < end ? windowCapacity(snapshot, { start: from, end }, { rate }) : null;
  const budget = left?.points ?? null;
  const finishing: EngineItem[] = [];
  const carry: EngineItem[] = [];
  let used = 0;
  for (const item of ordered) {
    const fits = budget === null ? isStarted(item) : used + estimate(item) <= budget;
    if (fits && carry.length === 0) {
      finishing.push(item);
      used += estimate(item);
    } else carry.push(item);
  }
  const note =
    budget === null
      ? `${active.name}: without a velocity history, in-progress items are assumed to finish and not-started ones to carry over (${carry.length} item${carry.length === 1 ? "" : "s"}).`
      : `${active.name}: ${open.length} unfinished item${open.length === 1 ? "" : "s"}; ${finishing.length} expected to finish in the ${left?.workingDays ?? 0} working days left (${budget} points of capacity, in-progress first); ${carry.length} carry over with their full estimate.`;
  return { finishing, carry: carry.sort(comparePriorityThenRank), note };
}

type Stage = "satisfied" | "planned" | "stretch" | "over" | "deferred";

/** Mutable state of one placement run. */
interface Placement {
  commitment: number;
  stretchBudget: number;
  used: number;
  stretchUsed: number;
  /** Where each decided key ended up; "satisfied" = done or finishing in the active sprint; "over" = did not fit. */
  stage: Map<string, Stage>;
  planned: Candidate[];
  stretch: Candidate[];
  deferred: { c: Candidate; reason: string; blockers: string[] }[];
  /** Blocker key → the dependent it was pulled forward for. */
  pulledFor: Map<string, string>;
}

function describeBlocker(key: string, snapshot: TeamSnapshot, index: Map<string, EngineItem>, stage: Stage | undefined): string {
  const blocker = index.get(key)!;
  if (blocker.projectKey !== snapshot.team.key) return `${key} (${blocker.projectKey}, ${blocker.status}), another team's unfinished item`;
  const state =
    stage === "stretch"
      ? "only in the stretch"
      : stage === "deferred"
        ? "itself deferred"
        : stage === "over"
          ? "which does not fit this sprint"
          : "not a candidate for this sprint or part of a dependency cycle";
  return `${key} (${blocker.status}), ${state}`;
}

/**
 * Puts a candidate in the plan if it fits what is left of the commitment, else in the stretch if
 * it fits that, else nowhere ("over"). Later, smaller items may still fill the gap it leaves.
 */
function place(c: Candidate, p: Placement, stretchOnly: boolean): Stage {
  if (!stretchOnly && p.used + c.points <= p.commitment) {
    p.planned.push(c);
    p.used += c.points;
    return "planned";
  }
  if (p.stretchUsed + c.points <= p.stretchBudget) {
    p.stretch.push(c);
    p.stretchUsed += c.points;
    return "stretch";
  }
  return "over";
}

/**
 * Places candidates in order. A candidate's unfinished blockers that are candidates themselves
 * are placed first, right before it (pulled forward, so a High item is not stuck behind a Low
 * blocker). A candidate blocked by anything else (another team's unfinished item, an item
 * outside the plan, a dependency cycle) is deferred with the reason, as is one that would fit
 * but whose blocker does not.
 */
function placeAll(queue: Candidate[], p: Placement, graph: BlockGraph, snapshot: TeamSnapshot, index: Map<string, EngineItem>): void {
  const byKey = new Map(queue.map((c) => [c.item.key, c]));
  const visiting = new Set<string>();
  const openBlockers = (key: string) => graph.blockersOf(key).filter((b) => index.has(b) && p.stage.get(b) !== "satisfied");
  const defer = (c: Candidate, blockers: string[]) => {
    const reason = `Blocked by ${blockers.map((b) => describeBlocker(b, snapshot, index, p.stage.get(b))).join("; ")}.`;
    p.deferred.push({ c, reason, blockers });
    p.stage.set(c.item.key, "deferred");
  };
  const decide = (c: Candidate, forKey: string | null): void => {
    const key = c.item.key;
    if (p.stage.has(key)) return;
    visiting.add(key);
    for (const b of openBlockers(key)) {
      const blocker = byKey.get(b);
      if (blocker && !p.stage.has(b) && !visiting.has(b)) decide(blocker, key);
    }
    visiting.delete(key);
    const blockers = openBlockers(key);
    const stuck = blockers.filter((b) => p.stage.get(b) !== "planned" && p.stage.get(b) !== "stretch");
    if (stuck.length > 0) {
      const wouldFit = p.used + c.points <= p.commitment;
      if (stuck.every((b) => p.stage.get(b) === "over") && !wouldFit) p.stage.set(key, "over");
      else defer(c, stuck);
      return;
    }
    const inStretch = blockers.filter((b) => p.stage.get(b) === "stretch");
    const stage = place(c, p, inStretch.length > 0);
    if (stage === "over" && inStretch.length > 0 && p.used + c.points <= p.commitment) {
      defer(c, inStretch);
      return;
    }
    p.stage.set(key, stage);
    if (forKey && stage !== "over") p.pulledFor.set(key, forKey);
  };
  for (const c of queue) decide(c, null);
}

function toPlanned(c: Candidate, graph: BlockGraph, pulledFor: Map<string, string>): PlannedItem {
  const i = c.item;
  return {
    key: i.key,
    title: i.title,
    type: i.type,
    status: i.status,
    priority: i.priority,
    points: c.points,
    estimated: c.estimated,
    needsEstimate: !c.estimated,
    assigneeId: i.assigneeId,
    assigneeName: i.assigneeName,
    origin: c.origin,
    blockedBy: graph.blockersOf(i.key),
    pulledForwardFor: pulledFor.get(i.key) ?? null,
    source: itemSource(i),
  };
}

function loads(planned: PlannedItem[], capacity: Capacity): AssigneeLoad[] {
  const rows = new Map<string, AssigneeLoad>();
  for (const m of capacity.members) {
    rows.set(m.memberId, { assigneeId: m.memberId, name: m.name, points: 0, items: 0, capacityPoints: m.points, overloaded: false });
  }
  for (const item of planned) {
    const id = item.assigneeId ?? "";
    const row = rows.get(id) ?? { assigneeId: item.assigneeId, name: item.assigneeName ?? (item.assigneeId ? item.assigneeId : "Unassigned"), points: 0, items: 0, capacityPoints: null, overloaded: false };
    row.points = round(row.points + item.points);
    row.items += 1;
    row.overloaded = row.capacityPoints !== null && row.points > row.capacityPoints;
    rows.set(id, row);
  }
  return [...rows.values()];
}

/** Plans the next sprint. Pure and deterministic; never throws on missing data. */
export function planSprint(snapshot: TeamSnapshot, opts: SprintPlanOptions = {}): SprintPlan {
  const warnings: string[] = [];
  const assumptions: string[] = [];
  const history = velocityHistory(snapshot);
  const rate = capacityRate(snapshot, history);
  const target = resolveTarget(snapshot, opts.sprintId, warnings);
  const capacity = windowCapacity(snapshot, { start: target.start, end: target.end }, { rate });
  const median = medianEstimate(snapshot.items);
  const estimate = (i: EngineItem) => i.storyPoints ?? median;
  const index = itemIndex(snapshot);
  const graph = buildBlockGraph([...snapshot.items, ...snapshot.linkedItems]);

  let commitment = capacity.points ?? 0;
  if (opts.capacityOverride !== undefined && Number.isFinite(opts.capacityOverride)) {
    commitment = Math.max(0, opts.capacityOverride);
    assumptions.push(`Commitment set to ${commitment} points on request (the velocity-based estimate was ${capacity.points ?? "unknown"}).`);
  } else if (capacity.points === null || capacity.points === 0) {
    warnings.push(`${capacity.reason ?? "Capacity is 0."} Set a capacity in points to plan anyway.`);
  } else assumptions.push(`Commitment is the median (P50) velocity-based capacity: ${capacity.basis}`);
  if (history.sprints.length === 0 && !warnings.some((w) => w.startsWith("No closed sprints"))) {
    warnings.push("No closed sprints yet: capacity uses team size only, and there is no velocity to turn it into points.");
  }

  // Carry-over from the active sprint, and what counts as done by the time the target sprint starts.
  const active = activeSprint(snapshot);
  const satisfied = new Set(snapshot.items.concat(snapshot.linkedItems).filter(isDone).map((i) => i.key));
  let carry: EngineItem[] = [];
  if (active && active.id !== target.sprint?.id) {
    const split = splitActive(snapshot, active, rate, estimate);
    split.finishing.forEach((i) => satisfied.add(i.key));
    carry = split.carry;
    assumptions.push(split.note);
  }

  const excluded = new Set(snapshot.sprints.filter((s) => s.state !== "closed").map((s) => s.id));
  const unfinished = snapshot.items.filter((i) => isWorkItem(i) && !isDone(i));
  const inTarget = target.sprint ? unfinished.filter((i) => i.sprintIds.includes(target.sprint!.id)).sort(comparePriorityThenRank) : [];
  const backlog = unfinished.filter((i) => !i.sprintIds.some((id) => excluded.has(id))).sort(comparePriorityThenRank);
  const candidate = (origin: PlanOrigin) => (item: EngineItem): Candidate => ({ item, origin, points: estimate(item), estimated: item.storyPoints !== null });
  const queue = [...carry.map(candidate("carry-over")), ...inTarget.map(candidate("in-sprint")), ...backlog.map(candidate("backlog"))];
  if (queue.length === 0) warnings.push("Nothing to plan: there is no unfinished story, task or bug in the backlog or carried over. Add or refine backlog items.");

  const p: Placement = {
    commitment,
    stretchBudget: commitment * STRETCH_SHARE,
    used: 0,
    stretchUsed: 0,
    stage: new Map([...satisfied].map((k) => [k, "satisfied" as const])),
    planned: [],
    stretch: [],
    deferred: [],
    pulledFor: new Map(),
  };
  placeAll(queue, p, graph, snapshot, index);

  const items = p.planned.map((c) => toPlanned(c, graph, p.pulledFor));
  const stretch = p.stretch.map((c) => toPlanned(c, graph, p.pulledFor));
  const deferred: DeferredItem[] = p.deferred.map(({ c, reason, blockers }) => ({
    key: c.item.key,
    title: c.item.title,
    points: c.points,
    origin: c.origin,
    reason,
    blockedBy: blockers,
    source: itemSource(c.item),
  }));
  const load = loads(items, capacity);
  const carryPlanned = items.filter((i) => i.origin === "carry-over");
  const carryPoints = carry.reduce((s, i) => s + estimate(i), 0);
  if (commitment > 0 && carryPoints > commitment) warnings.push(`Carry-over alone (${round(carryPoints)} points) exceeds the commitment of ${round(commitment)} points: finish or re-scope it first.`);
  const needsEstimate = items.filter((i) => i.needsEstimate).length;
  if (needsEstimate > 0) warnings.push(`${needsEstimate} planned item${needsEstimate === 1 ? " has" : "s have"} no estimate and count${needsEstimate === 1 ? "s" : ""} as the team's median of ${median} points: estimate before committing.`);
  for (const row of load.filter((r) => r.overloaded)) warnings.push(`${row.name} has ${row.points} points planned against a capacity of ${row.capacityPoints}: rebalance.`);
  if (deferred.length > 0 || p.pulledFor.size > 0) assumptions.push("Blocked items are planned only after their blockers are done, expected to finish in the active sprint, or planned earlier in this sprint; a blocker that is a candidate is pulled forward to just before the item it blocks.");

  const placed = new Set([...items, ...stretch, ...deferred].map((i) => i.key));
  const sources = uniqueSources([
    ...(target.sprint ? [sprintSource(target.sprint)] : []),
    ...(active ? [sprintSource(active)] : []),
    ...items.map((i) => i.source),
    ...stretch.map((i) => i.source),
    ...deferred.map((i) => i.source),
    ...capacity.sources,
    ...history.sources.filter((s) => s.kind === "sprint"),
  ]);
  const tz = snapshot.team.timezone;
  return {
    sprint: {
      id: target.sprint?.id ?? null,
      name: target.name,
      start: dayKey(target.start, tz),
      end: dayKey(target.end, tz),
      isNew: target.sprint === null,
      source: target.sprint ? sprintSource(target.sprint) : null,
    },
    capacity,
    commitmentPoints: round(commitment),
    items,
    stretch,
    deferred,
    load,
    totals: {
      plannedPoints: round(p.used),
      plannedItems: items.length,
      carryOverPoints: round(carryPlanned.reduce((s, i) => s + i.points, 0)),
      carryOverItems: carryPlanned.length,
      stretchPoints: round(p.stretchUsed),
      stretchItems: stretch.length,
      needsEstimate,
      deferredItems: deferred.length,
      notPlannedItems: queue.filter((c) => !placed.has(c.item.key)).length,
      medianEstimate: median,
    },
    velocity: { points: history.points, items: history.items, sprints: history.sprints.length, basis: history.basis },
    assumptions,
    warnings,
    sources,
  };
}
