import { type Tool } from "@/server/db/generated/enums";
import { createGithubConnector } from "./github/connector";
import { createJiraConnector } from "./jira/connector";
import { createNotionConnector } from "./notion/connector";
import { createSlackConnector } from "./slack/connector";
import { type Connector, type ConnectorContext } from "./types";

/** The one place that picks an implementation for a tool. */
const FACTORIES: Record<Tool, (ctx: ConnectorContext) => Connector> = {
  JIRA: createJiraConnector,
  GITHUB: createGithubConnector,
  NOTION: createNotionConnector,
  SLACK: createSlackConnector,
};

export function createConnector(ctx: ConnectorContext): Connector {
  return FACTORIES[ctx.connection.tool](ctx);
}

export const TOOL_NAMES: Record<Tool, string> = { JIRA: "Jira", GITHUB: "GitHub", NOTION: "Notion", SLACK: "Slack" };
