import { describe, expect, it } from "vitest";
import { ACTION_KINDS } from "@/server/actions/catalogue/types";
import { actionPhrase, approversPhrase, describeRule, joinWords, rolesPlural } from "./explain";
import { loadPolicy } from "./parse";
import { targetOf } from "./verbs";

describe("explain", () => {
  it("joins words the way people write lists", () => {
    expect(joinWords(["a"], "and")).toBe("a");
    expect(joinWords(["a", "b", "c"], "or")).toBe("a, b or c");
    expect(rolesPlural(["PM", "ENGINEER"])).toBe("PMs and engineers");
    expect(rolesPlural(["PM", "ENGINEER", "ADMIN", "LEADERSHIP"])).toBe("everyone");
    expect(approversPhrase(["PM", "ADMIN", "LEADERSHIP"])).toBe("a PM, an admin or someone in leadership");
  });

  it("has a phrase for every action kind, with and without a target", () => {
    for (const kind of ACTION_KINDS) {
      expect(actionPhrase(kind)).toMatch(/^[a-z][A-Za-z ]+[a-z]$/);
    }
    expect(actionPhrase("jira.createIssue", targetOf("jira.createIssue", { projectKey: "PAY" }))).toBe("create Jira issues in PAY");
    expect(actionPhrase("slack.postMessage", targetOf("slack.postMessage", { channelId: "C0A", threadTs: "1.2" }), "releases")).toBe("reply in Slack threads in #releases");
    expect(actionPhrase("jira.updateFields", targetOf("jira.updateFields", { issueKey: "OPS-1", fields: { dueDate: null } }))).toBe("change due dates of Jira issues in OPS");
  });

  it("describes deny and auto-apply rules", () => {
    const policy = loadPolicy(`version: 1
rules:
  - name: Replies
    roles: [pm, admin]
    tools: [slack]
    actions: [post]
    approval: { required: false }
    auto_apply: true
  - name: Quiet weekends
    roles: ["*"]
    actions: ["*"]
    effect: deny
    environments: [production]
    time: { days: [sat, sun] }
`);
    expect(policy.rules.map(describeRule)).toEqual([
      "Lets PMs and admins post on Slack; applies by itself.",
      "Forbids everyone to take any action on Jira, GitHub, Notion and Slack during Sat, Sun all day (UTC), in production.",
    ]);
  });
});
