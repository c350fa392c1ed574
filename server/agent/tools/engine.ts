import { loadTeamSnapshot } from "@/server/planning/snapshot";
import { type SourceRef, type TeamSnapshot } from "@/server/planning/engine/types";
import { type AgentContext } from "../context";
import { DATA_NOTE, teamKeyInput } from "./shared";

/** The team's snapshot, loaded once per request however many engine tools ask for it. */
export function teamSnapshot(ctx: AgentContext, teamKey: string): Promise<TeamSnapshot> {
  const key = teamKeyInput(teamKey);
  ctx.snapshots ??= new Map();
  let snap = ctx.snapshots.get(key);
  if (!snap) {
    snap = loadTeamSnapshot(ctx.db, key, ctx.now);
    // A failed load is not cached: the next tool call tries again.
    snap.catch(() => ctx.snapshots?.delete(key));
    ctx.snapshots.set(key, snap);
  }
  return snap;
}

const MAX_NESTED_SOURCES = 6;
const MARKERS = /<<\s*data|data\s*>>/gi;

/**
 * An engine result as a tool returns it: JSON-safe, with every source it used recorded in the
 * request's ledger (so artifacts can cite them), the aggregate source lists dropped (the ledger
 * has them) and long nested ones shortened, and data markers neutralised in any quoted text.
 */
export function engineOutput<T>(ctx: AgentContext, result: T): { note: string; result: unknown } {
  const seen: SourceRef[] = [];
  const walk = (value: unknown, depth: number): unknown => {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === "string") return value.replace(MARKERS, "");
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1));
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === "source" && isSource(v)) {
          seen.push(v);
          out[k] = v;
        } else if (k === "sources" && Array.isArray(v)) {
          const refs = v.filter(isSource);
          seen.push(...refs);
          if (depth === 0) continue;
          out[k] = refs.slice(0, MAX_NESTED_SOURCES);
          if (refs.length > MAX_NESTED_SOURCES) out.moreSources = refs.length - MAX_NESTED_SOURCES;
        } else out[k] = walk(v, depth + 1);
      }
      return out;
    }
    return value;
  };
  const compact = walk(result, 0);
  ctx.ledger.add(seen);
  return { note: DATA_NOTE, result: compact };
}

function isSource(v: unknown): v is SourceRef {
  return Boolean(v && typeof v === "object" && "kind" in v && "id" in v && "label" in v && "url" in v);
}
