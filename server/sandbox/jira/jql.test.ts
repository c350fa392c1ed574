import { beforeAll, describe, expect, it } from "vitest";
import { SandboxStore } from "../core/store";
import { STATUS, statusCategoryKey } from "./catalog";
import { JqlError, parseJql } from "./jql";
import { compileJql, parseJqlDate, runJql, textMatches, type JqlContext } from "./jql-eval";
import { buildLookup, sandboxNow } from "./lookup";
import { type JiraIssue } from "./state";

let store: SandboxStore;
let ctx: JqlContext;
let issues: JiraIssue[];
const keys = (jql: string) => runJql(jql, ctx).map((i) => i.key);
const count = (jql: string) => runJql(jql, ctx).length;
const messages = (jql: string): string[] => {
  try {
    compileJql(jql, ctx);
  } catch (e) {
    if (e instanceof JqlError) return e.messages;
    throw e;
  }
  throw new Error(`expected "${jql}" to fail`);
};
const projectId = (key: string) => store.state.jira.projects.find((p) => p.key === key)!.id;

beforeAll(() => {
  store = new SandboxStore(1);
  const pm = store.state.company.people.find((p) => p.id === store.state.company.teams[0]!.pmId)!;
  ctx = { lookup: buildLookup(store.state), now: sandboxNow(store.state), currentAccountId: pm.jiraAccountId };
  issues = store.state.jira.issues;
});

describe("parseJql", () => {
  it("binds comparison > NOT > AND > OR", () => {
    const q = parseJql("a = 1 OR NOT b = 2 AND c = 3 ORDER BY updated DESC, key");
    expect(q.where).toMatchObject({ type: "or", items: [{ type: "clause", field: "a" }, { type: "and", items: [{ type: "not" }, { type: "clause", field: "c" }] }] });
    expect(q.orderBy).toEqual([
      { field: "updated", direction: "desc" },
      { field: "key", direction: null },
    ]);
  });

  it("reads lists, functions, EMPTY, quoted names and history predicates", () => {
    const q = parseJql(`"Epic Link" in (PAY-1, 'PAY-2') AND sprint in openSprints() AND assignee is not EMPTY AND status WAS "In Review" BY currentUser() AFTER -7d`);
    expect(q.where).toMatchObject({
      type: "and",
      items: [
        { field: "Epic Link", operator: "in", operand: { kind: "list", items: [{ value: "PAY-1" }, { value: "PAY-2", quoted: true }] } },
        { field: "sprint", operator: "in", operand: { kind: "function", name: "openSprints", args: [] } },
        { field: "assignee", operator: "is not", operand: { kind: "empty" } },
        { field: "status", operator: "was", predicates: [{ kind: "by" }, { kind: "after" }] },
      ],
    });
  });

  it("accepts an empty query and a bare ORDER BY", () => {
    expect(parseJql("")).toEqual({ where: null, orderBy: [] });
    expect(parseJql("order by rank")).toEqual({ where: null, orderBy: [{ field: "rank", direction: null }] });
  });

  it.each([
    ["project = PAY AND", "Error in the JQL Query: Expecting a field name at the end of the query."],
    ["project PAY", "Error in the JQL Query: Expecting operator but got 'PAY'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 9)"],
    ['summary ~ "unfinished', "Error in the JQL Query: The quoted string 'unfinished' has not been completed. (line 1, character 11)"],
    ["project = PAY foo = 1", "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'foo'. (line 1, character 15)"],
    ["status in (Done", "Error in the JQL Query: Expecting ')' before the end of the query."],
    ["project = ", "Error in the JQL Query: Expecting either a value, list or function before the end of the query."],
    ["(project = PAY", "Error in the JQL Query: Expecting ')' before the end of the query."],
    ["summary = 50%", "Error in the JQL Query: The character '%' is a reserved JQL character. You must enclose it in a string or use the escape '\\u0025' instead. (line 1, character 13)"],
  ])("rejects %j with Jira's message", (jql, message) => {
    expect(() => parseJql(jql)).toThrow(JqlError);
    expect(messages(jql)).toEqual([message]);
  });
});

describe("evaluating JQL over the seeded site", () => {
  it("filters by project, status, status category and issue type", () => {
    expect(count("project = PAY")).toBe(issues.filter((i) => i.projectId === projectId("PAY")).length);
    expect(count("project in (PAY, Mobile)")).toBe(issues.filter((i) => i.projectId === projectId("PAY") || i.projectId === projectId("MOB")).length);
    expect(count('status = "In Progress"')).toBe(issues.filter((i) => i.statusId === STATUS.inProgress).length);
    expect(count("statusCategory = indeterminate")).toBe(issues.filter((i) => statusCategoryKey(i.statusId) === "indeterminate").length);
    expect(count('statusCategory in ("To Do", Done)')).toBe(issues.filter((i) => statusCategoryKey(i.statusId) !== "indeterminate").length);
    expect(count("issuetype = Epic")).toBeGreaterThanOrEqual(15);
    expect(count("type in (Story, Task) AND issuetype != Bug")).toBe(issues.filter((i) => i.issueTypeId === "10001" || i.issueTypeId === "10002").length);
  });

  it("resolves sprints by id, name and sprint functions", () => {
    const sprints = store.state.jira.sprints;
    const open = new Set(sprints.filter((s) => s.state !== "closed").map((s) => s.id));
    expect(count("sprint in openSprints()")).toBe(issues.filter((i) => i.sprintIds.some((id) => open.has(id))).length);
    const active = sprints.find((s) => s.state === "active")!;
    expect(keys(`sprint = ${active.id}`)).toEqual(keys(`sprint = "${active.name}"`));
    expect(count(`sprint = ${active.id}`)).toBe(issues.filter((i) => i.sprintIds.includes(active.id)).length);
    expect(count("sprint in closedSprints() AND sprint not in openSprints()")).toBeGreaterThan(100);
    expect(count("sprint is EMPTY AND issuetype != Epic")).toBeGreaterThan(30);
  });

  it("handles users, currentUser() and EMPTY; != leaves out empty values as Jira does", () => {
    const me = ctx.currentAccountId!;
    expect(count("reporter = currentUser()")).toBe(issues.filter((i) => i.reporterAccountId === me).length);
    const someone = issues.find((i) => i.assigneeAccountId)!.assigneeAccountId!;
    const person = store.state.company.people.find((p) => p.jiraAccountId === someone)!;
    expect(count(`assignee = "${someone}"`)).toBe(count(`assignee = "${person.email}"`));
    expect(count(`assignee = "${person.name}"`)).toBe(issues.filter((i) => i.assigneeAccountId === someone).length);
    expect(count("assignee is EMPTY")).toBe(issues.filter((i) => !i.assigneeAccountId).length);
    expect(count(`assignee != "${someone}"`)).toBe(issues.filter((i) => i.assigneeAccountId && i.assigneeAccountId !== someone).length);
  });

  it("handles labels, priority order, epics, parents and keys", () => {
    expect(count("labels in (tech-debt, ledger)")).toBe(issues.filter((i) => i.labels.includes("tech-debt") || i.labels.includes("ledger")).length);
    expect(count("priority >= High")).toBe(issues.filter((i) => i.priorityId === "1" || i.priorityId === "2").length);
    const epic = issues.find((i) => i.issueTypeId === "10000" && issues.some((c) => c.parentId === i.id))!;
    expect(count(`"Epic Link" = ${epic.key}`)).toBe(issues.filter((i) => i.parentId === epic.id).length);
    expect(count(`parent = ${epic.key}`)).toBe(count(`cf[10014] = ${epic.key}`));
    expect(keys("key in (PAY-1, PAY-2) ORDER BY key ASC")).toEqual(["PAY-1", "PAY-2"]);
    expect(keys("issuekey = MOB-3")).toEqual(["MOB-3"]);
    expect(count("project = PAY AND key > PAY-100")).toBe(issues.filter((i) => i.key.startsWith("PAY-") && Number(i.key.slice(4)) > 100).length);
  });

  it("compares dates: absolute, with time, relative, and Jira's day-start semantics", () => {
    const now = ctx.now.getTime();
    expect(count("updated >= -7d")).toBe(issues.filter((i) => Date.parse(i.updated) >= now - 7 * 86_400_000).length);
    expect(count('created <= "2026-09-01"')).toBe(issues.filter((i) => Date.parse(i.created) <= Date.UTC(2026, 8, 1)).length);
    expect(count('updated >= "2026-11-01 10:00" AND updated < "2026/11/15"')).toBe(
      issues.filter((i) => Date.parse(i.updated) >= Date.UTC(2026, 10, 1, 10) && Date.parse(i.updated) < Date.UTC(2026, 10, 15)).length,
    );
    expect(count("resolved >= startOfMonth()")).toBe(issues.filter((i) => i.resolutionDate && Date.parse(i.resolutionDate) >= Date.UTC(2026, 10, 1)).length);
    expect(parseJqlDate("4w 2d", new Date(0))).toBe(30 * 86_400_000);
    expect(parseJqlDate("2026-02-30", new Date(0))).toBeNull();
  });

  it("reads date literals and date functions in the searching user's time zone", () => {
    const kolkata: JqlContext = { ...ctx, timeZone: "Asia/Kolkata" };
    const countIn = (jql: string) => runJql(jql, kolkata).length;
    // Midnight in Kolkata is 18:30 UTC the day before.
    expect(countIn('created <= "2026-09-01"')).toBe(issues.filter((i) => Date.parse(i.created) <= Date.UTC(2026, 7, 31, 18, 30)).length);
    expect(countIn("resolved >= startOfMonth()")).toBe(issues.filter((i) => i.resolutionDate && Date.parse(i.resolutionDate) >= Date.UTC(2026, 9, 31, 18, 30)).length);
    expect(parseJqlDate("2026-11-20 16:00", new Date(0), "America/New_York")).toBe(Date.UTC(2026, 10, 20, 21, 0));
    expect(parseJqlDate("2026-02-30", new Date(0), "Asia/Kolkata")).toBeNull();
  });

  it("searches text in summaries, descriptions and comments", () => {
    const withComment = issues.find((i) => i.comments.some((c) => JSON.stringify(c.body).includes("feature flag")))!;
    expect(keys('text ~ "feature flag"')).toContain(withComment.key);
    expect(keys('comment ~ "\\"rolling out to 10%\\""')).toContain(withComment.key);
    const summary = issues[5]!.summary;
    expect(keys(`summary ~ "${summary.replace(/["\\]/g, " ")}"`)).toContain(issues[5]!.key);
    expect(textMatches("Blocked on staging deploys", "deploy")).toBe(true);
    expect(textMatches("Blocked on staging deploys", "stag*")).toBe(true);
    expect(textMatches("Blocked on staging deploys", '"staging blocked"')).toBe(false);
  });

  it("combines with AND, OR, NOT and parentheses", () => {
    const a = count("project = PAY AND (status = Done OR priority = Highest)");
    expect(a).toBe(issues.filter((i) => i.projectId === projectId("PAY") && (i.statusId === STATUS.done || i.priorityId === "1")).length);
    expect(count("project = PAY AND NOT status = Done")).toBe(issues.filter((i) => i.projectId === projectId("PAY") && i.statusId !== STATUS.done).length);
  });

  it("answers history questions with WAS and CHANGED", () => {
    const wasReview = issues.filter((i) => i.changelog.some((h) => h.items.some((it) => it.field === "status" && (it.to === STATUS.inReview || it.from === STATUS.inReview))));
    expect(count('status WAS "In Review"')).toBe(wasReview.length);
    expect(count('status WAS NOT "In Review" AND status CHANGED')).toBe(
      issues.filter((i) => !wasReview.includes(i) && i.changelog.some((h) => h.items.some((it) => it.field === "status"))).length,
    );
    const now = ctx.now.getTime();
    const recent = issues.filter((i) => i.changelog.some((h) => Date.parse(h.created) >= now - 3 * 86_400_000 && h.items.some((it) => it.field === "status")));
    expect(count("status CHANGED AFTER -3d")).toBe(recent.length);
    expect(count('status CHANGED FROM "In Progress" TO "In Review"')).toBe(
      issues.filter((i) => i.changelog.some((h) => h.items.some((it) => it.field === "status" && it.from === STATUS.inProgress && it.to === STATUS.inReview))).length,
    );
  });

  it("follows links and flags", () => {
    const blocked = issues.filter((i) => store.state.jira.links.some((l) => l.typeId === "10000" && l.targetId === i.id));
    expect(count('issueLinkType = "is blocked by"')).toBe(blocked.length);
    const blocker = issues.find((i) => i.id === store.state.jira.links[0]!.sourceId)!;
    expect(keys(`issue in linkedIssues(${blocker.key})`).length).toBeGreaterThan(0);
    expect(count("Flagged = Impediment")).toBe(issues.filter((i) => i.flagged).length);
    expect(count("flagged is not EMPTY")).toBeGreaterThanOrEqual(6);
  });

  it("sorts by priority, dates, key and rank", () => {
    const byPriority = runJql("project = PAY ORDER BY priority DESC, key ASC", ctx);
    expect(byPriority[0]!.priorityId).toBe("1");
    expect(byPriority.at(-1)!.priorityId).toBe("5");
    const byUpdated = runJql("project = MOB ORDER BY updated ASC", ctx).map((i) => i.updated);
    expect(byUpdated).toEqual([...byUpdated].sort());
    const byRank = runJql("project = PLAT ORDER BY Rank", ctx).map((i) => i.rank);
    expect(byRank).toEqual([...byRank].sort());
    const byKey = keys("project = PAY ORDER BY key DESC");
    expect(byKey[0]).toBe(`PAY-${byKey.length}`);
    expect(keys("project = PAY")).toEqual(byKey);
    const created = runJql("project = PAY ORDER BY created DESC", ctx).map((i) => i.created);
    expect(created).toEqual([...created].sort().reverse());
  });

  it("validates fields, values, functions, operators and dates with Jira's messages", () => {
    expect(messages("foo = bar")).toEqual(["Field 'foo' does not exist or you do not have permission to view it."]);
    expect(messages("project = NOPE")).toEqual(["The value 'NOPE' does not exist for the field 'project'."]);
    expect(messages("sprint in runningSprints()")).toEqual(["Unable to find JQL function 'runningSprints()'."]);
    expect(messages("status ~ Done")).toEqual(["The operator '~' is not supported by the 'status' field."]);
    expect(messages('updated > "yesterday"')).toEqual([
      "Date value 'yesterday' for field 'updated' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
    ]);
    expect(messages("key = PAY-99999")).toEqual(["An issue with key 'PAY-99999' does not exist for field 'key'."]);
    expect(messages("project = NOPE AND status = Nope")).toHaveLength(2);
  });
});
