import { z } from "zod";
import { issueKeySchema } from "../shared";
import { type ActionDefinition, type DiffField, type JiraCreateState, type ValidationIssue } from "../types";

/** The status and resolution the compensating action closes a mistaken issue with. */
export const JIRA_DONE_STATUS = "Done";
export const JIRA_WONT_DO_RESOLUTION = "Won't Do";

export const jiraCreateIssueInput = z.object({
  projectKey: z.string().trim().regex(/^[A-Z][A-Z0-9_]+$/, { error: "Enter a Jira project key such as PAY." }),
  issueType: z.string().trim().min(1, { error: "Pick an issue type (Story, Task, Bug…)." }),
  summary: z.string().trim().min(1, { error: "Write a summary." }).max(255, { error: "Keep the summary under 255 characters." }),
  /** Markdown. */
  description: z.string().optional(),
  priority: z.string().trim().min(1).optional(),
  labels: z.array(z.string().regex(/^\S+$/, { error: "Jira labels cannot contain spaces; use a dash instead." })).optional(),
  assigneeId: z.string().trim().min(1).optional(),
  storyPoints: z.number({ error: "Story points must be a number." }).min(0, { error: "Story points cannot be negative." }).optional(),
  parentKey: issueKeySchema.optional(),
  sprintId: z.string().trim().min(1).optional(),
});

export type JiraCreateIssueInput = z.infer<typeof jiraCreateIssueInput>;

/** What Jira returns for a created issue. */
export interface JiraCreateIssueResult {
  key: string;
}

const LABELS: Record<string, string> = {
  issueType: "Issue type",
  summary: "Summary",
  description: "Description",
  priority: "Priority",
  labels: "Labels",
  assigneeId: "Assignee",
  storyPoints: "Story points",
  parentKey: "Parent",
  sprintId: "Sprint",
};

export const jiraCreateIssue: ActionDefinition<JiraCreateIssueInput, JiraCreateState, JiraCreateIssueResult> = {
  kind: "jira.createIssue",
  tool: "JIRA",
  label: "Create issue",
  inputSchema: jiraCreateIssueInput,
  describe: (input) => `Create ${input.issueType} in ${input.projectKey}: ${input.summary}`,
  validate(input, state) {
    const { project } = state;
    if (!project) return [{ path: "projectKey", message: `Project ${input.projectKey} was not found, or the Jira connection cannot see it. Check the key.` }];
    const issues: ValidationIssue[] = [];
    if (!project.issueTypes.includes(input.issueType)) {
      issues.push({ path: "issueType", message: `${project.name} has no "${input.issueType}" issue type. Pick one of: ${project.issueTypes.join(", ")}.` });
    }
    if (input.priority !== undefined && !state.priorities.includes(input.priority)) {
      issues.push({ path: "priority", message: `"${input.priority}" is not a priority in this project. Pick one of: ${state.priorities.join(", ")}.` });
    }
    if (input.assigneeId !== undefined) {
      const user = state.users.find((u) => u.accountId === input.assigneeId);
      if (!user) issues.push({ path: "assigneeId", message: `That person is not a Jira user who can be assigned in ${project.key}. Pick someone from the list.` });
      else if (!user.active) issues.push({ path: "assigneeId", message: `${user.displayName}'s Jira account is deactivated. Pick someone else.` });
    }
    if (input.sprintId !== undefined) {
      const sprint = state.sprints.find((s) => s.id === input.sprintId);
      if (!sprint) issues.push({ path: "sprintId", message: `Sprint ${input.sprintId} was not found on ${project.key}'s board. Pick an open sprint.` });
      else if (sprint.state === "closed") issues.push({ path: "sprintId", message: `${sprint.name} is closed. Pick the active or a future sprint.` });
    }
    return issues;
  },
  preview(input, state) {
    const names = (id: string) => state.users.find((u) => u.accountId === id)?.displayName ?? id;
    const sprints = (id: string) => state.sprints.find((s) => s.id === id)?.name ?? id;
    const fields: DiffField[] = [];
    for (const [field, label] of Object.entries(LABELS)) {
      const value = input[field as keyof JiraCreateIssueInput];
      if (value === undefined) continue;
      const after = field === "assigneeId" ? names(value as string) : field === "sprintId" ? sprints(value as string) : value;
      fields.push({ field, label, before: null, after });
    }
    return { type: "diff", fields };
  },
  inverse(_input, _before, result) {
    // Deleting issues needs admin rights and loses history; closing as Won't Do is what teams do.
    return {
      compensating: {
        kind: "jira.transition",
        input: {
          issueKey: result.key,
          toStatus: JIRA_DONE_STATUS,
          resolution: JIRA_WONT_DO_RESOLUTION,
          comment: "Created by mistake; closed as Won't Do.",
        },
      },
      note: `${result.key} cannot be deleted from here; it will be closed as Won't Do with a comment, and stays visible in searches.`,
    };
  },
};
