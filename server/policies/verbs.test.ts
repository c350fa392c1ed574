import { describe, expect, it } from "vitest";
import { ACTIONS } from "@/server/actions/catalogue/registry";
import { ACTION_KINDS } from "@/server/actions/catalogue/types";
import { KIND_VERBS, kindsOfTool, projectOfIssueKey, targetOf, VERBS, verbsOfTool } from "./verbs";

describe("verbs", () => {
  it("gives every catalogue kind exactly one verb and its catalogue tool", () => {
    expect(Object.keys(KIND_VERBS).sort()).toEqual([...ACTION_KINDS].sort());
    for (const kind of ACTION_KINDS) {
      expect(VERBS).toContain(KIND_VERBS[kind].verb);
      expect(KIND_VERBS[kind].tool.toUpperCase()).toBe(ACTIONS[kind].tool);
    }
  });

  it("uses every verb for some kind", () => {
    const used = new Set(Object.values(KIND_VERBS).map((v) => v.verb));
    expect([...used].sort()).toEqual([...VERBS].sort());
  });

  it("lists what each tool offers", () => {
    expect(verbsOfTool("github")).toEqual(["create", "comment"]);
    expect(verbsOfTool("slack")).toEqual(["update", "post"]);
    expect(kindsOfTool("notion")).toEqual(["notion.createPage", "notion.appendBlocks", "notion.updatePage"]);
  });
});

describe("targetOf", () => {
  it("reads the Jira project from an issue key or a project key", () => {
    expect(targetOf("jira.comment", { issueKey: "PAY-12", body: "x" }).jiraProject).toBe("PAY");
    expect(targetOf("jira.createIssue", { projectKey: "ops", summary: "x" }).jiraProject).toBe("OPS");
    expect(projectOfIssueKey("PAY_2-7")).toBe("PAY_2");
    expect(projectOfIssueKey("not a key")).toBeNull();
  });

  it("reads repositories, channels and Notion ids", () => {
    expect(targetOf("github.createIssue", { repo: "acme/payments", title: "x" }).repository).toBe("acme/payments");
    expect(targetOf("slack.postMessage", { channelId: "C0ABC", text: "x", threadTs: "1.2" })).toMatchObject({ slackChannelId: "C0ABC", threadReply: true });
    expect(targetOf("notion.createPage", { parentId: "1F2E3D4C-5B6A-4798-8796-A5B4C3D2E1F0" }).notionId).toBe("1f2e3d4c5b6a47988796a5b4c3d2e1f0");
    expect(targetOf("notion.updatePage", { pageId: "abc-def" }).notionId).toBe("abcdef");
  });

  it("notices due date changes, including clearing one", () => {
    expect(targetOf("jira.updateFields", { issueKey: "PAY-1", fields: { dueDate: "2025-01-01" } }).touchesDueDate).toBe(true);
    expect(targetOf("jira.updateFields", { issueKey: "PAY-1", fields: { dueDate: null } }).touchesDueDate).toBe(true);
    expect(targetOf("jira.updateFields", { issueKey: "PAY-1", fields: { summary: "x" } }).touchesDueDate).toBe(false);
  });

  it("returns nulls for inputs it cannot read", () => {
    expect(targetOf("jira.comment", {})).toMatchObject({ tool: "jira", verb: "comment", jiraProject: null });
    expect(targetOf("slack.postMessage", null)).toMatchObject({ slackChannelId: null, threadReply: false });
    expect(targetOf("github.createIssue", { repo: 42 }).repository).toBeNull();
  });
});
