/**
 * What Lumen limits, and how fast. Each limit counts one activity in fixed windows, per member and
 * per organisation: the member bucket stops one person (or one runaway tab) from flooding the
 * model and the tools, the organisation bucket caps what a whole workspace can cost together.
 *
 * Every rate can be changed through the environment (documented in .env.example) as a count with
 * an optional window: `30`, `30/minute`, `500/hour`; `0` turns that bucket off.
 */

/** The limited activities. */
export const LIMIT_NAMES = ["chatMessages", "actionDecisions", "agentProposals"] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

/** Whose bucket a request is counted in. */
export type LimitScope = "user" | "organization";

const WINDOWS = { second: 1, minute: 60, hour: 3600, day: 86_400 } as const;
type Window = keyof typeof WINDOWS;

/** One bucket: at most `points` requests per `durationSeconds`, and how a refusal is worded. */
export interface LimitRule {
  points: number;
  durationSeconds: number;
  /** The env variable that sets it, named in configuration errors. */
  variable: string;
  /** Who is doing what, as the start of the refusal: "You are sending messages". */
  doing: string;
}

/** The configured buckets of every limit; a missing scope is not limited. */
export type RateLimits = Record<LimitName, Partial<Record<LimitScope, LimitRule>>>;

interface RuleSpec {
  variable: string;
  fallback: string;
  doing: string;
}

/** The defaults and wording; the window of a bare count is the default's window. */
const SPECS: Record<LimitName, Partial<Record<LimitScope, RuleSpec>>> = {
  chatMessages: {
    user: { variable: "RATE_LIMIT_CHAT_PER_USER", fallback: "30/minute", doing: "You are sending messages" },
    organization: { variable: "RATE_LIMIT_CHAT_PER_ORG", fallback: "300/minute", doing: "Your organisation is sending messages" },
  },
  actionDecisions: {
    user: { variable: "RATE_LIMIT_ACTIONS_PER_USER", fallback: "60/minute", doing: "You are deciding on, retrying and undoing actions" },
    organization: { variable: "RATE_LIMIT_ACTIONS_PER_ORG", fallback: "600/minute", doing: "Your organisation is deciding on, retrying and undoing actions" },
  },
  agentProposals: {
    organization: { variable: "RATE_LIMIT_PROPOSALS_PER_ORG", fallback: "120/hour", doing: "Proposals are being created for your organisation" },
  },
};

/** A rate in the environment that Lumen cannot read; thrown at first use, naming the variable. */
export class RateLimitConfigError extends Error {
  constructor(variable: string, value: string) {
    super(`${variable} is "${value}", which is not a rate. Write a count with an optional window (30, 30/minute, 500/hour, 1000/day), or 0 to turn the limit off; see .env.example.`);
    this.name = "RateLimitConfigError";
  }
}

const RATE = /^(\d+)\s*(?:\/\s*(second|minute|hour|day)s?)?$/i;

function parseRate(variable: string, value: string, fallbackWindow: Window): { points: number; durationSeconds: number } {
  const match = RATE.exec(value.trim());
  if (!match) throw new RateLimitConfigError(variable, value);
  const window = (match[2]?.toLowerCase() as Window | undefined) ?? fallbackWindow;
  return { points: Number(match[1]), durationSeconds: WINDOWS[window] };
}

/**
 * The limits from an environment (by default the process's). An empty variable means the
 * default; a malformed one throws {@link RateLimitConfigError}, so a typo is not silently ignored.
 */
export function loadRateLimits(env: Record<string, string | undefined> = process.env): RateLimits {
  const limits = {} as RateLimits;
  for (const name of LIMIT_NAMES) {
    limits[name] = {};
    for (const [scope, spec] of Object.entries(SPECS[name]) as [LimitScope, RuleSpec][]) {
      const fallback = parseRate(spec.variable, spec.fallback, "minute");
      const fallbackWindow = (Object.keys(WINDOWS) as Window[]).find((w) => WINDOWS[w] === fallback.durationSeconds)!;
      const raw = env[spec.variable]?.trim();
      const rate = raw ? parseRate(spec.variable, raw, fallbackWindow) : fallback;
      if (rate.points > 0) limits[name][scope] = { ...rate, variable: spec.variable, doing: spec.doing };
    }
  }
  return limits;
}

const WINDOW_WORDS: Record<number, string> = { 1: "a second", 60: "a minute", 3600: "an hour", 86_400: "a day" };

/** "30 a minute". */
export function describeRate(rule: Pick<LimitRule, "points" | "durationSeconds">): string {
  return `${rule.points.toLocaleString("en")} ${WINDOW_WORDS[rule.durationSeconds] ?? `every ${rule.durationSeconds} seconds`}`;
}

/** "12 seconds", "2 minutes", "3 hours": rounded up, so waiting that long is always enough. */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  // A full window reads as "60 seconds", not "1 minute" that is really 59.9 seconds.
  const [count, unit] = seconds <= 60 ? [seconds, "second"] : seconds <= 3600 ? [Math.ceil(seconds / 60), "minute"] : [Math.ceil(seconds / 3600), "hour"];
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

/** The sentence a refused person reads: what happened, the limit, and when to try again. */
export function refusalMessage(rule: LimitRule, retryAfterMs: number): string {
  return `${rule.doing} faster than Lumen allows (${describeRate(rule)}). Try again in ${describeWait(retryAfterMs)}.`;
}
