import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { resetResilience } from "@/server/connections/open-connection";
import { generateKey } from "@/server/connectors/crypto";
import { type ResilienceOptions } from "@/server/connectors/resilience";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { STATUSES } from "@/server/sandbox/jira/catalog";
import { touchIssues } from "@/server/sandbox/jira/seed";
import { createOrg, testDb } from "@/test/db";
import { runSync } from "./run-sync";

/** Fast policies for tests: the same code paths, shorter waits. */
const FAST: ResilienceOptions = { timeoutMs: 5_000, maxAttempts: 3, maxRetryAfterMs: 5_000, breakerThreshold: 3, halfOpenAfterMs: 400, initialDelayMs: 20 };

let sandbox: RunningSandbox;
let org: Awaited<ReturnType<typeof createOrg>>;
let connections: Awaited<ReturnType<typeof connectSandbox>>;
const byTool = (tool: string) => connections.find((c) => c.tool === tool)!;

beforeAll(async () => {
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 42 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  sandbox.store.reset(42);
  sandbox.faults.clear();
  org = await createOrg(["ADMIN"]);
  connections = await connectSandbox(testDb(), { organizationId: org.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
  for (const c of connections) resetResilience(c.id);
});

const sync = (tool: string, extra: Partial<Parameters<typeof runSync>[1]> = {}) =>
  runSync(testDb(), { organizationId: org.org.id, connectionId: byTool(tool).id, resilience: FAST, trigger: "test", ...extra });

describe("sync from the sandbox company through the official clients", () => {
  it("syncs every Jira issue, sprint, release and person with links to the source", async () => {
    const result = await sync("JIRA");
    expect(result).toMatchObject({ status: "SUCCEEDED", kind: "FULL" });
    const db = testDb();
    const items = await db.workItem.findMany({ where: { organizationId: org.org.id } });
    expect(items.length).toBe(sandbox.store.state.jira.issues.length);
    expect(items.length).toBeGreaterThanOrEqual(300);
    expect(items.every((i) => i.url.includes(`/browse/${i.key}`))).toBe(true);
    expect(await db.sprint.count({ where: { organizationId: org.org.id } })).toBeGreaterThanOrEqual(7);
    expect(await db.release.count({ where: { organizationId: org.org.id } })).toBeGreaterThanOrEqual(2);
    expect(await db.statusChange.count({ where: { organizationId: org.org.id } })).toBeGreaterThan(100);
    expect(await db.person.count({ where: { organizationId: org.org.id, connectionId: byTool("JIRA").id } })).toBeGreaterThan(10);
    const calls = await db.externalCall.findMany({ where: { organizationId: org.org.id, tool: "JIRA" } });
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.every((c) => c.status === "ok" && c.latencyMs >= 0)).toBe(true);
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run.itemsWritten).toBeGreaterThan(300);
  });

  it("syncs GitHub pull requests with reviews, Notion pages and Slack messages", async () => {
    for (const tool of ["GITHUB", "NOTION", "SLACK"]) expect((await sync(tool)).status, tool).toBe("SUCCEEDED");
    const db = testDb();
    const prs = await db.pullRequest.findMany({ where: { organizationId: org.org.id } });
    expect(prs.length).toBeGreaterThanOrEqual(40);
    expect(prs.some((p) => p.workItemKeys.length > 0)).toBe(true);
    expect(await db.review.count({ where: { organizationId: org.org.id } })).toBeGreaterThan(10);
    const docs = await db.document.findMany({ where: { organizationId: org.org.id } });
    expect(docs.length).toBeGreaterThanOrEqual(10);
    expect(docs.some((d) => d.text.length > 200)).toBe(true);
    const messages = await db.message.findMany({ where: { organizationId: org.org.id } });
    expect(messages.length).toBeGreaterThan(50);
    expect(messages.some((m) => m.threadTs)).toBe(true);
  });

  it("an incremental sync reads only what changed and updates it in place", async () => {
    await sync("JIRA");
    const before = await testDb().workItem.count({ where: { organizationId: org.org.id } });
    const touched = touchIssues(sandbox.store, { count: 100 });
    sandbox.requests.length = 0;
    const result = await sync("JIRA");
    expect(result).toMatchObject({ status: "SUCCEEDED", kind: "INCREMENTAL" });
    expect(await testDb().workItem.count({ where: { organizationId: org.org.id } })).toBe(before);
    const searches = sandbox.requests.filter((r) => r.path.includes("/search"));
    expect(searches.length).toBeLessThan(12);
    const key = touched[0]!;
    const row = await testDb().workItem.findFirstOrThrow({ where: { organizationId: org.org.id, key } });
    const source = sandbox.store.state.jira.issues.find((i) => i.key === key)!;
    expect(row.status).toBe(STATUSES.find((s) => s.id === source.statusId)!.name);
    expect(row.updatedAt.getTime()).toBeGreaterThan(new Date(sandbox.store.state.company.now).getTime());
  });
});

describe("faults", () => {
  it("honours Retry-After on a 429 and finishes", async () => {
    sandbox.faults.add({ tool: "jira", kind: "rate_limit", path: "search/jql", retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    const result = await sync("JIRA");
    expect(result.status).toBe("SUCCEEDED");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const retried = await testDb().externalCall.findFirst({ where: { organizationId: org.org.id, operation: "issues.search", retries: { gt: 0 } } });
    expect(retried).not.toBeNull();
  });

  it("waits out GitHub's primary and secondary limits", async () => {
    sandbox.faults.add({ tool: "github", kind: "github_primary_limit", path: "pulls$", retryAfterSeconds: 1, times: 1 });
    sandbox.faults.add({ tool: "github", kind: "github_secondary_limit", path: "reviews", retryAfterSeconds: 1, times: 1 });
    expect((await sync("GITHUB")).status).toBe("SUCCEEDED");
  });

  it("retries Notion's 429 and 529, and Slack's 429", async () => {
    sandbox.faults.add({ tool: "notion", kind: "rate_limit", path: "search", retryAfterSeconds: 0, times: 1 });
    sandbox.faults.add({ tool: "notion", kind: "notion_overloaded", path: "children", times: 1 });
    sandbox.faults.add({ tool: "slack", kind: "rate_limit", path: "conversations.history", retryAfterSeconds: 1, times: 1 });
    expect((await sync("NOTION")).status).toBe("SUCCEEDED");
    expect((await sync("SLACK")).status).toBe("SUCCEEDED");
  });

  it("gives up after bounded retries on an outage, keeps the synced data, and marks the connection degraded", async () => {
    await sync("JIRA");
    const synced = await testDb().workItem.count({ where: { organizationId: org.org.id } });
    sandbox.faults.add({ tool: "jira", kind: "html_error_page", times: null });
    const result = await sync("JIRA", { kind: "FULL" });
    // Retries exhaust, then the breaker opens: either way the message says what happened.
    expect(result.status).toBe("FAILED");
    expect(["unavailable", "circuit_open"]).toContain(result.errorKind);
    expect(result.error).toMatch(/Jira (is unavailable|has failed repeatedly)/);
    const failed = await testDb().externalCall.findMany({ where: { organizationId: org.org.id, status: "error" } });
    expect(failed.length).toBeGreaterThan(0);
    expect(Math.max(...failed.map((c) => c.retries))).toBeLessThanOrEqual(FAST.maxAttempts - 1);
    expect(await testDb().workItem.count({ where: { organizationId: org.org.id } })).toBe(synced);
    expect((await testDb().connection.findUniqueOrThrow({ where: { id: byTool("JIRA").id } })).status).toBe("DEGRADED");
  });

  it("opens the circuit after repeated outages and closes it once the tool recovers", async () => {
    sandbox.faults.add({ tool: "slack", kind: "server_error", status: 503, times: null });
    const first = await sync("SLACK");
    expect(first.status).toBe("FAILED");
    const second = await sync("SLACK");
    expect(second).toMatchObject({ status: "FAILED", errorKind: "circuit_open" });
    sandbox.faults.clear();
    await new Promise((r) => setTimeout(r, FAST.halfOpenAfterMs + 50));
    expect((await sync("SLACK")).status).toBe("SUCCEEDED");
  });

  it("turns a revoked token into a clear auth error, without retrying", async () => {
    sandbox.faults.add({ tool: "github", kind: "unauthorized", times: null });
    const result = await sync("GITHUB");
    expect(result).toMatchObject({ status: "FAILED", errorKind: "auth" });
    expect(result.error).toMatch(/Reconnect GitHub/);
    expect((await testDb().connection.findUniqueOrThrow({ where: { id: byTool("GITHUB").id } })).status).toBe("ERROR");
  });

  it("rejects invalid JSON and responses missing fields without writing half rows", async () => {
    sandbox.faults.add({ tool: "jira", kind: "invalid_json", path: "search/jql", times: null });
    expect(await sync("JIRA")).toMatchObject({ status: "FAILED", errorKind: "bad_response" });
    sandbox.faults.clear();
    resetResilience(byTool("JIRA").id);
    sandbox.faults.add({ tool: "jira", kind: "missing_fields", path: "search/jql", dropFields: ["key"], times: null });
    expect(await sync("JIRA")).toMatchObject({ status: "FAILED", errorKind: "bad_response" });
    expect(await testDb().workItem.count({ where: { organizationId: org.org.id } })).toBe(0);
  });
});

describe("reads when a connection is degraded", () => {
  it("read live when healthy, and fall back to synced data with a notice when Jira fails", async () => {
    const { readProjectWorkItems } = await import("@/server/connections/reads");
    await sync("JIRA");
    const projectKey = sandbox.store.state.jira.projects[0]!.key;
    const live = await readProjectWorkItems(testDb(), { organizationId: org.org.id, projectKey, limit: 20 });
    expect(live).toMatchObject({ source: "live", notice: null });
    expect(live.items.length).toBe(20);

    sandbox.faults.add({ tool: "jira", kind: "server_error", status: 502, times: null });
    const fallback = await readProjectWorkItems(testDb(), { organizationId: org.org.id, projectKey, limit: 20 });
    expect(fallback.source).toBe("synced");
    expect(fallback.items.length).toBe(20);
    expect(fallback.notice).toMatch(/Showing Jira data synced .* ago\./);
  });
});

describe("more bad input", () => {
  it("times out a slow answer, retries, and finishes", async () => {
    sandbox.faults.add({ tool: "notion", kind: "slow", path: "search", delayMs: 1500, times: 1 });
    const result = await sync("NOTION", { resilience: { ...FAST, timeoutMs: 500 } });
    expect(result.status).toBe("SUCCEEDED");
    const timedOut = await testDb().externalCall.findFirst({ where: { organizationId: org.org.id, operation: "search", retries: { gt: 0 } } });
    expect(timedOut).not.toBeNull();
  });

  it("names the missing scope when a token lacks one, without retrying", async () => {
    const { encryptJson } = await import("@/server/connectors/crypto");
    const admin = sandbox.store.state.company.people.find((p) => p.role === "admin")!;
    sandbox.store.state.oauth.tokens.push({ tool: "slack", token: "xoxb-narrow-scopes", kind: "access", clientId: null, personId: admin.id, scopes: ["users:read"], expiresAt: null, revoked: false });
    await testDb().connection.update({ where: { id: byTool("SLACK").id }, data: { encryptedCredentials: encryptJson({ kind: "api_token", token: "xoxb-narrow-scopes" }) } });
    const result = await sync("SLACK");
    expect(result).toMatchObject({ status: "FAILED", errorKind: "scope" });
    expect(result.error).toMatch(/channels:read/);
    const calls = await testDb().externalCall.findMany({ where: { organizationId: org.org.id, tool: "SLACK", status: "error" } });
    expect(calls.every((c) => c.retries === 0)).toBe(true);
  });

  it("treats an expired API token as an auth error with a reconnect hint", async () => {
    const jiraToken = sandbox.store.state.oauth.tokens.find((t) => t.tool === "jira" && t.kind === "api")!;
    jiraToken.expiresAt = new Date(Date.now() - 1000).toISOString();
    const result = await sync("JIRA");
    expect(result).toMatchObject({ status: "FAILED", errorKind: "auth" });
    expect(result.error).toMatch(/Reconnect Jira/);
  });
});
