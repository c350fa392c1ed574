import { z } from "zod";
import { ISSUE_TYPE, statusCategoryKey } from "../jira/catalog";
import { type JiraState } from "../jira/state";

/** What the GitHub seed needs to know about a Jira issue to open pull requests for it. */
export interface JiraIssueRef {
  key: string;
  summary: string;
  projectKey: string;
  category: "new" | "indeterminate" | "done";
  assigneeAccountId: string | null;
}

const category = z.enum(["new", "indeterminate", "done"]);

/** The sandbox Jira's stored shape (flat fields, status by id). */
const storedIssue = z.object({
  key: z.string().regex(/^[A-Z][A-Z0-9]+-\d+$/),
  summary: z.string().min(1),
  statusId: z.string(),
  issueTypeId: z.string().optional(),
  assigneeAccountId: z.string().nullish(),
});

/** Jira's wire shape (`fields.*`), accepted too so either representation seeds GitHub. */
const wireIssue = z.object({
  key: z.string().regex(/^[A-Z][A-Z0-9]+-\d+$/),
  fields: z.object({
    summary: z.string().min(1),
    project: z.object({ key: z.string() }).optional(),
    status: z.object({ statusCategory: z.object({ key: z.string() }) }),
    issuetype: z.object({ name: z.string() }).nullish(),
    assignee: z.object({ accountId: z.string() }).nullish(),
  }),
});

/**
 * The Jira issues pull requests can implement: not epics, not the seeded hostile ones (a pull
 * request title must not carry them into GitHub unmarked), in the state's order. Items that fit
 * neither shape are skipped rather than failing the whole seed.
 */
export function jiraIssueRefs(jira: JiraState): JiraIssueRef[] {
  const hostile = new Set(Array.isArray(jira.hostileIds) ? jira.hostileIds : []);
  const items: unknown[] = Array.isArray(jira.issues) ? jira.issues : [];
  const refs: JiraIssueRef[] = [];
  for (const item of items) {
    const stored = storedIssue.safeParse(item);
    if (stored.success) {
      const i = stored.data;
      const cat = category.safeParse(statusCategoryKey(i.statusId));
      if (!cat.success || i.issueTypeId === ISSUE_TYPE.epic || hostile.has(i.key)) continue;
      refs.push({ key: i.key, summary: i.summary, projectKey: i.key.split("-")[0]!, category: cat.data, assigneeAccountId: i.assigneeAccountId ?? null });
      continue;
    }
    const wire = wireIssue.safeParse(item);
    if (!wire.success) continue;
    const i = wire.data;
    const cat = category.safeParse(i.fields.status.statusCategory.key);
    if (!cat.success || i.fields.issuetype?.name === "Epic" || hostile.has(i.key)) continue;
    refs.push({
      key: i.key,
      summary: i.fields.summary,
      projectKey: i.fields.project?.key ?? i.key.split("-")[0]!,
      category: cat.data,
      assigneeAccountId: i.fields.assignee?.accountId ?? null,
    });
  }
  return refs;
}
