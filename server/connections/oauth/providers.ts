import { type Tool } from "@/server/db/generated/enums";
import { sandboxUrls } from "@/server/sandbox/core/app";
import { SANDBOX_CREDENTIALS } from "@/server/sandbox/core/seed";

/** Where a connection lives: the tool's cloud service, or the sandbox company. */
export type ConnectTarget = "cloud" | "sandbox";

export interface OAuthProvider {
  tool: Tool;
  authorizeUrl: string;
  tokenUrl: string;
  /** Atlassian only: lists the sites a token may use. */
  resourcesUrl?: string;
  /** The API base URL for connections made through this provider (Jira's is per site, filled in later). */
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** Extra query parameters the provider's authorize endpoint wants. */
  authorizeParams: Record<string, string>;
  scopeSeparator: " " | ",";
  pkce: boolean;
}

const SCOPES: Record<Tool, string[]> = {
  JIRA: ["read:jira-work", "read:jira-user", "write:jira-work", "offline_access"],
  GITHUB: ["repo", "read:org", "read:user"],
  NOTION: [],
  SLACK: ["channels:read", "channels:history", "groups:read", "groups:history", "im:history", "users:read", "users:read.email", "chat:write"],
};

const ENV_PREFIX: Record<Tool, string> = { JIRA: "ATLASSIAN", GITHUB: "GITHUB_CONNECT", NOTION: "NOTION", SLACK: "SLACK" };

/**
 * The OAuth app for `tool` at `target`, or null when this deployment has none configured. Cloud
 * apps come from the environment (ATLASSIAN_CLIENT_ID, GITHUB_CONNECT_CLIENT_ID, NOTION_CLIENT_ID,
 * SLACK_CLIENT_ID and their _SECRETs); the sandbox company's app is public and always available when
 * SANDBOX_URL is set.
 */
export function oauthProvider(tool: Tool, target: ConnectTarget, env: NodeJS.ProcessEnv = process.env): OAuthProvider | null {
  if (target === "sandbox") {
    const origin = env.SANDBOX_URL;
    if (!origin) return null;
    const urls = sandboxUrls(origin, "{cloudId}");
    const base = { clientId: SANDBOX_CREDENTIALS.oauthClient.clientId, clientSecret: SANDBOX_CREDENTIALS.oauthClient.clientSecret, scopes: SCOPES[tool] };
    switch (tool) {
      case "JIRA":
        return { ...base, tool, authorizeUrl: urls.atlassianAuthorizeUrl, tokenUrl: urls.atlassianTokenUrl, resourcesUrl: urls.atlassianResourcesUrl, apiBaseUrl: `${origin.replace(/\/$/, "")}/ex/jira/{cloudId}`, authorizeParams: { audience: "api.atlassian.com", prompt: "consent" }, scopeSeparator: " ", pkce: false };
      case "GITHUB":
        return { ...base, tool, authorizeUrl: urls.githubAuthorizeUrl, tokenUrl: urls.githubTokenUrl, apiBaseUrl: urls.githubBaseUrl, authorizeParams: {}, scopeSeparator: " ", pkce: false };
      case "NOTION":
        return { ...base, tool, authorizeUrl: urls.notionAuthorizeUrl, tokenUrl: `${urls.notionBaseUrl}/v1/oauth/token`, apiBaseUrl: urls.notionBaseUrl, authorizeParams: { owner: "user" }, scopeSeparator: " ", pkce: false };
      case "SLACK":
        return { ...base, tool, authorizeUrl: urls.slackAuthorizeUrl, tokenUrl: `${urls.slackApiUrl}oauth.v2.access`, apiBaseUrl: urls.slackApiUrl, authorizeParams: {}, scopeSeparator: ",", pkce: false };
    }
  }
  const clientId = env[`${ENV_PREFIX[tool]}_CLIENT_ID`];
  const clientSecret = env[`${ENV_PREFIX[tool]}_CLIENT_SECRET`];
  if (!clientId || !clientSecret) return null;
  const base = { clientId, clientSecret, scopes: SCOPES[tool] };
  switch (tool) {
    case "JIRA":
      return { ...base, tool, authorizeUrl: "https://auth.atlassian.com/authorize", tokenUrl: "https://auth.atlassian.com/oauth/token", resourcesUrl: "https://api.atlassian.com/oauth/token/accessible-resources", apiBaseUrl: "https://api.atlassian.com/ex/jira/{cloudId}", authorizeParams: { audience: "api.atlassian.com", prompt: "consent" }, scopeSeparator: " ", pkce: false };
    case "GITHUB":
      return { ...base, tool, authorizeUrl: "https://github.com/login/oauth/authorize", tokenUrl: "https://github.com/login/oauth/access_token", apiBaseUrl: "https://api.github.com", authorizeParams: {}, scopeSeparator: " ", pkce: false };
    case "NOTION":
      return { ...base, tool, authorizeUrl: "https://api.notion.com/v1/oauth/authorize", tokenUrl: "https://api.notion.com/v1/oauth/token", apiBaseUrl: "https://api.notion.com", authorizeParams: { owner: "user" }, scopeSeparator: " ", pkce: false };
    case "SLACK":
      return { ...base, tool, authorizeUrl: "https://slack.com/oauth/v2/authorize", tokenUrl: "https://slack.com/api/oauth.v2.access", apiBaseUrl: "https://slack.com/api/", authorizeParams: {}, scopeSeparator: ",", pkce: false };
  }
}

/** Which targets can connect each tool by OAuth here — for the Connect dialog. */
export function availableOAuth(env: NodeJS.ProcessEnv = process.env): Record<Tool, ConnectTarget[]> {
  const tools: Tool[] = ["JIRA", "GITHUB", "NOTION", "SLACK"];
  return Object.fromEntries(tools.map((t) => [t, (["cloud", "sandbox"] as const).filter((target) => oauthProvider(t, target, env))])) as Record<Tool, ConnectTarget[]>;
}
