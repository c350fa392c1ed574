import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Rng } from "../core/rng";
import { type Company, type Person } from "../core/types";
import { notionTime } from "./ids";
import { type JiraIssueRef } from "./jira-refs";
import { type NotionWorkspace, type Stamp } from "./workspace";

/** What each part of the Notion seed works with. */
export interface NotionSeedContext {
  rng: Rng;
  company: Company;
  now: Date;
  ws: NotionWorkspace;
  issues: JiraIssueRef[];
  /** A stamp `daysAgo` days before now, at a seeded working hour, never after now. */
  stamp(daysAgo: number, author: Person): Stamp;
  person(id: string): Person;
  hostile(id: string): void;
}

export function makeStamp(rng: Rng, now: Date, daysAgo: number, author: Person): Stamp {
  const day = new Date(now.getTime() - daysAgo * 86_400_000);
  day.setUTCHours(rng.number.int({ min: 8, max: 17 }), rng.number.int({ min: 0, max: 59 }), 0, 0);
  const time = day.getTime() > now.getTime() ? now : day;
  return { time: notionTime(time), userId: author.notionUserId };
}

/**
 * Reads a file the sandbox ships under server/sandbox/data. Resolved beside this module, falling
 * back to the working directory for bundlers that rewrite import.meta.url.
 */
export function readSandboxData(...parts: string[]): string {
  const candidates = [path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "data", ...parts), path.join(process.cwd(), "server", "sandbox", "data", ...parts)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`Sandbox data file missing: ${parts.join("/")}`);
  return readFileSync(found, "utf8");
}

/** Formats a date the way people write it in notes: "18 Nov 2026". */
export function shortDate(d: Date): string {
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function quarterOf(d: Date): string {
  return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
}
