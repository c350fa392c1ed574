import { z } from "zod";
import { baseSnapshotShape, issueKeySchema, staleness } from "../shared";
import { type ActionDefinition, type JiraSprint, type JiraSprintState, type ValidationIssue } from "../types";

export const jiraMoveToSprintInput = z.object({
  issueKey: issueKeySchema,
  /** The sprint to move into; null moves the issue to the backlog. */
  sprintId: z.string().trim().min(1, { error: "Pick a sprint, or choose Backlog." }).nullable(),
  /** The sprint's name as shown when proposed (display only). */
  sprintName: z.string().optional(),
  ...baseSnapshotShape,
});

export type JiraMoveToSprintInput = z.infer<typeof jiraMoveToSprintInput>;

const sprintLabel = (sprint: JiraSprint | null, id: string | null) => (id === null ? "Backlog" : (sprint?.name ?? `Sprint ${id}`));

export const jiraMoveToSprint: ActionDefinition<JiraMoveToSprintInput, JiraSprintState> = {
  kind: "jira.moveToSprint",
  tool: "JIRA",
  label: "Move to sprint",
  inputSchema: jiraMoveToSprintInput,
  describe: (input) => (input.sprintId === null ? `Move ${input.issueKey} to the backlog` : `Move ${input.issueKey} to ${input.sprintName ?? `sprint ${input.sprintId}`}`),
  validate(input, state) {
    const { issue } = state;
    if (!issue) return [{ path: "issueKey", message: `${input.issueKey} no longer exists or the Jira connection cannot see it. Check the key.` }];
    const issues: ValidationIssue[] = staleness(input, input.issueKey, issue.updated, { sprintId: issue.sprintId }, { sprintId: "Sprint" });
    if (input.sprintId !== null) {
      const target = state.targetSprint;
      if (!target || target.id !== input.sprintId) {
        issues.push({ path: "sprintId", message: `Sprint ${input.sprintId} was not found on ${issue.projectKey}'s board. Pick an open sprint.` });
      } else if (target.state === "closed") {
        issues.push({ path: "sprintId", message: `${target.name} is closed; Jira does not accept issues into a closed sprint. Pick the active or a future sprint.` });
      }
    }
    if (issues.length === 0 && issue.sprintId === input.sprintId) {
      issues.push({ path: "sprintId", message: `${input.issueKey} is already in ${sprintLabel(state.targetSprint, input.sprintId)}.` });
    }
    return issues;
  },
  preview(input, state) {
    const currentId = state.issue?.sprintId ?? null;
    return {
      type: "diff",
      fields: [{ field: "sprint", label: "Sprint", before: sprintLabel(state.currentSprint, currentId), after: sprintLabel(state.targetSprint, input.sprintId) }],
    };
  },
  inverse(input, before) {
    if (!before.issue) return { irreversible: true, reason: `${input.issueKey} could not be read before the change, so its old sprint is unknown.` };
    // Undo is validated again at undo time: if the old sprint has closed since, it will say so.
    return { kind: "jira.moveToSprint", input: { issueKey: input.issueKey, sprintId: before.issue.sprintId } };
  },
};
