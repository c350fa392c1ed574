import { Hono, type Context } from "hono";
import { z } from "zod";
import { type SandboxStore } from "../core/store";
import { githubError, invalidRequest, notFound, paginate, problemsParsingJson, validationFailed, type ValidationIssue } from "./http";
import { canonicalRepoUrl, resolveRepo, type GithubEnv } from "./request-context";
import { isoSeconds } from "./seed-util";
import { type GithubIssue, type GithubIssueComment, type GithubPull, type GithubRepo } from "./state";
import { findUser, issueCommentJson, issueJson, simpleUser } from "./wire";

const DOCS = "https://docs.github.com/rest/issues/issues";
const COMMENT_DOCS = "https://docs.github.com/rest/issues/comments";
const ASSIGNEE_DOCS = "https://docs.github.com/rest/issues/assignees";
const R = (suffix: string) => [`/repos/:owner/:repo${suffix}`, `/repositories/:repository_id{[0-9]+}${suffix}`];
const MAX_BODY = 65536;

const listQuery = z.object({
  state: z.enum(["open", "closed", "all"]).catch("open"),
  labels: z.string().optional(),
  sort: z.enum(["created", "updated", "comments"]).catch("created"),
  direction: z.enum(["asc", "desc"]).catch("desc"),
  since: z.iso.datetime({ offset: true }).optional().catch(undefined),
  assignee: z.string().optional(),
  creator: z.string().optional(),
  mentioned: z.string().optional(),
});

const commentListQuery = z.object({
  sort: z.enum(["created", "updated"]).optional().catch(undefined),
  direction: z.enum(["asc", "desc"]).optional().catch(undefined),
  since: z.iso.datetime({ offset: true }).optional().catch(undefined),
});

const labelInput = z.union([z.string(), z.object({ name: z.string() }).transform((l) => l.name)]);

const createIssueBody = z.object({
  title: z.union([z.string(), z.number()]).transform(String),
  body: z.string().nullish(),
  assignee: z.string().nullish(),
  assignees: z.array(z.string()).optional(),
  labels: z.array(labelInput).optional(),
  milestone: z.union([z.string(), z.number()]).nullish(),
});

const updateIssueBody = createIssueBody.partial().extend({
  state: z.enum(["open", "closed"]).optional(),
  state_reason: z.enum(["completed", "not_planned", "reopened"]).nullish(),
});

const commentBody = z.object({ body: z.string() });

type Parsed<T> = { data: T } | { response: Response };

/** GitHub's JSON body handling: 400 for unparseable JSON, 422 "Invalid request" naming the first schema problem. */
async function parseBody<T>(c: Context<GithubEnv>, schema: z.ZodType<T>, docs: string): Promise<Parsed<T>> {
  const text = await c.req.text();
  let raw: unknown = {};
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      return { response: problemsParsingJson(c, docs) };
    }
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return { response: invalidRequest(c, `For 'links/0/schema', ${JSON.stringify(raw)} is not an object.`, docs) };
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { data: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? "");
  const value = (raw as Record<string, unknown>)[field];
  const detail = value === undefined ? `"${field}" wasn't supplied.` : `For 'properties/${field}', ${JSON.stringify(value)} is not ${issue.code === "invalid_value" ? "a valid value" : "of the expected type"}.`;
  return { response: invalidRequest(c, detail, docs) };
}

const maxOf = (values: number[]) => values.reduce((m, v) => Math.max(m, v), 0);

/** Issues (pull requests included, as GitHub lists them), conversation comments, and the issue writes. */
export function issueRoutes(store: SandboxStore): Hono<GithubEnv> {
  const app = new Hono<GithubEnv>();

  const findItem = (repo: GithubRepo, n: string): GithubIssue | GithubPull | undefined => {
    const g = store.state.github;
    return g.issues.find((i) => i.repoId === repo.id && String(i.number) === n) ?? g.pulls.find((p) => p.repoId === repo.id && String(p.number) === n);
  };

  /** Assignees must be people who can push to the repository: the organisation's members. */
  const assignable = (login: string) => !!findUser(store.state, login)?.personId;
  const invalidAssignees = (logins: string[]): ValidationIssue[] =>
    logins.filter((l) => !assignable(l)).map((l) => ({ value: l, resource: "Issue", field: "assignees", code: "invalid" as const }));

  /** GitHub's refusals of writes to an archived repository (403), to disabled issues (410) and to a locked conversation (403). */
  const refusal = (c: Context<GithubEnv>, repo: GithubRepo, docs: string, target: { creatingIssue?: boolean; item?: GithubIssue | GithubPull } = {}): Response | null => {
    if (repo.archived) return githubError(c, 403, "Repository was archived so is read-only.", docs);
    if (target.creatingIssue && repo.hasIssues === false) return githubError(c, 410, "Issues are disabled for this repo", docs);
    if (target.item?.locked) return githubError(c, 403, "Unable to create comment because issue is locked.", docs);
    return null;
  };

  app.on("GET", R("/assignees"), (c) => {
    const r = resolveRepo(c, "read", `${ASSIGNEE_DOCS}#list-assignees`);
    if ("response" in r) return r.response;
    const { wire } = c.get("gh");
    const people = wire.state.github.users.filter((u) => assignable(u.login)).sort((a, b) => a.login.toLowerCase().localeCompare(b.login.toLowerCase()));
    return c.json(paginate(c, people, canonicalRepoUrl(c, r.repo)).map((u) => simpleUser(wire, u.login)));
  });

  app.on("GET", R("/assignees/:assignee"), (c) => {
    const docs = `${ASSIGNEE_DOCS}#check-if-a-user-can-be-assigned`;
    const r = resolveRepo(c, "read", docs);
    if ("response" in r) return r.response;
    return assignable(c.req.param("assignee") ?? "") ? c.body(null, 204) : notFound(c, docs);
  });

  /** Label ids for names, creating labels that do not exist yet (GitHub does, for writers). */
  const labelIds = (repo: GithubRepo, names: string[]): number[] => {
    const g = store.state.github;
    return [...new Set(names)].map((name) => {
      const found = g.labels.find((l) => l.repoId === repo.id && l.name.toLowerCase() === name.toLowerCase());
      if (found) return found.id;
      const id = store.nextId("github.label", maxOf(g.labels.map((l) => l.id)) + 1);
      g.labels.push({ id, repoId: repo.id, name, color: "ededed", description: null, default: false });
      return id;
    });
  };

  app.on("GET", R("/issues"), (c) => {
    const r = resolveRepo(c, "read", `${DOCS}#list-repository-issues`);
    if ("response" in r) return r.response;
    const { wire } = c.get("gh");
    const g = wire.state.github;
    const q = listQuery.parse(c.req.query());
    const wanted = q.labels?.split(",").map((l) => l.trim().toLowerCase()).filter(Boolean) ?? [];
    const labelNames = (ids: number[]) => ids.map((id) => g.labels.find((l) => l.id === id)?.name.toLowerCase() ?? "");
    const comments = (n: number) => g.issueComments.filter((x) => x.repoId === r.repo.id && x.issueNumber === n).length;
    const items: (GithubIssue | GithubPull)[] = [...g.issues, ...g.pulls].filter((i) => i.repoId === r.repo.id);
    const key = { created: (i: GithubIssue | GithubPull) => Date.parse(i.createdAt), updated: (i: GithubIssue | GithubPull) => Date.parse(i.updatedAt), comments: (i: GithubIssue | GithubPull) => comments(i.number) }[q.sort];
    const list = items
      .filter((i) => q.state === "all" || i.state === q.state)
      .filter((i) => wanted.every((w) => labelNames(i.labelIds).includes(w)))
      .filter((i) => !q.since || Date.parse(i.updatedAt) >= Date.parse(q.since))
      .filter((i) => {
        if (q.assignee === undefined) return true;
        if (q.assignee === "none") return i.assigneeLogins.length === 0;
        if (q.assignee === "*") return i.assigneeLogins.length > 0;
        return i.assigneeLogins.some((a) => a.toLowerCase() === q.assignee!.toLowerCase());
      })
      .filter((i) => !q.creator || i.authorLogin.toLowerCase() === q.creator.toLowerCase())
      .filter((i) => !q.mentioned || (i.body ?? "").toLowerCase().includes(`@${q.mentioned.toLowerCase()}`))
      .sort((a, b) => (key(a) - key(b) || a.number - b.number) * (q.direction === "asc" ? 1 : -1));
    return c.json(paginate(c, list, canonicalRepoUrl(c, r.repo)).map((i) => issueJson(wire, r.repo, i)));
  });

  app.on("POST", R("/issues"), async (c) => {
    const docs = `${DOCS}#create-an-issue`;
    const r = resolveRepo(c, "write", docs);
    if ("response" in r) return r.response;
    const refused = refusal(c, r.repo, docs, { creatingIssue: true });
    if (refused) return refused;
    const parsed = await parseBody(c, createIssueBody, docs);
    if ("response" in parsed) return parsed.response;
    const input = parsed.data;
    const errors: ValidationIssue[] = [];
    if (!input.title.trim()) errors.push({ resource: "Issue", code: "missing_field", field: "title" });
    const assignees = [...new Set([...(input.assignees ?? []), ...(input.assignee ? [input.assignee] : [])])];
    errors.push(...invalidAssignees(assignees));
    if (input.milestone !== undefined && input.milestone !== null) errors.push({ value: input.milestone, resource: "Issue", field: "milestone", code: "invalid" });
    if ((input.body ?? "").length > MAX_BODY) errors.push({ resource: "Issue", field: "body", code: "custom", message: `body is too long (maximum is ${MAX_BODY} characters)` });
    if (errors.length) return validationFailed(c, errors, docs);

    const gh = c.get("gh");
    const g = store.state.github;
    const now = isoSeconds(store.tick());
    const issue: GithubIssue = {
      id: store.nextId("github.issue", maxOf([...g.issues.map((i) => i.id), ...g.pulls.map((p) => p.issueId)]) + 1),
      repoId: r.repo.id,
      number: store.nextId(`github.number.${r.repo.id}`, maxOf([...g.issues, ...g.pulls].filter((i) => i.repoId === r.repo.id).map((i) => i.number)) + 1),
      title: input.title,
      body: input.body ?? null,
      state: "open",
      stateReason: null,
      locked: false,
      authorLogin: gh.viewer.login,
      assigneeLogins: assignees.map((a) => findUser(store.state, a)!.login),
      labelIds: labelIds(r.repo, input.labels ?? []),
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedByLogin: null,
    };
    g.issues.push(issue);
    const json = issueJson(gh.wire, r.repo, issue, { single: true });
    return c.json(json, 201, { location: String(json.url) });
  });

  app.on("GET", R("/issues/comments"), (c) => {
    const r = resolveRepo(c, "read", `${COMMENT_DOCS}#list-issue-comments-for-a-repository`);
    if ("response" in r) return r.response;
    const { wire } = c.get("gh");
    const q = commentListQuery.parse(c.req.query());
    const field = q.sort === "updated" ? "updatedAt" : "createdAt";
    const direction = q.sort ? (q.direction ?? "desc") : "asc";
    const list = wire.state.github.issueComments
      .filter((x) => x.repoId === r.repo.id)
      .filter((x) => !q.since || Date.parse(x.updatedAt) >= Date.parse(q.since))
      .sort((a, b) => (a[field].localeCompare(b[field]) || a.id - b.id) * (direction === "asc" ? 1 : -1));
    return c.json(paginate(c, list, canonicalRepoUrl(c, r.repo)).map((x) => issueCommentJson(wire, r.repo, x)));
  });

  const findComment = (repo: GithubRepo, id: string) => store.state.github.issueComments.find((x) => x.repoId === repo.id && String(x.id) === id);

  app.on("GET", R("/issues/comments/:comment_id{[0-9]+}"), (c) => {
    const r = resolveRepo(c, "read", `${COMMENT_DOCS}#get-an-issue-comment`);
    if ("response" in r) return r.response;
    const comment = findComment(r.repo, c.req.param("comment_id") ?? "");
    return comment ? c.json(issueCommentJson(c.get("gh").wire, r.repo, comment)) : notFound(c, `${COMMENT_DOCS}#get-an-issue-comment`);
  });

  app.on("PATCH", R("/issues/comments/:comment_id{[0-9]+}"), async (c) => {
    const docs = `${COMMENT_DOCS}#update-an-issue-comment`;
    const r = resolveRepo(c, "write", docs);
    if ("response" in r) return r.response;
    const comment = findComment(r.repo, c.req.param("comment_id") ?? "");
    if (!comment) return notFound(c, docs);
    const parsed = await parseBody(c, commentBody, docs);
    if ("response" in parsed) return parsed.response;
    const problem = commentProblem(parsed.data.body);
    if (problem) return validationFailed(c, [problem], docs);
    comment.body = parsed.data.body;
    comment.updatedAt = isoSeconds(store.tick());
    return c.json(issueCommentJson(c.get("gh").wire, r.repo, comment));
  });

  app.on("DELETE", R("/issues/comments/:comment_id{[0-9]+}"), (c) => {
    const docs = `${COMMENT_DOCS}#delete-an-issue-comment`;
    const r = resolveRepo(c, "write", docs);
    if ("response" in r) return r.response;
    const comments = store.state.github.issueComments;
    const i = comments.findIndex((x) => x.repoId === r.repo.id && String(x.id) === c.req.param("comment_id"));
    if (i < 0) return notFound(c, docs);
    comments.splice(i, 1);
    return c.body(null, 204);
  });

  app.on("GET", R("/issues/:issue_number{[0-9]+}"), (c) => {
    const r = resolveRepo(c, "read", `${DOCS}#get-an-issue`);
    if ("response" in r) return r.response;
    const item = findItem(r.repo, c.req.param("issue_number") ?? "");
    return item ? c.json(issueJson(c.get("gh").wire, r.repo, item, { single: true })) : notFound(c, `${DOCS}#get-an-issue`);
  });

  app.on("PATCH", R("/issues/:issue_number{[0-9]+}"), async (c) => {
    const docs = `${DOCS}#update-an-issue`;
    const r = resolveRepo(c, "write", docs);
    if ("response" in r) return r.response;
    const item = findItem(r.repo, c.req.param("issue_number") ?? "");
    if (!item) return notFound(c, docs);
    const parsed = await parseBody(c, updateIssueBody, docs);
    if ("response" in parsed) return parsed.response;
    const input = parsed.data;
    const errors: ValidationIssue[] = [];
    if (input.title !== undefined && !input.title.trim()) errors.push({ resource: "Issue", code: "missing_field", field: "title" });
    const assignees = input.assignees ?? (input.assignee !== undefined ? (input.assignee ? [input.assignee] : []) : undefined);
    if (assignees) errors.push(...invalidAssignees(assignees));
    if (input.milestone !== undefined && input.milestone !== null) errors.push({ value: input.milestone, resource: "Issue", field: "milestone", code: "invalid" });
    if (errors.length) return validationFailed(c, errors, docs);

    const gh = c.get("gh");
    const now = isoSeconds(store.tick());
    if (input.title !== undefined) item.title = input.title;
    if (input.body !== undefined) item.body = input.body ?? "";
    if (assignees) item.assigneeLogins = assignees.map((a) => findUser(store.state, a)!.login);
    if (input.labels) item.labelIds = labelIds(r.repo, input.labels);
    // A merged pull request stays closed; GitHub ignores state changes to it.
    if (input.state && input.state !== item.state && !("mergedAt" in item && item.mergedAt)) {
      item.state = input.state;
      item.closedAt = input.state === "closed" ? now : null;
      if (!("headRef" in item)) {
        item.closedByLogin = input.state === "closed" ? gh.viewer.login : null;
        item.stateReason = input.state === "closed" ? (input.state_reason ?? "completed") : "reopened";
      }
    } else if (!("headRef" in item) && input.state_reason !== undefined && item.state === "closed") {
      item.stateReason = input.state_reason;
    }
    item.updatedAt = now;
    return c.json(issueJson(gh.wire, r.repo, item, { single: true }));
  });

  app.on("GET", R("/issues/:issue_number{[0-9]+}/comments"), (c) => {
    const docs = `${COMMENT_DOCS}#list-issue-comments`;
    const r = resolveRepo(c, "read", docs);
    if ("response" in r) return r.response;
    const item = findItem(r.repo, c.req.param("issue_number") ?? "");
    if (!item) return notFound(c, docs);
    const since = commentListQuery.parse(c.req.query()).since;
    const list = store.state.github.issueComments
      .filter((x) => x.repoId === r.repo.id && x.issueNumber === item.number)
      .filter((x) => !since || Date.parse(x.updatedAt) >= Date.parse(since))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
    return c.json(paginate(c, list, canonicalRepoUrl(c, r.repo)).map((x) => issueCommentJson(c.get("gh").wire, r.repo, x)));
  });

  app.on("POST", R("/issues/:issue_number{[0-9]+}/comments"), async (c) => {
    const docs = `${COMMENT_DOCS}#create-an-issue-comment`;
    const r = resolveRepo(c, "write", docs);
    if ("response" in r) return r.response;
    const item = findItem(r.repo, c.req.param("issue_number") ?? "");
    if (!item) return notFound(c, docs);
    const refused = refusal(c, r.repo, docs, { item });
    if (refused) return refused;
    const parsed = await parseBody(c, commentBody, docs);
    if ("response" in parsed) return parsed.response;
    const problem = commentProblem(parsed.data.body);
    if (problem) return validationFailed(c, [problem], docs);
    const g = store.state.github;
    const now = isoSeconds(store.tick());
    const comment: GithubIssueComment = {
      id: store.nextId("github.issueComment", maxOf(g.issueComments.map((x) => x.id)) + 1),
      repoId: r.repo.id,
      issueNumber: item.number,
      authorLogin: c.get("gh").viewer.login,
      body: parsed.data.body,
      createdAt: now,
      updatedAt: now,
    };
    g.issueComments.push(comment);
    item.updatedAt = now;
    const json = issueCommentJson(c.get("gh").wire, r.repo, comment);
    return c.json(json, 201, { location: String(json.url) });
  });

  return app;
}

function commentProblem(body: string): ValidationIssue | null {
  if (!body.trim()) return { resource: "IssueComment", code: "unprocessable", field: "data", message: "Body cannot be blank" };
  if (body.length > MAX_BODY) return { resource: "IssueComment", code: "unprocessable", field: "data", message: `Body is too long (maximum is ${MAX_BODY} characters)` };
  return null;
}
