import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { failure, startJiraTestbed, type JiraTestbed } from "./testing/clients";

let t: JiraTestbed;
let clean: string;
const now = () => Date.parse(t.sandbox.store.state.company.now);
const doc = (text: string) => ({ type: "doc" as const, version: 1, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const stored = (key: string) => t.sandbox.store.state.jira.issues.find((i) => i.key === key)!;
const activeSprint = (boardId: number) => t.sandbox.store.state.jira.sprints.find((s) => s.boardId === boardId && s.state === "active")!;
const futureSprint = (boardId: number) => t.sandbox.store.state.jira.sprints.find((s) => s.boardId === boardId && s.state === "future")!;

beforeAll(async () => {
  t = await startJiraTestbed(1);
  clean = t.sandbox.store.snapshot().id;
});
beforeEach(() => t.sandbox.store.restore(clean));
afterAll(async () => {
  await t.sandbox.close();
});

describe("creating issues", () => {
  it("creates a story with every field and reads it back", async () => {
    const store = t.sandbox.store;
    const before = store.hash();
    const epic = store.state.jira.issues.find((i) => i.projectId === "10000" && i.issueTypeId === "10000")!;
    const engineer = store.state.company.people.find((p) => p.teamId === "team-pay" && p.role === "engineer")!;
    const sprint = activeSprint(1);
    const created = await t.jira.issues.createIssue({
      fields: {
        project: { key: "PAY" },
        issuetype: { name: "Story" },
        summary: "Retry failed SEPA payouts automatically",
        description: doc("Payouts that fail with a transient bank error should be retried three times."),
        parent: { key: epic.key },
        customfield_10016: 5,
        customfield_10020: sprint.id,
        labels: ["payouts", "q4-okr"],
        priority: { name: "High" },
        assignee: { accountId: engineer.jiraAccountId },
      } as never,
    });
    const seeded = store.state.jira.projects[0]!.seededIssueCount;
    expect(created.key).toBe(`PAY-${seeded + 1}`);
    expect(store.hash()).not.toBe(before);

    const issue = await t.jira.issues.getIssue({ issueIdOrKey: created.key });
    expect(issue.fields).toMatchObject({
      summary: "Retry failed SEPA payouts automatically",
      description: doc("Payouts that fail with a transient bank error should be retried three times."),
      parent: { key: epic.key },
      customfield_10014: epic.key,
      customfield_10016: 5,
      customfield_10020: [expect.objectContaining({ id: sprint.id, state: "active" })],
      labels: ["payouts", "q4-okr"],
      priority: { name: "High" },
      assignee: { accountId: engineer.jiraAccountId },
      status: { name: "To Do" },
    });
    expect(new Date(String(issue.fields!.created)).getTime()).toBe(now() + 1000);

    const found = await t.jira.issueSearch.searchAndReconsileIssuesUsingJql({ jql: `sprint = ${sprint.id} AND labels = payouts AND created > -1m`, fields: ["summary"] });
    expect(found.issues?.map((i) => i.key)).toEqual([created.key]);
  });

  it("creates from wiki markup through the v2 route and reads back ADF", async () => {
    const created = await t.jira.issues.createIssue({ fields: { project: { key: "MOB" }, issuetype: { name: "Bug" }, summary: "Crash when opening offline work orders", description: "h3. Steps\n* open the app offline\n* tap a work order\n\n*Expected*: it opens" } as never });
    const issue = await t.jira.issues.getIssue({ issueIdOrKey: created.key, fields: ["description"] });
    const description = issue.fields!.description as { content: { type: string }[] };
    expect(description.content.map((n) => n.type)).toEqual(["heading", "bulletList", "paragraph"]);
  });

  it("creates subtasks under their parent, in the parent's sprint", async () => {
    const parent = stored("PAY-80");
    const created = await t.jira.issues.createIssue({ fields: { project: { key: "PAY" }, issuetype: { name: "Subtask" }, summary: "Write the retry tests", parent: { key: "PAY-80" } } as never });
    const issue = await t.jira.issues.getIssue({ issueIdOrKey: "PAY-80", fields: ["subtasks"] });
    expect((issue.fields!.subtasks as { key: string }[]).map((s) => s.key)).toContain(created.key);
    expect(stored(created.key).sprintIds).toEqual(parent.sprintIds);
  });

  it("rejects invalid input with Jira's field errors and leaves the world unchanged", async () => {
    const before = t.sandbox.store.hash();
    expect(await failure(t.jira.issues.createIssue({ fields: { project: { key: "PAY" }, issuetype: { name: "Story" } } as never }))).toEqual({
      status: 400,
      body: { errorMessages: [], errors: { summary: "You must specify a summary of the issue." } },
    });
    expect(await failure(t.jira.issues.createIssue({ fields: { project: { key: "NOPE" }, issuetype: { name: "Story" }, summary: "x" } as never }))).toMatchObject({
      status: 400,
      body: { errors: { project: "Specify a valid project ID or key" } },
    });
    expect(await failure(t.jira.issues.createIssue({ fields: { project: { key: "PAY" }, issuetype: { name: "Story" }, summary: "x", customfield_99999: 1 } as never }))).toMatchObject({
      status: 400,
      body: { errors: { customfield_99999: "Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown." } },
    });
    const v3String = await failure(t.client.sendRequest({ url: "/rest/api/3/issue", method: "POST", body: { fields: { project: { key: "PAY" }, issuetype: { name: "Task" }, summary: "x", description: "plain text" } } }));
    expect(v3String).toMatchObject({ status: 400, body: { errors: { description: "Operation value must be an Atlassian Document (see the Atlassian Document Format)" } } });
    expect(t.sandbox.store.hash()).toBe(before);
  });
});

describe("changing issues", () => {
  it("edits fields with set and update operations and records one changelog entry", async () => {
    const key = "MOB-20";
    const before = structuredClone(stored(key));
    await t.jira.issues.editIssue({
      issueIdOrKey: key,
      fields: { summary: "Offline sync: resolve conflicts field by field", customfield_10016: 8, priority: { name: "Highest" } },
      update: { labels: [{ add: "offline" }] },
    });
    const after = stored(key);
    expect(after.summary).toBe("Offline sync: resolve conflicts field by field");
    expect(after.storyPoints).toBe(8);
    expect(after.labels).toContain("offline");
    expect(after.changelog).toHaveLength(before.changelog.length + 1);
    const fields = after.changelog.at(-1)!.items.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(["summary", "Story point estimate", "priority"]));
    expect(Date.parse(after.updated)).toBeGreaterThan(now());
    expect(await failure(t.jira.issues.editIssue({ issueIdOrKey: key, fields: { nonsense: 1 } }))).toMatchObject({ status: 400, body: { errors: { nonsense: expect.stringContaining("cannot be set") } } });
  });

  it("transitions through the workflow, setting and clearing the resolution", async () => {
    const key = stored("PLAT-2").statusId === "10000" ? "PLAT-2" : t.sandbox.store.state.jira.issues.find((i) => i.projectId === "10002" && i.statusId === "10000" && i.issueTypeId !== "10000")!.key;
    await t.jira.issues.doTransition({ issueIdOrKey: key, transition: { id: "41" } });
    let issue = await t.jira.issues.getIssue({ issueIdOrKey: key, fields: ["status", "resolution", "resolutiondate"], expand: "changelog" });
    expect((issue.fields!.status as { name: string }).name).toBe("Done");
    expect((issue.fields!.resolution as { name: string }).name).toBe("Done");
    const last = issue.changelog!.histories![0]!;
    expect(last.items!.map((i) => [i.field, i.fromString, i.toString])).toEqual([
      ["status", "To Do", "Done"],
      ["resolution", null, "Done"],
    ]);
    await t.jira.issues.doTransition({ issueIdOrKey: key, transition: { id: "21" } });
    issue = await t.jira.issues.getIssue({ issueIdOrKey: key, fields: ["status", "resolution"] });
    expect(issue.fields!.resolution).toBeNull();
    expect(await failure(t.jira.issues.doTransition({ issueIdOrKey: key, transition: { id: "21" } }))).toEqual({
      status: 400,
      body: { errorMessages: ["Transition id '21' is not valid for this issue."], errors: {} },
    });
    const search = await t.jira.issueSearch.searchAndReconsileIssuesUsingJql({ jql: `key = ${key} AND status CHANGED TO Done AFTER -1d` });
    expect(search.issues).toHaveLength(1);
  });

  it("adds, edits and deletes comments in ADF and wiki markup", async () => {
    const comment = await t.jira.issueComments.addComment({ issueIdOrKey: "PAY-12", body: doc("Reproduced on staging.") as never });
    expect(comment.body).toEqual(doc("Reproduced on staging."));
    const wiki = await t.jira.issueComments.addComment({ issueIdOrKey: "PAY-12", body: "See *PAY-13* first" });
    expect(wiki.body?.content[0]).toMatchObject({ type: "paragraph" });
    const page = await t.jira.issueComments.getComments({ issueIdOrKey: "PAY-12", orderBy: "-created" });
    expect(page.comments![0]!.id).toBe(wiki.id);
    const edited = await t.jira.issueComments.updateComment({ issueIdOrKey: "PAY-12", id: comment.id!, body: { body: doc("Reproduced on staging and prod.") } as never });
    expect(edited.body).toEqual(doc("Reproduced on staging and prod."));
    expect(edited.updated!.getTime()).toBeGreaterThan(edited.created!.getTime());
    await t.jira.issueComments.deleteComment({ issueIdOrKey: "PAY-12", id: wiki.id! });
    expect(stored("PAY-12").comments.some((c) => c.id === wiki.id)).toBe(false);
    expect(await failure(t.jira.issueComments.addComment({ issueIdOrKey: "PAY-12", body: { type: "doc", version: 1, content: [] } as never }))).toMatchObject({ status: 400, body: { errors: { comment: "Comment body can not be empty!" } } });
  });

  it("assigns and unassigns", async () => {
    const person = t.sandbox.store.state.company.people.find((p) => p.teamId === "team-plat" && p.role === "engineer")!;
    await t.jira.issues.assignIssue({ issueIdOrKey: "PLAT-30", accountId: person.jiraAccountId });
    expect(stored("PLAT-30").assigneeAccountId).toBe(person.jiraAccountId);
    await t.jira.issues.assignIssue({ issueIdOrKey: "PLAT-30", accountId: null as never });
    expect(stored("PLAT-30").assigneeAccountId).toBeNull();
    expect(stored("PLAT-30").changelog.at(-1)!.items[0]).toMatchObject({ field: "assignee", from: person.jiraAccountId, to: null });
    expect((await failure(t.jira.issues.assignIssue({ issueIdOrKey: "PLAT-30", accountId: "nobody" }))).status).toBe(400);
  });

  it("moves issues into a sprint and back to the backlog", async () => {
    const backlogItem = t.sandbox.store.state.jira.issues.find((i) => i.projectId === "10000" && i.sprintIds.length === 0 && i.issueTypeId === "10001")!;
    const future = futureSprint(1);
    await t.agile.sprint.moveIssuesToSprintAndRank({ sprintId: future.id, issues: [backlogItem.key] });
    expect(stored(backlogItem.key).sprintIds).toEqual([future.id]);
    const inSprint = await t.agile.sprint.getIssuesForSprint({ sprintId: future.id, maxResults: 100, fields: ["summary"] as never });
    expect(inSprint.issues.map((i) => i.key)).toContain(backlogItem.key);

    const carried = t.sandbox.store.state.jira.issues.find((i) => i.sprintIds.length === 2 && i.sprintIds[1] === activeSprint(1).id)!;
    await t.agile.sprint.moveIssuesToSprintAndRank({ sprintId: future.id, issues: [carried.key] });
    expect(stored(carried.key).sprintIds).toEqual([carried.sprintIds[0], future.id]);
    expect(stored(carried.key).changelog.at(-1)!.items[0]).toMatchObject({ field: "Sprint", fieldId: "customfield_10020" });

    await t.agile.backlog.moveIssuesToBacklog({ issues: [backlogItem.key, carried.key] });
    expect(stored(backlogItem.key).sprintIds).toEqual([]);
    expect(stored(carried.key).sprintIds).toEqual([carried.sprintIds[0]]);
    const backlog = await t.agile.board.getIssuesForBacklog({ boardId: 1, maxResults: 100, fields: ["summary"] as never });
    expect(backlog.issues.map((i) => i.key)).toEqual(expect.arrayContaining([backlogItem.key, carried.key]));

    const closed = t.sandbox.store.state.jira.sprints.find((s) => s.state === "closed")!;
    expect((await failure(t.agile.sprint.moveIssuesToSprintAndRank({ sprintId: closed.id, issues: [backlogItem.key] }))).status).toBe(400);
  });

  it("ranks issues on the board, also when moving them into a sprint", async () => {
    const rankOrder = async () => (await t.agile.board.getIssuesForBacklog({ boardId: 2, maxResults: 100, fields: ["summary"] as never })).issues.map((i) => i.key);
    const [first, second, third, fourth] = await rankOrder();
    await t.agile.issue.rankIssues({ issues: [fourth!, third!], rankBeforeIssue: first! });
    expect((await rankOrder()).slice(0, 3)).toEqual([fourth, third, first]);
    await t.agile.issue.rankIssues({ issues: [fourth!], rankAfterIssue: second! });
    expect((await rankOrder()).slice(0, 4)).toEqual([third, first, second, fourth]);

    const sprint = futureSprint(2);
    const before = (await t.agile.sprint.getIssuesForSprint({ sprintId: sprint.id, maxResults: 100, fields: ["summary"] as never })).issues.map((i) => i.key);
    await t.agile.sprint.moveIssuesToSprintAndRank({ sprintId: sprint.id, issues: [first!], rankBeforeIssue: before[0] });
    const after = (await t.agile.sprint.getIssuesForSprint({ sprintId: sprint.id, maxResults: 100, fields: ["summary"] as never })).issues.map((i) => i.key);
    expect(after).toEqual([first, ...before]);
  });

  it("links issues, with the outward issue blocking the inward one", async () => {
    await t.jira.issueLinks.linkIssues({ type: { name: "Blocks" }, outwardIssue: { key: "PLAT-40" }, inwardIssue: { key: "PAY-40" } });
    const blocked = await t.jira.issues.getIssue({ issueIdOrKey: "PAY-40", fields: ["issuelinks"] });
    const link = (blocked.fields!.issuelinks as { type: { inward: string }; inwardIssue?: { key: string } }[]).find((l) => l.inwardIssue?.key === "PLAT-40")!;
    expect(link.type.inward).toBe("is blocked by");
    const search = await t.jira.issueSearch.searchAndReconsileIssuesUsingJql({ jql: 'issue in linkedIssues(PLAT-40, "blocks")' });
    expect(search.issues?.map((i) => i.key)).toContain("PAY-40");
  });

  it("records remote links and estimates", async () => {
    const res = await t.jira.issueRemoteLinks.createOrUpdateRemoteIssueLink({ issueIdOrKey: "PAY-7", object: { url: "https://github.com/northwind-robotics/payments-service/pull/4242", title: "PR #4242" }, application: { name: "GitHub" } });
    expect(res.id).toBeTypeOf("number");
    const links = await t.jira.issueRemoteLinks.getRemoteIssueLinks({ issueIdOrKey: "PAY-7" });
    expect(JSON.stringify(links)).toContain("pull/4242");
    await t.agile.issue.estimateIssueForBoard({ issueIdOrKey: "PAY-7", boardId: 1, value: "13" });
    expect(stored("PAY-7").storyPoints).toBe(13);
  });

  it("stamps every write with the logical clock, so replays hash identically", async () => {
    const run = async () => {
      t.sandbox.store.restore(clean);
      await t.jira.issues.createIssue({ fields: { project: { key: "PLAT" }, issuetype: { name: "Task" }, summary: "Rotate the CI signing key" } as never });
      await t.jira.issues.doTransition({ issueIdOrKey: "PLAT-3", transition: { id: stored("PLAT-3").statusId === "3" ? "31" : "21" } });
      await t.jira.issueComments.addComment({ issueIdOrKey: "PLAT-3", body: doc("Started.") as never });
      return t.sandbox.store.hash();
    };
    const first = await run();
    expect(await run()).toBe(first);
    const stamps = [stored("PLAT-3").updated, stored("PLAT-3").comments.at(-1)!.created].map(Date.parse);
    expect(stamps.every((s) => s > now() && s < now() + 60_000)).toBe(true);
  });
});
