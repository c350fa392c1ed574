import { issueTypeById, statusById, statusCategoryKey } from "./catalog";
import { type JiraState } from "./state";

/** One issue as the other tools' seeds need it: names resolved, keys instead of ids. */
export interface JiraIssueSummary {
  key: string;
  summary: string;
  projectKey: string;
  /** "Epic" | "Story" | "Task" | "Subtask" | "Bug". */
  type: string;
  status: string;
  statusCategory: "new" | "indeterminate" | "done" | "undefined";
  /** The epic (standard issues) or parent issue (subtasks). */
  parentKey: string | null;
  epicKey: string | null;
  assigneeAccountId: string | null;
  /** Names of the sprints the issue has been in, oldest first. */
  sprints: string[];
  storyPoints: number | null;
  dueDate: string | null;
  updated: string;
  /** Seeded hostile content: pass on only with that in mind. */
  hostile: boolean;
}

/**
 * A flat, read-only view of the seeded issues for the GitHub, Notion and Slack seeds, so they need
 * not know the Jira state's internal shape (ids, status ids, parent ids).
 */
export function jiraIssueSummaries(jira: JiraState): JiraIssueSummary[] {
  const byId = new Map(jira.issues.map((i) => [i.id, i]));
  const projectKey = new Map(jira.projects.map((p) => [p.id, p.key]));
  const sprintName = new Map(jira.sprints.map((s) => [s.id, s.name]));
  const hostile = new Set(jira.hostileIds);
  return jira.issues.map((i) => {
    const parent = i.parentId ? byId.get(i.parentId) : undefined;
    return {
      key: i.key,
      summary: i.summary,
      projectKey: projectKey.get(i.projectId) ?? i.key.split("-")[0]!,
      type: issueTypeById(i.issueTypeId)?.name ?? "Task",
      status: statusById(i.statusId)?.name ?? "To Do",
      statusCategory: statusCategoryKey(i.statusId),
      parentKey: parent?.key ?? null,
      epicKey: parent?.issueTypeId === "10000" ? parent.key : null,
      assigneeAccountId: i.assigneeAccountId,
      sprints: i.sprintIds.map((id) => sprintName.get(id) ?? String(id)),
      storyPoints: i.storyPoints,
      dueDate: i.dueDate,
      updated: i.updated,
      hostile: hostile.has(i.key) || i.comments.some((c) => hostile.has(c.id)),
    };
  });
}
