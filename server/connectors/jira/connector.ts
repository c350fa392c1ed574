import { createAgileClient, createCloudClient, isApiError, isAuthError, isNetworkError, isRateLimitError, isSchemaMismatchError, isScopeError, type ApiError } from "jira.js";
import { createClient } from "jira.js/core";
import { createToolCall, requireFields } from "../call";
import { ConnectorError } from "../errors";
import {
  type CommentRecord,
  type WorkItemDetail,
  type ConnectionCheck,
  type Connector,
  type ConnectorContext,
  type NormalizedLink,
  type NormalizedSprintEvent,
  type NormalizedStatusChange,
  type NormalizedWorkItem,
  type SyncBatch,
  type SyncRequest,
} from "../types";
import { adfToText } from "./adf";
import { createJiraWriters } from "./writes";

/** Scopes a Jira connection needs for reading (Atlassian OAuth 2.0 classic scopes). */
export const JIRA_READ_SCOPES = ["read:jira-work", "read:jira-user"];
export const JIRA_WRITE_SCOPES = ["write:jira-work"];

/** The custom fields Jira sites keep story points in (team-managed, then company-managed). */
export const STORY_POINTS = ["customfield_10016", "customfield_10026", "customfield_10028"];
/** The Jira Software sprint field: every sprint the issue has been in. */
export const SPRINT_FIELD = "customfield_10020";
const EPIC_LINK = "customfield_10014";
const RANK_FIELD = "customfield_10019";
const FLAGGED_FIELD = "customfield_10021";

/** Sprint changelog items carry comma-separated sprint ids; the difference is what was added or removed. */
function sprintEvents(histories: NonNullable<RawIssue["changelog"]>["histories"]): NormalizedSprintEvent[] {
  const ids = (v: string | null | undefined) => new Set((v ?? "").split(",").map((x) => x.trim()).filter(Boolean));
  const events: NormalizedSprintEvent[] = [];
  for (const h of histories ?? []) {
    if (!h.created) continue;
    for (const i of h.items ?? []) {
      if (i.field !== "Sprint") continue;
      const from = ids(i.from);
      const to = ids(i.to);
      for (const id of to) if (!from.has(id)) events.push({ sprintId: id, action: "added", at: new Date(h.created) });
      for (const id of from) if (!to.has(id)) events.push({ sprintId: id, action: "removed", at: new Date(h.created) });
    }
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
const PAGE = 100;
/** Incremental syncs re-read a little before the cursor: Jira's `updated` has minute precision in JQL. */
const OVERLAP_MS = 2 * 60_000;

function mapError(e: unknown): ConnectorError {
  if (e instanceof ConnectorError) return e;
  if (isRateLimitError(e)) return new ConnectorError("rate_limited", "Jira rate limit", { status: 429, retryAfterMs: e.retryAfterMs ?? undefined, cause: e });
  if (isScopeError(e)) return new ConnectorError("scope", e.message, { status: 401, cause: e });
  if (isAuthError(e)) return new ConnectorError("auth", "Jira rejected the credentials", { status: 401, cause: e });
  if (isSchemaMismatchError(e)) return new ConnectorError("bad_response", e.message, { cause: e });
  if (isApiError(e)) {
    const err = e as ApiError;
    if (err.status === 403) return new ConnectorError("scope", "Jira refused the request (403): the account or token lacks permission", { status: 403, cause: e });
    if (err.status === 404) return new ConnectorError("not_found", "Not found in Jira", { status: 404, cause: e });
    if (err.status >= 500) return new ConnectorError("unavailable", `Jira answered ${err.status}`, { status: err.status, cause: e });
    return new ConnectorError("invalid_request", err.message, { status: err.status, cause: e });
  }
  if (isNetworkError(e)) return new ConnectorError("network", (e as Error).message, { cause: e });
  if (e instanceof SyntaxError) return new ConnectorError("bad_response", `Jira sent invalid JSON: ${e.message}`, { cause: e });
  return new ConnectorError("unavailable", e instanceof Error ? e.message : String(e), { cause: e });
}

/**
 * A JQL date literal for `d`. Jira reads JQL dates in the searching user's time zone, so the cursor
 * is written in that zone (from /myself), not in UTC.
 */
export function jqlDate(d: Date, timeZone = "UTC"): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** jira.js hands back the raw text when a body is not JSON; that is a broken response, not data. */
function expectObject<T>(value: T, what: string): T {
  if (value === null || typeof value !== "object") throw new ConnectorError("bad_response", `Jira sent ${what} that is not JSON`);
  return value;
}

type Fields = Record<string, unknown> & {
  summary?: string;
  description?: unknown;
  status?: { name?: string; statusCategory?: { key?: string } };
  issuetype?: { name?: string };
  priority?: { name?: string } | null;
  assignee?: { accountId?: string; displayName?: string } | null;
  reporter?: { accountId?: string } | null;
  project?: { key?: string };
  parent?: { key?: string; fields?: { issuetype?: { name?: string } } } | null;
  labels?: string[];
  fixVersions?: { id?: string }[];
  issuelinks?: { type?: { inward?: string; outward?: string; name?: string }; inwardIssue?: { key?: string }; outwardIssue?: { key?: string } }[];
  created?: string;
  updated?: string;
  resolutiondate?: string | null;
  duedate?: string | null;
};

interface RawIssue {
  id?: string;
  key?: string;
  fields?: Fields;
  changelog?: { histories?: { id?: string; created?: string; author?: { accountId?: string }; items?: { field?: string; from?: string | null; fromString?: string | null; toString?: string | null; to?: string | null }[] }[] };
}

/**
 * Jira Cloud through jira.js: projects, versions, boards and sprints, users, and issues with their
 * status history, by JQL on `updated`. Works against Atlassian's cloud (API token or OAuth bearer
 * through api.atlassian.com/ex/jira/{cloudId}) and the sandbox alike.
 */
export function createJiraConnector(ctx: ConnectorContext): Connector {
  const { credentials, connection } = ctx;
  const client = createClient({
    host: connection.baseUrl,
    auth:
      credentials.kind === "api_token" && credentials.email
        ? { type: "basic", email: credentials.email, apiToken: credentials.token }
        : { type: "bearer", getToken: ctx.accessToken },
    retry: { maxAttempts: 1 },
    onSchemaMismatch: "silent",
  });
  const jira = createCloudClient(client);
  const agile = createAgileClient(client);
  const toolCall = createToolCall(ctx, mapError);
  const call = <T>(operation: string, fn: (signal: AbortSignal) => Promise<T>) => toolCall(operation, async (signal) => expectObject(await fn(signal), `a ${operation} response`));
  let statusCategories: Map<string, string> | null = null;
  let siteUrl: string | null = null;
  let zone: string | null = null;

  async function timeZone(): Promise<string> {
    if (!zone) {
      const me = await call("myself.get", () => jira.myself.getCurrentUser());
      zone = typeof me.timeZone === "string" && me.timeZone ? me.timeZone : "UTC";
    }
    return zone;
  }

  async function categories() {
    if (!statusCategories) {
      const statuses = await call("status.list", () => jira.workflowStatuses.getStatuses());
      statusCategories = new Map(statuses.map((s) => [String(s.name), String(s.statusCategory?.key ?? "")]));
    }
    return statusCategories;
  }

  /** Links go to the Jira site people use, not the API host. */
  async function browseBase(): Promise<string> {
    if (!siteUrl) {
      const info = await call("serverInfo.get", () => jira.serverInfo.getServerInfo()).catch(() => null);
      siteUrl = (info?.baseUrl as string | undefined) ?? connection.baseUrl;
    }
    return siteUrl.replace(/\/$/, "");
  }

  function normalizeIssue(raw: RawIssue, base: string, cats: Map<string, string>): { item: NormalizedWorkItem; changes: NormalizedStatusChange[] } {
    requireFields(raw, ["id", "key", "fields"], "A Jira issue");
    const f = raw.fields!;
    requireFields(f, ["summary", "status", "issuetype", "created", "updated"], `Jira issue ${raw.key}`);
    const points = STORY_POINTS.map((k) => f[k]).find((v) => typeof v === "number") as number | undefined;
    const sprints = (Array.isArray(f[SPRINT_FIELD]) ? (f[SPRINT_FIELD] as { id?: number | string }[]) : []).map((s) => String(s.id));
    const parentIsEpic = f.parent?.fields?.issuetype?.name === "Epic";
    const links: NormalizedLink[] = (f.issuelinks ?? []).flatMap((l): NormalizedLink[] => {
      if (l.outwardIssue?.key) return [{ type: l.type?.outward ?? l.type?.name ?? "relates to", direction: "outward", key: l.outwardIssue.key }];
      if (l.inwardIssue?.key) return [{ type: l.type?.inward ?? l.type?.name ?? "relates to", direction: "inward", key: l.inwardIssue.key }];
      return [];
    });
    const key = raw.key!;
    const item: NormalizedWorkItem = {
      sourceId: raw.id!,
      key,
      url: `${base}/browse/${key}`,
      projectKey: f.project?.key ?? key.split("-")[0]!,
      type: f.issuetype?.name ?? "Task",
      title: f.summary!,
      description: adfToText(f.description) || null,
      status: f.status?.name ?? "Unknown",
      statusCategory: f.status?.statusCategory?.key ?? cats.get(f.status?.name ?? "") ?? "new",
      priority: f.priority?.name ?? null,
      storyPoints: points ?? null,
      assigneeId: f.assignee?.accountId ?? null,
      assigneeName: f.assignee?.displayName ?? null,
      reporterId: f.reporter?.accountId ?? null,
      epicKey: parentIsEpic ? (f.parent?.key ?? null) : typeof f[EPIC_LINK] === "string" ? (f[EPIC_LINK] as string) : null,
      parentKey: f.parent?.key && !parentIsEpic ? f.parent.key : null,
      sprintIds: sprints,
      fixVersionIds: (f.fixVersions ?? []).map((v) => String(v.id)),
      labels: f.labels ?? [],
      links,
      flagged: Array.isArray(f[FLAGGED_FIELD]) && (f[FLAGGED_FIELD] as unknown[]).length > 0,
      rank: typeof f[RANK_FIELD] === "string" ? (f[RANK_FIELD] as string) : null,
      sprintHistory: sprintEvents(raw.changelog?.histories),
      createdAt: new Date(f.created!),
      updatedAt: new Date(f.updated!),
      resolvedAt: f.resolutiondate ? new Date(f.resolutiondate) : null,
      dueDate: f.duedate ? new Date(f.duedate) : null,
    };
    const changes: NormalizedStatusChange[] = (raw.changelog?.histories ?? []).flatMap((h) =>
      (h.items ?? [])
        .filter((i) => i.field === "status" && i.toString)
        .map((i, n) => ({
          sourceId: `${h.id}:${n}`,
          workItemKey: key,
          fromStatus: i.fromString ?? null,
          toStatus: i.toString!,
          toCategory: cats.get(i.toString!) ?? null,
          authorId: h.author?.accountId ?? null,
          at: new Date(h.created!),
        })),
    );
    return { item, changes };
  }

  return {
    tool: "JIRA",
    writers: createJiraWriters({ ctx, mapError, client, jira, agile, browseBase, timeZone }),

    async test(): Promise<ConnectionCheck> {
      const me = await call("myself.get", () => jira.myself.getCurrentUser());
      const granted = credentials.kind === "oauth" ? (ctx.connection.settings as { grantedScopes?: string[] }).grantedScopes ?? [] : ["api-token"];
      const missing = credentials.kind === "oauth" ? JIRA_READ_SCOPES.filter((s) => !granted.includes(s)) : [];
      return { account: { id: String(me.accountId), name: String(me.displayName ?? me.emailAddress ?? me.accountId) }, scopes: granted, missingScopes: missing };
    },

    async searchWorkItems(jql: string, limit: number): Promise<NormalizedWorkItem[]> {
      const base = await browseBase();
      const cats = await categories();
      const page = await call("issues.search", () => jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql, maxResults: Math.min(limit, PAGE), fields: ["*all"] }));
      return ((page.issues ?? []) as RawIssue[]).map((i) => normalizeIssue(i, base, cats).item);
    },

    async getWorkItem(key: string): Promise<WorkItemDetail> {
      const base = await browseBase();
      const cats = await categories();
      const raw = (await call("issues.get", () => jira.issues.getIssue({ issueIdOrKey: key, expand: "changelog", fields: ["*all"] }))) as RawIssue;
      const { item, changes } = normalizeIssue(raw, base, cats);
      const comments: CommentRecord[] = [];
      for (let startAt = 0; ; startAt += PAGE) {
        const page = await call("comments.list", () => jira.issueComments.getComments({ issueIdOrKey: key, startAt, maxResults: PAGE }));
        for (const c of page.comments ?? []) {
          comments.push({
            sourceId: String(c.id),
            authorId: (c.author?.accountId as string | undefined) ?? null,
            authorName: (c.author?.displayName as string | undefined) ?? null,
            body: adfToText(c.body),
            url: `${item.url}?focusedCommentId=${c.id}`,
            createdAt: new Date(String(c.created)),
          });
        }
        if ((page.comments ?? []).length < PAGE || startAt + PAGE >= (page.total ?? 0)) break;
      }
      return { item, comments, history: changes };
    },

    async *sync({ since }: SyncRequest): AsyncIterable<SyncBatch> {
      const base = await browseBase();
      const cats = await categories();

      const people = [];
      for (let startAt = 0; ; startAt += PAGE) {
        const page = await call("users.list", () => jira.users.getAllUsers({ startAt, maxResults: PAGE }));
        people.push(...page);
        if (page.length < PAGE) break;
      }
      yield {
        kind: "people",
        resource: "jira:users",
        progress: { done: people.length, total: people.length },
        rows: people
          .filter((u) => u.accountId)
          .map((u) => ({
            sourceId: String(u.accountId),
            displayName: String(u.displayName ?? u.accountId),
            email: (u.emailAddress as string | undefined) ?? null,
            url: null,
            avatarUrl: (u.avatarUrls as Record<string, string> | undefined)?.["48x48"] ?? null,
            active: u.active !== false,
          })),
      };

      const wanted = connection.settings.projects ?? [];
      const projects: { id: string; key: string; name: string; leadId: string | null }[] = [];
      for (let startAt = 0; ; startAt += PAGE) {
        const page = await call("projects.search", () => jira.projects.searchProjects({ startAt, maxResults: PAGE, expand: "lead" }));
        for (const p of page.values ?? [])
          if (p.key && p.id && (wanted.length === 0 || wanted.includes(p.key)))
            projects.push({ id: String(p.id), key: p.key, name: String(p.name ?? p.key), leadId: (p.lead?.accountId as string | undefined) ?? null });
        if (page.isLast !== false || (page.values ?? []).length === 0) break;
      }
      yield {
        kind: "projects",
        resource: "jira:projects",
        progress: { done: projects.length, total: projects.length },
        rows: projects.map((p) => ({ sourceId: p.id, key: p.key, name: p.name, leadId: p.leadId, url: `${base}/jira/software/projects/${p.key}/boards` })),
      };

      for (const project of projects) {
        const versions = await call("versions.list", () => jira.projectVersions.getProjectVersions({ projectIdOrKey: project.key }));
        yield {
          kind: "releases",
          resource: `jira:releases:${project.key}`,
          progress: { done: versions.length, total: versions.length },
          rows: versions.map((v) => ({
            sourceId: String(v.id),
            projectKey: project.key,
            name: String(v.name),
            description: (v.description as string | undefined) ?? null,
            released: Boolean(v.released),
            releaseDate: v.releaseDate ? new Date(String(v.releaseDate)) : null,
            startDate: v.startDate ? new Date(String(v.startDate)) : null,
            url: `${base}/projects/${project.key}/versions/${v.id}`,
          })),
        };

        const boards = await call("boards.list", () => agile.board.getAllBoards({ projectKeyOrId: project.key, maxResults: 50 }));
        for (const board of boards.values ?? []) {
          const sprints = [];
          for (let startAt = 0; ; startAt += 50) {
            const page = await call("sprints.list", () => agile.board.getAllSprints({ boardId: Number(board.id), startAt, maxResults: 50 }));
            sprints.push(...(page.values ?? []));
            if (page.isLast !== false || (page.values ?? []).length === 0) break;
          }
          yield {
            kind: "sprints",
            resource: `jira:sprints:${board.id}`,
            progress: { done: sprints.length, total: sprints.length },
            rows: sprints.map((s) => ({
              sourceId: String(s.id),
              boardId: String(board.id),
              projectKey: project.key,
              name: String(s.name),
              state: String(s.state),
              goal: (s.goal as string | undefined) || null,
              url: `${base}/jira/software/projects/${project.key}/boards/${board.id}`,
              startDate: s.startDate ? new Date(String(s.startDate)) : null,
              endDate: s.endDate ? new Date(String(s.endDate)) : null,
              completeDate: s.completeDate ? new Date(String(s.completeDate)) : null,
            })),
          };
        }

        const jql = since
          ? `project = "${project.key}" AND updated >= "${jqlDate(new Date(since.getTime() - OVERLAP_MS), await timeZone())}" ORDER BY updated ASC`
          : `project = "${project.key}" ORDER BY created ASC`;
        let total: number | null = null;
        if (!since) {
          const count = await call("issues.count", () => jira.issueSearch.countIssues({ jql: `project = "${project.key}"` })).catch(() => null);
          total = typeof count?.count === "number" ? count.count : null;
        }
        let done = 0;
        let nextPageToken: string | undefined;
        do {
          const page = await call("issues.search", () =>
            jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql, maxResults: PAGE, nextPageToken, fields: ["*all"], expand: "changelog" }),
          );
          const issues = (page.issues ?? []) as RawIssue[];
          const normalized = issues.map((i) => normalizeIssue(i, base, cats));
          done += normalized.length;
          yield {
            kind: "workItems",
            resource: `jira:issues:${project.key}`,
            progress: { done, total },
            rows: normalized.map((n) => n.item),
            statusChanges: normalized.flatMap((n) => n.changes),
          };
          nextPageToken = page.isLast === false && page.nextPageToken ? page.nextPageToken : undefined;
        } while (nextPageToken);
      }
    },
  };
}
