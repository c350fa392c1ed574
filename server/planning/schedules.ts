import { Cron } from "croner";
import { type Db } from "@/server/db/client";
import { ARTIFACT_KINDS, type ArtifactKind } from "./artifact";

export class ScheduleInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScheduleInputError";
  }
}

/** Weekdays a PM picks in the UI, as cron's day-of-week numbers. */
export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** A weekly slot ("Fridays at 15:00") as a five-field cron expression. */
export function weeklyCron(weekday: number, time: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new ScheduleInputError("Use a time like 15:00.");
  if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) throw new ScheduleInputError("Pick a day of the week.");
  return `${Number(m[2])} ${Number(m[1])} * * ${weekday}`;
}

/** Reads a weekly cron back into its day and time, for the UI. Null for any other shape. */
export function readWeeklyCron(cron: string): { weekday: number; time: string } | null {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* ([0-6])$/.exec(cron.trim());
  if (!m) return null;
  return { weekday: Number(m[3]), time: `${m[2]!.padStart(2, "0")}:${m[1]!.padStart(2, "0")}` };
}

/** The first run strictly after `after`, in the schedule's time zone (DST handled by croner). */
export function nextRunAfter(cron: string, timezone: string, after: Date): Date {
  let job: Cron;
  try {
    job = new Cron(cron, { timezone, paused: true });
  } catch (error) {
    throw new ScheduleInputError(`The schedule “${cron}” in ${timezone} is not valid: ${(error as Error).message}`);
  }
  const next = job.nextRun(after);
  job.stop();
  if (!next) throw new ScheduleInputError(`The schedule “${cron}” never runs.`);
  return next;
}

export interface DueWorkflow {
  organizationId: string;
  scheduleId: string;
  /** The slot being run, ISO: together with the schedule id it makes a run unique. */
  slot: string;
}

/**
 * Finds enabled schedules whose slot has come and moves each to its next slot. A schedule whose
 * server was down across several slots runs once for the latest missed slot, not once per slot.
 * Runs across organisations: this is the system's own sweep, and each due workflow then runs
 * inside its organisation only.
 */
export async function claimDueWorkflows(db: Db, now: Date): Promise<DueWorkflow[]> {
  const due = await db.schedule.findMany({ where: { enabled: true, nextRunAt: { lte: now } }, take: 500 });
  const claimed: DueWorkflow[] = [];
  for (const s of due) {
    const next = nextRunAfter(s.cron, s.timezone, now);
    // Conditional update: only one sweeper moves a given slot forward.
    const moved = await db.schedule.updateMany({ where: { id: s.id, nextRunAt: s.nextRunAt }, data: { nextRunAt: next } });
    if (moved.count === 1) claimed.push({ organizationId: s.organizationId, scheduleId: s.id, slot: s.nextRunAt!.toISOString() });
  }
  return claimed;
}

export function isArtifactKind(kind: string): kind is ArtifactKind {
  return (ARTIFACT_KINDS as readonly string[]).includes(kind);
}
