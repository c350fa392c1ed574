import { type AgentContext } from "../context";
import { getPullRequestsTool } from "./get-pull-requests";
import { getReleaseTool } from "./get-release";
import { getSprintTool } from "./get-sprint";
import { getWorkItemTool } from "./get-work-item";
import { saveArtifactTool } from "./save-artifact";
import { searchDocumentsTool } from "./search-documents";
import { searchMessagesTool } from "./search-messages";
import { searchWorkItemsTool } from "./search-work-items";

/** The agent's tools for one request. None of them changes anything outside this product. */
export function createTools(ctx: AgentContext) {
  return {
    searchWorkItems: searchWorkItemsTool(ctx),
    getWorkItem: getWorkItemTool(ctx),
    getSprint: getSprintTool(ctx),
    getRelease: getReleaseTool(ctx),
    getPullRequests: getPullRequestsTool(ctx),
    searchDocuments: searchDocumentsTool(ctx),
    searchMessages: searchMessagesTool(ctx),
    saveArtifact: saveArtifactTool(ctx),
  };
}

export type AgentTools = ReturnType<typeof createTools>;
