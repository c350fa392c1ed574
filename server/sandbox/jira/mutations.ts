import { type SandboxStore } from "../core/store";
import { adfToText } from "./adf";
import { FLAGGED_OPTION, ISSUE_TYPES, LINK_TYPES, PRIORITIES, RESOLUTIONS, RESOLUTION_DONE, STATUS, TRANSITIONS, statusById } from "./catalog";
import { change } from "./changelog";
import { findIssue, type JiraLookup } from "./lookup";
import { rankAt, rankIssues } from "./ranks";
import { type AdfDoc, type JiraChangeItem, type JiraComment, type JiraIssue, type JiraSequences, type JiraSprint } from "./state";

/**
 * The Jira sandbox's writes, as plain functions over the store: every write takes its timestamp
 * from the store's logical clock and its ids from store counters (starting after the seed's ids),
 * and records what changed in the issue's changelog the way Jira does.
 */

/** The next id of a kind, continuing after the seeded ones. */
export function allocate(store: SandboxStore, kind: keyof JiraSequences): number {
  return store.nextId(`jira-${kind}`, store.state.jira.sequences[kind]);
}

/** Field-level validation failures, keyed by field id as in Jira's `errors`. */
export class FieldErrors extends Error {
  constructor(readonly errors: Record<string, string>) {
    super(Object.values(errors).join(" "));
    this.name = "FieldErrors";
  }
}

/** A request-level failure with Jira's `errorMessages`. */
export class JiraRequestError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly messages: string[],
  ) {
    super(messages.join(" "));
    this.name = "JiraRequestError";
  }
}

function personName(lookup: JiraLookup, accountId: string) {
  return lookup.personByAccountId.get(accountId)?.name ?? accountId;
}

/** Appends one changelog entry and bumps `updated`, at a single tick. */
export function recordChange(store: SandboxStore, issue: JiraIssue, actor: string, items: JiraChangeItem[], at = store.tick().toISOString()) {
  if (items.length) issue.changelog.push({ id: String(allocate(store, "changelog")), authorAccountId: actor, created: at, items });
  issue.updated = at;
}

// ---------- field values ----------

const idOrName = (v: unknown): { id?: string; name?: string; key?: string } | null => {
  if (!v || typeof v !== "object") return null;
  const o = v as Record<string, unknown>;
  return {
    id: typeof o.id === "string" || typeof o.id === "number" ? String(o.id) : undefined,
    name: typeof o.name === "string" ? o.name : typeof o.value === "string" ? o.value : undefined,
    key: typeof o.key === "string" ? o.key : undefined,
  };
};

export interface FieldContext {
  store: SandboxStore;
  lookup: JiraLookup;
  issue: JiraIssue;
  actor: string;
  errors: Record<string, string>;
  items: JiraChangeItem[];
  /** How rich-text values arrive: ADF documents (v3) or wiki markup strings (v2). */
  richText: (value: unknown) => AdfDoc | null | "invalid";
}

const setters: Record<string, (ctx: FieldContext, value: unknown) => void> = {
  summary(ctx, v) {
    if (typeof v !== "string" || !v.trim()) return void (ctx.errors.summary = "You must specify a summary of the issue.");
    if (v.length > 255) return void (ctx.errors.summary = "Summary must be less than 255 characters.");
    if (v !== ctx.issue.summary) ctx.items.push(change.text("summary", ctx.issue.summary, v));
    ctx.issue.summary = v;
  },
  description(ctx, v) {
    const doc = v === null ? null : ctx.richText(v);
    if (doc === "invalid") return void (ctx.errors.description = "Operation value must be an Atlassian Document (see the Atlassian Document Format)");
    ctx.items.push(change.text("description", adfToText(ctx.issue.description) || null, adfToText(doc) || null));
    ctx.issue.description = doc;
  },
  priority(ctx, v) {
    const ref = idOrName(v);
    const p = PRIORITIES.find((x) => x.id === ref?.id || (ref?.name && x.name.toLowerCase() === ref.name.toLowerCase()));
    if (!p) return void (ctx.errors.priority = "Specify the Priority (id or name) in the string format");
    if (p.id !== ctx.issue.priorityId) ctx.items.push(change.priority(ctx.issue.priorityId, p.id));
    ctx.issue.priorityId = p.id;
  },
  assignee(ctx, v) {
    const accountId = v === null ? null : idOrName(v) && typeof (v as { accountId?: unknown }).accountId === "string" ? (v as { accountId: string }).accountId : undefined;
    if (accountId === undefined) return void (ctx.errors.assignee = "Specify the user's accountId in the format {\"accountId\": \"...\"}.");
    if (accountId !== null && !ctx.lookup.personByAccountId.has(accountId)) return void (ctx.errors.assignee = `User '${accountId}' cannot be assigned issues.`);
    if (accountId !== ctx.issue.assigneeAccountId) ctx.items.push(change.user("assignee", ctx.issue.assigneeAccountId, accountId, (a) => personName(ctx.lookup, a)));
    ctx.issue.assigneeAccountId = accountId;
  },
  reporter(ctx, v) {
    const accountId = v && typeof (v as { accountId?: unknown }).accountId === "string" ? (v as { accountId: string }).accountId : null;
    if (!accountId || !ctx.lookup.personByAccountId.has(accountId)) return void (ctx.errors.reporter = "Specify a valid value for reporter.");
    if (accountId !== ctx.issue.reporterAccountId) ctx.items.push(change.user("reporter", ctx.issue.reporterAccountId, accountId, (a) => personName(ctx.lookup, a)));
    ctx.issue.reporterAccountId = accountId;
  },
  labels(ctx, v) {
    if (!Array.isArray(v) || v.some((l) => typeof l !== "string")) return void (ctx.errors.labels = "Labels must be an array of strings.");
    const bad = (v as string[]).find((l) => /\s/.test(l) || !l);
    if (bad !== undefined) return void (ctx.errors.labels = `The label '${bad}' contains spaces which is invalid.`);
    const next = [...new Set(v as string[])];
    if (next.join(" ") !== ctx.issue.labels.join(" ")) ctx.items.push(change.labels(ctx.issue.labels, next));
    ctx.issue.labels = next;
  },
  components(ctx, v) {
    const project = ctx.lookup.projectById.get(ctx.issue.projectId)!;
    if (!Array.isArray(v)) return void (ctx.errors.components = "Components must be an array.");
    const ids: string[] = [];
    for (const ref of v.map(idOrName)) {
      const c = project.components.find((x) => x.id === ref?.id || (ref?.name && x.name.toLowerCase() === ref.name.toLowerCase()));
      if (!c) return void (ctx.errors.components = `Component name '${ref?.name ?? ref?.id ?? ""}' is not valid`);
      ids.push(c.id);
    }
    ctx.issue.componentIds = ids;
  },
  fixVersions(ctx, v) {
    if (!Array.isArray(v)) return void (ctx.errors.fixVersions = "Fix versions must be an array.");
    const versions = ctx.lookup.state.jira.versions.filter((x) => x.projectId === ctx.issue.projectId);
    const next: string[] = [];
    for (const ref of v.map(idOrName)) {
      const found = versions.find((x) => x.id === ref?.id || x.name === ref?.name);
      if (!found) return void (ctx.errors.fixVersions = `Version name '${ref?.name ?? ref?.id ?? ""}' is not valid`);
      next.push(found.id);
    }
    for (const id of ctx.issue.fixVersionIds.filter((x) => !next.includes(x))) ctx.items.push(change.fixVersion(ctx.lookup.versionById.get(id) ?? null, null));
    for (const id of next.filter((x) => !ctx.issue.fixVersionIds.includes(x))) ctx.items.push(change.fixVersion(null, ctx.lookup.versionById.get(id)!));
    ctx.issue.fixVersionIds = next;
  },
  duedate(ctx, v) {
    if (v !== null && (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v))) return void (ctx.errors.duedate = "Error parsing date string: " + String(v));
    const next = (v as string | null) ?? null;
    if (next !== ctx.issue.dueDate) ctx.items.push(change.duedate(ctx.issue.dueDate, next));
    ctx.issue.dueDate = next;
  },
  parent(ctx, v) {
    if (v === null) return setParent(ctx, null);
    const ref = idOrName(v);
    const parent = ref ? findIssue(ctx.lookup, ref.key ?? ref.id ?? "") : undefined;
    if (!parent) return void (ctx.errors.parent = "Could not find issue by id or key.");
    setParent(ctx, parent);
  },
  customfield_10014(ctx, v) {
    if (v === null) return setParent(ctx, null);
    const parent = typeof v === "string" ? findIssue(ctx.lookup, v) : undefined;
    if (!parent || parent.issueTypeId !== "10000") return void (ctx.errors.customfield_10014 = `Epic '${String(v)}' does not exist.`);
    setParent(ctx, parent);
  },
  customfield_10016(ctx, v) {
    if (v !== null && (typeof v !== "number" || !Number.isFinite(v) || v < 0)) return void (ctx.errors.customfield_10016 = "Operation value must be a number");
    const next = v as number | null;
    if (next !== ctx.issue.storyPoints) ctx.items.push(change.storyPoints(ctx.issue.storyPoints, next));
    ctx.issue.storyPoints = next;
  },
  customfield_10020(ctx, v) {
    const id = Array.isArray(v) ? v[0] : v;
    if (id === null || id === undefined) return moveSprint(ctx, null);
    const sprint = ctx.lookup.sprintById.get(Number(typeof id === "object" ? (id as { id?: unknown }).id : id));
    if (!sprint) return void (ctx.errors.customfield_10020 = `Sprint with id ${JSON.stringify(id)} does not exist`);
    if (sprint.state === "closed") return void (ctx.errors.customfield_10020 = "Issue can be assigned only active or future sprints.");
    moveSprint(ctx, sprint);
  },
  customfield_10021(ctx, v) {
    const on = Array.isArray(v) && v.some((o) => idOrName(o)?.name === FLAGGED_OPTION.value || idOrName(o)?.id === FLAGGED_OPTION.id);
    if (on !== ctx.issue.flagged) ctx.items.push(change.flagged(on));
    ctx.issue.flagged = on;
  },
};

function setParent(ctx: FieldContext, parent: JiraIssue | null) {
  if (parent && parent.id === ctx.issue.id) return void (ctx.errors.parent = "An issue cannot be its own parent.");
  const before = ctx.issue.parentId ? ctx.lookup.issueById.get(ctx.issue.parentId) : undefined;
  if ((before?.id ?? null) !== (parent?.id ?? null)) ctx.items.push(change.parent(before ? { id: before.id, key: before.key } : null, parent ? { id: parent.id, key: parent.key } : null));
  ctx.issue.parentId = parent?.id ?? null;
}

/** Puts the issue in `sprint` (or none), keeping its closed sprints as history, as Jira does. */
function moveSprint(ctx: FieldContext, sprint: JiraSprint | null) {
  const item = sprintChange(ctx.lookup, ctx.issue, sprint);
  if (item) ctx.items.push(item);
}

/** Changes the issue's open sprint; returns the changelog item, or null if nothing changed. */
export function sprintChange(lookup: JiraLookup, issue: JiraIssue, sprint: JiraSprint | null): JiraChangeItem | null {
  const before = issue.sprintIds.map((id) => lookup.sprintById.get(id)).filter((s): s is JiraSprint => Boolean(s));
  const kept = before.filter((s) => s.state === "closed" || s.id === sprint?.id);
  const after = sprint && !kept.includes(sprint) ? [...kept, sprint] : kept;
  if (after.map((s) => s.id).join() === before.map((s) => s.id).join()) return null;
  issue.sprintIds = after.map((s) => s.id);
  return change.sprint(before, after);
}

/** Applies `fields` (set semantics) and `update` (add/remove/set operations) to the issue. */
export function applyFields(ctx: FieldContext, fields: Record<string, unknown>, update: Record<string, unknown> = {}) {
  for (const [id, value] of Object.entries(fields)) {
    if (id === "project" || id === "issuetype") continue;
    const setter = setters[id];
    if (!setter) {
      ctx.errors[id] = `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
      continue;
    }
    setter(ctx, value);
  }
  for (const [id, ops] of Object.entries(update)) {
    if (id === "comment" || id === "issuelinks") continue;
    if (!Array.isArray(ops)) {
      ctx.errors[id] = "Operations must be an array.";
      continue;
    }
    const setter = setters[id];
    if (!setter) {
      ctx.errors[id] = `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
      continue;
    }
    for (const op of ops as Record<string, unknown>[]) {
      if ("set" in op) setter(ctx, op.set);
      else if (id === "labels" && ("add" in op || "remove" in op)) {
        const labels = new Set(ctx.issue.labels);
        if (typeof op.add === "string") labels.add(op.add);
        if (typeof op.remove === "string") labels.delete(op.remove);
        setter(ctx, [...labels]);
      } else if ((id === "fixVersions" || id === "components") && ("add" in op || "remove" in op)) {
        const current = (id === "fixVersions" ? ctx.issue.fixVersionIds : ctx.issue.componentIds).map((x) => ({ id: x }));
        const add = idOrName(op.add);
        const remove = idOrName(op.remove);
        const pool = id === "fixVersions" ? ctx.lookup.state.jira.versions.filter((v) => v.projectId === ctx.issue.projectId) : ctx.lookup.projectById.get(ctx.issue.projectId)!.components;
        const resolve = (r: ReturnType<typeof idOrName>) => pool.find((x) => x.id === r?.id || x.name === r?.name)?.id ?? r?.id ?? r?.name ?? "";
        let next = current;
        if (add) next = [...next, { id: resolve(add) }];
        if (remove) next = next.filter((x) => x.id !== resolve(remove));
        setter(ctx, next);
      } else ctx.errors[id] = `Unsupported operation on field '${id}'.`;
    }
  }
}

// ---------- operations ----------

export interface CreateInput {
  fields: Record<string, unknown>;
  update?: Record<string, unknown>;
}

/** POST /issue: validates, allocates id and key, records nothing in the changelog (as Jira). */
export function createIssue(store: SandboxStore, lookup: JiraLookup, actor: string, input: CreateInput, richText: FieldContext["richText"]): JiraIssue {
  const errors: Record<string, string> = {};
  const f = input.fields;
  const projectRef = idOrName(f.project);
  const project = projectRef ? lookup.projectById.get(projectRef.id ?? "") ?? lookup.projectByKey.get((projectRef.key ?? "").toUpperCase()) : undefined;
  if (!project) errors.project = "Specify a valid project ID or key";
  const typeRef = idOrName(f.issuetype);
  const type = typeRef ? ISSUE_TYPES.find((t) => t.id === typeRef.id || t.name.toLowerCase() === typeRef.name?.toLowerCase()) : undefined;
  if (!typeRef) errors.issuetype = "Specify an issue type";
  else if (!type) errors.issuetype = "The issue type selected is invalid.";
  if (typeof f.summary !== "string" || !f.summary.trim()) errors.summary = "You must specify a summary of the issue.";
  if (Object.keys(errors).length) throw new FieldErrors(errors);

  const issue: JiraIssue = {
    id: "",
    key: "",
    projectId: project!.id,
    issueTypeId: type!.id,
    summary: "",
    description: null,
    statusId: STATUS.todo,
    statusCategoryChangedAt: "",
    resolutionId: null,
    resolutionDate: null,
    priorityId: "3",
    assigneeAccountId: null,
    reporterAccountId: actor,
    creatorAccountId: actor,
    labels: [],
    componentIds: [],
    storyPoints: null,
    parentId: null,
    sprintIds: [],
    fixVersionIds: [],
    flagged: false,
    rank: "",
    dueDate: null,
    created: "",
    updated: "",
    comments: [],
    changelog: [],
    remoteLinks: [],
  };
  const ctx: FieldContext = { store, lookup, issue, actor, errors, items: [], richText };
  applyFields(ctx, f, input.update);
  if (type!.subtask && !issue.parentId) errors.parent = "Sub-task issues must have a parent.";
  const parent = issue.parentId ? lookup.issueById.get(issue.parentId) : undefined;
  if (parent && type!.subtask && parent.issueTypeId === "10003") errors.parent = "Given parent work item does not belong to appropriate hierarchy.";
  if (parent && !type!.subtask && parent.issueTypeId !== "10000") errors.parent = "Given parent work item does not belong to appropriate hierarchy.";
  if (Object.keys(errors).length) throw new FieldErrors(errors);

  // Only a valid request consumes ids and clock ticks, so failed calls leave the world unchanged.
  const at = store.tick().toISOString();
  issue.id = String(allocate(store, "issue"));
  issue.key = `${project!.key}-${store.nextId(`jira-key-${project!.key}`, project!.seededIssueCount + 1)}`;
  issue.rank = rankAt(allocate(store, "rank"));
  issue.created = issue.updated = issue.statusCategoryChangedAt = at;
  if (parent && type!.subtask) issue.sprintIds = [...parent.sprintIds];
  store.state.jira.issues.push(issue);
  return issue;
}

/** PUT /issue/{key}: one changelog entry for everything that changed. */
export function editIssue(store: SandboxStore, lookup: JiraLookup, issue: JiraIssue, actor: string, fields: Record<string, unknown>, update: Record<string, unknown>, richText: FieldContext["richText"]) {
  const draft: JiraIssue = structuredClone(issue);
  const ctx: FieldContext = { store, lookup, issue: draft, actor, errors: {}, items: [], richText };
  if ("project" in fields || "issuetype" in fields) ctx.errors[("project" in fields ? "project" : "issuetype")] = `Field '${"project" in fields ? "project" : "issuetype"}' cannot be set. It is not on the appropriate screen, or unknown.`;
  applyFields(ctx, fields, update);
  if (Object.keys(ctx.errors).length) throw new FieldErrors(ctx.errors);
  Object.assign(issue, draft, { comments: issue.comments, changelog: issue.changelog });
  const at = store.tick().toISOString();
  recordChange(store, issue, actor, ctx.items, at);
  const comments = (update.comment as { add?: { body?: unknown } }[] | undefined) ?? [];
  for (const op of comments) {
    const body = op.add ? richText(op.add.body) : null;
    if (body && body !== "invalid") addComment(store, issue, actor, body, at);
  }
}

/** POST /issue/{key}/transitions. */
export function transitionIssue(store: SandboxStore, lookup: JiraLookup, issue: JiraIssue, actor: string, transitionId: string, fields: Record<string, unknown>, richText: FieldContext["richText"]) {
  const t = TRANSITIONS.find((x) => x.id === transitionId);
  if (!t || t.toStatusId === issue.statusId) throw new JiraRequestError(400, [`Transition id '${transitionId}' is not valid for this issue.`]);
  const draft: JiraIssue = structuredClone(issue);
  const ctx: FieldContext = { store, lookup, issue: draft, actor, errors: {}, items: [], richText };
  const { resolution, ...rest } = fields;
  applyFields(ctx, rest);
  const toDone = t.toStatusId === STATUS.done;
  // Only the transition into Done shows the resolution on its screen; it takes an id or a name.
  let chosen: string | null = null;
  if (resolution !== undefined && resolution !== null) {
    const ref = idOrName(resolution);
    const found = RESOLUTIONS.find((r) => r.id === ref?.id || (ref?.name !== undefined && r.name.toLowerCase() === ref.name.toLowerCase()));
    if (!toDone) ctx.errors.resolution = "Field 'resolution' cannot be set. It is not on the appropriate screen, or unknown.";
    else if (!found) ctx.errors.resolution = `Resolution '${ref?.name ?? ref?.id ?? String(resolution)}' is not valid. Specify the resolution by its id or name.`;
    else chosen = found.id;
  }
  if (Object.keys(ctx.errors).length) throw new FieldErrors(ctx.errors);
  Object.assign(issue, draft, { comments: issue.comments, changelog: issue.changelog });
  const at = store.tick().toISOString();
  const items = [...ctx.items, change.status(issue.statusId, t.toStatusId)];
  const wasDone = issue.statusId === STATUS.done;
  const resolutionId = toDone ? (chosen ?? RESOLUTION_DONE) : null;
  if (toDone && !wasDone) {
    items.push(change.resolution(null, resolutionId));
    issue.resolutionId = resolutionId;
    issue.resolutionDate = at;
  } else if (wasDone && !toDone) {
    items.push(change.resolution(issue.resolutionId, null));
    issue.resolutionId = null;
    issue.resolutionDate = null;
  }
  if (statusById(issue.statusId)?.categoryId !== statusById(t.toStatusId)?.categoryId) issue.statusCategoryChangedAt = at;
  issue.statusId = t.toStatusId;
  recordChange(store, issue, actor, items, at);
}

/** Adds a comment; comments move `updated` but are not changelog entries. */
export function addComment(store: SandboxStore, issue: JiraIssue, actor: string, body: AdfDoc, at = store.tick().toISOString()): JiraComment {
  const comment: JiraComment = { id: String(allocate(store, "comment")), authorAccountId: actor, updateAuthorAccountId: actor, body, created: at, updated: at };
  issue.comments.push(comment);
  issue.updated = at;
  return comment;
}

export function updateComment(store: SandboxStore, issue: JiraIssue, comment: JiraComment, actor: string, body: AdfDoc) {
  const at = store.tick().toISOString();
  comment.body = body;
  comment.updated = at;
  comment.updateAuthorAccountId = actor;
  issue.updated = at;
}

/** PUT /issue/{key}/assignee; "-1" means the project default (unassigned here). */
export function assignIssue(store: SandboxStore, lookup: JiraLookup, issue: JiraIssue, actor: string, accountId: string | null) {
  const next = accountId === "-1" ? null : accountId;
  if (next !== null && !lookup.personByAccountId.has(next)) throw new FieldErrors({ assignee: `User '${next}' cannot be assigned issues.` });
  if (next === issue.assigneeAccountId) return;
  recordChange(store, issue, actor, [change.user("assignee", issue.assigneeAccountId, next, (a) => personName(lookup, a))]);
  issue.assigneeAccountId = next;
}

/** Where to rank moved issues: before or after another issue (by id or key). */
export interface RankRequest {
  rankBeforeIssue?: string;
  rankAfterIssue?: string;
}

/** PUT /rest/agile/1.0/issue/rank, and the ranking part of moves to sprints and backlogs. */
export function rankByRequest(store: SandboxStore, lookup: JiraLookup, issues: JiraIssue[], request: RankRequest) {
  const anchorRef = request.rankBeforeIssue ?? request.rankAfterIssue;
  if (!anchorRef) return;
  const anchor = findIssue(lookup, anchorRef);
  if (!anchor) throw new JiraRequestError(400, [`Issue does not exist or you do not have permission to see it: ${anchorRef}`]);
  if (issues.includes(anchor)) throw new JiraRequestError(400, ["An issue cannot be ranked relative to itself."]);
  rankIssues(store, issues, anchor, request.rankBeforeIssue ? "before" : "after");
}

/** Resolves issue ids or keys, refusing unknown ones and more than 50. */
export function issuesByRefs(lookup: JiraLookup, refs: string[]): JiraIssue[] {
  if (refs.length > 50) throw new JiraRequestError(400, ["Cannot move more than 50 issues at once."]);
  return refs.map((ref) => {
    const issue = findIssue(lookup, ref);
    if (!issue) throw new JiraRequestError(400, [`Issue does not exist or you do not have permission to see it: ${ref}`]);
    return issue;
  });
}

/** Moves issues (and their subtasks) into an open sprint, or to the backlog when `sprint` is null. */
export function moveIssuesToSprint(store: SandboxStore, lookup: JiraLookup, refs: string[], sprint: JiraSprint | null, actor: string, rank: RankRequest = {}) {
  if (sprint && sprint.state === "closed") throw new JiraRequestError(400, [`Cannot move issues to closed sprint ${sprint.name}.`]);
  const issues = issuesByRefs(lookup, refs);
  const epic = issues.find((i) => i.issueTypeId === "10000");
  if (epic) throw new JiraRequestError(400, [`Issue ${epic.key} is an epic and cannot be added to a sprint.`]);
  rankByRequest(store, lookup, issues, rank);
  const at = store.tick().toISOString();
  for (const issue of issues) {
    for (const target of [issue, ...(lookup.childrenByParent.get(issue.id) ?? []).filter((c) => c.issueTypeId === "10003")]) {
      const item = sprintChange(lookup, target, sprint);
      if (item) recordChange(store, target, actor, [item], at);
    }
  }
}

/** POST /issueLink: `outward` <outward description> `inward`, e.g. outward blocks inward. */
export function linkIssues(store: SandboxStore, lookup: JiraLookup, actor: string, typeRef: { id?: string; name?: string }, outward: JiraIssue, inward: JiraIssue) {
  const type = LINK_TYPES.find((t) => t.id === typeRef.id || t.name.toLowerCase() === typeRef.name?.toLowerCase());
  if (!type) throw new JiraRequestError(404, [`No issue link type with name '${typeRef.name ?? typeRef.id ?? ""}' found.`]);
  const exists = store.state.jira.links.some((l) => l.typeId === type.id && l.sourceId === outward.id && l.targetId === inward.id);
  if (exists) return;
  store.state.jira.links.push({ id: String(allocate(store, "link")), typeId: type.id, sourceId: outward.id, targetId: inward.id });
  const at = store.tick().toISOString();
  recordChange(store, outward, actor, [change.link(type.outward, inward.key)], at);
  recordChange(store, inward, actor, [change.link(type.inward, outward.key)], at);
}
