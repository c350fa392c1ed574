import { type ArtifactKind } from "@/server/planning/artifact";

export interface Intent {
  kind: ArtifactKind | null;
  teamKey: string | null;
  /** A release the user named ("Plan the 2.4 release", "release Payments 2.4"), when any. */
  release: string | null;
}

const PATTERNS: [ArtifactKind, RegExp][] = [
  ["risk_register", /\brisks?\b|\brisk register\b|\braid\b|what could go wrong/i],
  ["status_report", /\bstatus\b|\bprogress\b|\bweekly (update|report)\b|\bsummari[sz]e (the )?sprint\b|\bhow is .* going\b/i],
  ["release_plan", /\brelease\b|\blaunch\b|\bship\b|\bmilestones?\b|\broadmap\b|\bwhat to cut\b/i],
  ["sprint_plan", /\bsprint\b.*\bplan\b|\bplan\b.*\bsprint\b|\bnext sprint\b|\bsprint planning\b|\bcapacity\b/i],
];

/**
 * What a request asks for, read the way the built-in planner needs it: which of the four
 * workflows, for which team, and which release. Free-form requests have no kind.
 */
export function readIntent(text: string, teams: { key: string; name: string }[]): Intent {
  const kind = PATTERNS.find(([, re]) => re.test(text))?.[0] ?? null;
  const team =
    teams.find((t) => new RegExp(`\\b${escape(t.key)}\\b`).test(text)) ??
    teams.find((t) => new RegExp(`\\b${escape(t.name)}\\b`, "i").test(text)) ??
    null;
  const release = /\brelease\s+(?:of\s+)?["“]?([A-Za-z0-9][\w .-]*?\d[\w.-]*)["”]?(?=[\s,.;:!?]|$)/i.exec(text)?.[1] ?? /\b(v?\d+\.\d+(?:\.\d+)?)\b/.exec(text)?.[1] ?? null;
  return { kind, teamKey: team?.key ?? null, release: kind === "release_plan" ? release : null };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
