import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS } from "../core/seed";
import { startSandboxServer, type RunningSandbox } from "../core/server";
import { pageTitle } from "../notion/properties";

let sandbox: RunningSandbox;
const tokens = SANDBOX_CREDENTIALS.apiTokens;

beforeAll(async () => {
  sandbox = await startSandboxServer({ seed: 7 });
});
afterAll(async () => {
  await sandbox.close();
});

/** How hono/html renders a value from state. */
const escaped = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

async function api<T>(url: string, init: RequestInit & { token: string; headers?: Record<string, string> }): Promise<T> {
  const res = await fetch(url, { ...init, headers: { authorization: `Bearer ${init.token}`, "content-type": "application/json", ...init.headers } });
  expect(res.status, url).toBeLessThan(300);
  return (await res.json()) as T;
}

async function slack<T>(method: string, args: Record<string, string>): Promise<T> {
  const body = await api<T & { ok: boolean }>(`${sandbox.urls.slackApiUrl}${method}`, { method: "POST", token: tokens.slack, body: JSON.stringify(args) });
  expect(body.ok, method).toBe(true);
  return body;
}

/** Opens a link as a person would, expecting the sandbox's own HTML page. */
async function open(link: string): Promise<string> {
  expect(link.startsWith(`${sandbox.origin}/web/`), link).toBe(true);
  const res = await fetch(link);
  expect(res.status, link).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  const page = await res.text();
  expect(page).toContain("Northwind Robotics · ");
  expect(page).not.toMatch(/<script/i);
  return page;
}

describe("sandbox web pages", () => {
  it("opens a Jira issue from serverInfo's baseUrl, as the connector builds browse links", async () => {
    const info = await api<{ baseUrl: string }>(`${sandbox.urls.jiraHost}/rest/api/3/serverInfo`, { token: tokens.jira });
    expect(info.baseUrl).toBe(`${sandbox.origin}/web/jira`);
    const issue = sandbox.store.state.jira.issues.find((i) => i.comments.length > 0 && i.changelog.length > 0)!;
    const page = await open(`${info.baseUrl}/browse/${issue.key}`);
    expect(page).toContain(escaped(issue.summary));
    expect(page).toContain("Status history");
    for (const key of sandbox.store.state.jira.hostileIds.filter((id) => /^[A-Z]+-\d+$/.test(id)).slice(0, 5)) await open(`${info.baseUrl}/browse/${key}`);
  });

  it("opens a GitHub pull request, its author and an issue from their html_url", async () => {
    const g = sandbox.store.state.github;
    const reviewed = g.pulls.find((p) => g.reviews.some((r) => r.repoId === p.repoId && r.pullNumber === p.number))!;
    const repo = g.repos.find((r) => r.id === reviewed.repoId)!;
    const pull = await api<{ html_url: string; title: string; user: { html_url: string; login: string } }>(`${sandbox.urls.githubBaseUrl}/repos/${g.org.login}/${repo.name}/pulls/${reviewed.number}`, { token: tokens.github });
    expect(pull.html_url).toBe(`${sandbox.origin}/web/github/${g.org.login}/${repo.name}/pull/${reviewed.number}`);
    const page = await open(pull.html_url);
    expect(page).toContain(escaped(pull.title));
    expect(page).toContain("Files changed");
    expect(page).toContain("Reviews (");
    expect(await open(pull.user.html_url)).toContain(pull.user.login);

    const seeded = g.issues[0]!;
    const issueRepo = g.repos.find((r) => r.id === seeded.repoId)!;
    const issue = await api<{ html_url: string; title: string }>(`${sandbox.urls.githubBaseUrl}/repos/${g.org.login}/${issueRepo.name}/issues/${seeded.number}`, { token: tokens.github });
    expect(await open(issue.html_url)).toContain(escaped(issue.title));
  });

  it("opens a Notion page from its url", async () => {
    const search = await api<{ results: { id: string; url: string; object: string }[] }>(`${sandbox.urls.notionBaseUrl}/v1/search`, {
      method: "POST",
      token: tokens.notion,
      headers: { "notion-version": "2025-09-03" },
      body: JSON.stringify({ filter: { property: "object", value: "page" }, page_size: 5 }),
    });
    const hit = search.results[0]!;
    expect(hit.url.startsWith(`${sandbox.origin}/web/notion/`)).toBe(true);
    const stored = sandbox.store.state.notion.pages.find((p) => p.id === hit.id)!;
    expect(await open(hit.url)).toContain(escaped(pageTitle(stored)));
  });

  it("opens a Slack permalink with the thread's replies, escaping hostile text", async () => {
    const s = sandbox.store.state.slack;
    const reply = s.messages.find((m) => m.threadTs && m.threadTs !== m.ts && m.user)!;
    const root = s.messages.find((m) => m.channel === reply.channel && m.ts === reply.threadTs)!;
    const { permalink } = await slack<{ permalink: string }>("chat.getPermalink", { channel: reply.channel, message_ts: reply.ts });
    expect(permalink.startsWith(`${sandbox.origin}/web/slack/archives/${reply.channel}/p`)).toBe(true);
    const page = await open(permalink);
    expect(page).toContain(escaped(root.text));
    expect(page).toContain(escaped(reply.text));

    const posted = await slack<{ ts: string; channel: string }>("chat.postMessage", { channel: reply.channel, text: `<script>alert("pwned")</script> deploy at 5` });
    const link = await slack<{ permalink: string }>("chat.getPermalink", { channel: posted.channel, message_ts: posted.ts });
    const hostile = await open(link.permalink);
    expect(hostile).toContain("&lt;script&gt;");
  });

  it("sends links stored inside texts as links to the sandbox's pages", async () => {
    const { jiraSite } = sandbox.store.state.company;
    const org = sandbox.store.state.github.org.login;
    const stored = sandbox.store.state.slack.messages.find((m) => !m.threadTs && (m.text.includes(jiraSite) || m.text.includes(`https://github.com/${org}/`)))!;
    const history = await slack<{ messages: { ts: string; text: string }[] }>("conversations.history", { channel: stored.channel, latest: stored.ts, oldest: stored.ts, inclusive: "true", limit: "1" });
    const text = history.messages.find((m) => m.ts === stored.ts)!.text;
    expect(text).not.toContain(jiraSite);
    expect(text).not.toContain(`https://github.com/${org}/`);
    const link = text.match(new RegExp(`${sandbox.origin}/web/(jira/browse|github/${org})/[^|>\\s]+`))![0];
    expect((await fetch(link)).headers.get("content-type")).toMatch(/^text\/html/);
  });

  it("answers unknown items with a 404 page", async () => {
    for (const path of ["/web/jira/browse/NOPE-999999", "/web/github/northwind-robotics/nope/pull/1", "/web/notion/Missing-00000000000000000000000000000000", "/web/slack/archives/C0NOPE/p1700000000000100"]) {
      const res = await fetch(`${sandbox.origin}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await res.text()).toContain("Not found");
    }
  });
});
