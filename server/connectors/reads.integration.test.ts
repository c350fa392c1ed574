import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { openConnection } from "@/server/connections/open-connection";
import { generateKey } from "./crypto";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { createOrg, testDb } from "@/test/db";

let sandbox: RunningSandbox;
let org: Awaited<ReturnType<typeof createOrg>>;
let connections: Awaited<ReturnType<typeof connectSandbox>>;

async function connector(tool: string) {
  const c = connections.find((x) => x.tool === tool)!;
  return (await openConnection(testDb(), { organizationId: org.org.id, connectionId: c.id })).connector;
}

beforeAll(async () => {
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 5 });
  org = await createOrg(["ADMIN"]);
  connections = await connectSandbox(testDb(), { organizationId: org.org.id, origin: sandbox.origin, company: sandbox.store.state.company });
});
afterAll(async () => {
  await sandbox.close();
});

describe("reads through the official clients", () => {
  it("Jira: an issue with its comments and status history", async () => {
    const issue = sandbox.store.state.jira.issues.filter((i) => i.comments.length >= 2).at(0)!;
    const detail = await (await connector("JIRA")).getWorkItem!(issue.key);
    expect(detail.item.key).toBe(issue.key);
    expect(detail.item.title).toBe(issue.summary);
    expect(detail.comments).toHaveLength(issue.comments.length);
    expect(detail.comments.every((c) => c.body.length > 0 && c.url?.includes(issue.key))).toBe(true);
    expect(detail.history.length).toBeGreaterThan(0);
  });

  it("GitHub: a pull request with files, the diff, the conversation and review threads", async () => {
    const gh = sandbox.store.state.github;
    const threaded = gh.reviewComments.find((c) => c.inReplyToId !== null)!;
    const repo = gh.repos.find((r) => r.id === threaded.repoId)!;
    const detail = await (await connector("GITHUB")).getPullRequest!(repo.name, threaded.pullNumber);
    expect(detail.pullRequest.number).toBe(threaded.pullNumber);
    expect(detail.files.length).toBeGreaterThan(0);
    expect(detail.diff).toMatch(/^diff --git /m);
    const expected = gh.reviewComments.filter((c) => c.repoId === repo.id && c.pullNumber === threaded.pullNumber);
    expect(detail.threads.flatMap((t) => t.comments)).toHaveLength(expected.length);
    expect(detail.threads.some((t) => t.comments.length > 1)).toBe(true);
  });

  it("Notion: the rows of the roadmap database, filtered by the tool's own filter", async () => {
    const notion = await connector("NOTION");
    const roadmap = sandbox.store.state.notion.dataSourceIds.roadmap;
    const all = await notion.queryDocuments!(roadmap);
    expect(all.length).toBeGreaterThanOrEqual(15);
    expect(all.every((d) => d.kind === "data_source_row" && d.url.length > 0)).toBe(true);
    // The roadmap's Status is a Notion status property.
    const value = all[0]!.properties.Status as string;
    expect(value).toBeTruthy();
    const filtered = await notion.queryDocuments!(roadmap, { property: "Status", status: { equals: value } });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThanOrEqual(all.length);
    expect(filtered.every((d) => d.properties.Status === value)).toBe(true);
    expect(filtered.length).toBe(all.filter((d) => d.properties.Status === value).length);
  });
});
