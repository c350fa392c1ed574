import { createRng } from "../core/rng";
import { type SandboxStore } from "../core/store";
import { adfFromText } from "./adf";
import { ISSUE_TYPE, RESOLUTION_DONE, STATUS, statusById } from "./catalog";
import { change } from "./changelog";
import { allocate, recordChange } from "./mutations";
import { rankAt } from "./ranks";
import { type JiraHistory, type JiraIssue, type JiraProject, type JiraSprint } from "./state";
import { allTawosTitles } from "./tawos";

const DAY = 86_400_000;

function keySeed(key: string, seed: number): number {
  let h = seed * 31;
  for (const ch of key) h = (h * 33 + ch.charCodeAt(0)) % 2_147_483_647;
  return h;
}

/**
 * Adds a generated Scrum project with `issues` issues (default 10,000) for benchmarks: a year of
 * history before the company's "now", a board with four closed sprints and an active one, and a
 * short status history per issue. Deterministic in the store's seed and `key`; ids come from the
 * store's counters, so it composes with writes. Takes well under two seconds for 10,000 issues.
 */
export function generateBulkProject(store: SandboxStore, options: { key: string; issues?: number; name?: string }): JiraProject {
  const jira = store.state.jira;
  const key = options.key.toUpperCase();
  if (!/^[A-Z][A-Z0-9]{1,9}$/.test(key)) throw new Error(`"${options.key}" is not a valid Jira project key`);
  if (jira.projects.some((p) => p.key === key)) throw new Error(`Project ${key} already exists`);
  const count = options.issues ?? 10_000;
  const rng = createRng(keySeed(key, store.state.seed));
  const company = store.state.company;
  const now = Date.parse(company.now);
  const people = company.people.filter((p) => p.teamId).map((p) => p.jiraAccountId);
  const lead = company.people.find((p) => p.role === "em") ?? company.people[0]!;

  const project: JiraProject = {
    id: String(allocate(store, "project")),
    key,
    name: options.name ?? `${key} benchmark`,
    description: "Generated project for sync benchmarks.",
    leadAccountId: lead.jiraAccountId,
    teamId: null,
    components: [],
    seededIssueCount: count,
  };
  jira.projects.push(project);
  const boardId = allocate(store, "board");
  jira.boards.push({ id: boardId, name: `${key} board`, type: "scrum", projectId: project.id, filterJql: `project = ${key} ORDER BY Rank ASC` });
  const sprints: JiraSprint[] = Array.from({ length: 5 }, (_, k) => {
    const start = now - (4 - k) * 14 * DAY - 3 * DAY;
    const active = k === 4;
    return {
      id: allocate(store, "sprint"),
      boardId,
      name: `${key} Sprint ${k + 1}`,
      state: active ? "active" : "closed",
      goal: "",
      createdDate: new Date(start - DAY).toISOString(),
      startDate: new Date(start).toISOString(),
      endDate: new Date(start + 14 * DAY).toISOString(),
      completeDate: active ? null : new Date(start + 14 * DAY + 3_600_000).toISOString(),
    };
  });
  jira.sprints.push(...sprints);

  const titles = allTawosTitles();
  const span = 365 * DAY;
  const types = [ISSUE_TYPE.story, ISSUE_TYPE.story, ISSUE_TYPE.story, ISSUE_TYPE.bug, ISSUE_TYPE.task];
  const points = [1, 2, 3, 5, 8, 13];
  for (let n = 0; n < count; n++) {
    const created = now - span + Math.floor(((n + rng.number.float()) / count) * (span - DAY));
    const age = (now - created) / span;
    const assignee = rng.helpers.arrayElement(people);
    const reporter = rng.helpers.arrayElement(people);
    const target = age > 0.15 ? 3 : rng.number.int({ min: 0, max: 3 });
    const path = [STATUS.inProgress, STATUS.inReview, STATUS.done].slice(0, target);
    const history: JiraHistory[] = [];
    let status: string = STATUS.todo;
    let t = created;
    let categoryChanged = created;
    for (const to of path) {
      t = Math.min(now - 60_000, t + rng.number.int({ min: 1, max: 96 }) * 3_600_000);
      const items = [change.status(status, to)];
      if (to === STATUS.done) items.push(change.resolution(null, RESOLUTION_DONE));
      if (statusById(status)?.categoryId !== statusById(to)?.categoryId) categoryChanged = t;
      history.push({ id: String(allocate(store, "changelog")), authorAccountId: assignee, created: new Date(t).toISOString(), items });
      status = to;
    }
    const sprintIndex = Math.floor((created - (now - 4 * 14 * DAY - 3 * DAY)) / (14 * DAY));
    const sprint = sprintIndex >= 0 ? sprints[Math.min(sprintIndex, sprints.length - 1)] : undefined;
    const typeId = rng.helpers.arrayElement(types);
    const issue: JiraIssue = {
      id: String(allocate(store, "issue")),
      key: `${key}-${n + 1}`,
      projectId: project.id,
      issueTypeId: typeId,
      summary: titles[n % titles.length]!,
      description: n % 4 === 0 ? adfFromText(`Generated issue ${n + 1} of ${count}.`) : null,
      statusId: status,
      statusCategoryChangedAt: new Date(categoryChanged).toISOString(),
      resolutionId: status === STATUS.done ? RESOLUTION_DONE : null,
      resolutionDate: status === STATUS.done ? new Date(t).toISOString() : null,
      priorityId: String(rng.number.int({ min: 2, max: 4 })),
      assigneeAccountId: target > 0 ? assignee : null,
      reporterAccountId: reporter,
      creatorAccountId: reporter,
      labels: [],
      componentIds: [],
      storyPoints: typeId === ISSUE_TYPE.story ? rng.helpers.arrayElement(points) : null,
      parentId: null,
      sprintIds: sprint ? [sprint.id] : [],
      fixVersionIds: [],
      flagged: false,
      rank: rankAt(allocate(store, "rank")),
      dueDate: null,
      created: new Date(created).toISOString(),
      updated: new Date(Math.max(created, t)).toISOString(),
      comments: [],
      changelog: history,
      remoteLinks: [],
    };
    jira.issues.push(issue);
  }
  return project;
}

const NEXT_STATUS: Record<string, string> = {
  [STATUS.todo]: STATUS.inProgress,
  [STATUS.inProgress]: STATUS.inReview,
  [STATUS.inReview]: STATUS.done,
  [STATUS.done]: STATUS.inProgress,
};

/**
 * Changes `count` issues (optionally of one project) the way a working team does — moves them one
 * status along, raises or lowers priority, re-estimates — each at a new tick of the logical clock,
 * so their `updated` moves past everything before. Picks the least recently updated issues, so
 * repeated calls touch different ones. Returns the touched keys in the order they were changed.
 */
export function touchIssues(store: SandboxStore, options: { count: number; projectKey?: string }): string[] {
  const jira = store.state.jira;
  const project = options.projectKey ? jira.projects.find((p) => p.key === options.projectKey!.toUpperCase()) : undefined;
  if (options.projectKey && !project) throw new Error(`No Jira project ${options.projectKey}`);
  const candidates = jira.issues
    .filter((i) => (!project || i.projectId === project.id) && i.issueTypeId !== ISSUE_TYPE.epic)
    .sort((a, b) => a.updated.localeCompare(b.updated) || Number(a.id) - Number(b.id))
    .slice(0, options.count);
  const actor = jira.projects.find((p) => p.id === candidates[0]?.projectId)?.leadAccountId ?? store.state.company.people[0]!.jiraAccountId;
  candidates.forEach((issue, n) => {
    const at = store.tick().toISOString();
    if (n % 3 === 2) {
      const next = issue.priorityId === "2" ? "3" : "2";
      recordChange(store, issue, actor, [change.priority(issue.priorityId, next)], at);
      issue.priorityId = next;
      return;
    }
    if (n % 3 === 1 && issue.issueTypeId === ISSUE_TYPE.story) {
      const next = (issue.storyPoints ?? 0) >= 8 ? 3 : (issue.storyPoints ?? 1) + 2;
      recordChange(store, issue, actor, [change.storyPoints(issue.storyPoints, next)], at);
      issue.storyPoints = next;
      return;
    }
    const to = NEXT_STATUS[issue.statusId] ?? STATUS.inProgress;
    const items = [change.status(issue.statusId, to)];
    if (to === STATUS.done) {
      items.push(change.resolution(null, RESOLUTION_DONE));
      issue.resolutionId = RESOLUTION_DONE;
      issue.resolutionDate = at;
    } else if (issue.statusId === STATUS.done) {
      items.push(change.resolution(issue.resolutionId, null));
      issue.resolutionId = null;
      issue.resolutionDate = null;
    }
    if (statusById(issue.statusId)?.categoryId !== statusById(to)?.categoryId) issue.statusCategoryChangedAt = at;
    issue.statusId = to;
    recordChange(store, issue, issue.assigneeAccountId ?? actor, items, at);
  });
  return candidates.map((i) => i.key);
}
