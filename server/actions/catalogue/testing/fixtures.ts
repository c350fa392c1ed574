import { type JiraIssueSnapshot } from "../types";

/** A Jira issue as the executor would read it, with defaults the tests override. */
export const issue = (over: Partial<JiraIssueSnapshot> = {}): JiraIssueSnapshot => ({
  key: "PAY-12",
  projectKey: "PAY",
  updated: "2025-03-10T10:00:00.000Z",
  summary: "Retry failed payouts",
  description: null,
  issueType: "Story",
  status: "To Do",
  priority: "Medium",
  assigneeId: "acc-ana",
  labels: ["payments"],
  storyPoints: 3,
  dueDate: null,
  sprintId: "7",
  ...over,
});
