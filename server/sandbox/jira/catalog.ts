/**
 * The Jira site's fixed configuration: statuses and their categories, the workflow's transitions,
 * issue types, priorities, resolutions, link types and the field catalogue. Ids are the ones a
 * fresh Jira Cloud company-managed software project uses, so client code written against a real
 * site (e.g. reading story points from customfield_10016) works unchanged.
 */

export interface StatusCategoryDef {
  id: number;
  key: "new" | "indeterminate" | "done" | "undefined";
  colorName: string;
  name: string;
}

export const STATUS_CATEGORIES: readonly StatusCategoryDef[] = [
  { id: 1, key: "undefined", colorName: "medium-gray", name: "No Category" },
  { id: 2, key: "new", colorName: "blue-gray", name: "To Do" },
  { id: 4, key: "indeterminate", colorName: "yellow", name: "In Progress" },
  { id: 3, key: "done", colorName: "green", name: "Done" },
];

export interface StatusDef {
  id: string;
  name: string;
  description: string;
  categoryId: number;
}

/** In workflow order; ORDER BY status sorts by this order. */
export const STATUSES: readonly StatusDef[] = [
  { id: "10000", name: "To Do", description: "", categoryId: 2 },
  { id: "3", name: "In Progress", description: "This issue is being actively worked on at the moment by the assignee.", categoryId: 4 },
  { id: "10002", name: "In Review", description: "The work is done and waiting for a code review.", categoryId: 4 },
  { id: "10001", name: "Done", description: "", categoryId: 3 },
];

export const STATUS = { todo: "10000", inProgress: "3", inReview: "10002", done: "10001" } as const;

export interface TransitionDef {
  id: string;
  name: string;
  toStatusId: string;
}

/** The simplified software workflow: every status can move to every other ("global" transitions). */
export const TRANSITIONS: readonly TransitionDef[] = [
  { id: "11", name: "To Do", toStatusId: STATUS.todo },
  { id: "21", name: "In Progress", toStatusId: STATUS.inProgress },
  { id: "31", name: "In Review", toStatusId: STATUS.inReview },
  { id: "41", name: "Done", toStatusId: STATUS.done },
];

export interface IssueTypeDef {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
  hierarchyLevel: number;
  avatarId: number;
}

export const ISSUE_TYPES: readonly IssueTypeDef[] = [
  { id: "10000", name: "Epic", description: "Epics track collections of related bugs, stories, and tasks.", subtask: false, hierarchyLevel: 1, avatarId: 10307 },
  { id: "10001", name: "Story", description: "Stories track functionality or features expressed as user goals.", subtask: false, hierarchyLevel: 0, avatarId: 10315 },
  { id: "10002", name: "Task", description: "Tasks track small, distinct pieces of work.", subtask: false, hierarchyLevel: 0, avatarId: 10318 },
  { id: "10003", name: "Subtask", description: "Subtasks track small pieces of work that are part of a larger task.", subtask: true, hierarchyLevel: -1, avatarId: 10316 },
  { id: "10004", name: "Bug", description: "Bugs track problems or errors.", subtask: false, hierarchyLevel: 0, avatarId: 10303 },
];

export const ISSUE_TYPE = { epic: "10000", story: "10001", task: "10002", subtask: "10003", bug: "10004" } as const;

export interface PriorityDef {
  id: string;
  name: string;
  description: string;
  statusColor: string;
  icon: string;
}

/** Highest first; comparisons and ORDER BY priority use this order. */
export const PRIORITIES: readonly PriorityDef[] = [
  { id: "1", name: "Highest", description: "This problem will block progress.", statusColor: "#d04437", icon: "highest" },
  { id: "2", name: "High", description: "Serious problem that could block progress.", statusColor: "#f15C75", icon: "high" },
  { id: "3", name: "Medium", description: "Has the potential to affect progress.", statusColor: "#f79232", icon: "medium" },
  { id: "4", name: "Low", description: "Minor problem or easily worked around.", statusColor: "#707070", icon: "low" },
  { id: "5", name: "Lowest", description: "Trivial problem with little or no impact on progress.", statusColor: "#999999", icon: "lowest" },
];

export const DEFAULT_PRIORITY_ID = "3";

export interface ResolutionDef {
  id: string;
  name: string;
  description: string;
}

export const RESOLUTIONS: readonly ResolutionDef[] = [
  { id: "10000", name: "Done", description: "Work has been completed on this issue." },
  { id: "10001", name: "Won't Do", description: "This issue won't be actioned." },
  { id: "10002", name: "Duplicate", description: "The problem is a duplicate of an existing issue." },
];

export const RESOLUTION_DONE = "10000";

export interface LinkTypeDef {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export const LINK_TYPES: readonly LinkTypeDef[] = [
  { id: "10000", name: "Blocks", inward: "is blocked by", outward: "blocks" },
  { id: "10001", name: "Cloners", inward: "is cloned by", outward: "clones" },
  { id: "10002", name: "Duplicate", inward: "is duplicated by", outward: "duplicates" },
  { id: "10003", name: "Relates", inward: "relates to", outward: "relates to" },
];

export const LINK_TYPE = { blocks: "10000", relates: "10003" } as const;

/** The real Jira Cloud custom field ids for the software fields. */
export const CF = {
  epicLink: "customfield_10014",
  startDate: "customfield_10015",
  storyPoints: "customfield_10016",
  rank: "customfield_10019",
  sprint: "customfield_10020",
  flagged: "customfield_10021",
} as const;

export const FLAGGED_OPTION = { id: "10019", value: "Impediment" } as const;

/** A field on the project's create and edit screens, with the operations the REST API accepts for it. */
export interface ScreenFieldDef {
  id: string;
  operations: readonly ("set" | "add" | "remove")[];
  /** Required on create (summary always; parent for subtasks is checked per issue type). */
  requiredOnCreate: boolean;
  /** On the create screen only (project and issue type are chosen when creating, not edited). */
  createOnly?: boolean;
}

/**
 * The fields the company-managed software project's screens show, in screen order: what
 * createmeta and editmeta report, and so what an integration may set. Story points live in
 * customfield_10016 on this site.
 */
export const SCREEN_FIELDS: readonly ScreenFieldDef[] = [
  { id: "project", operations: ["set"], requiredOnCreate: true, createOnly: true },
  { id: "issuetype", operations: ["set"], requiredOnCreate: true, createOnly: true },
  { id: "summary", operations: ["set"], requiredOnCreate: true },
  { id: "description", operations: ["set"], requiredOnCreate: false },
  { id: "priority", operations: ["set"], requiredOnCreate: false },
  { id: "assignee", operations: ["set"], requiredOnCreate: false },
  { id: "reporter", operations: ["set"], requiredOnCreate: false },
  { id: "labels", operations: ["add", "set", "remove"], requiredOnCreate: false },
  { id: "components", operations: ["add", "set", "remove"], requiredOnCreate: false },
  { id: "fixVersions", operations: ["set", "add", "remove"], requiredOnCreate: false },
  { id: "duedate", operations: ["set"], requiredOnCreate: false },
  { id: "parent", operations: ["set"], requiredOnCreate: false },
  { id: CF.storyPoints, operations: ["set"], requiredOnCreate: false },
  { id: CF.sprint, operations: ["set"], requiredOnCreate: false },
  { id: CF.flagged, operations: ["add", "set", "remove"], requiredOnCreate: false },
];

export interface FieldSchemaDef {
  type: string;
  system?: string;
  items?: string;
  custom?: string;
  customId?: number;
}

export interface FieldDef {
  id: string;
  name: string;
  custom: boolean;
  orderable: boolean;
  navigable: boolean;
  searchable: boolean;
  clauseNames: string[];
  schema?: FieldSchemaDef;
}

const sys = (id: string, name: string, clauseNames: string[], schema: Omit<FieldSchemaDef, "system"> | null, flags: Partial<Pick<FieldDef, "orderable" | "navigable" | "searchable">> = {}): FieldDef => ({
  id,
  name,
  custom: false,
  orderable: flags.orderable ?? true,
  navigable: flags.navigable ?? true,
  searchable: flags.searchable ?? true,
  clauseNames,
  ...(schema ? { schema: { ...schema, system: id } } : {}),
});

const custom = (id: string, name: string, type: FieldSchemaDef, extraClause: string[] = []): FieldDef => {
  const n = Number(id.replace("customfield_", ""));
  return {
    id,
    name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${n}]`, name, ...extraClause],
    schema: { ...type, customId: n },
  };
};

/** GET /rest/api/3/field; also the source of `names` and of which fields `*navigable` selects. */
export const FIELDS: readonly FieldDef[] = [
  sys("summary", "Summary", ["summary"], { type: "string" }),
  sys("description", "Description", ["description"], { type: "string" }),
  sys("issuetype", "Issue Type", ["issuetype", "type"], { type: "issuetype" }),
  sys("project", "Project", ["project"], { type: "project" }, { orderable: false }),
  sys("status", "Status", ["status"], { type: "status" }, { orderable: false }),
  sys("statusCategory", "Status Category", ["statusCategory"], null, { orderable: false, navigable: false }),
  sys("statuscategorychangedate", "Status Category Changed", ["statusCategoryChangedDate"], { type: "datetime" }, { orderable: false }),
  sys("priority", "Priority", ["priority"], { type: "priority" }),
  sys("assignee", "Assignee", ["assignee"], { type: "user" }),
  sys("reporter", "Reporter", ["reporter"], { type: "user" }),
  sys("creator", "Creator", ["creator"], { type: "user" }, { orderable: false }),
  sys("labels", "Labels", ["labels"], { type: "array", items: "string" }),
  sys("components", "Components", ["component"], { type: "array", items: "component" }),
  sys("fixVersions", "Fix versions", ["fixVersion"], { type: "array", items: "version" }),
  sys("versions", "Affects versions", ["affectedVersion"], { type: "array", items: "version" }),
  sys("created", "Created", ["created", "createdDate"], { type: "datetime" }, { orderable: false }),
  sys("updated", "Updated", ["updated", "updatedDate"], { type: "datetime" }, { orderable: false }),
  sys("resolution", "Resolution", ["resolution"], { type: "resolution" }),
  sys("resolutiondate", "Resolved", ["resolutiondate", "resolved"], { type: "datetime" }, { orderable: false }),
  sys("duedate", "Due date", ["due", "duedate"], { type: "date" }),
  sys("environment", "Environment", ["environment"], { type: "string" }),
  sys("issuelinks", "Linked Issues", ["issueLink"], { type: "array", items: "issuelinks" }),
  sys("subtasks", "Sub-tasks", ["subtasks"], { type: "array", items: "issuelinks" }, { orderable: false }),
  sys("parent", "Parent", ["parent"], null, { searchable: false }),
  sys("comment", "Comment", ["comment"], { type: "comments-page" }, { navigable: false }),
  sys("issuekey", "Key", ["id", "issue", "issuekey", "key"], null, { orderable: false, searchable: false }),
  sys("watches", "Watchers", ["watchers"], { type: "watches" }, { orderable: false }),
  sys("votes", "Votes", ["votes"], { type: "votes" }, { orderable: false }),
  sys("attachment", "Attachment", ["attachments"], { type: "array", items: "attachment" }),
  sys("worklog", "Log Work", ["worklogAuthor", "worklogComment", "worklogDate"], { type: "array", items: "worklog" }, { navigable: false }),
  sys("timetracking", "Time tracking", [], { type: "timetracking" }, { navigable: false, searchable: false }),
  sys("progress", "Progress", ["progress"], { type: "progress" }, { orderable: false }),
  sys("aggregateprogress", "Σ Progress", [], { type: "progress" }, { orderable: false, searchable: false }),
  sys("workratio", "Work Ratio", ["workratio"], { type: "number" }, { orderable: false }),
  sys("lastViewed", "Last Viewed", ["lastViewed"], { type: "datetime" }, { orderable: false }),
  sys("security", "Security Level", ["level"], { type: "securitylevel" }),
  custom(CF.epicLink, "Epic Link", { type: "any", custom: "com.pyxis.greenhopper.jira:gh-epic-link" }),
  custom(CF.startDate, "Start date", { type: "date", custom: "com.atlassian.jira.plugin.system.customfieldtypes:datepicker" }),
  custom(CF.storyPoints, "Story point estimate", { type: "number", custom: "com.pyxis.greenhopper.jira:jsw-story-points" }),
  custom(CF.rank, "Rank", { type: "any", custom: "com.pyxis.greenhopper.jira:gh-lexo-rank" }),
  custom(CF.sprint, "Sprint", { type: "array", items: "json", custom: "com.pyxis.greenhopper.jira:gh-sprint" }),
  custom(CF.flagged, "Flagged", { type: "array", items: "option", custom: "com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes" }),
];

export const statusById = (id: string) => STATUSES.find((s) => s.id === id);
export const categoryById = (id: number) => STATUS_CATEGORIES.find((c) => c.id === id);
export const issueTypeById = (id: string) => ISSUE_TYPES.find((t) => t.id === id);
export const priorityById = (id: string) => PRIORITIES.find((p) => p.id === id);
export const resolutionById = (id: string) => RESOLUTIONS.find((r) => r.id === id);
export const linkTypeById = (id: string) => LINK_TYPES.find((t) => t.id === id);

/** The status category key ("new" | "indeterminate" | "done") of a status id. */
export function statusCategoryKey(statusId: string): StatusCategoryDef["key"] {
  const s = statusById(statusId);
  return (s && categoryById(s.categoryId)?.key) ?? "undefined";
}
