import { dayKey } from "./calendar";
import { closedSprints, compareKeys, finishedAt, isWorkItem, pointsOf, sortSprints } from "./items";
import { itemSource, sprintSource, uniqueSources } from "./sources";
import { describe, median, type Stats } from "./stats";
import { type EngineItem, type EngineSprint, type SourceRef, type TeamSnapshot } from "./types";

/**
 * Sprint scope and velocity, read from each item's sprint changelog the way Jira's sprint report
 * reads it: what was in the sprint when it started (committed), what came in later (added), what
 * left before the end (removed), what was finished inside the sprint (completed) and what was
 * still open at the end (carried over). Only stories, tasks and bugs count (see isWorkItem).
 */

const DAY = 86_400_000;

/** Points and item counts side by side: unestimated items count as items and as 0 points. */
export interface Tally {
  points: number;
  items: number;
}

/** The items of a sprint by how they took part in it, as of one moment. */
export interface SprintScope {
  sprint: EngineSprint;
  /** In the sprint when it started (or moved in by the previous sprint's completion, see `commitCutoff`). */
  committed: EngineItem[];
  /** Joined after the commitment cutoff and before the sprint's end. */
  added: EngineItem[];
  /** Committed or added, but out of the sprint again by its end. */
  removed: EngineItem[];
  /** In the sprint at its end and finished between its start and its completion. */
  completed: EngineItem[];
  /** In the sprint at its end and not finished: carry-over for a closed sprint, remaining work for an active one. */
  open: EngineItem[];
}

function sprintEvents(item: EngineItem, sprintId: string) {
  return item.sprintHistory.filter((e) => e.sprintId === sprintId);
}

/**
 * Whether `item` was in the sprint at instant `t`. Without any changelog for the sprint, an item
 * the sprint lists was in it from its creation; a first "removed" event means the same.
 */
export function memberAt(item: EngineItem, sprintId: string, t: Date): boolean {
  const events = sprintEvents(item, sprintId);
  const created = item.createdAt.getTime() <= t.getTime();
  if (events.length === 0) return created && item.sprintIds.includes(sprintId);
  const before = events.filter((e) => e.at.getTime() <= t.getTime());
  if (before.length > 0) return before.at(-1)!.action === "added";
  return created && events[0]!.action === "removed";
}

/** Whether the item entered the sprint at some moment in (from, to]. */
function joinedDuring(item: EngineItem, sprintId: string, from: Date, to: Date): boolean {
  const inRange = (d: Date) => d.getTime() > from.getTime() && d.getTime() <= to.getTime();
  const moments = sprintEvents(item, sprintId)
    .filter((e) => e.action === "added")
    .map((e) => e.at);
  moments.push(item.createdAt);
  return moments.some((m) => inRange(m) && memberAt(item, sprintId, m));
}

/**
 * When commitment is counted. Jira moves a closed sprint's unfinished items into the next sprint
 * when the closed one is completed, which may be a little after the next one started; those
 * items are commitments, not scope added. So the cutoff is the later of this sprint's start and
 * the previous sprint's completion, if that came within a day of the start.
 */
export function commitCutoff(snapshot: TeamSnapshot, sprint: EngineSprint): Date | null {
  const start = sprint.startDate;
  if (!start) return null;
  const earlier = sortSprints(snapshot.sprints).filter(
    (s) => s.id !== sprint.id && s.completeDate && s.startDate && s.startDate.getTime() < start.getTime(),
  );
  const previous = earlier.at(-1)?.completeDate;
  if (previous && previous.getTime() > start.getTime() && previous.getTime() - start.getTime() <= DAY) return previous;
  return start;
}

/**
 * The sprint's scope as of `asOf` (for a closed sprint its completion; for an active one now).
 * Null when the sprint has no start date (a future sprint). Scope changes count up to the
 * sprint's planned end; finishing counts up to `asOf`, so work resolved between the planned end
 * and the completion still counts, as in Jira's sprint report.
 */
export function sprintScope(snapshot: TeamSnapshot, sprint: EngineSprint, asOf: Date): SprintScope | null {
  const start = sprint.startDate;
  const cutoff = commitCutoff(snapshot, sprint);
  if (!start || !cutoff) return null;
  const scopeEnd = new Date(Math.min(asOf.getTime(), sprint.endDate?.getTime() ?? asOf.getTime()));
  const scope: SprintScope = { sprint, committed: [], added: [], removed: [], completed: [], open: [] };
  const candidates = snapshot.items
    .filter((i) => isWorkItem(i) && (i.sprintIds.includes(sprint.id) || i.sprintHistory.some((e) => e.sprintId === sprint.id)))
    .sort((a, b) => compareKeys(a.key, b.key));
  for (const item of candidates) {
    const finished = finishedAt(item);
    if (finished && finished.getTime() < start.getTime()) continue; // done before the sprint began
    const committed = memberAt(item, sprint.id, cutoff);
    if (committed) scope.committed.push(item);
    else if (joinedDuring(item, sprint.id, cutoff, scopeEnd)) scope.added.push(item);
    else continue;
    if (!memberAt(item, sprint.id, scopeEnd)) scope.removed.push(item);
    else if (finished && finished.getTime() <= asOf.getTime()) scope.completed.push(item);
    else scope.open.push(item);
  }
  return scope;
}

export function tally(items: EngineItem[]): Tally {
  return { points: items.reduce((sum, i) => sum + pointsOf(i), 0), items: items.length };
}

/** One closed sprint's numbers. */
export interface SprintVelocity {
  sprintId: string;
  sprintName: string;
  /** Sprint start and planned end, yyyy-MM-dd in the team's zone. */
  start: string;
  end: string;
  committed: Tally;
  added: Tally;
  removed: Tally;
  completed: Tally;
  carriedOver: Tally;
  /** Completed items without an estimate (counted in `completed.items`, not in its points). */
  completedUnestimated: number;
  keys: { committed: string[]; added: string[]; removed: string[]; completed: string[]; carriedOver: string[] };
  /** The sprint, then every item counted in it. */
  sources: SourceRef[];
}

/** Velocity over the most recent closed sprints. */
export interface VelocityHistory {
  /** Oldest first; at most `limit` sprints. */
  sprints: SprintVelocity[];
  /** Completed points per sprint; null without closed sprints. */
  points: Stats | null;
  /** Completed items per sprint; null without closed sprints. */
  items: Stats | null;
  /** How the numbers were counted, in a sentence a report can quote. */
  basis: string;
  sources: SourceRef[];
}

const keysOf = (items: EngineItem[]) => items.map((i) => i.key);

export function sprintVelocity(snapshot: TeamSnapshot, sprint: EngineSprint): SprintVelocity | null {
  const asOf = sprint.completeDate ?? sprint.endDate;
  if (!asOf || !sprint.startDate || !sprint.endDate) return null;
  const scope = sprintScope(snapshot, sprint, asOf);
  if (!scope) return null;
  const tz = snapshot.team.timezone;
  const all = [...scope.committed, ...scope.added];
  return {
    sprintId: sprint.id,
    sprintName: sprint.name,
    start: dayKey(sprint.startDate, tz),
    end: dayKey(sprint.endDate, tz),
    committed: tally(scope.committed),
    added: tally(scope.added),
    removed: tally(scope.removed),
    completed: tally(scope.completed),
    carriedOver: tally(scope.open),
    completedUnestimated: scope.completed.filter((i) => i.storyPoints === null).length,
    keys: {
      committed: keysOf(scope.committed),
      added: keysOf(scope.added),
      removed: keysOf(scope.removed),
      completed: keysOf(scope.completed),
      carriedOver: keysOf(scope.open),
    },
    sources: uniqueSources([sprintSource(sprint), ...all.map(itemSource)]),
  };
}

/** Velocity of the last `limit` (default 6) closed sprints with dates. */
export function velocityHistory(snapshot: TeamSnapshot, opts: { limit?: number } = {}): VelocityHistory {
  const limit = opts.limit ?? 6;
  const sprints = closedSprints(snapshot)
    .slice(-limit)
    .map((s) => sprintVelocity(snapshot, s))
    .filter((v): v is SprintVelocity => v !== null);
  const basis =
    sprints.length === 0
      ? "No closed sprints yet, so there is no velocity history."
      : `Completed stories, tasks and bugs in the last ${sprints.length} closed sprint${sprints.length === 1 ? "" : "s"} ` +
        `(${sprints[0]!.sprintName} to ${sprints.at(-1)!.sprintName}); items finished inside the sprint window count, ` +
        "unestimated items count as items and 0 points.";
  return {
    sprints,
    points: describe(sprints.map((s) => s.completed.points)),
    items: describe(sprints.map((s) => s.completed.items)),
    basis,
    sources: uniqueSources(sprints.flatMap((s) => s.sources)),
  };
}

/** Typical sprint length in calendar days: the median of closed sprints, else the team's setting. */
export function typicalSprintLengthDays(snapshot: TeamSnapshot): number {
  const lengths = closedSprints(snapshot).map((s) => Math.round((s.endDate!.getTime() - s.startDate!.getTime()) / DAY));
  return Math.round(median(lengths) ?? snapshot.team.sprintLengthDays);
}
