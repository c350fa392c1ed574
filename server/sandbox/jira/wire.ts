import { type Person } from "../core/types";
import { adfToHtml } from "./adf";
import {
  CF,
  FIELDS,
  FLAGGED_OPTION,
  TRANSITIONS,
  categoryById,
  issueTypeById,
  linkTypeById,
  priorityById,
  resolutionById,
  statusById,
  type FieldDef,
} from "./catalog";
import { type JiraLookup } from "./lookup";
import { propertyEntries, selectProperties } from "./properties";
import { type JiraBoard, type JiraComment, type JiraComponent, type JiraHistory, type JiraIssue, type JiraIssueLink, type JiraProject, type JiraSprint, type JiraVersion } from "./state";

/**
 * Jira's JSON for every object the sandbox serves. `base` is the API root the client called
 * (self links point back at the sandbox so they can be followed); `site` is the Jira site URL
 * used for icons and browse links, as on a real site.
 */
export interface Wire {
  base: string;
  site: string;
  lookup: JiraLookup;
}

type Json = Record<string, unknown>;

/** Jira's timestamp format: "2026-11-20T16:00:00.000+0000". */
export const jiraDate = (iso: string | null) => (iso ? iso.replace(/Z$/, "+0000") : null);

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The date as Jira renders it for people: "20/Nov/26 4:00 PM". */
export function renderedDate(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  const h = d.getUTCHours();
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  return `${d.getUTCDate()}/${MONTHS[d.getUTCMonth()]}/${String(d.getUTCFullYear()).slice(2)} ${hour12}:${String(d.getUTCMinutes()).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
}

/** "01/Dec/26" — Jira's userReleaseDate / userStartDate. */
const userDate = (date: string) => {
  const [y, m, d] = date.split("-");
  return `${d}/${MONTHS[Number(m) - 1]}/${y!.slice(2)}`;
};

function avatarUrls(person: Person): Json {
  const initials = person.name
    .split(/\s+/)
    .map((w) => w[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
  const url = `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/${initials}-${(person.githubId % 6) + 1}.png`;
  return { "48x48": url, "24x24": url, "16x16": url, "32x32": url };
}

export function userJson(w: Wire, accountId: string | null): Json | null {
  if (!accountId) return null;
  const person = w.lookup.personByAccountId.get(accountId);
  if (!person) return null;
  return {
    self: `${w.base}/rest/api/3/user?accountId=${person.jiraAccountId}`,
    accountId: person.jiraAccountId,
    emailAddress: person.email,
    avatarUrls: avatarUrls(person),
    displayName: person.name,
    active: true,
    timeZone: person.timezone,
    accountType: "atlassian",
  };
}

/** The full user of /myself and /user. */
export function fullUserJson(w: Wire, person: Person, expand: Set<string> = new Set()): Json {
  return {
    ...userJson(w, person.jiraAccountId),
    locale: "en_US",
    groups: { size: 2, items: expand.has("groups") ? [{ name: "jira-software-users", self: `${w.base}/rest/api/3/group?groupId=jira-software-users` }, { name: "northwind-staff", self: `${w.base}/rest/api/3/group?groupId=northwind-staff` }] : [] },
    applicationRoles: { size: 1, items: expand.has("applicationRoles") ? [{ key: "jira-software", name: "Jira Software" }] : [] },
    expand: "groups,applicationRoles",
  };
}

export function statusCategoryJson(w: Wire, id: number): Json {
  const c = categoryById(id)!;
  return { self: `${w.base}/rest/api/3/statuscategory/${c.id}`, id: c.id, key: c.key, colorName: c.colorName, name: c.name };
}

export function statusJson(w: Wire, id: string): Json {
  const s = statusById(id)!;
  return {
    self: `${w.base}/rest/api/3/status/${s.id}`,
    description: s.description,
    iconUrl: `${w.site}/images/icons/statuses/generic.png`,
    name: s.name,
    untranslatedName: s.name,
    id: s.id,
    statusCategory: statusCategoryJson(w, s.categoryId),
  };
}

export function issueTypeJson(w: Wire, id: string): Json {
  const t = issueTypeById(id)!;
  return {
    self: `${w.base}/rest/api/3/issuetype/${t.id}`,
    id: t.id,
    description: t.description,
    iconUrl: `${w.base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${t.avatarId}?size=medium`,
    name: t.name,
    untranslatedName: t.name,
    subtask: t.subtask,
    avatarId: t.avatarId,
    hierarchyLevel: t.hierarchyLevel,
  };
}

export function priorityJson(w: Wire, id: string, full = false): Json {
  const p = priorityById(id)!;
  const ref = { self: `${w.base}/rest/api/3/priority/${p.id}`, iconUrl: `${w.site}/images/icons/priorities/${p.icon}.svg`, name: p.name, id: p.id };
  return full ? { ...ref, statusColor: p.statusColor, description: p.description, isDefault: p.id === "3" } : ref;
}

export function resolutionJson(w: Wire, id: string): Json {
  const r = resolutionById(id)!;
  return { self: `${w.base}/rest/api/3/resolution/${r.id}`, id: r.id, description: r.description, name: r.name };
}

function projectAvatars(w: Wire, project: JiraProject): Json {
  const avatar = 10400 + (Number(project.id) % 20);
  const url = (size?: string) => `${w.base}/rest/api/3/universal_avatar/view/type/project/avatar/${avatar}${size ? `?size=${size}` : ""}`;
  return { "48x48": url(), "24x24": url("small"), "16x16": url("xsmall"), "32x32": url("medium") };
}

/** The short project object inside issue fields. */
export function projectRefJson(w: Wire, project: JiraProject): Json {
  return { self: `${w.base}/rest/api/3/project/${project.id}`, id: project.id, key: project.key, name: project.name, projectTypeKey: "software", simplified: false, avatarUrls: projectAvatars(w, project) };
}

export function versionJson(w: Wire, v: JiraVersion): Json {
  const today = new Date(w.lookup.state.company.now).toISOString().slice(0, 10);
  return {
    self: `${w.base}/rest/api/3/version/${v.id}`,
    id: v.id,
    description: v.description,
    name: v.name,
    archived: v.archived,
    released: v.released,
    ...(v.startDate ? { startDate: v.startDate, userStartDate: userDate(v.startDate) } : {}),
    ...(v.releaseDate ? { releaseDate: v.releaseDate, userReleaseDate: userDate(v.releaseDate) } : {}),
    ...(!v.released && v.releaseDate ? { overdue: v.releaseDate < today } : {}),
    projectId: Number(v.projectId),
  };
}

export function componentJson(w: Wire, c: JiraComponent, project?: JiraProject): Json {
  return {
    self: `${w.base}/rest/api/3/component/${c.id}`,
    id: c.id,
    name: c.name,
    ...(c.description ? { description: c.description } : {}),
    ...(project ? { project: project.key, projectId: Number(project.id), assigneeType: "PROJECT_DEFAULT", realAssigneeType: "PROJECT_DEFAULT", isAssigneeTypeValid: false } : {}),
  };
}

/** The full project of /project/{key} and (with expand) /project/search. */
export function projectJson(w: Wire, project: JiraProject, expand: Set<string>, full: boolean): Json {
  const versions = w.lookup.state.jira.versions.filter((v) => v.projectId === project.id);
  const issueTypes = ["10000", "10001", "10002", "10003", "10004"].map((id) => issueTypeJson(w, id));
  const lead = userJson(w, project.leadAccountId);
  return {
    expand: "description,lead,issueTypes,url,projectKeys,permissions,insight",
    self: `${w.base}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    ...(full || expand.has("description") ? { description: project.description } : {}),
    ...(full || expand.has("lead") ? { lead } : {}),
    ...(full ? { components: project.components.map((c) => componentJson(w, c, project)) } : {}),
    ...(full || expand.has("issueTypes") ? { issueTypes } : {}),
    ...(full ? { assigneeType: "UNASSIGNED", versions: versions.map((v) => versionJson(w, v)), roles: {} } : {}),
    name: project.name,
    avatarUrls: projectAvatars(w, project),
    projectTypeKey: "software",
    simplified: false,
    style: "classic",
    isPrivate: false,
    properties: {},
    ...(expand.has("insight") ? { insight: { totalIssueCount: w.lookup.state.jira.issues.filter((i) => i.projectId === project.id).length, lastIssueUpdateTime: lastUpdate(w, project) } } : {}),
  };
}

function lastUpdate(w: Wire, project: JiraProject): string | null {
  let last: string | null = null;
  for (const i of w.lookup.state.jira.issues) if (i.projectId === project.id && (!last || i.updated > last)) last = i.updated;
  return jiraDate(last);
}

/** One entry of customfield_10020. */
export function sprintFieldJson(s: JiraSprint): Json {
  return {
    id: s.id,
    name: s.name,
    state: s.state,
    boardId: s.boardId,
    goal: s.goal,
    ...(s.startDate ? { startDate: s.startDate } : {}),
    ...(s.endDate ? { endDate: s.endDate } : {}),
    ...(s.completeDate ? { completeDate: s.completeDate } : {}),
  };
}

export function agileSprintJson(w: Wire, s: JiraSprint): Json {
  return {
    id: s.id,
    self: `${w.base}/rest/agile/1.0/sprint/${s.id}`,
    state: s.state,
    name: s.name,
    ...(s.startDate ? { startDate: s.startDate } : {}),
    ...(s.endDate ? { endDate: s.endDate } : {}),
    ...(s.completeDate ? { completeDate: s.completeDate } : {}),
    createdDate: s.createdDate,
    originBoardId: s.boardId,
    goal: s.goal,
  };
}

export function boardJson(w: Wire, b: JiraBoard): Json {
  const project = w.lookup.projectById.get(b.projectId)!;
  return {
    id: b.id,
    self: `${w.base}/rest/agile/1.0/board/${b.id}`,
    name: b.name,
    type: b.type,
    location: {
      projectId: Number(project.id),
      displayName: `${project.name} (${project.key})`,
      projectName: project.name,
      projectKey: project.key,
      projectTypeKey: "software",
      avatarURI: `${w.base}/rest/api/2/universal_avatar/view/type/project/avatar/${10400 + (Number(project.id) % 20)}?size=small`,
      name: `${project.name} (${project.key})`,
    },
    isPrivate: false,
  };
}

/** The small issue object inside links, subtasks and parent. */
export function issueRefJson(w: Wire, issue: JiraIssue): Json {
  return {
    id: issue.id,
    key: issue.key,
    self: `${w.base}/rest/api/3/issue/${issue.id}`,
    fields: { summary: issue.summary, status: statusJson(w, issue.statusId), priority: priorityJson(w, issue.priorityId), issuetype: issueTypeJson(w, issue.issueTypeId) },
  };
}

export function issueLinkJson(w: Wire, link: JiraIssueLink, from: JiraIssue): Json {
  const t = linkTypeById(link.typeId)!;
  const outgoing = link.sourceId === from.id;
  const other = w.lookup.issueById.get(outgoing ? link.targetId : link.sourceId)!;
  return {
    id: link.id,
    self: `${w.base}/rest/api/3/issueLink/${link.id}`,
    type: { id: t.id, name: t.name, inward: t.inward, outward: t.outward, self: `${w.base}/rest/api/3/issueLinkType/${t.id}` },
    ...(outgoing ? { outwardIssue: issueRefJson(w, other) } : { inwardIssue: issueRefJson(w, other) }),
  };
}

/** A comment; `expand` may ask for `renderedBody` (HTML) and `properties` (its entity properties). */
export function commentJson(w: Wire, issue: JiraIssue, c: JiraComment, expand: ReadonlySet<string> = new Set()): Json {
  return {
    self: `${w.base}/rest/api/3/issue/${issue.id}/comment/${c.id}`,
    id: c.id,
    author: userJson(w, c.authorAccountId),
    body: c.body,
    ...(expand.has("renderedBody") ? { renderedBody: adfToHtml(c.body) } : {}),
    updateAuthor: userJson(w, c.updateAuthorAccountId),
    created: jiraDate(c.created),
    updated: jiraDate(c.updated),
    jsdPublic: true,
    ...(expand.has("properties") ? { properties: propertyEntries(c) } : {}),
  };
}

export function historyJson(w: Wire, h: JiraHistory): Json {
  return { id: h.id, author: userJson(w, h.authorAccountId), created: jiraDate(h.created), items: h.items };
}

export function transitionJson(w: Wire, t: (typeof TRANSITIONS)[number]): Json {
  return { id: t.id, name: t.name, to: statusJson(w, t.toStatusId), hasScreen: false, isGlobal: true, isInitial: false, isAvailable: true, isConditional: false };
}

/** Transitions offered from the issue's status: every other status (the simplified workflow). */
export function availableTransitions(issue: JiraIssue) {
  return TRANSITIONS.filter((t) => t.toStatusId !== issue.statusId);
}

// ---------- issues ----------

/** Field ids an issue carries, in Jira's usual order; statusCategory and issuekey are JQL-only. */
const ISSUE_FIELD_IDS = FIELDS.filter((f) => f.id !== "statusCategory" && f.id !== "issuekey").map((f) => f.id);
const FIELD_BY_ID = new Map(FIELDS.map((f) => [f.id, f]));

export interface FieldSelection {
  ids: Set<string>;
}

/**
 * Jira's `fields` parameter: `*all`, `*navigable`, field ids, `-id` exclusions, or `id` alone.
 * With no positive token the endpoint's default applies.
 */
export function selectFields(raw: string[] | undefined, fallback: "all" | "navigable" | "none"): FieldSelection {
  const tokens = (raw ?? []).flatMap((r) => r.split(",")).map((t) => t.trim()).filter(Boolean);
  const navigable = () => ISSUE_FIELD_IDS.filter((id) => FIELD_BY_ID.get(id)?.navigable !== false);
  const ids = new Set<string>();
  const positives = tokens.filter((t) => !t.startsWith("-"));
  const base = positives.length ? [] : fallback === "all" ? ISSUE_FIELD_IDS : fallback === "navigable" ? navigable() : [];
  base.forEach((id) => ids.add(id));
  for (const t of positives) {
    if (t === "*all") ISSUE_FIELD_IDS.forEach((id) => ids.add(id));
    else if (t === "*navigable") navigable().forEach((id) => ids.add(id));
    else if (t !== "id" && t !== "key" && t !== "issuekey" && FIELD_BY_ID.has(t)) ids.add(t);
  }
  for (const t of tokens.filter((x) => x.startsWith("-"))) ids.delete(t.slice(1));
  return { ids };
}

function fieldValue(w: Wire, issue: JiraIssue, id: string): unknown {
  const { lookup } = w;
  const base = w.base;
  switch (id) {
    case "summary":
      return issue.summary;
    case "description":
      return issue.description;
    case "issuetype":
      return issueTypeJson(w, issue.issueTypeId);
    case "project":
      return projectRefJson(w, lookup.projectById.get(issue.projectId)!);
    case "status":
      return statusJson(w, issue.statusId);
    case "statuscategorychangedate":
      return jiraDate(issue.statusCategoryChangedAt);
    case "priority":
      return priorityJson(w, issue.priorityId);
    case "assignee":
      return userJson(w, issue.assigneeAccountId);
    case "reporter":
      return userJson(w, issue.reporterAccountId);
    case "creator":
      return userJson(w, issue.creatorAccountId);
    case "labels":
      return issue.labels;
    case "components": {
      const project = lookup.projectById.get(issue.projectId)!;
      return issue.componentIds.map((cid) => project.components.find((c) => c.id === cid)).filter((c): c is JiraComponent => Boolean(c)).map((c) => componentJson(w, c));
    }
    case "fixVersions":
      return issue.fixVersionIds.map((vid) => lookup.versionById.get(vid)).filter((v): v is JiraVersion => Boolean(v)).map((v) => versionJson(w, v));
    case "versions":
      return [];
    case "created":
      return jiraDate(issue.created);
    case "updated":
      return jiraDate(issue.updated);
    case "resolution":
      return issue.resolutionId ? resolutionJson(w, issue.resolutionId) : null;
    case "resolutiondate":
      return jiraDate(issue.resolutionDate);
    case "duedate":
      return issue.dueDate;
    case "environment":
      return null;
    case "issuelinks":
      return (lookup.linksByIssue.get(issue.id) ?? []).map((l) => issueLinkJson(w, l, issue));
    case "subtasks":
      return (lookup.childrenByParent.get(issue.id) ?? []).filter((c) => c.issueTypeId === "10003").map((c) => issueRefJson(w, c));
    case "parent": {
      const parent = issue.parentId ? lookup.issueById.get(issue.parentId) : undefined;
      return parent ? issueRefJson(w, parent) : undefined;
    }
    case "comment":
      return { comments: issue.comments.map((c) => commentJson(w, issue, c)), self: `${base}/rest/api/3/issue/${issue.id}/comment`, maxResults: issue.comments.length, total: issue.comments.length, startAt: 0 };
    case "watches":
      return { self: `${base}/rest/api/3/issue/${issue.key}/watchers`, watchCount: issue.assigneeAccountId && issue.assigneeAccountId !== issue.reporterAccountId ? 2 : 1, isWatching: false };
    case "votes":
      return { self: `${base}/rest/api/3/issue/${issue.key}/votes`, votes: 0, hasVoted: false };
    case "attachment":
      return [];
    case "worklog":
      return { startAt: 0, maxResults: 20, total: 0, worklogs: [] };
    case "timetracking":
      return {};
    case "progress":
    case "aggregateprogress":
      return { progress: 0, total: 0 };
    case "workratio":
      return -1;
    case "lastViewed":
    case "security":
      return null;
    case CF.epicLink: {
      const parent = issue.parentId ? lookup.issueById.get(issue.parentId) : undefined;
      return parent && parent.issueTypeId === "10000" ? parent.key : null;
    }
    case CF.startDate:
      return null;
    case CF.storyPoints:
      return issue.storyPoints;
    case CF.rank:
      return issue.rank;
    case CF.sprint: {
      const sprints = issue.sprintIds.map((sid) => lookup.sprintById.get(sid)).filter((s): s is JiraSprint => Boolean(s));
      return sprints.length ? sprints.map(sprintFieldJson) : null;
    }
    case CF.flagged:
      return issue.flagged ? [{ self: `${base}/rest/api/3/customFieldOption/${FLAGGED_OPTION.id}`, value: FLAGGED_OPTION.value, id: FLAGGED_OPTION.id }] : null;
    default:
      return undefined;
  }
}

/** The Jira Software fields the Agile API adds to issues: sprint, closedSprints, flagged, epic. */
function agileFields(w: Wire, issue: JiraIssue): Json {
  const sprints = issue.sprintIds.map((sid) => w.lookup.sprintById.get(sid)).filter((s): s is JiraSprint => Boolean(s));
  const open = sprints.find((s) => s.state === "active") ?? sprints.find((s) => s.state === "future");
  const parent = issue.parentId ? w.lookup.issueById.get(issue.parentId) : undefined;
  const epic = parent && parent.issueTypeId === "10000" ? parent : undefined;
  return {
    sprint: open ? agileSprintJson(w, open) : null,
    closedSprints: sprints.filter((s) => s.state === "closed").map((s) => agileSprintJson(w, s)),
    flagged: issue.flagged,
    epic: epic ? epicJson(w, epic) : null,
  };
}

export function epicJson(w: Wire, epic: JiraIssue): Json {
  return {
    id: Number(epic.id),
    key: epic.key,
    self: `${w.base}/rest/agile/1.0/epic/${epic.id}`,
    name: epic.summary,
    summary: epic.summary,
    color: { key: `color_${(Number(epic.id) % 14) + 1}` },
    done: statusById(epic.statusId)?.categoryId === 3,
  };
}

export interface IssueOptions {
  fields: FieldSelection;
  expand: Set<string>;
  /** Agile API responses add sprint, closedSprints, flagged and epic. */
  agile?: boolean;
  /** Newest first, at most this many histories under `changelog`. */
  changelogLimit?: number;
  /** The `properties` parameter: entity properties to include (`*all`, keys, `-key`). */
  properties?: string[];
}

const ISSUE_EXPAND = "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations";

export function issueJson(w: Wire, issue: JiraIssue, opts: IssueOptions): Json {
  const fields: Json = {};
  for (const id of ISSUE_FIELD_IDS) {
    if (!opts.fields.ids.has(id)) continue;
    const value = fieldValue(w, issue, id);
    if (value !== undefined) fields[id] = value;
  }
  if (opts.agile && opts.fields.ids.size) Object.assign(fields, agileFields(w, issue));
  const out: Json = { expand: ISSUE_EXPAND, id: issue.id, self: `${w.base}/rest/api/3/issue/${issue.id}`, key: issue.key };
  if (opts.expand.has("renderedFields")) out.renderedFields = renderedFieldsJson(w, issue, opts.fields);
  if (opts.expand.has("names")) out.names = namesFor(Object.keys(fields));
  if (opts.expand.has("schema")) out.schema = schemaFor(Object.keys(fields));
  if (opts.expand.has("transitions")) out.transitions = availableTransitions(issue).map((t) => transitionJson(w, t));
  if (opts.expand.has("changelog")) {
    const limit = opts.changelogLimit ?? 100;
    const histories = [...issue.changelog].reverse().slice(0, limit);
    out.changelog = { startAt: 0, maxResults: histories.length, total: issue.changelog.length, histories: histories.map((h) => historyJson(w, h)) };
  }
  if (Object.keys(fields).length || opts.fields.ids.size) out.fields = fields;
  if (opts.properties?.length) out.properties = selectProperties(issue, opts.properties);
  return out;
}

function renderedFieldsJson(w: Wire, issue: JiraIssue, selection: FieldSelection): Json {
  const out: Json = {};
  for (const id of ISSUE_FIELD_IDS) {
    if (!selection.ids.has(id)) continue;
    if (id === "description") out.description = issue.description ? adfToHtml(issue.description) : null;
    else if (id === "comment")
      out.comment = { comments: issue.comments.map((c) => ({ ...commentJson(w, issue, c), body: adfToHtml(c.body) })), maxResults: issue.comments.length, total: issue.comments.length, startAt: 0 };
    else if (id === "created" || id === "updated" || id === "resolutiondate" || id === "statuscategorychangedate") {
      const v = id === "created" ? issue.created : id === "updated" ? issue.updated : id === "resolutiondate" ? issue.resolutionDate : issue.statusCategoryChangedAt;
      out[id] = renderedDate(v);
    } else out[id] = null;
  }
  return out;
}

const fieldName = (id: string) => FIELD_BY_ID.get(id)?.name ?? (id === "sprint" ? "Sprint" : id === "closedSprints" ? "Closed Sprints" : id === "flagged" ? "Flagged" : id === "epic" ? "Epic" : id);

/** `names`: field id → display name for the fields present. */
export function namesFor(ids: string[]): Record<string, string> {
  return Object.fromEntries(ids.map((id) => [id, fieldName(id)]));
}

/** `schema`: field id → JSON type for the fields present. */
export function schemaFor(ids: string[]): Record<string, unknown> {
  return Object.fromEntries(ids.map((id) => [id, FIELD_BY_ID.get(id)?.schema]).filter(([, s]) => s !== undefined));
}

/** GET /rest/api/3/field entries. */
export function fieldDefJson(f: FieldDef): Json {
  return {
    id: f.id,
    key: f.id,
    name: f.name,
    ...(f.custom ? { untranslatedName: f.name } : {}),
    custom: f.custom,
    orderable: f.orderable,
    navigable: f.navigable,
    searchable: f.searchable,
    clauseNames: f.clauseNames,
    ...(f.schema ? { schema: f.schema } : {}),
  };
}
