import { dayKey, workingDaysInWindow } from "./calendar";
import { personSource, sprintSource, uniqueSources } from "./sources";
import { median, round } from "./stats";
import { type EngineMember, type SourceRef, type TeamSnapshot } from "./types";
import { velocityHistory, type VelocityHistory } from "./velocity";

/**
 * Capacity of a window in person-days, and in points through the team's historical rate:
 * points finished per person-day in past sprints, counting those person-days with the current
 * roster (its availability and recorded days off). Using the same roster on both sides means a
 * part-time colleague or a holiday changes the plan by exactly their share.
 */

/** A span of time to plan, e.g. a sprint: [start, end). */
export interface CapacityWindow {
  start: Date;
  end: Date;
}

/** One member's share of a window. */
export interface MemberCapacity {
  memberId: string;
  name: string;
  /** 0..1 share of a working day for sprint work. */
  availability: number;
  /** The team's working days in the window. */
  workingDays: number;
  /** The member's days off that fall on those working days (yyyy-MM-dd). */
  daysOff: string[];
  /** workingDays − daysOff. */
  availableDays: number;
  /** availableDays × availability. */
  personDays: number;
  /** personDays × the team's points per person-day; null without history. */
  points: number | null;
  source: SourceRef;
}

/** Points and items the team finished per person-day in one past sprint. */
export interface SprintRate {
  sprintId: string;
  sprintName: string;
  personDays: number;
  completedPoints: number;
  completedItems: number;
  pointsPerPersonDay: number;
  itemsPerPersonDay: number;
}

/** The team's historical rate: medians over the sprints of a velocity history. */
export interface CapacityRate {
  sprints: SprintRate[];
  /** Null when no past sprint had both history and person-days. */
  pointsPerPersonDay: number | null;
  itemsPerPersonDay: number | null;
  sources: SourceRef[];
}

/** Capacity of one window. */
export interface Capacity {
  /** First and last calendar day of the window, yyyy-MM-dd in the team's zone. */
  start: string;
  end: string;
  /** The team's working days in the window (before anyone's days off). */
  workingDays: number;
  members: MemberCapacity[];
  /** Sum of the members' person-days. */
  personDays: number;
  /** Points the team can expect to finish (median rate × person-days); null without history, 0 when there is no one or no day. */
  points: number | null;
  /** The same for item counts. */
  items: number | null;
  pointsPerPersonDay: number | null;
  /** Why capacity is zero or has no points figure; null when it is a full estimate. */
  reason: string | null;
  /** How the figure was computed, in a sentence a report can quote. */
  basis: string;
  sources: SourceRef[];
}

function memberPersonDays(member: EngineMember, days: string[]): { daysOff: string[]; availableDays: number; personDays: number } {
  const off = new Set(member.daysOff);
  const daysOff = days.filter((d) => off.has(d));
  const availableDays = days.length - daysOff.length;
  const availability = Math.min(1, Math.max(0, member.availability));
  return { daysOff, availableDays, personDays: availableDays * availability };
}

/** Person-days of the whole team in a window, unrounded. */
export function teamPersonDays(snapshot: TeamSnapshot, window: CapacityWindow): number {
  const days = workingDaysInWindow(window.start, window.end, snapshot.team.timezone);
  return snapshot.members.reduce((sum, m) => sum + memberPersonDays(m, days).personDays, 0);
}

/** Points and items per person-day in each sprint of `history`, and their medians. */
export function capacityRate(snapshot: TeamSnapshot, history: VelocityHistory = velocityHistory(snapshot)): CapacityRate {
  const sprints: SprintRate[] = [];
  for (const v of history.sprints) {
    const sprint = snapshot.sprints.find((s) => s.id === v.sprintId);
    if (!sprint?.startDate || !sprint.endDate) continue;
    const personDays = teamPersonDays(snapshot, { start: sprint.startDate, end: sprint.endDate });
    if (personDays <= 0) continue;
    sprints.push({
      sprintId: v.sprintId,
      sprintName: v.sprintName,
      personDays: round(personDays),
      completedPoints: v.completed.points,
      completedItems: v.completed.items,
      pointsPerPersonDay: v.completed.points / personDays,
      itemsPerPersonDay: v.completed.items / personDays,
    });
  }
  return {
    sprints,
    pointsPerPersonDay: median(sprints.map((s) => s.pointsPerPersonDay)),
    itemsPerPersonDay: median(sprints.map((s) => s.itemsPerPersonDay)),
    sources: uniqueSources(
      sprints.map((r) => snapshot.sprints.find((s) => s.id === r.sprintId)!).map((s) => sprintSource(s)),
    ),
  };
}

/**
 * Capacity of `window`. Never throws: no members or no working days give 0 with a `reason`; no
 * history gives person-days with null points and a `reason`.
 */
export function windowCapacity(snapshot: TeamSnapshot, window: CapacityWindow, opts: { rate?: CapacityRate } = {}): Capacity {
  const tz = snapshot.team.timezone;
  const rate = opts.rate ?? capacityRate(snapshot);
  const days = workingDaysInWindow(window.start, window.end, tz);
  const perDay = rate.pointsPerPersonDay;
  const members: MemberCapacity[] = snapshot.members.map((m) => {
    const share = memberPersonDays(m, days);
    return {
      memberId: m.id,
      name: m.name,
      availability: m.availability,
      workingDays: days.length,
      daysOff: share.daysOff,
      availableDays: share.availableDays,
      personDays: round(share.personDays),
      points: perDay === null ? null : round(share.personDays * perDay),
      source: personSource(m),
    };
  });
  const personDays = snapshot.members.reduce((sum, m) => sum + memberPersonDays(m, days).personDays, 0);
  const start = dayKey(window.start, tz);
  const end = dayKey(new Date(Math.max(window.start.getTime(), window.end.getTime() - 1)), tz);
  const base = { start, end, workingDays: days.length, members, personDays: round(personDays), pointsPerPersonDay: perDay === null ? null : round(perDay) };
  const sources = uniqueSources([...rate.sources, ...members.map((m) => m.source)]);

  if (snapshot.members.length === 0 || days.length === 0 || personDays <= 0) {
    const reason =
      snapshot.members.length === 0
        ? "No team members are set up, so there is no one to plan for: add the team's members and their availability."
        : days.length === 0
          ? `${start} to ${end} has no working days (Monday to Friday).`
          : "Every member is away or has no availability in this window.";
    return { ...base, points: 0, items: 0, reason, basis: "Capacity is 0.", sources };
  }
  if (perDay === null) {
    return {
      ...base,
      points: null,
      items: null,
      reason: `No closed sprints yet: capacity is ${round(personDays)} person-days from team size only; there is no velocity to turn it into points.`,
      basis: `${round(personDays)} person-days: ${days.length} working days × ${members.length} members, less days off, times availability.`,
      sources,
    };
  }
  const points = round(perDay * personDays);
  return {
    ...base,
    points,
    items: rate.itemsPerPersonDay === null ? null : round(rate.itemsPerPersonDay * personDays),
    reason: null,
    basis:
      `Median of ${round(perDay)} points per person-day over the last ${rate.sprints.length} closed sprints ` +
      `(person-days counted with the current roster) × ${round(personDays)} planned person-days = ${points} points.`,
    sources,
  };
}
