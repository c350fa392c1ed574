import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { ResolutionSchema } from "jira.js/cloud";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { STATUS } from "./catalog";
import { failure, startJiraTestbed, type JiraTestbed } from "./testing/clients";

/**
 * What integrations that write to Jira rely on: entity properties on issues and comments, create
 * and edit metadata, transitions that set a resolution and add a comment, assignable users per
 * issue, the site clock, and JQL dates read in the searching user's time zone.
 */

let t: JiraTestbed;
let clean: string;
const stored = (key: string) => t.sandbox.store.state.jira.issues.find((i) => i.key === key)!;
const doc = (text: string) => ({ type: "doc" as const, version: 1, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const marker = { actionId: "act_123" };

beforeAll(async () => {
  t = await startJiraTestbed(1);
  clean = t.sandbox.store.snapshot().id;
});
beforeEach(() => t.sandbox.store.restore(clean));
afterAll(async () => {
  await t.sandbox.close();
});

describe("issue entity properties", () => {
  it("are set on create and read with the issue, by key, and through search", async () => {
    const created = await t.jira.issues.createIssue({
      fields: { project: { key: "PAY" }, issuetype: { name: "Task" }, summary: "Marked" },
      properties: [{ key: "lumen.action", value: marker }],
    });
    const issue = await t.jira.issues.getIssue({ issueIdOrKey: created.key, fields: ["summary"], properties: ["lumen.action", "absent"] });
    expect(issue.properties).toEqual({ "lumen.action": marker });
    const plain = await t.jira.issues.getIssue({ issueIdOrKey: created.key, fields: ["summary"] });
    expect(plain).not.toHaveProperty("properties");

    expect(await t.jira.issueProperties.getIssueProperty({ issueIdOrKey: created.key, propertyKey: "lumen.action" })).toEqual({ key: "lumen.action", value: marker });
    const keys = await t.jira.issueProperties.getIssuePropertyKeys({ issueIdOrKey: created.key });
    expect(keys.keys?.map((k) => k.key)).toEqual(["lumen.action"]);

    const page = await t.jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql: `key = ${created.key}`, fields: ["summary"], properties: ["*all"] });
    expect(page.issues?.[0]?.properties).toEqual({ "lumen.action": marker });
  });

  it("are set, replaced and deleted one by one without touching the issue's fields", async () => {
    const before = structuredClone(stored("PAY-3"));
    await t.jira.issueProperties.setIssueProperty({ issueIdOrKey: "PAY-3", propertyKey: "team.flags", body: { reviewed: true } });
    // Any JSON value, not only objects.
    await t.client.sendRequest({ url: "/rest/api/3/issue/PAY-3/properties/team.flags", method: "PUT", body: ["a", 1] });
    expect(stored("PAY-3").properties).toEqual({ "team.flags": ["a", 1] });
    expect(stored("PAY-3").updated).toBe(before.updated);
    expect(stored("PAY-3").changelog).toHaveLength(before.changelog.length);
    await t.jira.issueProperties.deleteIssueProperty({ issueIdOrKey: "PAY-3", propertyKey: "team.flags" });
    expect(await failure(t.jira.issueProperties.getIssueProperty({ issueIdOrKey: "PAY-3", propertyKey: "team.flags" }))).toEqual({
      status: 404,
      body: { errorMessages: ["The property with key 'team.flags' does not exist."], errors: {} },
    });
  });

  it("refuses a bad property list before creating anything", async () => {
    const before = t.sandbox.store.hash();
    const tooLong = "k".repeat(256);
    expect((await failure(t.jira.issues.createIssue({ fields: { project: { key: "PAY" }, issuetype: { name: "Task" }, summary: "x" }, properties: [{ key: tooLong, value: 1 }] }))).status).toBe(400);
    expect((await failure(t.jira.issues.createIssue({ fields: { project: { key: "PAY" }, issuetype: { name: "Task" }, summary: "x" }, properties: [{ key: "big", value: "x".repeat(40_000) }] }))).status).toBe(400);
    expect(t.sandbox.store.hash()).toBe(before);
  });
});

describe("comment entity properties", () => {
  it("are set with the comment and listed under expand=properties", async () => {
    const posted = await t.jira.issueComments.addComment({ issueIdOrKey: "PAY-12", body: doc("Rolled out.") as never, properties: [{ key: "lumen.action", value: marker }] });
    const page = await t.jira.issueComments.getComments({ issueIdOrKey: "PAY-12", orderBy: "-created", expand: "properties" });
    expect(page.comments?.[0]).toMatchObject({ id: posted.id, properties: [{ key: "lumen.action", value: marker }] });
    expect(page.comments?.slice(1).every((c) => Array.isArray(c.properties) && c.properties.length === 0)).toBe(true);
    const without = await t.jira.issueComments.getComments({ issueIdOrKey: "PAY-12" });
    expect(without.comments?.[0]).not.toHaveProperty("properties");

    const one = await t.jira.issueComments.getComment({ issueIdOrKey: "PAY-12", id: posted.id!, expand: "properties" });
    expect(one.properties).toEqual([{ key: "lumen.action", value: marker }]);
    expect(await t.jira.issueCommentProperties.getCommentProperty({ commentId: posted.id!, propertyKey: "lumen.action" })).toEqual({ key: "lumen.action", value: marker });
    await t.jira.issueCommentProperties.setCommentProperty({ commentId: posted.id!, propertyKey: "seen", body: { count: 2 } });
    expect((await t.jira.issueCommentProperties.getCommentPropertyKeys({ commentId: posted.id! })).keys?.map((k) => k.key)).toEqual(["lumen.action", "seen"]);
    expect((await failure(t.jira.issueCommentProperties.getCommentProperty({ commentId: "999999", propertyKey: "seen" }))).status).toBe(404);
  });
});

describe("transitions with a resolution and a comment", () => {
  const todo = () => t.sandbox.store.state.jira.issues.find((i) => i.projectId === "10000" && i.statusId === STATUS.todo && i.issueTypeId !== "10000")!;

  it("close as Won't Do by name and add the comment in the same request", async () => {
    const issue = todo();
    const comments = issue.comments.length;
    await t.jira.issues.doTransition({
      issueIdOrKey: issue.key,
      transition: { id: "41" },
      fields: { resolution: { name: "Won't Do" } },
      update: { comment: [{ add: { body: doc("Superseded.") } }] },
    });
    const after = stored(issue.key);
    expect(after).toMatchObject({ statusId: STATUS.done, resolutionId: "10001" });
    expect(after.comments).toHaveLength(comments + 1);
    expect(after.changelog.at(-1)!.items.map((i) => [i.field, i.toString])).toEqual([
      ["status", "Done"],
      ["resolution", "Won't Do"],
    ]);
  });

  it("refuse a resolution on a transition that does not resolve, or one the site lacks", async () => {
    const issue = todo();
    const before = t.sandbox.store.hash();
    expect(await failure(t.jira.issues.doTransition({ issueIdOrKey: issue.key, transition: { id: "21" }, fields: { resolution: { name: "Done" } } }))).toMatchObject({
      status: 400,
      body: { errors: { resolution: "Field 'resolution' cannot be set. It is not on the appropriate screen, or unknown." } },
    });
    expect((await failure(t.jira.issues.doTransition({ issueIdOrKey: issue.key, transition: { id: "41" }, fields: { resolution: { name: "Fixed" } } }))).status).toBe(400);
    expect(t.sandbox.store.hash()).toBe(before);
  });

  it("list the site's resolutions", async () => {
    const resolutions = await t.client.sendRequest({ url: "/rest/api/3/resolution", method: "GET", schema: z.array(ResolutionSchema) });
    expect(resolutions.map((r) => r.name)).toEqual(["Done", "Won't Do", "Duplicate"]);
  });
});

describe("create and edit metadata", () => {
  it("lists the project's issue types and the fields a Story is created with", async () => {
    const types = await t.jira.issues.getCreateIssueMetaIssueTypes({ projectIdOrKey: "PAY" });
    expect(types.issueTypes?.map((x) => x.name)).toEqual(["Epic", "Story", "Task", "Subtask", "Bug"]);
    const story = types.issueTypes!.find((x) => x.name === "Story")!;
    const fields = await t.jira.issues.getCreateIssueMetaIssueTypeId({ projectIdOrKey: "PAY", issueTypeId: story.id! });
    const byId = new Map(fields.fields!.map((f) => [f.fieldId, f]));
    expect(byId.get("summary")).toMatchObject({ required: true, operations: ["set"] });
    expect(byId.get("customfield_10016")).toMatchObject({ name: "Story point estimate", required: false, schema: { type: "number", customId: 10016 } });
    expect(byId.has("customfield_10026")).toBe(false);
    expect((byId.get("priority")!.allowedValues as { name: string }[]).map((p) => p.name)).toContain("Highest");

    const subtask = await t.jira.issues.getCreateIssueMetaIssueTypeId({ projectIdOrKey: "PAY", issueTypeId: "10003" });
    expect(subtask.fields!.find((f) => f.fieldId === "parent")?.required).toBe(true);
    expect((await failure(t.jira.issues.getCreateIssueMetaIssueTypes({ projectIdOrKey: "NOPE" }))).status).toBe(404);
  });

  it("reports the fields an issue can be edited in, with their operations", async () => {
    const meta = await t.jira.issues.getEditIssueMeta({ issueIdOrKey: "PAY-3" });
    const fields = meta.fields as Record<string, { operations: string[]; schema?: { type: string } }>;
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(["summary", "description", "priority", "labels", "duedate", "customfield_10016", "customfield_10020"]));
    expect(fields).not.toHaveProperty("project");
    expect(fields.labels!.operations).toEqual(["add", "set", "remove"]);
  });
});

describe("people and the clock", () => {
  it("lists the users assignable to one issue (its project's team), and needs a project or issue", async () => {
    const issue = stored("MOB-5");
    const team = t.sandbox.store.state.company.teams.find((x) => x.key === "MOB")!;
    const users = await t.jira.userSearch.findAssignableUsers({ issueKey: issue.key });
    expect(users).toHaveLength(team.memberIds.length);
    expect((await failure(t.jira.userSearch.findAssignableUsers({}))).status).toBe(400);
    expect((await failure(t.jira.userSearch.findAssignableUsers({ issueKey: "MOB-99999" }))).status).toBe(404);
  });

  it("reports the site's time, which every write moves on", async () => {
    const first = await t.jira.serverInfo.getServerInfo();
    await t.jira.issueComments.addComment({ issueIdOrKey: "PAY-12", body: doc("tick") as never });
    const second = await t.jira.serverInfo.getServerInfo();
    expect(second.serverTime!.getTime()).toBe(first.serverTime!.getTime() + 1000);
    expect(Date.parse(stored("PAY-12").comments.at(-1)!.created)).toBe(second.serverTime!.getTime());
  });

  it("reads JQL dates in the searching user's time zone", async () => {
    const zone = String((await t.jira.myself.getCurrentUser()).timeZone);
    expect(zone).toBe("America/New_York");
    const created = await t.jira.issues.createIssue({ fields: { project: { key: "PAY" }, issuetype: { name: "Task" }, summary: "Clock check" } });
    const at = new Date(stored(created.key).created);
    const since = async (wallClock: string) =>
      (await t.jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql: `project = PAY AND created >= "${wallClock}"`, fields: ["summary"] })).issues?.map((i) => i.key);
    // The minute it was created, on the user's clock, finds it...
    expect(await since(format(new TZDate(at, zone), "yyyy-MM-dd HH:mm"))).toEqual([created.key]);
    // ...while the same minute on a UTC clock is five hours later in New York.
    expect(await since(format(new TZDate(at, "UTC"), "yyyy-MM-dd HH:mm"))).toEqual([]);
  });
});
