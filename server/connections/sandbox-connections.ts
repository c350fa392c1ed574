import { type Db } from "@/server/db/client";
import { type Tool } from "@/server/db/generated/enums";
import { encryptJson } from "@/server/connectors/crypto";
import { type Credentials } from "@/server/connectors/types";
import { sandboxUrls } from "@/server/sandbox/core/app";
import { SANDBOX_CREDENTIALS } from "@/server/sandbox/core/seed";

/** What the sandbox company answers to, given its origin: the same shape a cloud connection has. */
export function sandboxConnectionSpecs(origin: string, company: { cloudId: string; githubOrg: string; name: string; domain: string }) {
  const urls = sandboxUrls(origin, company.cloudId);
  const specs: { tool: Tool; name: string; baseUrl: string; externalAccountId: string; credentials: Credentials; scopes: string[] }[] = [
    {
      tool: "JIRA",
      name: `${company.name} Jira (sandbox)`,
      baseUrl: urls.jiraHost,
      externalAccountId: company.cloudId,
      credentials: { kind: "api_token", token: SANDBOX_CREDENTIALS.apiTokens.jira },
      scopes: ["read:jira-work", "write:jira-work", "read:jira-user"],
    },
    {
      tool: "GITHUB",
      name: `${company.githubOrg} (sandbox)`,
      baseUrl: urls.githubBaseUrl,
      externalAccountId: company.githubOrg,
      credentials: { kind: "api_token", token: SANDBOX_CREDENTIALS.apiTokens.github },
      scopes: ["repo", "read:org"],
    },
    {
      tool: "NOTION",
      name: `${company.name} Notion (sandbox)`,
      baseUrl: urls.notionBaseUrl,
      externalAccountId: `notion:${company.domain}`,
      credentials: { kind: "api_token", token: SANDBOX_CREDENTIALS.apiTokens.notion },
      scopes: ["read_content", "insert_content", "update_content"],
    },
    {
      tool: "SLACK",
      name: `${company.name} Slack (sandbox)`,
      baseUrl: urls.slackApiUrl,
      externalAccountId: `slack:${company.domain}`,
      credentials: { kind: "api_token", token: SANDBOX_CREDENTIALS.apiTokens.slack },
      scopes: ["channels:read", "channels:history", "groups:history", "users:read", "chat:write"],
    },
  ];
  return specs;
}

/**
 * Connects an organisation to a sandbox company (all four tools), or points existing sandbox
 * connections at a new origin. Idempotent.
 */
export async function connectSandbox(db: Db, input: { organizationId: string; origin: string; company: Parameters<typeof sandboxConnectionSpecs>[1]; createdById?: string | null }) {
  const out = [];
  for (const spec of sandboxConnectionSpecs(input.origin, input.company)) {
    const data = {
      name: spec.name,
      baseUrl: spec.baseUrl,
      authKind: "API_TOKEN" as const,
      environment: "SANDBOX" as const,
      encryptedCredentials: encryptJson(spec.credentials),
      scopes: spec.scopes,
      status: "ACTIVE" as const,
      statusMessage: null,
    };
    out.push(
      await db.connection.upsert({
        where: { organizationId_tool_externalAccountId: { organizationId: input.organizationId, tool: spec.tool, externalAccountId: spec.externalAccountId } },
        create: { ...data, organizationId: input.organizationId, tool: spec.tool, externalAccountId: spec.externalAccountId, externalAccountName: spec.name, createdById: input.createdById ?? null },
        update: data,
      }),
    );
  }
  return out;
}
