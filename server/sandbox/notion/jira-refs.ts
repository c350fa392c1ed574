import { z } from "zod";
import { issueTypeById, statusById } from "../jira/catalog";

/**
 * The few Jira facts the Notion and Slack seeds use, read defensively from JiraState: the stored
 * shape (flat fields, ids resolved through Jira's catalogue) or Jira's wire shape (`fields.*`).
 * Items that fit neither are skipped, and the seeded hostile issues are left out so their text is
 * never copied into another tool unmarked.
 */
export interface JiraIssueRef {
  key: string;
  summary: string;
  projectKey: string;
  type: string;
  status: string;
  /** The epic or parent issue, when the issue names one. */
  parentKey: string | null;
  assigneeAccountId: string | null;
  dueDate: string | null;
}

/** What the seeds accept for Jira (JiraState fits). */
export interface JiraSource {
  issues?: readonly unknown[];
  hostileIds?: readonly string[];
}

const keySchema = z.string().regex(/^[A-Z][A-Z0-9]+-\d+$/);

const storedIssue = z.object({
  id: z.string(),
  key: keySchema,
  summary: z.string().min(1),
  issueTypeId: z.string(),
  statusId: z.string(),
  parentId: z.string().nullish(),
  assigneeAccountId: z.string().nullish(),
  dueDate: z.string().nullish(),
});

const wireIssue = z.object({
  key: keySchema,
  fields: z.object({
    summary: z.string().min(1),
    project: z.object({ key: z.string() }).optional(),
    issuetype: z.object({ name: z.string() }),
    status: z.object({ name: z.string() }).optional(),
    parent: z.object({ key: z.string() }).nullish(),
    assignee: z.object({ accountId: z.string() }).nullish(),
    duedate: z.string().nullish(),
  }),
});

export function readJiraIssues(jira: JiraSource | null | undefined): JiraIssueRef[] {
  const items = Array.isArray(jira?.issues) ? jira.issues : [];
  const hostile = new Set(Array.isArray(jira?.hostileIds) ? jira.hostileIds : []);
  const keyById = new Map<string, string>();
  for (const raw of items) {
    const s = storedIssue.safeParse(raw);
    if (s.success) keyById.set(s.data.id, s.data.key);
  }
  const out: JiraIssueRef[] = [];
  for (const raw of items) {
    const stored = storedIssue.safeParse(raw);
    if (stored.success) {
      const i = stored.data;
      if (hostile.has(i.key)) continue;
      out.push({
        key: i.key,
        summary: i.summary,
        projectKey: i.key.split("-")[0]!,
        type: issueTypeById(i.issueTypeId)?.name ?? "Task",
        status: statusById(i.statusId)?.name ?? "To Do",
        parentKey: i.parentId ? (keyById.get(i.parentId) ?? null) : null,
        assigneeAccountId: i.assigneeAccountId ?? null,
        dueDate: i.dueDate ?? null,
      });
      continue;
    }
    const wire = wireIssue.safeParse(raw);
    if (!wire.success || hostile.has(wire.data.key)) continue;
    const f = wire.data.fields;
    out.push({
      key: wire.data.key,
      summary: f.summary,
      projectKey: f.project?.key ?? wire.data.key.split("-")[0]!,
      type: f.issuetype.name,
      status: f.status?.name ?? "To Do",
      parentKey: f.parent?.key ?? null,
      assigneeAccountId: f.assignee?.accountId ?? null,
      dueDate: f.duedate ?? null,
    });
  }
  return out;
}

/** Jira's status categories, from the status names Jira projects commonly use. */
export function statusCategory(status: string): "todo" | "in_progress" | "done" {
  const s = status.toLowerCase();
  if (/(done|closed|resolved|released|complete)/.test(s)) return "done";
  if (/(progress|review|testing|qa|blocked|development)/.test(s)) return "in_progress";
  return "todo";
}

export function browseUrl(site: string, key: string): string {
  return `${site.replace(/\/$/, "")}/browse/${key}`;
}
