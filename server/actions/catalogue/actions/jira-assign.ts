import { z } from "zod";
import { baseSnapshotShape, issueKeySchema, staleness } from "../shared";
import { type ActionDefinition, type JiraAssignState, type JiraUser, type ValidationIssue } from "../types";

export const jiraAssignInput = z.object({
  issueKey: issueKeySchema,
  /** The assignee's Atlassian account id; null unassigns. */
  accountId: z.string().trim().min(1, { error: "Pick a person, or choose Unassigned." }).nullable(),
  /** The assignee's name as shown when proposed (display only; `accountId` is what counts). */
  displayName: z.string().optional(),
  ...baseSnapshotShape,
});

export type JiraAssignInput = z.infer<typeof jiraAssignInput>;

function nameOf(users: JiraUser[], accountId: string | null): string {
  if (accountId === null) return "Unassigned";
  return users.find((u) => u.accountId === accountId)?.displayName ?? accountId;
}

export const jiraAssign: ActionDefinition<JiraAssignInput, JiraAssignState> = {
  kind: "jira.assign",
  tool: "JIRA",
  label: "Assign",
  inputSchema: jiraAssignInput,
  describe: (input) => (input.accountId === null ? `Unassign ${input.issueKey}` : `Assign ${input.issueKey} to ${input.displayName ?? input.accountId}`),
  validate(input, state) {
    const { issue } = state;
    if (!issue) return [{ path: "issueKey", message: `${input.issueKey} no longer exists or the Jira connection cannot see it. Check the key.` }];
    const issues: ValidationIssue[] = staleness(input, input.issueKey, issue.updated, { assigneeId: issue.assigneeId }, { assigneeId: "Assignee" });
    if (input.accountId !== null) {
      const user = state.users.find((u) => u.accountId === input.accountId);
      if (!user) {
        issues.push({ path: "accountId", message: `That person is not a Jira user who can be assigned in ${issue.projectKey}. Pick someone from the list.` });
      } else if (!user.active) {
        issues.push({ path: "accountId", message: `${user.displayName}'s Jira account is deactivated. Pick someone else.` });
      }
    }
    if (issues.length === 0 && issue.assigneeId === input.accountId) {
      issues.push({ path: "accountId", message: `${input.issueKey} is already ${input.accountId === null ? "unassigned" : `assigned to ${nameOf(state.users, input.accountId)}`}.` });
    }
    return issues;
  },
  preview(input, state) {
    return {
      type: "diff",
      fields: [{ field: "assignee", label: "Assignee", before: nameOf(state.users, state.issue?.assigneeId ?? null), after: nameOf(state.users, input.accountId) }],
    };
  },
  inverse(input, before) {
    if (!before.issue) return { irreversible: true, reason: `${input.issueKey} could not be read before the change, so its old assignee is unknown.` };
    return { kind: "jira.assign", input: { issueKey: input.issueKey, accountId: before.issue.assigneeId } };
  },
};
