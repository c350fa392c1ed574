import { CF, FLAGGED_OPTION, priorityById, resolutionById, statusById } from "./catalog";
import { type JiraChangeItem, type JiraSprint, type JiraVersion } from "./state";

/**
 * Changelog items exactly as Jira Cloud records them (field names, field types, which of from/to
 * carry ids and which carry display strings). Shared by the seed and by write handlers, so seeded
 * history and history made through the API look the same.
 */
export const change = {
  status(from: string, to: string): JiraChangeItem {
    return { field: "status", fieldtype: "jira", fieldId: "status", from, fromString: statusById(from)?.name ?? null, to, toString: statusById(to)?.name ?? null };
  },
  resolution(from: string | null, to: string | null): JiraChangeItem {
    return {
      field: "resolution",
      fieldtype: "jira",
      fieldId: "resolution",
      from,
      fromString: from ? (resolutionById(from)?.name ?? null) : null,
      to,
      toString: to ? (resolutionById(to)?.name ?? null) : null,
    };
  },
  /** `name` maps an account id to its display name. */
  user(field: "assignee" | "reporter", from: string | null, to: string | null, name: (accountId: string) => string): JiraChangeItem {
    return { field, fieldtype: "jira", fieldId: field, from, fromString: from ? name(from) : null, to, toString: to ? name(to) : null };
  },
  /** Jira lists every sprint of the issue, comma-separated, on both sides. */
  sprint(from: JiraSprint[], to: JiraSprint[]): JiraChangeItem {
    const ids = (s: JiraSprint[]) => (s.length ? s.map((x) => String(x.id)).join(", ") : "");
    const names = (s: JiraSprint[]) => (s.length ? s.map((x) => x.name).join(", ") : "");
    return { field: "Sprint", fieldtype: "custom", fieldId: CF.sprint, from: ids(from), fromString: names(from), to: ids(to), toString: names(to) };
  },
  storyPoints(from: number | null, to: number | null): JiraChangeItem {
    return { field: "Story point estimate", fieldtype: "custom", fieldId: CF.storyPoints, from: null, fromString: from === null ? null : String(from), to: null, toString: to === null ? null : String(to) };
  },
  flagged(on: boolean): JiraChangeItem {
    return on
      ? { field: "Flagged", fieldtype: "custom", fieldId: CF.flagged, from: null, fromString: null, to: `[${FLAGGED_OPTION.id}]`, toString: FLAGGED_OPTION.value }
      : { field: "Flagged", fieldtype: "custom", fieldId: CF.flagged, from: `[${FLAGGED_OPTION.id}]`, fromString: FLAGGED_OPTION.value, to: null, toString: null };
  },
  priority(from: string, to: string): JiraChangeItem {
    return { field: "priority", fieldtype: "jira", fieldId: "priority", from, fromString: priorityById(from)?.name ?? null, to, toString: priorityById(to)?.name ?? null };
  },
  fixVersion(from: JiraVersion | null, to: JiraVersion | null): JiraChangeItem {
    return { field: "Fix Version", fieldtype: "jira", fieldId: "fixVersions", from: from?.id ?? null, fromString: from?.name ?? null, to: to?.id ?? null, toString: to?.name ?? null };
  },
  labels(from: string[], to: string[]): JiraChangeItem {
    return { field: "labels", fieldtype: "jira", fieldId: "labels", from: null, fromString: from.join(" "), to: null, toString: to.join(" ") };
  },
  text(field: "summary" | "description", from: string | null, to: string | null): JiraChangeItem {
    return { field, fieldtype: "jira", fieldId: field, from: null, fromString: from, to: null, toString: to };
  },
  parent(from: { id: string; key: string } | null, to: { id: string; key: string } | null): JiraChangeItem {
    return { field: "IssueParentAssociation", fieldtype: "jira", fieldId: "parent", from: from?.id ?? null, fromString: from?.key ?? null, to: to?.id ?? null, toString: to?.key ?? null };
  },
  /** On the issue that gained the link: "This issue blocks PAY-12". */
  link(description: string, otherKey: string): JiraChangeItem {
    return { field: "Link", fieldtype: "jira", fieldId: "issuelinks", from: null, fromString: null, to: otherKey, toString: `This issue ${description} ${otherKey}` };
  },
  duedate(from: string | null, to: string | null): JiraChangeItem {
    return { field: "duedate", fieldtype: "jira", fieldId: "duedate", from, fromString: from ? `${from} 00:00:00.0` : null, to, toString: to ? `${to} 00:00:00.0` : null };
  },
};
