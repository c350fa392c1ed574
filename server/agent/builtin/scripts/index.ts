import { type ArtifactKind } from "@/server/planning/artifact";
import { type Intent } from "../intent";

/** Tool results of the current turn by tool name (JSON as the tools returned it). */
export type ToolResults = Record<string, unknown>;

export interface ScriptRequest extends Intent {
  kind: ArtifactKind;
  teamKey: string;
  teamName: string;
}

/** How the built-in planner runs one workflow: which tools to call, and how to write from their results. */
export interface WorkflowScript {
  gather(request: ScriptRequest): { toolName: string; input: unknown }[];
  /** The saveArtifact input, from the gathered results. */
  write(request: ScriptRequest, results: ToolResults): unknown;
  /** The closing message, after saveArtifact returned. */
  summarize(request: ScriptRequest, results: ToolResults): string;
}

export const SCRIPTS = {} as Record<ArtifactKind, WorkflowScript>;
