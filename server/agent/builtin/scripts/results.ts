import { type ToolResults } from "./index";

/** A tool's engine result from the turn's results (tools wrap results as { note, result }). */
export function resultOf<T>(results: ToolResults, tool: string): T | null {
  const out = results[tool] as { result?: T } | undefined;
  return out?.result ?? null;
}
