import { type AgileClient, type CloudClient } from "jira.js";
import { ResolutionSchema } from "jira.js/cloud";
import { type Client } from "jira.js/core";
import { z } from "zod";
import { type JiraAssignInput } from "@/server/actions/catalogue/actions/jira-assign";
import { type JiraCommentInput, type JiraCommentResult } from "@/server/actions/catalogue/actions/jira-comment";
import { type JiraCreateIssueInput, type JiraCreateIssueResult } from "@/server/actions/catalogue/actions/jira-create-issue";
import { type JiraMoveToSprintInput } from "@/server/actions/catalogue/actions/jira-move-to-sprint";
import { type JiraTransitionInput } from "@/server/actions/catalogue/actions/jira-transition";
import { type JiraUpdateFieldsInput } from "@/server/actions/catalogue/actions/jira-update-fields";
import { markdownToAdf } from "@/server/actions/catalogue/markdown";
import {
  type JiraAssignState,
  type JiraCreateState,
  type JiraIssueSnapshot,
  type JiraIssueState,
  type JiraSprint,
  type JiraSprintState,
  type JiraTransitionState,
  type JiraUser,
} from "@/server/actions/catalogue/types";
import { type ActionWriter, type ActionWriters, type WriteResultBase } from "@/server/actions/catalogue/writer";
import { createToolCall, requireFields } from "../call";
import { ConnectorError } from "../errors";
import { type ConnectorContext } from "../types";
import { adfToText } from "./adf";
import { adfToMarkdown } from "./adf-markdown";
// connector.ts imports this module as well: use its constants inside functions, never at load time.
import { SPRINT_FIELD, STORY_POINTS, jqlDate } from "./connector";

/**
 * How Lumen performs approved Jira actions, one writer per kind, through jira.js. Creations carry
 * the action's id in a `lumen.action` entity property (on the issue, or on the comment), so an
 * attempt whose answer was lost can be recognised instead of repeated; updates that set a value
 * are recognised by the value itself.
 */

/** The entity property that marks what Lumen created: `{ "actionId": "..." }`. */
export const MARKER_PROPERTY = "lumen.action";

/**
 * How far before an attempt's start (on Jira's clock) findLanded looks for what it created:
 * JQL dates have minute precision, and the clock comparison is only as good as one round trip.
 */
const LANDING_MARGIN_MS = 2 * 60_000;
const PAGE = 100;
const USERS_PAGE = 1000;

/** What the writers need from the connector: its clients, its error mapping and its site helpers. */
export interface JiraWriterDeps {
  ctx: ConnectorContext;
  mapError: (e: unknown) => ConnectorError;
  /** The low-level client, for the few endpoints jira.js has no function for (the resolution list). */
  client: Client;
  jira: CloudClient;
  agile: AgileClient;
  /** The Jira site people open (browse links), without a trailing slash. */
  browseBase: () => Promise<string>;
  /** The connection account's time zone, in which Jira reads JQL dates. */
  timeZone: () => Promise<string>;
}

type CreateResult = JiraCreateIssueResult & WriteResultBase;
type CommentResult = JiraCommentResult & WriteResultBase;

type Fields = Record<string, unknown> & {
  summary?: string;
  description?: unknown;
  issuetype?: { name?: string } | null;
  status?: { name?: string } | null;
  priority?: { name?: string } | null;
  assignee?: { accountId?: string } | null;
  labels?: string[];
  duedate?: string | null;
  project?: { id?: string; key?: string } | null;
  parent?: { key?: string } | null;
  resolution?: { name?: string } | null;
  updated?: string;
};

interface RawIssue {
  id?: string;
  key?: string;
  fields?: Fields;
  properties?: Record<string, unknown>;
}

interface RawSprint {
  id?: number | string;
  name?: string;
  state?: string;
}

interface IssueRead {
  raw: RawIssue;
  fields: Fields;
  snapshot: JiraIssueSnapshot;
}

/** Whitespace-insensitive text, for comparing what was written with what Jira renders back. */
const normalText = (s: string) => s.replace(/\s+/g, " ").trim();
/** The plain text Jira will show for Markdown written through markdownToAdf. */
const textOfMarkdown = (markdown: string | null | undefined) => normalText(adfToText(markdown ? markdownToAdf(markdown) : null));
const sortedLabels = (labels: readonly string[]) => [...labels].sort();
const show = (v: unknown) => (v === null || v === undefined || v === "" ? "empty" : typeof v === "string" ? `"${v}"` : JSON.stringify(v));
const markerOf = (value: unknown) => (value && typeof value === "object" ? (value as { actionId?: unknown }).actionId : undefined);
const isNotFound = (e: unknown) => e instanceof ConnectorError && e.kind === "not_found";

/** The fields a snapshot is built from (story points may live in any of the usual custom fields). */
function issueFieldIds(): string[] {
  return ["summary", "description", "issuetype", "status", "priority", "assignee", "labels", "duedate", "project", "parent", "resolution", "updated", SPRINT_FIELD, ...STORY_POINTS];
}

function sprintOf(raw: RawSprint): JiraSprint | null {
  if (raw.id === undefined || raw.id === null || (raw.state !== "active" && raw.state !== "future" && raw.state !== "closed")) return null;
  return { id: String(raw.id), name: String(raw.name ?? `Sprint ${raw.id}`), state: raw.state };
}

/** The open sprint an issue is in (the active one before a future one); null = backlog. */
function openSprintOf(fields: Fields): JiraSprint | null {
  const sprints = (Array.isArray(fields[SPRINT_FIELD]) ? (fields[SPRINT_FIELD] as RawSprint[]) : []).map(sprintOf).filter((s): s is JiraSprint => s !== null);
  return sprints.find((s) => s.state === "active") ?? sprints.find((s) => s.state === "future") ?? null;
}

function storyPointsOf(fields: Fields): number | null {
  const value = STORY_POINTS.map((id) => fields[id]).find((v) => typeof v === "number");
  return typeof value === "number" ? value : null;
}

function snapshotOf(raw: RawIssue): JiraIssueSnapshot {
  requireFields(raw, ["key", "fields"], "A Jira issue");
  const f = raw.fields!;
  requireFields(f, ["summary", "status", "issuetype", "updated"], `Jira issue ${raw.key}`);
  const markdown = adfToMarkdown(f.description);
  return {
    key: raw.key!,
    projectKey: f.project?.key ?? raw.key!.split("-")[0]!,
    updated: new Date(f.updated!).toISOString(),
    summary: f.summary!,
    description: markdown === "" ? null : markdown,
    issueType: f.issuetype?.name ?? "",
    status: f.status?.name ?? "",
    priority: f.priority?.name ?? null,
    assigneeId: f.assignee?.accountId ?? null,
    labels: f.labels ?? [],
    storyPoints: storyPointsOf(f),
    dueDate: f.duedate ?? null,
    sprintId: openSprintOf(f)?.id ?? null,
  };
}

/** "Summary is "A" in Jira; the action set "B"." — one line per field that does not hold what was asked. */
function mismatch(label: string, expected: unknown, actual: unknown): string {
  return `${label} is ${show(actual)} in Jira; the action set ${show(expected)}.`;
}

/** The writers for every Jira action kind, sharing the connector's clients and call policies. */
export function createJiraWriters(deps: JiraWriterDeps): ActionWriters {
  const { jira, agile, client } = deps;
  const readCall = createToolCall(deps.ctx, deps.mapError);
  // jira.js hands back the raw text of a body that is not JSON; a read must never mistake that for "nothing there".
  const read = <T>(operation: string, fn: () => Promise<T>) =>
    readCall(operation, async () => {
      const value = await fn();
      if (value === null || typeof value !== "object") throw new ConnectorError("bad_response", `Jira sent a ${operation} response that is not JSON`);
      return value;
    });
  const write = createToolCall(deps.ctx, deps.mapError, "write");

  const browse = async (key: string) => `${await deps.browseBase()}/browse/${key}`;

  // ---------- reads shared by the writers ----------

  async function readIssue(key: string, properties?: string[]): Promise<IssueRead | null> {
    try {
      const raw = (await read("issues.get", () => jira.issues.getIssue({ issueIdOrKey: key, fields: issueFieldIds(), properties }))) as RawIssue;
      return { raw, fields: raw.fields ?? {}, snapshot: snapshotOf(raw) };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async function mustReadIssue(key: string): Promise<IssueRead> {
    const issue = await readIssue(key);
    if (!issue) throw new ConnectorError("not_found", `${key} no longer exists in Jira, or the connection cannot see it.`);
    return issue;
  }

  /** The priorities a project accepts (its priority scheme), with the default marked. */
  async function priorities(projectId: string | undefined): Promise<{ id: string; name: string; isDefault: boolean }[]> {
    const out: { id: string; name: string; isDefault: boolean }[] = [];
    for (let startAt = 0; ; startAt += 50) {
      const page = await read("priorities.search", () => jira.issuePriorities.searchPriorities({ startAt: String(startAt), maxResults: "50", projectId: projectId ? [projectId] : undefined }));
      for (const p of page.values ?? []) if (p.id && p.name) out.push({ id: String(p.id), name: String(p.name), isDefault: p.isDefault === true });
      if (page.isLast !== false || (page.values ?? []).length === 0) break;
    }
    return out;
  }

  async function assignableUsers(where: { project: string } | { issueKey: string }): Promise<JiraUser[]> {
    const users: JiraUser[] = [];
    for (let startAt = 0; ; startAt += USERS_PAGE) {
      const page = await read("users.assignable", () => jira.userSearch.findAssignableUsers({ ...where, startAt, maxResults: USERS_PAGE }));
      for (const u of page) if (u.accountId) users.push({ accountId: String(u.accountId), displayName: String(u.displayName ?? u.accountId), active: u.active !== false });
      if (page.length < USERS_PAGE) break;
    }
    return users;
  }

  async function sprint(id: string): Promise<JiraSprint | null> {
    if (!/^\d+$/.test(id)) return null;
    try {
      return sprintOf(await read("sprint.get", () => agile.sprint.getSprint({ sprintId: Number(id) })));
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  /** Active and future sprints of every board that shows the project (kanban boards have none). */
  async function openSprints(projectKey: string): Promise<JiraSprint[]> {
    const boards = await read("boards.list", () => agile.board.getAllBoards({ projectKeyOrId: projectKey, maxResults: 50 }));
    const found = new Map<string, JiraSprint>();
    for (const board of boards.values ?? []) {
      if (board.type === "kanban" || board.id === undefined) continue;
      for (let startAt = 0; ; startAt += 50) {
        const page = await read("sprints.list", () => agile.board.getAllSprints({ boardId: Number(board.id), state: "active,future", startAt, maxResults: 50 }));
        for (const s of page.values ?? []) {
          const open = sprintOf(s as RawSprint);
          if (open && open.state !== "closed") found.set(open.id, open);
        }
        if (page.isLast !== false || (page.values ?? []).length === 0) break;
      }
    }
    return [...found.values()];
  }

  /**
   * The earliest moment, on Jira's clock, that an attempt started at `since` (on ours) can have
   * written anything. Jira's clock is read from serverInfo so a skewed clock cannot hide a write.
   */
  async function landingWindowStart(since: Date): Promise<Date> {
    const before = Date.now();
    const info = await read("serverInfo.get", () => jira.serverInfo.getServerInfo());
    const after = Date.now();
    const serverTime = info.serverTime ? new Date(info.serverTime).getTime() : Number.NaN;
    const offset = Number.isFinite(serverTime) ? serverTime - (before + after) / 2 : 0;
    return new Date(since.getTime() + offset - LANDING_MARGIN_MS);
  }

  /**
   * The custom field that holds story points where they are being written: Jira sites use one of
   * several, and only the one on the screen can be set.
   */
  function pointsField(onScreen: Iterable<string>, where: string): string {
    const ids = new Set(onScreen);
    const field = STORY_POINTS.find((id) => ids.has(id));
    if (!field) {
      throw new ConnectorError("invalid_request", `Jira has no story points field on the screen for ${where}. Ask a Jira admin to add "Story point estimate" to it, or leave story points out.`);
    }
    return field;
  }

  async function pointsFieldForEdit(key: string): Promise<string> {
    const meta = await read("issues.editmeta", () => jira.issues.getEditIssueMeta({ issueIdOrKey: key }));
    return pointsField(Object.keys(meta.fields ?? {}), key);
  }

  async function pointsFieldForCreate(projectKey: string, issueType: string): Promise<string> {
    const types = await read("issues.createmeta.types", () => jira.issues.getCreateIssueMetaIssueTypes({ projectIdOrKey: projectKey, maxResults: 200 }));
    const type = (types.issueTypes ?? types.createMetaIssueType ?? []).find((t) => t.name?.toLowerCase() === issueType.toLowerCase());
    if (!type?.id) throw new ConnectorError("invalid_request", `Project ${projectKey} has no "${issueType}" issue type. Pick another issue type.`);
    const ids: string[] = [];
    for (let startAt = 0; ; startAt += 50) {
      const page = await read("issues.createmeta.fields", () => jira.issues.getCreateIssueMetaIssueTypeId({ projectIdOrKey: projectKey, issueTypeId: String(type.id), startAt, maxResults: 50 }));
      const fields = page.fields ?? page.results ?? [];
      ids.push(...fields.map((f) => f.fieldId));
      if (fields.length === 0 || startAt + fields.length >= (page.total ?? 0)) break;
    }
    return pointsField(ids, `${issueType} issues in ${projectKey}`);
  }

  async function moveToSprint(key: string, sprintId: string): Promise<void> {
    await write("sprint.moveIssues", () => agile.sprint.moveIssuesToSprintAndRank({ sprintId: Number(sprintId), issues: [key] }));
  }

  // ---------- jira.createIssue ----------

  const createIssue: ActionWriter<JiraCreateIssueInput, JiraCreateState, CreateResult> = {
    async readState(input) {
      let project;
      try {
        project = await read("projects.get", () => jira.projects.getProject({ projectIdOrKey: input.projectKey }));
      } catch (e) {
        if (isNotFound(e)) return { project: null, priorities: [], users: [], sprints: [] };
        throw e;
      }
      const types = await read("issues.createmeta.types", () => jira.issues.getCreateIssueMetaIssueTypes({ projectIdOrKey: input.projectKey, maxResults: 200 }));
      const [projectPriorities, users, sprints, newest] = await Promise.all([
        priorities(project.id ? String(project.id) : undefined),
        assignableUsers({ project: input.projectKey }),
        openSprints(input.projectKey),
        read("issues.search", () => jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql: `project = "${input.projectKey}" ORDER BY created DESC`, fields: ["created"], maxResults: 1 })),
      ]);
      return {
        project: {
          key: String(project.key ?? input.projectKey),
          name: String(project.name ?? input.projectKey),
          issueTypes: (types.issueTypes ?? types.createMetaIssueType ?? []).map((t) => String(t.name ?? "")).filter(Boolean),
        },
        priorities: projectPriorities.map((p) => p.name),
        users,
        sprints,
        latestIssueId: (requireFields(newest, ["issues"], "Jira's search result").issues as RawIssue[])[0]?.id ?? null,
      };
    },

    async execute(input, _state, marker) {
      const fields: Record<string, unknown> = {
        project: { key: input.projectKey },
        issuetype: { name: input.issueType },
        summary: input.summary,
      };
      if (input.description?.trim()) fields.description = markdownToAdf(input.description);
      if (input.priority !== undefined) fields.priority = { name: input.priority };
      if (input.labels !== undefined) fields.labels = input.labels;
      if (input.assigneeId !== undefined) fields.assignee = { accountId: input.assigneeId };
      if (input.parentKey !== undefined) fields.parent = { key: input.parentKey };
      if (input.storyPoints !== undefined) fields[await pointsFieldForCreate(input.projectKey, input.issueType)] = input.storyPoints;
      const created = await write("issues.create", () =>
        jira.issues.createIssue({ fields, properties: [{ key: MARKER_PROPERTY, value: { actionId: marker.actionId } }] }),
      );
      requireFields(created, ["key"], "Jira's answer to creating an issue");
      const key = String(created.key);
      // Step two: the sprint. If it fails, findLanded finds the issue by its marker and finishes it.
      if (input.sprintId !== undefined) await moveToSprint(key, input.sprintId);
      return { key, url: await browse(key), ref: key };
    },

    // Newest first. With the newest id seen before the write, down to it (ids only grow); without
    // it, within a window on Jira's own clock.
    async findLanded(input, before, marker, since) {
      const floorId = before.latestIssueId;
      const jql =
        floorId !== undefined
          ? `project = "${input.projectKey}" ORDER BY created DESC`
          : `project = "${input.projectKey}" AND created >= "${jqlDate(await landingWindowStart(since), await deps.timeZone())}" ORDER BY created DESC`;
      let nextPageToken: string | undefined;
      do {
        const page = await read("issues.search", () =>
          jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql, fields: [SPRINT_FIELD], properties: [MARKER_PROPERTY], maxResults: PAGE, nextPageToken }),
        );
        requireFields(page, ["issues"], "Jira's search result");
        for (const issue of page.issues as RawIssue[]) {
          if (markerOf(issue.properties?.[MARKER_PROPERTY]) !== marker.actionId || !issue.key) continue;
          if (input.sprintId !== undefined && openSprintOf(issue.fields ?? {})?.id !== input.sprintId) await moveToSprint(issue.key, input.sprintId);
          return { key: issue.key, url: await browse(issue.key), ref: issue.key };
        }
        const last = (page.issues as RawIssue[]).at(-1);
        if (floorId !== undefined && (!last?.id || Number(last.id) <= Number(floorId ?? 0))) return null;
        nextPageToken = page.isLast === false && page.nextPageToken ? page.nextPageToken : undefined;
      } while (nextPageToken);
      return null;
    },

    async verify(input, result, marker) {
      const issue = await readIssue(result.key, [MARKER_PROPERTY]);
      if (!issue) return [`${result.key} could not be read back from Jira.`];
      const { fields: f, snapshot: s } = issue;
      const out: string[] = [];
      if (markerOf(issue.raw.properties?.[MARKER_PROPERTY]) !== marker.actionId) out.push(`${result.key} does not carry this action's ${MARKER_PROPERTY} property.`);
      if (s.projectKey !== input.projectKey) out.push(mismatch("Project", input.projectKey, s.projectKey));
      if (s.issueType !== input.issueType) out.push(mismatch("Issue type", input.issueType, s.issueType));
      if (s.summary !== input.summary) out.push(mismatch("Summary", input.summary, s.summary));
      if (input.description?.trim() && textOfMarkdown(input.description) !== normalText(adfToText(f.description))) out.push("Description does not read as the action wrote it.");
      if (input.priority !== undefined && s.priority !== input.priority) out.push(mismatch("Priority", input.priority, s.priority));
      if (input.labels !== undefined && sortedLabels(s.labels).join(" ") !== sortedLabels(input.labels).join(" ")) out.push(mismatch("Labels", input.labels, s.labels));
      if (input.assigneeId !== undefined && s.assigneeId !== input.assigneeId) out.push(mismatch("Assignee", input.assigneeId, s.assigneeId));
      if (input.storyPoints !== undefined && s.storyPoints !== input.storyPoints) out.push(mismatch("Story points", input.storyPoints, s.storyPoints));
      if (input.parentKey !== undefined && f.parent?.key !== input.parentKey) out.push(mismatch("Parent", input.parentKey, f.parent?.key ?? null));
      if (input.sprintId !== undefined && s.sprintId !== input.sprintId) out.push(mismatch("Sprint", input.sprintId, s.sprintId));
      return out;
    },
  };

  // ---------- jira.updateFields ----------

  /** Each touched field: what the action wants (as Jira will show it) against what the issue holds. */
  async function fieldComparison(input: JiraUpdateFieldsInput, issue: IssueRead): Promise<{ label: string; expected: unknown; actual: unknown; same: boolean }[]> {
    const f = input.fields;
    const s = issue.snapshot;
    const rows: { label: string; expected: unknown; actual: unknown; same: boolean }[] = [];
    if (f.summary !== undefined) rows.push({ label: "Summary", expected: f.summary, actual: s.summary, same: s.summary === f.summary });
    if (f.description !== undefined) {
      const same = textOfMarkdown(f.description) === normalText(adfToText(issue.fields.description));
      rows.push({ label: "Description", expected: f.description, actual: s.description, same });
    }
    if (f.priority !== undefined) {
      const expected = f.priority ?? (await priorities(issue.fields.project?.id)).find((p) => p.isDefault)?.name ?? null;
      rows.push({ label: "Priority", expected, actual: s.priority, same: s.priority === expected });
    }
    if (f.labels !== undefined) rows.push({ label: "Labels", expected: f.labels, actual: s.labels, same: sortedLabels(s.labels).join(" ") === sortedLabels(f.labels).join(" ") });
    if (f.storyPoints !== undefined) rows.push({ label: "Story points", expected: f.storyPoints, actual: s.storyPoints, same: s.storyPoints === f.storyPoints });
    if (f.dueDate !== undefined) rows.push({ label: "Due date", expected: f.dueDate, actual: s.dueDate, same: s.dueDate === f.dueDate });
    return rows;
  }

  const updateFields: ActionWriter<JiraUpdateFieldsInput, JiraIssueState, WriteResultBase> = {
    readState: (input) => issueState(input.issueKey),

    async execute(input) {
      const f = input.fields;
      const fields: Record<string, unknown> = {};
      if (f.summary !== undefined) fields.summary = f.summary;
      if (f.description !== undefined) fields.description = f.description?.trim() ? markdownToAdf(f.description) : null;
      if (f.priority !== undefined) {
        if (f.priority !== null) fields.priority = { name: f.priority };
        else {
          // "Reset to the default": Jira takes a priority, so name the scheme's default explicitly.
          const issue = await mustReadIssue(input.issueKey);
          const fallback = (await priorities(issue.fields.project?.id)).find((p) => p.isDefault);
          if (!fallback) throw new ConnectorError("invalid_request", `Jira reports no default priority for ${issue.snapshot.projectKey}. Pick a priority instead of resetting it.`);
          fields.priority = { id: fallback.id };
        }
      }
      if (f.labels !== undefined) fields.labels = f.labels;
      if (f.dueDate !== undefined) fields.duedate = f.dueDate;
      if (f.storyPoints !== undefined) fields[await pointsFieldForEdit(input.issueKey)] = f.storyPoints;
      await write("issues.edit", () => jira.issues.editIssue({ issueIdOrKey: input.issueKey, fields }));
      return { url: await browse(input.issueKey), ref: input.issueKey };
    },

    async findLanded(input) {
      const issue = await readIssue(input.issueKey);
      if (!issue) return null;
      const rows = await fieldComparison(input, issue);
      return rows.every((r) => r.same) ? { url: await browse(input.issueKey), ref: input.issueKey } : null;
    },

    async verify(input) {
      const issue = await readIssue(input.issueKey);
      if (!issue) return [`${input.issueKey} could not be read back from Jira.`];
      return (await fieldComparison(input, issue)).filter((r) => !r.same).map((r) => (r.label === "Description" ? "Description does not read as the action wrote it." : mismatch(r.label, r.expected, r.actual)));
    },
  };

  async function issueState(key: string): Promise<JiraIssueState> {
    const issue = await readIssue(key);
    if (!issue) return { issue: null, priorities: [] };
    return { issue: issue.snapshot, priorities: (await priorities(issue.fields.project?.id)).map((p) => p.name) };
  }

  // ---------- jira.transition ----------

  async function transitionsOf(key: string) {
    const page = await read("transitions.list", () => jira.issues.getTransitions({ issueIdOrKey: key }));
    return (page.transitions ?? []).filter((t) => t.id && t.to?.name).map((t) => ({ id: String(t.id), name: String(t.name ?? t.to!.name), toStatus: String(t.to!.name) }));
  }

  /** Whether the comment a transition added is on the issue (among its newest comments). */
  async function hasRecentComment(key: string, markdown: string): Promise<boolean> {
    const page = await read("comments.list", () => jira.issueComments.getComments({ issueIdOrKey: key, orderBy: "-created", maxResults: 50 }));
    const want = textOfMarkdown(markdown);
    return (page.comments ?? []).some((c) => normalText(adfToText(c.body)) === want);
  }

  const transition: ActionWriter<JiraTransitionInput, JiraTransitionState, WriteResultBase> = {
    async readState(input) {
      const issue = await readIssue(input.issueKey);
      if (!issue) return { issue: null, transitions: [], resolutions: [] };
      const transitions = await transitionsOf(input.issueKey);
      const resolutions = await read("resolutions.list", () => client.sendRequest({ url: "/rest/api/3/resolution", method: "GET", schema: z.array(ResolutionSchema) }));
      return { issue: issue.snapshot, transitions, resolutions: resolutions.map((r) => String(r.name ?? "")).filter(Boolean) };
    },

    async execute(input) {
      const transitions = await transitionsOf(input.issueKey);
      const chosen = transitions.find((t) => t.toStatus === input.toStatus) ?? transitions.find((t) => t.toStatus.toLowerCase() === input.toStatus.toLowerCase());
      if (!chosen) {
        const reachable = transitions.map((t) => t.toStatus).join(", ") || "nowhere";
        throw new ConnectorError("invalid_request", `Jira's workflow offers no way to move ${input.issueKey} to ${input.toStatus} right now (it can go to: ${reachable}). Refresh the action and pick a reachable status.`);
      }
      await write("issues.transition", () =>
        jira.issues.doTransition({
          issueIdOrKey: input.issueKey,
          transition: { id: chosen.id },
          ...(input.resolution ? { fields: { resolution: { name: input.resolution } } } : {}),
          ...(input.comment ? { update: { comment: [{ add: { body: markdownToAdf(input.comment) } }] } } : {}),
        }),
      );
      return { url: await browse(input.issueKey), ref: input.issueKey };
    },

    async findLanded(input) {
      // The status, resolution and comment change in one request: the status alone tells.
      const issue = await readIssue(input.issueKey);
      return issue && issue.snapshot.status === input.toStatus ? { url: await browse(input.issueKey), ref: input.issueKey } : null;
    },

    async verify(input) {
      const issue = await readIssue(input.issueKey);
      if (!issue) return [`${input.issueKey} could not be read back from Jira.`];
      const out: string[] = [];
      if (issue.snapshot.status !== input.toStatus) out.push(mismatch("Status", input.toStatus, issue.snapshot.status));
      const resolution = issue.fields.resolution?.name ?? null;
      if (input.resolution !== undefined && resolution !== input.resolution) out.push(mismatch("Resolution", input.resolution, resolution));
      if (input.comment !== undefined && !(await hasRecentComment(input.issueKey, input.comment))) out.push(`The comment added with the status change is not on ${input.issueKey}.`);
      return out;
    },
  };

  // ---------- jira.assign ----------

  const assign: ActionWriter<JiraAssignInput, JiraAssignState, WriteResultBase> = {
    async readState(input) {
      const issue = await readIssue(input.issueKey);
      if (!issue) return { issue: null, users: [] };
      return { issue: issue.snapshot, users: await assignableUsers({ issueKey: input.issueKey }) };
    },

    async execute(input) {
      // accountId null unassigns; jira.js types it as a string, Jira's API takes null.
      await write("issues.assign", () => jira.issues.assignIssue({ issueIdOrKey: input.issueKey, accountId: input.accountId as string }));
      return { url: await browse(input.issueKey), ref: input.issueKey };
    },

    async findLanded(input) {
      const issue = await readIssue(input.issueKey);
      return issue && issue.snapshot.assigneeId === input.accountId ? { url: await browse(input.issueKey), ref: input.issueKey } : null;
    },

    async verify(input) {
      const issue = await readIssue(input.issueKey);
      if (!issue) return [`${input.issueKey} could not be read back from Jira.`];
      return issue.snapshot.assigneeId === input.accountId ? [] : [mismatch("Assignee", input.accountId, issue.snapshot.assigneeId)];
    },
  };

  // ---------- jira.moveToSprint ----------

  const moveIssueToSprint: ActionWriter<JiraMoveToSprintInput, JiraSprintState, WriteResultBase> = {
    async readState(input) {
      const issue = await readIssue(input.issueKey);
      const targetSprint = input.sprintId === null ? null : await sprint(input.sprintId);
      return { issue: issue?.snapshot ?? null, targetSprint, currentSprint: issue ? openSprintOf(issue.fields) : null };
    },

    async execute(input) {
      if (input.sprintId === null) await write("backlog.moveIssues", () => agile.backlog.moveIssuesToBacklog({ issues: [input.issueKey] }));
      else await moveToSprint(input.issueKey, input.sprintId);
      return { url: await browse(input.issueKey), ref: input.issueKey };
    },

    async findLanded(input) {
      const issue = await readIssue(input.issueKey);
      return issue && issue.snapshot.sprintId === input.sprintId ? { url: await browse(input.issueKey), ref: input.issueKey } : null;
    },

    async verify(input) {
      const issue = await readIssue(input.issueKey);
      if (!issue) return [`${input.issueKey} could not be read back from Jira.`];
      const label = (id: string | null) => (id === null ? "the backlog" : `sprint ${id}`);
      return issue.snapshot.sprintId === input.sprintId ? [] : [`${input.issueKey} is in ${label(issue.snapshot.sprintId)}; the action moved it to ${label(input.sprintId)}.`];
    },
  };

  // ---------- jira.comment ----------

  const commentResult = async (key: string, commentId: string): Promise<CommentResult> => ({ commentId, url: `${await browse(key)}?focusedCommentId=${commentId}`, ref: key });

  const comment: ActionWriter<JiraCommentInput, JiraIssueState, CommentResult> = {
    async readState(input) {
      const state = await issueState(input.issueKey);
      if (!state.issue) return state;
      const newest = await read("comments.list", () => jira.issueComments.getComments({ issueIdOrKey: input.issueKey, orderBy: "-created", startAt: 0, maxResults: 1 }));
      return { ...state, latestCommentId: requireFields(newest, ["comments"], `Jira's comments on ${input.issueKey}`).comments![0]?.id ?? null };
    },

    async execute(input, _state, marker) {
      const posted = await write("comments.add", () =>
        jira.issueComments.addComment({
          issueIdOrKey: input.issueKey,
          body: markdownToAdf(input.body) as never,
          properties: [{ key: MARKER_PROPERTY, value: { actionId: marker.actionId } }],
        }),
      );
      requireFields(posted, ["id"], "Jira's answer to adding a comment");
      return commentResult(input.issueKey, String(posted.id));
    },

    async findLanded(input, before, marker, since) {
      const floorId = before.latestCommentId;
      const from = floorId !== undefined ? 0 : (await landingWindowStart(since)).getTime();
      // Newest first; stop at the first page that reaches back before the attempt could have written.
      for (let startAt = 0; ; startAt += PAGE) {
        let page;
        try {
          page = await read("comments.list", () => jira.issueComments.getComments({ issueIdOrKey: input.issueKey, orderBy: "-created", expand: "properties", startAt, maxResults: PAGE }));
        } catch (e) {
          if (isNotFound(e)) return null;
          throw e;
        }
        const comments = requireFields(page, ["comments"], `Jira's comments on ${input.issueKey}`).comments!;
        const found = comments.find((c) => c.id && c.properties?.some((p) => p.key === MARKER_PROPERTY && markerOf(p.value) === marker.actionId));
        if (found) return commentResult(input.issueKey, String(found.id));
        if (comments.length < PAGE) return null;
        // Ids only grow: past the newest comment seen before the write, nothing of ours is left.
        if (floorId !== undefined) {
          if (Number(comments.at(-1)?.id ?? 0) <= Number(floorId ?? 0)) return null;
          continue;
        }
        const oldest = comments.at(-1)?.created;
        if (oldest && new Date(oldest).getTime() < from) return null;
      }
    },

    async verify(input, result, marker) {
      let posted;
      try {
        posted = await read("comments.get", () => jira.issueComments.getComment({ issueIdOrKey: input.issueKey, id: result.commentId, expand: "properties" }));
      } catch (e) {
        if (isNotFound(e)) return [`Comment ${result.commentId} is no longer on ${input.issueKey}.`];
        throw e;
      }
      const out: string[] = [];
      if (normalText(adfToText(posted.body)) !== textOfMarkdown(input.body)) out.push(`Comment ${result.commentId} on ${input.issueKey} does not read as the action wrote it.`);
      if (!posted.properties?.some((p) => p.key === MARKER_PROPERTY && markerOf(p.value) === marker.actionId)) out.push(`Comment ${result.commentId} does not carry this action's ${MARKER_PROPERTY} property.`);
      return out;
    },
  };

  return {
    "jira.createIssue": createIssue,
    "jira.updateFields": updateFields,
    "jira.transition": transition,
    "jira.assign": assign,
    "jira.moveToSprint": moveIssueToSprint,
    "jira.comment": comment,
  };
}
