import { createAgileClient, createCloudClient, isApiError } from "jira.js";
import { createClient } from "jira.js/core";
import { SANDBOX_CREDENTIALS } from "../../core/seed";
import { startSandboxServer, type RunningSandbox } from "../../core/server";

/**
 * The official jira.js 6 clients pointed at a running sandbox, with strict response validation:
 * every response is checked against jira.js's schemas and a mismatch throws.
 */
export function jiraClients(host: string, auth: { token: string } | { email: string; apiToken: string }) {
  const client = createClient({
    host,
    auth: "token" in auth ? { type: "bearer", token: auth.token } : { type: "basic", email: auth.email, apiToken: auth.apiToken },
    onSchemaMismatch: "throw",
  });
  return { client, jira: createCloudClient(client), agile: createAgileClient(client) };
}

export interface JiraTestbed extends ReturnType<typeof jiraClients> {
  sandbox: RunningSandbox;
  /** Clients acting with another credential. */
  as: (auth: { token: string } | { email: string; apiToken: string }) => ReturnType<typeof jiraClients>;
}

/** Starts a sandbox on a free port and returns clients using the seeded Jira API token. */
export async function startJiraTestbed(seed = 1): Promise<JiraTestbed> {
  const sandbox = await startSandboxServer({ seed });
  const as = (auth: { token: string } | { email: string; apiToken: string }) => jiraClients(sandbox.urls.jiraHost, auth);
  return { sandbox, as, ...as({ token: SANDBOX_CREDENTIALS.apiTokens.jira }) };
}

/** The HTTP status and body of a call that must fail (anything but a Jira API error is rethrown). */
export async function failure(p: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await p;
  } catch (e) {
    if (isApiError(e)) return { status: e.status, body: e.body };
    throw e;
  }
  throw new Error("expected the call to fail");
}
