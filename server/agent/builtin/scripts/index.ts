import { type ArtifactKind } from "@/server/planning/artifact";
import { type Intent } from "../intent";
import { releasePlanScript } from "./release-plan";
import { riskRegisterScript } from "./risk-register";
import { sprintPlanScript } from "./sprint-plan";
import { statusReportScript } from "./status-report";

/** Tool results of the current turn by tool name (JSON as the tools returned it). */
export type ToolResults = Record<string, unknown>;

export interface ScriptRequest extends Intent {
  kind: ArtifactKind;
  teamKey: string;
  teamName: string;
  /** The team's Slack channel name, when known. */
  teamChannel: string | null;
}

/** How the built-in planner runs one workflow: which tools to call, and how to write from their results. */
export interface WorkflowScript {
  gather(request: ScriptRequest): { toolName: string; input: unknown }[];
  /** The saveArtifact input from the gathered results, or a reply when there is nothing to write (e.g. no such release). */
  write(request: ScriptRequest, results: ToolResults): { artifact: unknown } | { reply: string };
  /**
   * The changes the artifact implies, as a proposeChanges input (after saveArtifact returned), or
   * null when there is nothing to change. Optional: reports change nothing.
   */
  propose?(request: ScriptRequest, results: ToolResults): { title: string; rationale: string; actions: { kind: string; input: unknown }[]; sourceIds: string[] } | null;
  /** The closing message, after saveArtifact (and proposeChanges, when called) returned. */
  summarize(request: ScriptRequest, results: ToolResults): string;
}

export const SCRIPTS: Record<ArtifactKind, WorkflowScript> = {
  sprint_plan: sprintPlanScript,
  release_plan: releasePlanScript,
  status_report: statusReportScript,
  risk_register: riskRegisterScript,
};
