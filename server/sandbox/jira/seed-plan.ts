import { type Rng } from "../core/rng";
import { type Person, type Team } from "../core/types";
import { type TeamVocabulary } from "./seed-text";
import { type AdfDoc, type JiraProject, type JiraSprint, type JiraVersion } from "./state";

/**
 * The seed works in two steps: first it plans every issue's life as data (when it was created,
 * which sprints it went through, when its status changed, who commented), then it turns the plans
 * into issues — ids and keys in creation order, as Jira assigns them — and writes their history.
 * Planning first is what lets comments and changelogs name other issues by key.
 */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface PlannedComment {
  at: number;
  by: string;
  /** Text with {key} standing for `keyRef`'s key, resolved once keys exist. */
  text: string;
  keyRef?: Plan;
  hostile?: boolean;
}

export interface Plan {
  project: JiraProject;
  team: Team;
  vocab: TeamVocabulary;
  kind: "epic" | "work" | "subtask";
  typeId: string;
  summary: string;
  description: AdfDoc | null;
  created: number;
  reporter: string;
  priorityId: string;
  /** Raised from this priority at `at` (an escalation in the changelog). */
  escalatedFrom: { priorityId: string; at: number; by: string } | null;
  storyPoints: number | null;
  /** When the estimate was entered after creation (a changelog entry); null = at creation. */
  pointsSetAt: number | null;
  labels: string[];
  componentIds: string[];
  parent: Plan | null;
  /** Sprint memberships in order, with when each was added. */
  sprints: { sprint: JiraSprint; at: number; by: string }[];
  /** Status transitions in order. */
  steps: { to: string; at: number; by: string }[];
  assignee: string | null;
  /** When the assignee was set after creation; null = at creation (or never). */
  assignedAt: number | null;
  fixVersion: JiraVersion | null;
  flaggedAt: number | null;
  comments: PlannedComment[];
  hostile: boolean;
  /** Board order: lower ranks first. */
  rankOrder: number;
  /** For bucketed work: 0..6 closed sprints, 7 active, 8 future, 9 backlog. */
  bucket: number;
  /** Set when the issue may not receive further activity (the stale in-progress item). */
  frozenAfter: number | null;
}

/** A dependency to create between two planned issues: `source` <outward> `target`. */
export interface PlannedLink {
  source: Plan;
  target: Plan;
  typeId: string;
  at: number;
}

/** A team's people by role, for picking assignees, reporters and commenters. */
export interface TeamPeople {
  pm: Person;
  em: Person;
  engineers: Person[];
  designer: Person | null;
  qa: Person | null;
  all: Person[];
}

export function teamPeople(team: Team, people: Person[]): TeamPeople {
  const members = team.memberIds.map((id) => people.find((p) => p.id === id)).filter((p): p is Person => Boolean(p));
  const pm = members.find((p) => p.id === team.pmId) ?? members[0]!;
  const em = members.find((p) => p.id === team.emId) ?? members[0]!;
  return {
    pm,
    em,
    engineers: members.filter((p) => p.role === "engineer"),
    designer: members.find((p) => p.role === "designer") ?? null,
    qa: members.find((p) => p.role === "qa") ?? null,
    all: members,
  };
}

/** Moves a time forward into working hours (08:00–18:00 UTC, Monday to Friday). */
export function workHours(t: number): number {
  const d = new Date(t);
  const h = d.getUTCHours();
  let out = t;
  if (h < 8) out += (8 - h) * HOUR;
  else if (h >= 18) out += (24 - h + 9) * HOUR;
  const day = new Date(out).getUTCDay();
  if (day === 6) out += 2 * DAY;
  else if (day === 0) out += DAY;
  return out;
}

/** A time between `minHours` and `maxHours` after `t`, in working hours. */
export function later(rng: Rng, t: number, minHours: number, maxHours: number): number {
  return workHours(t + rng.number.int({ min: Math.round(minHours * 60), max: Math.round(maxHours * 60) }) * 60_000);
}

/**
 * Squeezes the times of `steps` that run past `limit` back into [start, limit], keeping their
 * order, so a lifecycle always fits its sprint or ends before "now".
 */
export function fitSteps<T extends { at: number }>(steps: T[], start: number, limit: number): T[] {
  const last = steps.at(-1)?.at ?? start;
  if (last <= limit) return steps;
  const span = Math.max(1, last - start);
  return steps.map((s) => ({ ...s, at: Math.round(start + ((s.at - start) / span) * (limit - start)) }));
}

const DEFECT = /\b(fix|fixes|fails?|failing|failure|error|errors|bug|broken|incorrect|crash(es)?|wrong|not working|doesn't|does not|unable|cannot|can't)\b/i;

const CHORE = /^(update|upgrade|remove|refactor|rename|clean|migrate|move|document|bump|replace|deprecate)\b/i;

/**
 * TAWOS issue types mapped to this site's types. Some TAWOS projects file defects as stories or
 * tasks, and chores as improvements; a title that reads as a defect makes a bug and one that reads
 * as a chore makes a task, as a triaging PM would file them.
 */
export function issueTypeFor(tawosType: string, title: string): "story" | "bug" | "task" | "subtask" {
  if ((tawosType === "Story" || tawosType === "Task" || tawosType === "Improvement") && DEFECT.test(title)) return "bug";
  if ((tawosType === "Improvement" || tawosType === "Suggestion") && CHORE.test(title)) return "task";
  switch (tawosType) {
    case "Bug":
      return "bug";
    case "Task":
      return "task";
    case "Sub.task":
      return "subtask";
    default:
      return "story";
  }
}

const FIBONACCI = [1, 2, 3, 5, 8, 13];

/** The nearest Fibonacci estimate (TAWOS has zeros and a few 20s and 40s). */
export function fibonacci(points: number | null): number | null {
  if (points === null) return null;
  if (points <= 0) return 1;
  return FIBONACCI.reduce((best, f) => (Math.abs(f - points) < Math.abs(best - points) ? f : best), 1);
}
