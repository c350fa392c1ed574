import { compareKeys, isDone, isEpic, isWorkItem, medianEstimate } from "./items";
import { itemSource, uniqueSources } from "./sources";
import { round } from "./stats";
import { type EngineItem, type SourceRef, type TeamSnapshot } from "./types";
import { velocityHistory } from "./velocity";

/**
 * Work too large to finish inside a sprint, with suggested child issues. Children come from the
 * description's acceptance criteria or lists when there are any; otherwise from standard slices,
 * which are labelled as templates so nobody mistakes them for the team's own analysis.
 */

/** Items above this many points are flagged whatever the velocity (the common 8-point ceiling). */
export const MAX_ITEM_POINTS = 8;
const MAX_CHILDREN = 8;

export interface SuggestedChild {
  summary: string;
  /** "description": a line of the item's description; "template": a standard slice, a suggestion only. */
  origin: "description" | "template";
}

export interface BreakdownSuggestion {
  key: string;
  title: string;
  type: string;
  kind: "item" | "epic";
  /** The item's points, or an epic's remaining points (unestimated children at the median estimate). */
  points: number;
  /** Why it is flagged, one sentence each. */
  reasons: string[];
  /** For epics: sprints the remaining scope needs at median velocity (rounded up); null for items or without history. */
  sprintsNeeded: number | null;
  children: SuggestedChild[];
  sources: SourceRef[];
}

export interface BreakdownResult {
  suggestions: BreakdownSuggestion[];
  /** The thresholds used: the point ceiling and half the median velocity (null without history). */
  thresholds: { maxPoints: number; halfMedianVelocity: number | null; medianVelocity: number | null };
  basis: string;
  sources: SourceRef[];
}

const LIST_ITEM = /^\s*(?:[-*•+]|\d+[.)]|\[[ xX]\])\s+(?:\[[ xX]\]\s+)?(.+?)\s*$/;
const GHERKIN = /^\s*(given|when|then|and)\b/i;
const AC_HEADING = /acceptance criteria/i;

/** A line that looks like a heading: Markdown #, or short text ending in a colon. */
function isHeading(line: string): boolean {
  const t = line.trim();
  return /^#{1,6}\s/.test(t) || (/:$/.test(t) && t.length <= 60 && !LIST_ITEM.test(t));
}

function clean(summary: string): string {
  const s = summary.replace(/\s+/g, " ").replace(/[.;,]+$/, "").trim();
  const capped = s.length > 100 ? `${s.slice(0, 99).trimEnd()}…` : s;
  return capped.charAt(0).toUpperCase() + capped.slice(1);
}

/**
 * Child summaries from a description: the lines under an "Acceptance criteria" heading (list items
 * or Given/When/Then lines) when present, else every list item. Fewer than two → none.
 */
export function childrenFromDescription(description: string | null | undefined): string[] {
  if (!description) return [];
  const lines = description.split(/\r?\n/);
  const criteria: string[] = [];
  const listed: string[] = [];
  let inCriteria = false;
  for (const line of lines) {
    if (line.trim() === "") continue;
    if (isHeading(line) || AC_HEADING.test(line)) {
      inCriteria = AC_HEADING.test(line) && !LIST_ITEM.test(line);
      continue;
    }
    const item = LIST_ITEM.exec(line)?.[1] ?? null;
    if (item) listed.push(item);
    if (inCriteria && (item || GHERKIN.test(line))) criteria.push(item ?? line.trim());
  }
  const chosen = (criteria.length >= 2 ? criteria : listed).map(clean).filter((s) => s.length > 0);
  const unique = [...new Set(chosen)];
  return unique.length >= 2 ? unique.slice(0, MAX_CHILDREN) : [];
}

function templateChildren(item: EngineItem): string[] {
  if (isEpic(item)) {
    return [
      `Walking skeleton: the thinnest end-to-end slice of ${item.title}`,
      `Core scope of ${item.title}, one story per user-visible capability`,
      "Hardening: edge cases, monitoring and rollout",
    ];
  }
  if (item.type.toLowerCase() === "bug") {
    return ["Reproduce and find the root cause", "Fix with a regression test", "Verify in staging and release"];
  }
  return [
    `Spike: settle the approach and unknowns for ${item.title}`,
    "Build the main path",
    "Handle edge cases and errors",
    "Tests, documentation and rollout",
  ];
}

function children(item: EngineItem): SuggestedChild[] {
  const derived = childrenFromDescription(item.description);
  return derived.length > 0
    ? derived.map((summary) => ({ summary, origin: "description" as const }))
    : templateChildren(item).map((summary) => ({ summary, origin: "template" as const }));
}

/** Items and epics to split before planning, largest first. Never throws; empty without candidates. */
export function suggestBreakdowns(snapshot: TeamSnapshot): BreakdownResult {
  const history = velocityHistory(snapshot);
  const velocity = history.points?.median ?? null;
  const half = velocity === null || velocity <= 0 ? null : velocity / 2;
  const median = medianEstimate(snapshot.items);
  const velocitySources = history.sources.filter((s) => s.kind === "sprint");
  const open = snapshot.items.filter((i) => !isDone(i));

  const items: BreakdownSuggestion[] = [];
  for (const item of open.filter((i) => isWorkItem(i) && i.storyPoints !== null)) {
    const points = item.storyPoints!;
    const reasons: string[] = [];
    if (points > MAX_ITEM_POINTS) reasons.push(`${points} points, above the ${MAX_ITEM_POINTS}-point ceiling for one sprint item.`);
    if (half !== null && points > half) reasons.push(`${points} points is more than half the median velocity of ${velocity} points.`);
    if (reasons.length === 0) continue;
    items.push({ key: item.key, title: item.title, type: item.type, kind: "item", points, reasons, sprintsNeeded: null, children: children(item), sources: uniqueSources([itemSource(item), ...(half !== null && points > half ? velocitySources : [])]) });
  }

  const epics: BreakdownSuggestion[] = [];
  for (const epic of velocity ? open.filter(isEpic) : []) {
    const kids = open.filter((i) => isWorkItem(i) && (i.epicKey === epic.key || i.parentKey === epic.key)).sort((a, b) => compareKeys(a.key, b.key));
    const points = kids.reduce((s, i) => s + (i.storyPoints ?? median), 0);
    if (points <= velocity!) continue;
    const unestimated = kids.filter((i) => i.storyPoints === null).length;
    epics.push({
      key: epic.key,
      title: epic.title,
      type: epic.type,
      kind: "epic",
      points: round(points),
      reasons: [
        `${kids.length} open children with ${round(points)} points${unestimated ? ` (${unestimated} unestimated, counted at ${median})` : ""}, more than one sprint's median velocity of ${velocity} points.`,
      ],
      sprintsNeeded: Math.ceil(points / velocity!),
      children: children(epic),
      sources: uniqueSources([itemSource(epic), ...kids.map(itemSource), ...velocitySources]),
    });
  }

  const bySize = (a: BreakdownSuggestion, b: BreakdownSuggestion) => b.points - a.points || compareKeys(a.key, b.key);
  const suggestions = [...items.sort(bySize), ...epics.sort(bySize)];
  return {
    suggestions,
    thresholds: { maxPoints: MAX_ITEM_POINTS, halfMedianVelocity: half === null ? null : round(half), medianVelocity: velocity },
    basis:
      velocity === null
        ? `Items above ${MAX_ITEM_POINTS} points; no closed sprints yet, so nothing is compared with velocity and epics are not checked.`
        : `Items above ${MAX_ITEM_POINTS} points or above half the median velocity (${velocity} points over ${history.sprints.length} closed sprints), and epics whose open scope exceeds one sprint's median velocity.`,
    sources: uniqueSources(suggestions.flatMap((s) => s.sources)),
  };
}
