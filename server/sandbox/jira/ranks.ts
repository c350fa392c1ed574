import { type SandboxStore } from "../core/store";
import { type JiraIssue } from "./state";

/**
 * LexoRank-shaped ranks ("0|i000g0:"), fixed width so string order is board order. New issues take
 * the next slot; slots are 64 apart, leaving room to rank an issue between two neighbours. When
 * there is no room left the ranks are rebalanced, as Jira's LexoRank does.
 */
const WIDTH = 6;
const SPACING = 64;

const encode = (value: number) => `0|i${value.toString(36).padStart(WIDTH, "0")}:`;
const decode = (rank: string) => parseInt(rank.slice(3, 3 + WIDTH), 36);

export function rankAt(slot: number): string {
  return encode(slot * SPACING);
}

/** `n` ranks spread evenly between two ranks (either may be absent), or null when there is no room. */
function spread(before: string | null, after: string | null, n: number): string[] | null {
  const lo = before ? decode(before) : after ? Math.max(0, decode(after) - (n + 1) * SPACING) : 0;
  const hi = after ? decode(after) : lo + (n + 1) * SPACING;
  const step = Math.floor((hi - lo) / (n + 1));
  return step >= 1 ? Array.from({ length: n }, (_, k) => encode(lo + step * (k + 1))) : null;
}

/** Renumbers every issue's rank in order from slot 1, keeping the slot counter past them. */
function rebalance(store: SandboxStore) {
  const issues = [...store.state.jira.issues].sort((a, b) => a.rank.localeCompare(b.rank));
  issues.forEach((issue, n) => (issue.rank = rankAt(n + 1)));
  const key = "jira-rank";
  store.state.counters[key] = Math.max(store.state.counters[key] ?? store.state.jira.sequences.rank - 1, issues.length);
}

/**
 * Ranks `moving` (in the given order) immediately before `anchor`, or after it. Ranking does not
 * change `updated`, as in Jira.
 */
export function rankIssues(store: SandboxStore, moving: JiraIssue[], anchor: JiraIssue, position: "before" | "after") {
  for (let attempt = 0; attempt < 2; attempt++) {
    const others = store.state.jira.issues.filter((i) => !moving.includes(i)).sort((a, b) => a.rank.localeCompare(b.rank));
    const at = others.indexOf(anchor);
    const prev = position === "before" ? (others[at - 1]?.rank ?? null) : anchor.rank;
    const next = position === "before" ? anchor.rank : (others[at + 1]?.rank ?? null);
    const ranks = spread(prev, next, moving.length);
    if (ranks) {
      moving.forEach((issue, n) => (issue.rank = ranks[n]!));
      return;
    }
    rebalance(store);
  }
  throw new Error("Could not rank the issues after rebalancing");
}
