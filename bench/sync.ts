import { createCloudClient } from "jira.js";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { SANDBOX_CREDENTIALS } from "@/server/sandbox/core/seed";
import { generateBulkProject, touchIssues } from "@/server/sandbox/jira/seed";
import { runSync } from "@/server/sync/run-sync";
import { withBenchWorkspace } from "./workspace";

const BULK_KEY = "BULK";
const BULK_ISSUES = 10_000;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

/**
 * Sync throughput: the seeded workspace end to end (all four tools), a generated 10,000-issue Jira
 * project, the same project paged by a bare jira.js loop side by side, and an incremental sync of
 * 100 changed issues.
 */
export async function syncBenchmark() {
  return withBenchWorkspace(async ({ db, sandbox, dbName }) => {
    const org = await db.organization.create({ data: { name: "Bench", slug: dbName } });
    const connections = await connectSandbox(db, { organizationId: org.id, origin: sandbox.origin, company: sandbox.store.state.company });

    const full = await timed(async () => {
      let items = 0;
      for (const c of connections) {
        const r = await runSync(db, { organizationId: org.id, connectionId: c.id, trigger: "bench" });
        if (r.status !== "SUCCEEDED") throw new Error(`${c.tool} sync failed: ${r.error}`);
        items += r.itemsWritten;
      }
      return items;
    });
    console.log(`seeded workspace: ${full.value} rows in ${full.seconds.toFixed(2)} s`);

    generateBulkProject(sandbox.store, { key: BULK_KEY, issues: BULK_ISSUES });
    const jira = connections.find((c) => c.tool === "JIRA")!;
    const bulk = await db.connection.create({
      data: {
        organizationId: org.id,
        tool: "JIRA",
        name: "Bulk project",
        baseUrl: jira.baseUrl,
        authKind: jira.authKind,
        externalAccountId: `${jira.externalAccountId}:bulk`,
        encryptedCredentials: jira.encryptedCredentials,
        scopes: jira.scopes,
        settings: { projects: [BULK_KEY] },
      },
    });

    const raw = await timed(async () => {
      const client = createCloudClient({ host: jira.baseUrl, auth: { type: "bearer", token: SANDBOX_CREDENTIALS.apiTokens.jira }, retry: { maxAttempts: 1 }, onSchemaMismatch: "silent" });
      let n = 0;
      let nextPageToken: string | undefined;
      do {
        const page = await client.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql: `project = "${BULK_KEY}" ORDER BY created ASC`, maxResults: 100, nextPageToken, fields: ["*all"], expand: "changelog" });
        n += page.issues?.length ?? 0;
        nextPageToken = page.isLast === false && page.nextPageToken ? page.nextPageToken : undefined;
      } while (nextPageToken);
      return n;
    });
    const ours = await timed(() => runSync(db, { organizationId: org.id, connectionId: bulk.id, trigger: "bench" }));
    if (ours.value.status !== "SUCCEEDED") throw new Error(`bulk sync failed: ${ours.value.error}`);
    const synced = await db.workItem.count({ where: { connectionId: bulk.id } });
    console.log(`bulk project: ${synced} issues in ${ours.seconds.toFixed(2)} s; bare paging ${raw.value} in ${raw.seconds.toFixed(2)} s`);

    touchIssues(sandbox.store, { count: 100, projectKey: BULK_KEY });
    const incremental = await timed(() => runSync(db, { organizationId: org.id, connectionId: bulk.id, trigger: "bench" }));
    console.log(`incremental (100 changes): ${incremental.seconds.toFixed(2)} s`);

    const issuesPerSecond = synced / ours.seconds;
    const rawPerSecond = raw.value / raw.seconds;
    return {
      benchmark: "sync",
      fullSyncSeconds: Number(full.seconds.toFixed(2)),
      seededRows: full.value,
      bulkIssues: synced,
      bulkSyncSeconds: Number(ours.seconds.toFixed(2)),
      issuesPerSecond: Math.round(issuesPerSecond),
      rawPagingIssuesPerSecond: Math.round(rawPerSecond),
      ratioToRawPaging: Number((issuesPerSecond / rawPerSecond).toFixed(2)),
      incrementalSeconds: Number(incremental.seconds.toFixed(2)),
    };
  });
}
