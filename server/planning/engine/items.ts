import { median } from "./stats";
import { type EngineItem, type EngineSprint, type TeamSnapshot } from "./types";

/**
 * Shared readings of work items: what counts as work, priority and board order, resolution
 * time, estimates and "blocks" links. Every engine module reads items through these so the
 * same item is treated the same in a plan, a forecast and a risk.
 */

const PRIORITY_RANK: Record<string, number> = { highest: 0, high: 1, medium: 2, low: 3, lowest: 4 };

/** 0 (Highest) … 4 (Lowest); an item without priority sorts just after Medium. */
export function priorityRank(priority: string | null): number {
  return priority === null ? 2.5 : (PRIORITY_RANK[priority.toLowerCase()] ?? 2.5);
}

export function isHighPriority(item: EngineItem): boolean {
  return priorityRank(item.priority) <= 1;
}

export function isEpic(item: EngineItem): boolean {
  return item.type.toLowerCase() === "epic";
}

export function isSubtask(item: EngineItem): boolean {
  const t = item.type.toLowerCase().replace(/[\s-]/g, "");
  return t === "subtask";
}

/**
 * Stories, tasks and bugs: the unit of velocity, throughput and plans. Epics are containers and
 * subtasks are parts of their parent, so counting them would count the same work twice.
 */
export function isWorkItem(item: EngineItem): boolean {
  return !isEpic(item) && !isSubtask(item);
}

export function isDone(item: EngineItem): boolean {
  return item.statusCategory === "done";
}

export function isStarted(item: EngineItem): boolean {
  return item.statusCategory === "indeterminate";
}

/**
 * When the item was finished: Jira's resolution date, else (a done item without one) its last
 * move into a done status, else its last update. Null for unfinished items.
 */
export function finishedAt(item: EngineItem): Date | null {
  if (!isDone(item)) return null;
  if (item.resolvedAt) return item.resolvedAt;
  const last = [...item.statusChanges].reverse().find((c) => c.toCategory === "done");
  return last?.at ?? item.updatedAt;
}

/** Story points for sums; an unestimated item adds 0 points (it still counts as an item). */
export function pointsOf(item: EngineItem): number {
  return item.storyPoints ?? 0;
}

/** "PAY-12" → ["PAY-", 12] so PAY-9 sorts before PAY-10 (and sprint "9" before "10"). */
function keyParts(key: string): [string, number] {
  const m = /^(.*?)(\d+)$/.exec(key);
  return m ? [m[1]!, Number(m[2])] : [key, 0];
}

export function compareKeys(a: string, b: string): number {
  const [pa, na] = keyParts(a);
  const [pb, nb] = keyParts(b);
  if (pa !== pb) return pa < pb ? -1 : 1;
  return na - nb || (a < b ? -1 : a > b ? 1 : 0);
}

/** Board order: LexoRank ascending (code-unit order, as Jira compares it), unranked last. */
export function compareRank(a: EngineItem, b: EngineItem): number {
  if (a.rank !== b.rank) {
    if (a.rank === null) return 1;
    if (b.rank === null) return -1;
    return a.rank < b.rank ? -1 : 1;
  }
  return compareKeys(a.key, b.key);
}

/** Backlog order: priority first, then board rank, then key. */
export function comparePriorityThenRank(a: EngineItem, b: EngineItem): number {
  return priorityRank(a.priority) - priorityRank(b.priority) || compareRank(a, b);
}

/**
 * The team's typical estimate: the median story points of its estimated stories, tasks and bugs
 * (1 when nothing is estimated). Plans use it for unestimated items and flag them.
 */
export function medianEstimate(items: EngineItem[]): number {
  return median(items.filter((i) => isWorkItem(i) && i.storyPoints !== null && i.storyPoints > 0).map((i) => i.storyPoints!)) ?? 1;
}

const BLOCKED_BY = new Set(["is blocked by", "depends on"]);
const BLOCKS = new Set(["blocks", "is depended on by"]);

/**
 * Who blocks whom, from the links of both ends (Jira stores a link on both issues, but a snapshot
 * may hold only one side of it, e.g. for another team's item).
 */
export interface BlockGraph {
  /** Keys of the items blocking `key`, sorted. */
  blockersOf(key: string): string[];
  /** Keys of the items `key` blocks, sorted. */
  dependentsOf(key: string): string[];
}

export function buildBlockGraph(items: EngineItem[]): BlockGraph {
  const blockers = new Map<string, Set<string>>();
  const dependents = new Map<string, Set<string>>();
  const add = (blocker: string, blocked: string) => {
    if (blocker === blocked) return;
    if (!blockers.has(blocked)) blockers.set(blocked, new Set());
    if (!dependents.has(blocker)) dependents.set(blocker, new Set());
    blockers.get(blocked)!.add(blocker);
    dependents.get(blocker)!.add(blocked);
  };
  for (const item of items) {
    for (const link of item.links) {
      const phrase = link.type.toLowerCase();
      if (BLOCKED_BY.has(phrase)) add(link.key, item.key);
      else if (BLOCKS.has(phrase)) add(item.key, link.key);
    }
  }
  const sorted = (s: Set<string> | undefined) => [...(s ?? [])].sort(compareKeys);
  return { blockersOf: (key) => sorted(blockers.get(key)), dependentsOf: (key) => sorted(dependents.get(key)) };
}

/** Every item the snapshot knows by key: the team's own first, then linked items of other teams. */
export function itemIndex(snapshot: TeamSnapshot): Map<string, EngineItem> {
  const index = new Map<string, EngineItem>();
  for (const item of [...snapshot.items, ...snapshot.linkedItems]) if (!index.has(item.key)) index.set(item.key, item);
  return index;
}

/** Time order of sprints: by start (then end, then id); undated sprints last. */
function sprintTime(s: EngineSprint): number {
  return s.startDate?.getTime() ?? s.endDate?.getTime() ?? Number.POSITIVE_INFINITY;
}

export function sortSprints(sprints: EngineSprint[]): EngineSprint[] {
  return [...sprints].sort((a, b) => sprintTime(a) - sprintTime(b) || compareKeys(a.id, b.id));
}

/** The active sprint (the earliest one, should a board have several); null when none is. */
export function activeSprint(snapshot: TeamSnapshot): EngineSprint | null {
  return sortSprints(snapshot.sprints).find((s) => s.state === "active") ?? null;
}

/** Closed sprints with dates, oldest first. */
export function closedSprints(snapshot: TeamSnapshot): EngineSprint[] {
  return sortSprints(snapshot.sprints.filter((s) => s.state === "closed" && s.startDate && s.endDate));
}

/** Future sprints, earliest first. */
export function futureSprints(snapshot: TeamSnapshot): EngineSprint[] {
  return sortSprints(snapshot.sprints.filter((s) => s.state === "future"));
}
