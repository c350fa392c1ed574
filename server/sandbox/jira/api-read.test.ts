import { isNotFoundError } from "jira.js";
import { IssueSchema as AgileIssueSchema } from "jira.js/agile";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { statusCategoryKey } from "./catalog";
import { runJql } from "./jql-eval";
import { buildLookup, sandboxNow } from "./lookup";
import { failure, startJiraTestbed, type JiraTestbed } from "./testing/clients";

let t: JiraTestbed;

beforeAll(async () => {
  t = await startJiraTestbed(1);
});
afterAll(async () => {
  await t.sandbox.close();
});

/** The reference answer: the JQL evaluated directly over the store, as the API token's user. */
function expected(jql: string): string[] {
  const state = t.sandbox.store.state;
  const admin = state.company.people.find((p) => p.role === "admin")!;
  return runJql(jql, { lookup: buildLookup(state), now: sandboxNow(state), currentAccountId: admin.jiraAccountId, timeZone: admin.timezone }).map((i) => i.key);
}

describe("enhanced JQL search", () => {
  it.each([
    "project = PAY AND sprint in openSprints() ORDER BY Rank ASC",
    'statusCategory = "In Progress" AND assignee is not EMPTY ORDER BY updated DESC',
    "issuetype in (Bug, Story) AND priority >= High AND labels in (tech-debt, crash, infra) ORDER BY priority DESC, key ASC",
    'updated >= -14d AND text ~ "review" ORDER BY created DESC',
    "project in (PAY, MOB, PLAT) AND status != Done AND sprint is EMPTY ORDER BY key",
    "key in (PAY-1, MOB-2, PLAT-3) OR (project = PLAT AND created <= \"2026-09-01\")",
  ])("pages through every result of %j", async (jql) => {
    const seen: string[] = [];
    let nextPageToken: string | undefined;
    let pages = 0;
    do {
      const page = await t.jira.issueSearch.searchAndReconsileIssuesUsingJql({ jql, maxResults: 7, nextPageToken, fields: ["summary", "status", "assignee", "customfield_10016", "customfield_10020"] });
      pages++;
      for (const issue of page.issues ?? []) {
        seen.push(issue.key!);
        expect(issue.fields).toHaveProperty("summary");
        expect(issue.fields).not.toHaveProperty("description");
      }
      expect(page.isLast).toBe(!page.nextPageToken);
      nextPageToken = page.nextPageToken ?? undefined;
    } while (nextPageToken);
    const want = expected(jql);
    expect(want.length).toBeGreaterThan(0);
    expect(seen).toEqual(want);
    expect(pages).toBe(Math.max(1, Math.ceil(want.length / 7)));
  });

  it("POSTs the same search, returns only ids by default, and counts", async () => {
    const jql = "project = MOB AND statusCategory != Done ORDER BY key ASC";
    const page = await t.jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql, maxResults: 500 });
    expect(page.issues!.map((i) => i.key)).toEqual(expected(jql));
    expect(page.issues![0]).not.toHaveProperty("fields");
    expect(page.isLast).toBe(true);
    const count = await t.jira.issueSearch.countIssues({ jql });
    expect(count.count).toBe(expected(jql).length);
  });

  it("expands changelog and names, and returns every navigable field for *navigable", async () => {
    const page = await t.jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql: "project = PAY AND status = Done ORDER BY key ASC", maxResults: 3, fields: ["*navigable"], expand: "changelog,names" });
    const issue = page.issues![0]!;
    expect(issue.fields).toHaveProperty("customfield_10020");
    expect(issue.fields).not.toHaveProperty("comment");
    const histories = issue.changelog!.histories!;
    expect(histories.length).toBeGreaterThan(0);
    const times = histories.map((h) => h.created!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(page.names).toMatchObject({ customfield_10016: "Story point estimate", customfield_10020: "Sprint", summary: "Summary" });
  });

  it("answers bad JQL, unbounded queries and bad tokens with 400 and Jira's messages", async () => {
    expect(await failure(t.jira.issueSearch.searchAndReconsileIssuesUsingJql({ jql: "project = PAY AND" }))).toEqual({
      status: 400,
      body: { errorMessages: ["Error in the JQL Query: Expecting a field name at the end of the query."], errors: {} },
    });
    expect(await failure(t.jira.issueSearch.searchAndReconsileIssuesUsingJql({ jql: "project = NOPE AND priority = Urgent" }))).toEqual({
      status: 400,
      body: { errorMessages: ["The value 'NOPE' does not exist for the field 'project'.", "The value 'Urgent' does not exist for the field 'priority'."], errors: {} },
    });
    expect(await failure(t.jira.issueSearch.searchAndReconsileIssuesUsingJql({ jql: "ORDER BY created DESC" }))).toMatchObject({
      status: 400,
      body: { errorMessages: ["Unbounded JQL queries are not allowed here. Please add a search restriction to your query."] },
    });
    expect(await failure(t.jira.issueSearch.searchAndReconsileIssuesUsingJql({ jql: "project = PAY", nextPageToken: "bogus" }))).toMatchObject({ status: 400 });
  });

  it("answers the removed /rest/api/3/search with 410 Gone", async () => {
    const res = await failure(t.client.sendRequest({ url: "/rest/api/3/search", method: "GET", searchParams: { jql: "project = PAY" } }));
    expect(res.status).toBe(410);
    expect((res.body as { errorMessages: string[] }).errorMessages[0]).toMatch(/search\/jql/);
  });
});

describe("issues", () => {
  it("returns all fields, changelog, rendered fields and names", async () => {
    const state = t.sandbox.store.state.jira;
    const source = state.issues.find((i) => i.comments.length >= 2 && i.parentId && i.changelog.length >= 3 && state.links.some((l) => l.sourceId === i.id || l.targetId === i.id))!;
    const issue = await t.jira.issues.getIssue({ issueIdOrKey: source.key, expand: "changelog,renderedFields,names" });
    expect(issue.id).toBe(source.id);
    expect(issue.fields).toMatchObject({
      summary: source.summary,
      status: { id: source.statusId, statusCategory: { key: statusCategoryKey(source.statusId) } },
      customfield_10016: source.storyPoints,
      parent: { id: source.parentId },
      comment: { total: source.comments.length, comments: expect.arrayContaining([expect.objectContaining({ body: expect.objectContaining({ type: "doc" }) })]) },
      issuelinks: expect.arrayContaining([expect.objectContaining({ type: expect.objectContaining({ name: expect.any(String) }) })]),
      created: source.created.replace("Z", "+0000"),
    });
    expect(issue.changelog!.total).toBe(source.changelog.length);
    expect(issue.renderedFields!.created).toMatch(/^\d+\/\w{3}\/\d{2} \d+:\d{2} [AP]M$/);
    expect(issue.names!.customfield_10014).toBe("Epic Link");
    const page = await t.jira.issues.getChangeLogs({ issueIdOrKey: source.key, startAt: 1, maxResults: 2 });
    expect(page.total).toBe(source.changelog.length);
    expect(page.values.map((h) => h.id)).toEqual(source.changelog.slice(1, 3).map((h) => h.id));
    const comments = await t.jira.issueComments.getComments({ issueIdOrKey: source.key, maxResults: 1 });
    expect(comments.total).toBe(source.comments.length);
    expect(comments.comments).toHaveLength(1);
    const one = await t.jira.issueComments.getComment({ issueIdOrKey: source.key, id: source.comments[1]!.id });
    expect(one.author?.accountId).toBe(source.comments[1]!.authorAccountId);
  });

  it("selects fields and offers transitions", async () => {
    const issue = await t.jira.issues.getIssue({ issueIdOrKey: "PLAT-5", fields: ["summary", "customfield_10020"] });
    expect(Object.keys(issue.fields!).sort()).toEqual(["customfield_10020", "summary"]);
    const transitions = await t.jira.issues.getTransitions({ issueIdOrKey: "PLAT-5" });
    expect(transitions.transitions).toHaveLength(3);
  });

  it("answers unknown issues with 404 and Jira's message", async () => {
    const res = await failure(t.jira.issues.getIssue({ issueIdOrKey: "PAY-99999" }));
    expect(res).toEqual({ status: 404, body: { errorMessages: ["Issue does not exist or you do not have permission to see it."], errors: {} } });
  });
});

describe("projects, users and configuration", () => {
  it("lists projects, versions and components", async () => {
    const projects = await t.jira.projects.searchProjects({ expand: "lead" });
    expect(projects.values.map((p) => p.key)).toEqual(["MOB", "PAY", "PLAT"]);
    expect(projects.values[0]!.lead?.accountId).toBeTruthy();
    const pay = await t.jira.projects.getProject({ projectIdOrKey: "PAY" });
    expect(pay.issueTypes?.map((x) => x.name)).toContain("Epic");
    const versions = await t.jira.projectVersions.getProjectVersions({ projectIdOrKey: "PAY" });
    expect(versions.filter((v) => v.released)).toHaveLength(1);
    expect(versions.some((v) => !v.released && v.releaseDate)).toBe(true);
    const paged = await t.jira.projectVersions.getProjectVersionsPaginated({ projectIdOrKey: "PAY", status: "unreleased", maxResults: 1 });
    expect(paged.total).toBe(2);
    expect(paged.isLast).toBe(false);
    const components = await t.jira.projectComponents.getProjectComponents({ projectIdOrKey: "MOB" });
    expect(components.length).toBe(5);
    expect(isNotFoundError(await t.jira.projects.getProject({ projectIdOrKey: "NOPE" }).catch((e: unknown) => e))).toBe(true);
  });

  it("finds users", async () => {
    const people = t.sandbox.store.state.company.people;
    const me = await t.jira.myself.getCurrentUser({ expand: "groups" });
    expect(me.emailAddress).toBe(people.find((p) => p.role === "admin")!.email);
    const user = await t.jira.users.getUser({ accountId: people[2]!.jiraAccountId });
    expect(user.displayName).toBe(people[2]!.name);
    const all = await t.jira.users.getAllUsers({ maxResults: 100 });
    expect(all).toHaveLength(people.length);
    const found = await t.jira.userSearch.findUsers({ query: "priya" });
    expect(found.map((u) => u.displayName)).toEqual(["Priya Raman"]);
    const assignable = await t.jira.userSearch.findAssignableUsers({ project: "PAY" });
    expect(assignable.length).toBe(t.sandbox.store.state.company.teams[0]!.memberIds.length);
  });

  it("describes fields, statuses, priorities and issue types with Jira Cloud's ids", async () => {
    const fields = await t.jira.issueFields.getFields();
    expect(fields.find((f) => f.id === "customfield_10016")).toMatchObject({ name: "Story point estimate", custom: true, schema: { type: "number" } });
    expect(fields.find((f) => f.id === "customfield_10020")).toMatchObject({ name: "Sprint", clauseNames: expect.arrayContaining(["Sprint", "cf[10020]"]) });
    const statuses = await t.jira.workflowStatuses.getStatuses();
    expect(statuses.map((s) => [s.name, s.statusCategory?.key])).toEqual([
      ["To Do", "new"],
      ["In Progress", "indeterminate"],
      ["In Review", "indeterminate"],
      ["Done", "done"],
    ]);
    const categories = await t.jira.workflowStatusCategories.getStatusCategories();
    expect(categories.map((c) => c.key)).toEqual(["undefined", "new", "indeterminate", "done"]);
    const priorities = await t.jira.issuePriorities.searchPriorities();
    expect(priorities.values.map((p) => p.name)).toEqual(["Highest", "High", "Medium", "Low", "Lowest"]);
    const types = await t.jira.issueTypes.getIssueAllTypes();
    expect(types.find((x) => x.name === "Subtask")?.subtask).toBe(true);
    const linkTypes = await t.jira.issueLinkTypes.getIssueLinkTypes();
    expect(linkTypes.issueLinkTypes?.find((l) => l.name === "Blocks")).toMatchObject({ inward: "is blocked by", outward: "blocks" });
    const info = await t.jira.serverInfo.getServerInfo();
    expect(info.baseUrl).toBe(`${t.sandbox.origin}/web/jira`);
    const labels = await t.jira.labels.getAllLabels();
    expect(labels.values).toContain("tech-debt");
  });
});

describe("agile", () => {
  it("lists boards, configuration, sprints by state, epics and versions", async () => {
    const boards = await t.agile.board.getAllBoards();
    expect(boards.values.map((b) => [b.name, b.type, b.location?.projectKey])).toEqual([
      ["PAY board", "scrum", "PAY"],
      ["MOB board", "scrum", "MOB"],
      ["PLAT board", "scrum", "PLAT"],
    ]);
    const config = await t.agile.board.getConfiguration({ boardId: 1 });
    expect(config.estimation?.field?.fieldId).toBe("customfield_10016");
    const open = await t.agile.board.getAllSprints({ boardId: 2, state: "active,future" });
    expect(open.values?.map((s) => s.state)).toEqual(["active", "future"]);
    const closed = await t.agile.board.getAllSprints({ boardId: 2, state: "closed", maxResults: 5 });
    expect(closed.values).toHaveLength(5);
    expect(closed.isLast).toBe(false);
    const active = open.values![0]!;
    expect(active.startDate!.getTime()).toBeLessThan(Date.parse(t.sandbox.store.state.company.now));
    expect((await t.agile.sprint.getSprint({ sprintId: active.id! })).name).toBe(active.name);
    const epics = await t.agile.board.getEpics({ boardId: 3 });
    expect(epics.values!.length).toBeGreaterThanOrEqual(5);
    const doneEpics = await t.agile.board.getEpics({ boardId: 3, done: "true" });
    expect(doneEpics.values!.every((e) => e.done)).toBe(true);
    const versions = await t.agile.board.getAllVersions({ boardId: 1 });
    expect(versions.values).toHaveLength(3);
  });

  it("pages sprint, board and backlog issues with tokens, with the Software fields", async () => {
    const sprintId = t.sandbox.store.state.jira.sprints.find((s) => s.boardId === 1 && s.state === "active")!.id;
    const keys: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await t.agile.sprint.getIssuesForSprint({ sprintId, maxResults: 4, nextPageToken });
      for (const issue of page.issues) {
        keys.push(issue.key);
        expect(issue.fields).toHaveProperty("sprint.id", sprintId);
        expect(issue.fields).toHaveProperty("flagged");
      }
      nextPageToken = page.nextPageToken;
    } while (nextPageToken);
    expect(keys).toEqual(expected(`sprint = ${sprintId} ORDER BY Rank ASC`));

    // jira.js types the Software API's `fields` as objects, but sends each item as a string.
    const board = await t.agile.board.getIssuesForBoard({ boardId: 1, jql: "status = Done", maxResults: 100, fields: ["summary", "status"] as never });
    expect(board.issues.every((i) => (i.fields!.status as { name: string }).name === "Done")).toBe(true);
    const backlog = await t.agile.board.getIssuesForBacklog({ boardId: 1, maxResults: 100 });
    expect(backlog.issues.length).toBeGreaterThan(5);
    expect(backlog.issues.every((i) => i.fields!.sprint === null && (i.fields!.status as { statusCategory: { key: string } }).statusCategory.key !== "done")).toBe(true);
    const count = await t.agile.board.getApproximateIssueCountForBacklog({ boardId: 1 });
    expect(count.count).toBe(backlog.issues.length);
  });

  it("serves epics, agile issues, estimation and the legacy startAt lists", async () => {
    const epicKey = t.sandbox.store.state.jira.issues.find((i) => i.issueTypeId === "10000" && i.projectId === "10001")!.key;
    const epic = await t.agile.epic.getEpic({ epicIdOrKey: epicKey });
    expect(epic.key).toBe(epicKey);
    const children = await t.agile.epic.getIssuesForEpic({ epicIdOrKey: epicKey, maxResults: 100 });
    expect(children.issues.map((i) => i.key)).toEqual(expected(`parent = ${epicKey} ORDER BY Rank`));
    const issue = await t.agile.issue.getIssue({ issueIdOrKey: "MOB-10" });
    expect(issue.fields).toHaveProperty("closedSprints");
    const estimate = await t.agile.issue.getIssueEstimationForBoard({ issueIdOrKey: "MOB-10", boardId: 2 });
    expect(estimate.fieldId).toBe("customfield_10016");

    const legacy = await t.client.sendRequest({
      url: "/rest/agile/1.0/board/2/issue",
      method: "GET",
      searchParams: { startAt: 5, maxResults: 10, jql: "issuetype = Bug" },
      schema: z.object({ startAt: z.number(), maxResults: z.number(), total: z.number(), issues: z.array(AgileIssueSchema) }),
    });
    expect(legacy.total).toBe(expected("project = MOB AND issuetype = Bug").length);
    expect(legacy.issues.map((i) => i.key)).toEqual(expected("project = MOB AND issuetype = Bug ORDER BY Rank").slice(5, 15));
  });

  it("answers unknown boards and sprints with 404", async () => {
    expect((await failure(t.agile.board.getBoard({ boardId: 999 }))).status).toBe(404);
    expect((await failure(t.agile.sprint.getSprint({ sprintId: 999 }))).status).toBe(404);
  });
});
