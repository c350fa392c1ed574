import { type Rng } from "../core/rng";
import { type Company } from "../core/types";
import { adfFromText } from "./adf";
import { RESOLUTION_DONE, STATUS, linkTypeById, statusById } from "./catalog";
import { change } from "./changelog";
import { rankAt } from "./ranks";
import { type Plan, type PlannedLink } from "./seed-plan";
import { type JiraBoard, type JiraChangeItem, type JiraComment, type JiraHistory, type JiraIssue, type JiraIssueLink, type JiraProject, type JiraSprint, type JiraState, type JiraVersion } from "./state";

export interface MaterializeInput {
  company: Company;
  now: number;
  rng: Rng;
  projects: JiraProject[];
  boards: JiraBoard[];
  sprints: JiraSprint[];
  versions: JiraVersion[];
  plans: Plan[];
  links: PlannedLink[];
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * Turns planned lives into issues: ids and keys in creation order (as Jira numbers them), field
 * values as of "now", changelogs and comments with ids in chronological order across the site.
 */
export function materialize(input: MaterializeInput): JiraState {
  const { company, now, plans } = input;
  const names = new Map(company.people.map((p) => [p.jiraAccountId, p.name]));
  const name = (accountId: string) => names.get(accountId) ?? accountId;

  const ordered = plans.map((plan, i) => ({ plan, i })).sort((a, b) => a.plan.created - b.plan.created || a.i - b.i);
  const issueOf = new Map<Plan, JiraIssue>();
  const keyCounter = new Map<string, number>();
  ordered.forEach(({ plan }, n) => {
    const number = (keyCounter.get(plan.project.key) ?? 0) + 1;
    keyCounter.set(plan.project.key, number);
    const created = iso(plan.created);
    issueOf.set(plan, {
      id: String(10000 + n),
      key: `${plan.project.key}-${number}`,
      projectId: plan.project.id,
      issueTypeId: plan.typeId,
      summary: plan.summary,
      description: plan.description,
      statusId: STATUS.todo,
      statusCategoryChangedAt: created,
      resolutionId: null,
      resolutionDate: null,
      priorityId: plan.priorityId,
      assigneeAccountId: plan.assignee,
      reporterAccountId: plan.reporter,
      creatorAccountId: plan.reporter,
      labels: plan.labels,
      componentIds: plan.componentIds,
      storyPoints: plan.storyPoints,
      parentId: null,
      sprintIds: plan.sprints.map((s) => s.sprint.id),
      fixVersionIds: plan.fixVersion ? [plan.fixVersion.id] : [],
      flagged: plan.flaggedAt !== null,
      rank: "",
      dueDate: null,
      created,
      updated: created,
      comments: [],
      changelog: [],
      remoteLinks: [],
    });
  });
  const issue = (plan: Plan) => issueOf.get(plan)!;

  const histories: JiraHistory[] = [];
  const comments: JiraComment[] = [];
  const hostileComments = new Set<JiraComment>();
  const events = new Map<Plan, { at: number; by: string; items: JiraChangeItem[] }[]>();
  const event = (plan: Plan, at: number, by: string, items: JiraChangeItem[]) => {
    const list = events.get(plan) ?? [];
    list.push({ at: Math.min(now, Math.max(at, plan.created + 60_000)), by, items });
    events.set(plan, list);
  };

  for (const plan of plans) {
    const target = issue(plan);
    target.parentId = plan.parent ? issue(plan.parent).id : null;
    if (plan.kind !== "subtask") {
      plan.sprints.forEach((s, i) => event(plan, s.at, s.by, [change.sprint(plan.sprints.slice(0, i).map((x) => x.sprint), plan.sprints.slice(0, i + 1).map((x) => x.sprint))]));
    }
    if (plan.assignee && plan.assignedAt !== null) {
      target.assigneeAccountId = plan.assignee;
      event(plan, plan.assignedAt, plan.sprints[0]?.by ?? plan.reporter, [change.user("assignee", null, plan.assignee, name)]);
    }
    if (plan.storyPoints !== null && plan.pointsSetAt !== null) event(plan, plan.pointsSetAt, plan.sprints[0]?.by ?? plan.reporter, [change.storyPoints(null, plan.storyPoints)]);
    if (plan.fixVersion && plan.sprints[0] && plan.kind === "work") event(plan, plan.sprints[0].at + 2 * 60_000, plan.sprints[0].by, [change.fixVersion(null, plan.fixVersion)]);
    if (plan.escalatedFrom) event(plan, plan.escalatedFrom.at, plan.escalatedFrom.by, [change.priority(plan.escalatedFrom.priorityId, plan.priorityId)]);
    if (plan.flaggedAt !== null) event(plan, plan.flaggedAt, plan.assignee ?? plan.reporter, [change.flagged(true)]);

    let status: string = STATUS.todo;
    for (const step of plan.steps) {
      const items = [change.status(status, step.to)];
      if (step.to === STATUS.done) items.push(change.resolution(null, RESOLUTION_DONE));
      else if (status === STATUS.done) items.push(change.resolution(RESOLUTION_DONE, null));
      event(plan, step.at, step.by, items);
      const categoryChanged = statusById(status)?.categoryId !== statusById(step.to)?.categoryId;
      status = step.to;
      if (categoryChanged) target.statusCategoryChangedAt = iso(step.at);
    }
    target.statusId = status;
    if (status === STATUS.done) {
      target.resolutionId = RESOLUTION_DONE;
      target.resolutionDate = iso(plan.steps.at(-1)!.at);
    }
  }

  const links: JiraIssueLink[] = [];
  for (const link of [...input.links].sort((a, b) => a.at - b.at)) {
    const type = linkTypeById(link.typeId)!;
    const source = issue(link.source);
    const target = issue(link.target);
    if (links.some((l) => l.typeId === link.typeId && ((l.sourceId === source.id && l.targetId === target.id) || (l.sourceId === target.id && l.targetId === source.id)))) continue;
    links.push({ id: String(10000 + links.length), typeId: link.typeId, sourceId: source.id, targetId: target.id });
    const by = link.target.assignee ?? link.target.reporter;
    event(link.source, link.at, by, [change.link(type.outward, target.key)]);
    event(link.target, link.at, by, [change.link(type.inward, source.key)]);
  }

  for (const plan of plans) {
    const target = issue(plan);
    for (const e of (events.get(plan) ?? []).sort((a, b) => a.at - b.at)) {
      const h: JiraHistory = { id: "", authorAccountId: e.by, created: iso(e.at), items: e.items };
      target.changelog.push(h);
      histories.push(h);
    }
    for (const c of plan.comments.sort((a, b) => a.at - b.at)) {
      const at = Math.min(now, Math.max(c.at, plan.created + 60_000));
      const text = c.keyRef ? c.text.replace("{key}", issue(c.keyRef).key) : c.text;
      const comment: JiraComment = { id: "", authorAccountId: c.by, updateAuthorAccountId: c.by, body: adfFromText(text), created: iso(at), updated: iso(at) };
      target.comments.push(comment);
      comments.push(comment);
      if (c.hostile) hostileComments.add(comment);
    }
    const last = Math.max(plan.created, ...target.changelog.map((h) => Date.parse(h.created)), ...target.comments.map((c) => Date.parse(c.created)));
    target.updated = iso(last);
  }

  const byTime = <T extends { created: string }>(items: T[]) => items.map((x, i) => ({ x, i })).sort((a, b) => a.x.created.localeCompare(b.x.created) || a.i - b.i);
  byTime(histories).forEach(({ x }, n) => (x.id = String(10000 + n)));
  byTime(comments).forEach(({ x }, n) => (x.id = String(10000 + n)));

  const ranked = [...plans].sort((a, b) => a.rankOrder - b.rankOrder);
  ranked.forEach((plan, n) => (issue(plan).rank = rankAt(n)));

  for (const project of input.projects) project.seededIssueCount = keyCounter.get(project.key) ?? 0;

  const issues = ordered.map(({ plan }) => issue(plan));
  const hostileIds = [
    ...plans.filter((p) => p.hostile).map((p) => issue(p).key),
    ...comments.filter((c) => hostileComments.has(c)).map((c) => c.id),
  ];

  return {
    projects: input.projects,
    boards: input.boards,
    sprints: input.sprints,
    versions: input.versions,
    issues,
    links,
    sequences: {
      issue: 10000 + issues.length,
      comment: 10000 + comments.length,
      changelog: 10000 + histories.length,
      link: 10000 + links.length,
      project: 10000 + input.projects.length,
      board: input.boards.length + 1,
      sprint: input.sprints.length + 1,
      version: 10000 + input.versions.length,
      component: 10000 + input.projects.length * 10,
      remoteLink: 10000,
      rank: ranked.length,
    },
    hostileIds,
  };
}
