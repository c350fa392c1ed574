import { z } from "zod";
import { baseSnapshotShape, issueKeySchema, sameValue, staleness } from "../shared";
import { type ActionDefinition, type DiffField, type JiraIssueSnapshot, type JiraIssueState, type ValidationIssue } from "../types";

/** The issue fields this action edits; status, assignee and sprint have their own actions. */
export const JIRA_FIELD_LABELS = {
  summary: "Summary",
  description: "Description",
  priority: "Priority",
  labels: "Labels",
  storyPoints: "Story points",
  dueDate: "Due date",
} as const;

export type JiraEditableField = keyof typeof JIRA_FIELD_LABELS;

export const jiraFieldsSchema = z
  .object({
    summary: z.string().trim().min(1, { error: "The summary cannot be empty." }).max(255, { error: "Keep the summary under 255 characters." }).optional(),
    /** Markdown; null clears it. */
    description: z.string().nullable().optional(),
    /** null resets it to the project's default. */
    priority: z.string().trim().min(1, { error: "Pick a priority." }).nullable().optional(),
    labels: z.array(z.string().regex(/^\S+$/, { error: "Jira labels cannot contain spaces; use a dash instead." })).optional(),
    storyPoints: z.number({ error: "Story points must be a number." }).min(0, { error: "Story points cannot be negative." }).nullable().optional(),
    dueDate: z.iso.date({ error: "Use a date such as 2025-03-14." }).nullable().optional(),
  })
  .strict();

export type JiraFields = z.infer<typeof jiraFieldsSchema>;

export const jiraUpdateFieldsInput = z.object({
  issueKey: issueKeySchema,
  fields: jiraFieldsSchema.refine((f) => Object.values(f).some((v) => v !== undefined), { error: "Change at least one field." }),
  ...baseSnapshotShape,
});

export type JiraUpdateFieldsInput = z.infer<typeof jiraUpdateFieldsInput>;

/** The editable fields of a snapshot, in the action's shape. */
export function editableFields(issue: JiraIssueSnapshot): Required<JiraFields> {
  return {
    summary: issue.summary,
    description: issue.description,
    priority: issue.priority,
    labels: issue.labels,
    storyPoints: issue.storyPoints,
    dueDate: issue.dueDate,
  };
}

function touched(fields: JiraFields): JiraEditableField[] {
  return (Object.keys(JIRA_FIELD_LABELS) as JiraEditableField[]).filter((f) => fields[f] !== undefined);
}

export const jiraUpdateFields: ActionDefinition<JiraUpdateFieldsInput, JiraIssueState> = {
  kind: "jira.updateFields",
  tool: "JIRA",
  label: "Update issue fields",
  inputSchema: jiraUpdateFieldsInput,
  describe: (input) => `Update ${touched(input.fields).map((f) => JIRA_FIELD_LABELS[f]).join(", ")} on ${input.issueKey}`,
  validate(input, state) {
    const { issue } = state;
    if (!issue) return [{ path: "issueKey", message: `${input.issueKey} no longer exists or the Jira connection cannot see it. Check the key.` }];
    const issues: ValidationIssue[] = [];
    if (typeof input.fields.priority === "string" && !state.priorities.includes(input.fields.priority)) {
      issues.push({ path: "fields.priority", message: `"${input.fields.priority}" is not a priority in this project. Pick one of: ${state.priorities.join(", ")}.` });
    }
    issues.push(...staleness(input, input.issueKey, issue.updated, editableFields(issue), JIRA_FIELD_LABELS));
    const current = editableFields(issue);
    if (issues.length === 0 && touched(input.fields).every((f) => sameValue(current[f], input.fields[f]))) {
      issues.push({ path: "fields", message: `${input.issueKey} already has these values; there is nothing to change.` });
    }
    return issues;
  },
  preview(input, state) {
    const current = state.issue ? editableFields(state.issue) : null;
    const fields: DiffField[] = touched(input.fields).map((f) => ({
      field: f,
      label: JIRA_FIELD_LABELS[f],
      before: current ? current[f] : null,
      after: input.fields[f],
    }));
    return { type: "diff", fields };
  },
  inverse(input, before) {
    if (!before.issue) return { irreversible: true, reason: `${input.issueKey} could not be read before the change, so its old values are unknown.` };
    const current = editableFields(before.issue);
    const fields: Record<string, unknown> = {};
    for (const f of touched(input.fields)) fields[f] = current[f];
    return { kind: "jira.updateFields", input: { issueKey: input.issueKey, fields } };
  },
};
