import { z } from "zod";
import { baseSnapshotShape, issueKeySchema, staleness } from "../shared";
import { type ActionDefinition, type DiffField, type JiraTransitionState, type ValidationIssue } from "../types";

export const jiraTransitionInput = z.object({
  issueKey: issueKeySchema,
  /** The status to end in; the executor picks the transition that leads there. */
  toStatus: z.string().trim().min(1, { error: "Pick the status to move the issue to." }),
  /** Resolution to set on the way (only for done statuses, e.g. "Won't Do"). */
  resolution: z.string().trim().min(1).optional(),
  /** Markdown comment added with the transition, e.g. why it was closed. */
  comment: z.string().trim().min(1).optional(),
  ...baseSnapshotShape,
});

export type JiraTransitionInput = z.infer<typeof jiraTransitionInput>;

export const jiraTransition: ActionDefinition<JiraTransitionInput, JiraTransitionState> = {
  kind: "jira.transition",
  tool: "JIRA",
  label: "Change status",
  inputSchema: jiraTransitionInput,
  describe: (input) => `Move ${input.issueKey} to ${input.toStatus}${input.resolution ? ` (${input.resolution})` : ""}`,
  validate(input, state) {
    const { issue } = state;
    if (!issue) return [{ path: "issueKey", message: `${input.issueKey} no longer exists or the Jira connection cannot see it. Check the key.` }];
    const issues: ValidationIssue[] = staleness(input, input.issueKey, issue.updated, { status: issue.status }, { status: "Status" });
    if (issue.status === input.toStatus) {
      issues.push({ path: "toStatus", message: `${input.issueKey} is already ${issue.status}; there is nothing to change.` });
    } else if (!state.transitions.some((t) => t.toStatus === input.toStatus)) {
      const reachable = state.transitions.map((t) => t.toStatus);
      issues.push({
        path: "toStatus",
        message:
          reachable.length > 0
            ? `The workflow cannot move ${input.issueKey} from ${issue.status} to ${input.toStatus}. From ${issue.status} it can go to: ${reachable.join(", ")}.`
            : `The workflow offers no transitions from ${issue.status} for ${input.issueKey}. Ask a Jira admin to check the workflow or your permissions.`,
      });
    }
    if (input.resolution !== undefined && !state.resolutions.includes(input.resolution)) {
      issues.push({ path: "resolution", message: `"${input.resolution}" is not a resolution on this site. Pick one of: ${state.resolutions.join(", ")}.` });
    }
    return issues;
  },
  preview(input, state) {
    const fields: DiffField[] = [{ field: "status", label: "Status", before: state.issue?.status ?? null, after: input.toStatus }];
    if (input.resolution) fields.push({ field: "resolution", label: "Resolution", before: null, after: input.resolution });
    if (input.comment) fields.push({ field: "comment", label: "Comment", before: null, after: input.comment });
    return { type: "diff", fields };
  },
  inverse(input, before) {
    if (!before.issue) return { irreversible: true, reason: `${input.issueKey} could not be read before the change, so its old status is unknown.` };
    if (input.comment) {
      // Moving back restores the status, but the comment added on the way stays.
      return {
        compensating: { kind: "jira.transition", input: { issueKey: input.issueKey, toStatus: before.issue.status } },
        note: `Moves ${input.issueKey} back to ${before.issue.status}; the comment added with the change stays on the issue.`,
      };
    }
    return { kind: "jira.transition", input: { issueKey: input.issueKey, toStatus: before.issue.status } };
  },
};
