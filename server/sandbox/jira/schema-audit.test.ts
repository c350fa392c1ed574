/**
 * Fidelity against Atlassian's API description, as jira.js encodes it: with AUDIT_SCHEMAS=true
 * jira.js builds strict schemas (closed objects, closed enums) and records every key or enum value
 * the description does not document. Driving every endpoint the sandbox serves must record none.
 * Issue `fields` are an open map in the description, so each field is checked against the
 * component schema the description gives it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

process.env.AUDIT_SCHEMAS = "true";
const { startJiraTestbed } = await import("./testing/clients");
const cloud = await import("jira.js/cloud");
const agileModels = await import("jira.js/agile");

type Testbed = Awaited<ReturnType<typeof startJiraTestbed>>;
let t: Testbed;
const drift = () => ((globalThis as Record<symbol, unknown[]>)[Symbol.for("apis-code-gen.schemaAudit")] ?? []) as unknown[];

beforeAll(async () => {
  t = await startJiraTestbed(1);
});
afterAll(async () => {
  await t.sandbox.close();
});

const sprintField = z.strictObject({
  id: z.number(),
  name: z.string().max(30),
  state: z.enum(["future", "active", "closed"]),
  boardId: z.number(),
  goal: z.string(),
  startDate: z.iso.datetime().optional(),
  endDate: z.iso.datetime().optional(),
  completeDate: z.iso.datetime().optional(),
});

/** What the description says each issue field holds (Jira adds `self` to the embedded comment page). */
const FIELD_SCHEMAS: Record<string, z.ZodType> = {
  summary: z.string(),
  description: cloud.DocumentSchema.nullable(),
  issuetype: cloud.IssueTypeDetailsSchema,
  project: cloud.ProjectSchema,
  status: cloud.StatusDetailsSchema,
  priority: cloud.PrioritySchema,
  assignee: cloud.UserDetailsSchema.nullable(),
  reporter: cloud.UserDetailsSchema,
  creator: cloud.UserDetailsSchema,
  labels: z.array(z.string()),
  components: z.array(cloud.ProjectComponentSchema),
  fixVersions: z.array(cloud.VersionSchema),
  versions: z.array(cloud.VersionSchema),
  resolution: cloud.ResolutionSchema.nullable(),
  issuelinks: z.array(cloud.IssueLinkSchema),
  subtasks: z.array(cloud.LinkedIssueSchema),
  parent: cloud.LinkedIssueSchema,
  comment: cloud.PageOfCommentsSchema.extend({ self: z.url() }),
  watches: cloud.WatchersSchema,
  votes: cloud.VotesSchema,
  worklog: cloud.PageOfWorklogsSchema,
  timetracking: cloud.TimeTrackingDetailsSchema,
  created: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
  updated: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
  customfield_10016: z.number().nullable(),
  customfield_10020: z.array(sprintField).nullable(),
  customfield_10014: z.string().nullable(),
  customfield_10019: z.string(),
  sprint: agileModels.SprintSchema.nullable(),
  closedSprints: z.array(agileModels.SprintSchema),
  epic: agileModels.EpicSchema.nullable(),
  flagged: z.boolean(),
};

function checkFields(fields: Record<string, unknown>) {
  const problems: string[] = [];
  for (const [id, value] of Object.entries(fields)) {
    const schema = FIELD_SCHEMAS[id];
    if (!schema) continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success) problems.push(`${id}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  return problems;
}

describe("responses against Atlassian's API description (strict)", () => {
  it("runs jira.js in audit mode: objects and enums are closed", () => {
    expect(cloud.StatusDetailsSchema.safeParse({ name: "Done", undocumented: true }).success).toBe(false);
    expect(agileModels.SprintSchema.safeParse({ state: "paused" }).success).toBe(false);
  });

  it("the platform API documents every key and value the sandbox sends", async () => {
    const { jira } = t;
    const state = t.sandbox.store.state.jira;
    const linked = state.issues.find((i) => i.comments.length && i.parentId && state.links.some((l) => l.targetId === i.id) && i.fixVersionIds.length && i.componentIds.length)!;
    const withSubtasks = state.issues.find((i) => state.issues.some((c) => c.parentId === i.id && c.issueTypeId === "10003"))!;
    const fieldProblems: string[] = [];
    for (const key of [linked.key, withSubtasks.key, "PAY-1", "MOB-50"]) {
      const issue = await jira.issues.getIssue({ issueIdOrKey: key, expand: "changelog,renderedFields,names,schema,transitions" });
      fieldProblems.push(...checkFields(issue.fields as Record<string, unknown>));
    }
    const search = await jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql: "project in (PAY, MOB, PLAT) ORDER BY key", maxResults: 100, fields: ["*all"], expand: "changelog,names,schema" });
    for (const issue of search.issues ?? []) fieldProblems.push(...checkFields(issue.fields as Record<string, unknown>));
    expect(fieldProblems).toEqual([]);

    await jira.issueSearch.searchAndReconsileIssuesUsingJql({ jql: "project = PAY", maxResults: 5 });
    await jira.issueSearch.countIssues({ jql: "project = PAY" });
    await jira.issues.getChangeLogs({ issueIdOrKey: linked.key });
    await jira.issues.getChangeLogsByIds({ issueIdOrKey: linked.key, changelogIds: linked.changelog.slice(0, 2).map((h) => Number(h.id)) });
    await jira.issues.getBulkChangelogs({ issueIdsOrKeys: [linked.key, "PAY-2"] });
    await jira.issueComments.getComments({ issueIdOrKey: linked.key, expand: "renderedBody" });
    await jira.issueComments.getComment({ issueIdOrKey: linked.key, id: linked.comments[0]!.id });
    await jira.issues.getTransitions({ issueIdOrKey: linked.key });
    await jira.issueLinks.getIssueLink({ linkId: state.links[0]!.id });
    await jira.issueRemoteLinks.getRemoteIssueLinks({ issueIdOrKey: linked.key });
    await jira.projects.searchProjects({ expand: "description,lead,issueTypes,insight" });
    await jira.projects.getProject({ projectIdOrKey: "PAY" });
    await jira.projects.getAllStatuses({ projectIdOrKey: "PAY" });
    await jira.projectVersions.getProjectVersions({ projectIdOrKey: "PAY" });
    await jira.projectVersions.getProjectVersionsPaginated({ projectIdOrKey: "MOB" });
    await jira.projectVersions.getVersion({ id: state.versions[1]!.id });
    await jira.projectComponents.getProjectComponents({ projectIdOrKey: "PLAT" });
    await jira.myself.getCurrentUser({ expand: "groups,applicationRoles" });
    await jira.users.getUser({ accountId: t.sandbox.store.state.company.people[3]!.jiraAccountId });
    await jira.users.getAllUsers();
    await jira.users.getAllUsersDefault();
    await jira.userSearch.findUsers({ query: "a" });
    await jira.userSearch.findAssignableUsers({ project: "MOB" });
    await jira.issueFields.getFields();
    await jira.workflowStatuses.getStatuses();
    await jira.workflowStatuses.getStatus({ idOrName: "Done" });
    await jira.workflowStatusCategories.getStatusCategories();
    await jira.issuePriorities.searchPriorities();
    await jira.issuePriorities.getPriority({ id: "2" });
    await jira.issueTypes.getIssueAllTypes();
    await jira.issueResolutions.getResolution({ id: "10000" });
    await jira.issueLinkTypes.getIssueLinkTypes();
    await jira.labels.getAllLabels();
    await jira.serverInfo.getServerInfo();

    const created = await jira.issues.createIssue({ fields: { project: { key: "PAY" }, issuetype: { name: "Task" }, summary: "Audit" } as never });
    await jira.issueComments.addComment({ issueIdOrKey: created.key, body: { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }] } as never });
    await jira.issueComments.addComment({ issueIdOrKey: created.key, body: "wiki *x*" });
    await jira.issueRemoteLinks.createOrUpdateRemoteIssueLink({ issueIdOrKey: created.key, object: { url: "https://example.com/x", title: "x" } });

    // What writers rely on: entity properties, create and edit metadata, assignable users per issue.
    const marked = await jira.issues.createIssue({ fields: { project: { key: "PAY" }, issuetype: { name: "Task" }, summary: "Marked" }, properties: [{ key: "lumen.action", value: { actionId: "a" } }] });
    const comment = await jira.issueComments.addComment({ issueIdOrKey: marked.key, body: { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "marked" }] }] } as never, properties: [{ key: "lumen.action", value: { actionId: "a" } }], expand: "properties" });
    await jira.issues.getIssue({ issueIdOrKey: marked.key, fields: ["summary"], properties: ["lumen.action"] });
    await jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql: `key = ${marked.key}`, fields: ["customfield_10020"], properties: ["lumen.action"] });
    await jira.issueProperties.getIssuePropertyKeys({ issueIdOrKey: marked.key });
    await jira.issueProperties.getIssueProperty({ issueIdOrKey: marked.key, propertyKey: "lumen.action" });
    await jira.issueComments.getComments({ issueIdOrKey: marked.key, orderBy: "-created", expand: "properties" });
    await jira.issueComments.getComment({ issueIdOrKey: marked.key, id: comment.id!, expand: "properties" });
    await jira.issueCommentProperties.getCommentPropertyKeys({ commentId: comment.id! });
    await jira.issueCommentProperties.getCommentProperty({ commentId: comment.id!, propertyKey: "lumen.action" });
    await jira.issues.getEditIssueMeta({ issueIdOrKey: marked.key });
    await jira.issues.getCreateIssueMetaIssueTypes({ projectIdOrKey: "PAY" });
    await jira.issues.getCreateIssueMetaIssueTypeId({ projectIdOrKey: "PAY", issueTypeId: "10001" });
    await jira.userSearch.findAssignableUsers({ issueKey: marked.key });

    expect(drift()).toEqual([]);
  });

  it("the Software API documents every key and value the sandbox sends", async () => {
    const { agile } = t;
    const fieldProblems: string[] = [];
    await agile.board.getAllBoards();
    await agile.board.getBoard({ boardId: 1 });
    await agile.board.getConfiguration({ boardId: 1 });
    await agile.board.getAllSprints({ boardId: 1 });
    await agile.board.getEpics({ boardId: 1 });
    await agile.board.getAllVersions({ boardId: 1 });
    const sprintId = t.sandbox.store.state.jira.sprints.find((s) => s.state === "active")!.id;
    await agile.sprint.getSprint({ sprintId });
    for (const page of [
      await agile.sprint.getIssuesForSprint({ sprintId, maxResults: 50, expand: "names,schema" }),
      await agile.board.getIssuesForBoard({ boardId: 2, maxResults: 50 }),
      await agile.board.getIssuesForBacklog({ boardId: 3, maxResults: 50 }),
      await agile.board.getBoardIssuesForSprint({ boardId: 1, sprintId }),
      await agile.board.getIssuesWithoutEpicForBoard({ boardId: 1 }),
    ])
      for (const issue of page.issues) fieldProblems.push(...checkFields(issue.fields as Record<string, unknown>));
    expect(fieldProblems).toEqual([]);
    await agile.board.getApproximateIssueCountForBoard({ boardId: 1 });
    const epicKey = t.sandbox.store.state.jira.issues.find((i) => i.issueTypeId === "10000")!.key;
    await agile.epic.getEpic({ epicIdOrKey: epicKey });
    await agile.epic.getIssuesForEpic({ epicIdOrKey: epicKey });
    await agile.issue.getIssue({ issueIdOrKey: "PAY-3" });
    await agile.issue.getIssueEstimationForBoard({ issueIdOrKey: "PAY-3", boardId: 1 });
    expect(drift()).toEqual([]);
  });
});
