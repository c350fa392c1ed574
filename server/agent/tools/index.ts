import { type AgentContext } from "../context";
import { breakdownWorkTool } from "./breakdown-work";
import { detectRisksTool } from "./detect-risks";
import { forecastCompletionTool } from "./forecast-completion";
import { getCapacityTool } from "./get-capacity";
import { guarded } from "./guard";
import { getStatusReportTool } from "./get-status-report";
import { getVelocityTool } from "./get-velocity";
import { planReleaseTool } from "./plan-release";
import { planSprintTool } from "./plan-sprint";
import { getPullRequestsTool } from "./get-pull-requests";
import { getReleaseTool } from "./get-release";
import { getSprintTool } from "./get-sprint";
import { getWorkItemTool } from "./get-work-item";
import { proposeChangesTool } from "./propose-changes";
import { saveArtifactTool } from "./save-artifact";
import { searchDocumentsTool } from "./search-documents";
import { searchMessagesTool } from "./search-messages";
import { searchWorkItemsTool } from "./search-work-items";

/**
 * The agent's tools for one request. None of them changes anything outside this product:
 * proposeChanges only records a proposal that a person decides on.
 */
export function createTools(ctx: AgentContext) {
  const tools = {
    searchWorkItems: searchWorkItemsTool(ctx),
    getWorkItem: getWorkItemTool(ctx),
    getSprint: getSprintTool(ctx),
    getRelease: getReleaseTool(ctx),
    getPullRequests: getPullRequestsTool(ctx),
    searchDocuments: searchDocumentsTool(ctx),
    searchMessages: searchMessagesTool(ctx),
    getVelocity: getVelocityTool(ctx),
    getCapacity: getCapacityTool(ctx),
    forecastCompletion: forecastCompletionTool(ctx),
    planSprint: planSprintTool(ctx),
    planRelease: planReleaseTool(ctx),
    detectRisks: detectRisksTool(ctx),
    breakdownWork: breakdownWorkTool(ctx),
    getStatusReport: getStatusReportTool(ctx),
    saveArtifact: saveArtifactTool(ctx),
    // Offered only when the policy lets this person have something proposed at all.
    ...(ctx.offeredKinds.length ? { proposeChanges: proposeChangesTool(ctx) } : {}),
  };
  return Object.fromEntries(Object.entries(tools).map(([name, t]) => [name, guarded(name, t)])) as typeof tools;
}

export type AgentTools = ReturnType<typeof createTools>;
