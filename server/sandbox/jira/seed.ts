import { type SeedContext } from "../core/seed";
import { type Rng } from "../core/rng";
import { type Company, type Person, type Team } from "../core/types";
import { adfFromText, paragraph, wikiToAdf } from "./adf";
import { ISSUE_TYPE, LINK_TYPE, STATUS } from "./catalog";
import { materialize } from "./seed-materialize";
import { DAY, HOUR, fibonacci, fitSteps, issueTypeFor, later, teamPeople, workHours, type Plan, type PlannedLink, type TeamPeople } from "./seed-plan";
import { COMMENTS, HOSTILE, SUBTASK_TITLES, VOCABULARY, type TeamVocabulary } from "./seed-text";
import { type JiraBoard, type JiraProject, type JiraSprint, type JiraState, type JiraVersion } from "./state";
import { tawosItems, type TawosItem } from "./tawos";

/**
 * Seeds the Jira site: one Scrum project and board per team, seven closed two-week sprints before
 * the company's "now", the active sprint containing it and a planned future sprint, three
 * releases per project, and about 110 issues per project with realistic histories — including the
 * things risk detection looks for (scope added after the sprint started, blocked and flagged work,
 * unassigned high-priority items, a stale item) and a handful of hostile comments and
 * descriptions listed in `hostileIds`. Deterministic in `ctx.rng`.
 */
export function seedJira(ctx: SeedContext): JiraState {
  return new JiraSeeder(ctx).run();
}

const dateOnly = (t: number) => new Date(t).toISOString().slice(0, 10);

interface TeamSetup {
  team: Team;
  index: number;
  vocab: TeamVocabulary;
  project: JiraProject;
  board: JiraBoard;
  closed: JiraSprint[];
  active: JiraSprint;
  future: JiraSprint;
  versions: [JiraVersion, JiraVersion, JiraVersion];
  people: TeamPeople;
  epics: Plan[];
  work: Plan[];
  /** Work items flagged as blocked; the second one waits on another team. */
  blocked: Plan[];
}

class JiraSeeder {
  private readonly rng: Rng;
  private readonly company: Company;
  private readonly now: number;
  private readonly projects: JiraProject[] = [];
  private readonly boards: JiraBoard[] = [];
  private readonly sprints: JiraSprint[] = [];
  private readonly versions: JiraVersion[] = [];
  private readonly plans: Plan[] = [];
  private readonly links: PlannedLink[] = [];
  private rankOrder = 0;

  constructor(ctx: SeedContext) {
    this.rng = ctx.rng;
    this.company = ctx.company;
    this.now = ctx.now.getTime();
  }

  run(): JiraState {
    const setups = this.company.teams.map((team, index) => this.setupTeam(team, index));
    for (const s of setups) this.planTeam(s);
    this.crossTeamLinks(setups);
    this.hostile(setups);
    return materialize({
      company: this.company,
      now: this.now,
      rng: this.rng,
      projects: this.projects,
      boards: this.boards,
      sprints: this.sprints,
      versions: this.versions,
      plans: this.plans,
      links: this.links,
    });
  }

  // ---------- structure ----------

  private setupTeam(team: Team, index: number): TeamSetup {
    const rng = this.rng;
    const vocab = VOCABULARY[team.key];
    if (!vocab) throw new Error(`No Jira vocabulary for team ${team.key}`);
    const people = teamPeople(team, this.company.people);
    const project: JiraProject = {
      id: String(10000 + index),
      key: team.key,
      name: team.name,
      description: vocab.projectDescription,
      leadAccountId: people.em.jiraAccountId,
      teamId: team.id,
      components: vocab.components.map((name, i) => ({ id: String(10000 + index * 10 + i), name, description: "" })),
      seededIssueCount: 0,
    };
    const board: JiraBoard = { id: index + 1, name: `${team.key} board`, type: "scrum", projectId: project.id, filterJql: `project = ${team.key} ORDER BY Rank ASC` };
    this.projects.push(project);
    this.boards.push(board);

    const activeStart = Date.parse(vocab.activeSprintStart);
    const sprint = (n: number, fields: Partial<JiraSprint> & Pick<JiraSprint, "state" | "createdDate">): JiraSprint => {
      const s: JiraSprint = {
        id: this.sprints.length + 1,
        boardId: board.id,
        name: `${team.key} Sprint ${vocab.firstSprintNumber + n}`,
        goal: vocab.sprintGoals[n] ?? "",
        startDate: null,
        endDate: null,
        completeDate: null,
        ...fields,
      };
      this.sprints.push(s);
      return s;
    };
    const closed = Array.from({ length: 7 }, (_, k) => {
      const start = activeStart - (7 - k) * 14 * DAY;
      const end = start + 14 * DAY;
      return sprint(k, {
        state: "closed",
        createdDate: new Date(start - rng.number.int({ min: 1, max: 3 }) * DAY - rng.number.int({ min: 0, max: 5 }) * HOUR).toISOString(),
        startDate: new Date(start).toISOString(),
        endDate: new Date(end).toISOString(),
        completeDate: new Date(end + rng.number.int({ min: 10, max: 180 }) * 60_000).toISOString(),
      });
    });
    const active = sprint(7, {
      state: "active",
      createdDate: new Date(activeStart - rng.number.int({ min: 2, max: 4 }) * DAY).toISOString(),
      startDate: new Date(activeStart).toISOString(),
      endDate: new Date(activeStart + 14 * DAY).toISOString(),
    });
    const future = sprint(8, { state: "future", createdDate: new Date(Math.min(this.now - 6 * HOUR, activeStart + 2 * DAY + rng.number.int({ min: 0, max: 8 }) * HOUR)).toISOString() });

    const releasedOn = Date.parse(closed[4]!.endDate!) + 2 * DAY;
    const upcomingOn = Date.parse(active.endDate!) + 16 * DAY;
    const version = (j: number, fields: Omit<JiraVersion, "id" | "projectId" | "name" | "archived">): JiraVersion => {
      const v: JiraVersion = { id: String(10000 + index * 3 + j), projectId: project.id, name: vocab.versions[j]!, archived: false, ...fields };
      this.versions.push(v);
      return v;
    };
    const versions: TeamSetup["versions"] = [
      version(0, { description: "Released to all customers.", released: true, startDate: dateOnly(Date.parse(closed[0]!.startDate!)), releaseDate: dateOnly(releasedOn) }),
      version(1, { description: "Next release train.", released: false, startDate: dateOnly(releasedOn + DAY), releaseDate: dateOnly(upcomingOn) }),
      version(2, { description: "Next major version; scope still being decided.", released: false, startDate: dateOnly(upcomingOn + DAY), releaseDate: null }),
    ];
    return { team, index, vocab, project, board, closed, active, future, versions, people, epics: [], work: [], blocked: [] };
  }

  // ---------- planning ----------

  private newPlan(s: TeamSetup, fields: Partial<Plan> & Pick<Plan, "kind" | "typeId" | "summary" | "created">): Plan {
    const plan: Plan = {
      project: s.project,
      team: s.team,
      vocab: s.vocab,
      description: null,
      reporter: s.people.pm.jiraAccountId,
      priorityId: "3",
      escalatedFrom: null,
      storyPoints: null,
      pointsSetAt: null,
      labels: [],
      componentIds: [],
      parent: null,
      sprints: [],
      steps: [],
      assignee: null,
      assignedAt: null,
      fixVersion: null,
      flaggedAt: null,
      comments: [],
      hostile: false,
      rankOrder: this.rankOrder++,
      bucket: 9,
      frozenAfter: null,
      ...fields,
    };
    this.plans.push(plan);
    return plan;
  }

  private planTeam(s: TeamSetup) {
    const rng = this.rng;
    const pool = rng.helpers.shuffle([...tawosItems(s.vocab.tawos)]);
    const subtaskPool = pool.filter((i) => i.type === "Sub.task");
    const workPool = pool.filter((i) => i.type !== "Sub.task" && i.type !== "Epic");
    let poolIndex = 0;
    const nextItem = () => workPool[poolIndex++ % workPool.length]!;

    this.planEpics(s);

    // Closed sprints, oldest first; unfinished work rolls into the next sprint.
    let carried: Plan[] = [];
    s.closed.forEach((sprint, k) => {
      const next = s.closed[k + 1] ?? s.active;
      const fresh = Array.from({ length: rng.number.int({ min: 8, max: 10 }) }, () => this.planSprintWork(s, nextItem(), k, sprint));
      for (const plan of carried) this.finishCarried(s, plan, sprint);
      carried = fresh.filter(() => rng.datatype.boolean({ probability: 0.15 }));
      for (const plan of carried) this.carryOver(s, plan, sprint, next);
    });
    for (const plan of carried) this.continueInActive(s, plan);

    const activePlanned = Array.from({ length: 8 }, () => this.planActiveWork(s, nextItem()));
    const scopeAdded = Array.from({ length: 3 }, () => this.planScopeAdded(s, nextItem()));
    const futureWork = Array.from({ length: 7 }, () => this.planFuture(s, nextItem()));
    const backlog = Array.from({ length: 15 }, () => this.planBacklog(s, nextItem()));

    this.planRisks(s, activePlanned, scopeAdded);
    this.planSubtasks(s, subtaskPool);
    this.finishEpics(s);
    for (const plan of s.work) this.planComments(s, plan);

    // Dependencies inside the team: later work waits on current work; some work is related.
    const pick = <T>(xs: T[]) => rng.helpers.arrayElement(xs);
    for (let i = 0; i < 4; i++) {
      const blocker = pick([...activePlanned, ...futureWork]);
      const waiting = pick(backlog);
      if (blocker !== waiting) this.link(blocker, waiting, LINK_TYPE.blocks);
    }
    for (let i = 0; i < 4; i++) {
      const a = pick(s.work);
      const b = pick(s.work);
      if (a !== b && a.parent !== b && b.parent !== a) this.link(a, b, LINK_TYPE.relates);
    }
  }

  private planEpics(s: TeamSetup) {
    const rng = this.rng;
    const { closed } = s;
    const createdBy = [closed[0]!, closed[0]!, closed[2]!, closed[3]!, closed[5]!, closed[6]!];
    s.vocab.epics.forEach((e, i) => {
      const anchor = Date.parse(createdBy[i]!.startDate!);
      // The last epic is brand new (created during the last closed sprint); the others predate their work.
      const created = i === 5 ? workHours(anchor + 3 * DAY) : workHours(anchor - rng.number.int({ min: 5, max: 25 }) * DAY);
      const plan = this.newPlan(s, {
        kind: "epic",
        typeId: ISSUE_TYPE.epic,
        summary: e.summary,
        description: adfFromText(e.description),
        created,
        reporter: s.people.pm.jiraAccountId,
        assignee: s.people.em.jiraAccountId,
        priorityId: i === 2 ? "2" : "3",
        labels: [s.vocab.labels[i % s.vocab.labels.length]!],
        bucket: -1,
      });
      if (i < 5) plan.steps.push({ to: STATUS.inProgress, at: later(rng, Math.max(created, Date.parse(createdBy[i]!.startDate!)), 1, 30), by: s.people.em.jiraAccountId });
      s.epics.push(plan);
    });
  }

  /** Which epics a piece of work in `bucket` may belong to (finished epics only take old work). */
  private epicFor(s: TeamSetup, bucket: number, typeKind: string): Plan | null {
    const eligible = s.epics.filter((_, i) => {
      const range = [
        [0, 2],
        [1, 4],
        [2, 9],
        [3, 9],
        [5, 9],
        [8, 9],
      ][i]!;
      return bucket >= range[0]! && bucket <= range[1]!;
    });
    if (!eligible.length || !this.rng.datatype.boolean({ probability: typeKind === "bug" ? 0.55 : 0.85 })) return null;
    return this.rng.helpers.arrayElement(eligible);
  }

  private baseWork(s: TeamSetup, item: TawosItem, bucket: number, created: number): Plan {
    const rng = this.rng;
    const kind = issueTypeFor(item.type, item.title);
    const typeKind = kind === "subtask" ? "task" : kind;
    const typeId = typeKind === "bug" ? ISSUE_TYPE.bug : typeKind === "task" ? ISSUE_TYPE.task : ISSUE_TYPE.story;
    const priorityId = rng.helpers.weightedArrayElement(
      typeKind === "bug"
        ? [
            { weight: 10, value: "1" },
            { weight: 30, value: "2" },
            { weight: 40, value: "3" },
            { weight: 15, value: "4" },
            { weight: 5, value: "5" },
          ]
        : [
            { weight: 3, value: "1" },
            { weight: 17, value: "2" },
            { weight: 55, value: "3" },
            { weight: 18, value: "4" },
            { weight: 7, value: "5" },
          ],
    );
    const estimated = typeKind === "story" ? bucket < 9 || rng.datatype.boolean({ probability: 0.5 }) : rng.datatype.boolean({ probability: bucket < 9 ? 0.5 : 0.25 });
    const reporter =
      typeKind === "bug" && s.people.qa && rng.datatype.boolean({ probability: 0.5 })
        ? s.people.qa
        : rng.helpers.weightedArrayElement([
            { weight: 60, value: s.people.pm },
            { weight: 15, value: s.people.em },
            { weight: 25, value: rng.helpers.arrayElement(s.people.engineers) },
          ]);
    const labels = rng.helpers.arrayElements(s.vocab.labels, rng.helpers.weightedArrayElement([
      { weight: 35, value: 0 },
      { weight: 45, value: 1 },
      { weight: 20, value: 2 },
    ]));
    const description = typeKind === "task" && rng.datatype.boolean({ probability: 0.15 }) ? null : item.description.trim() ? wikiToAdf(item.description) : null;
    const plan = this.newPlan(s, {
      kind: "work",
      typeId,
      summary: item.title,
      description,
      created,
      reporter: reporter.jiraAccountId,
      priorityId,
      storyPoints: estimated ? (fibonacci(item.storyPoints) ?? rng.helpers.arrayElement([1, 2, 3, 5, 8])) : null,
      labels,
      componentIds: rng.datatype.boolean({ probability: 0.6 }) ? [rng.helpers.arrayElement(s.project.components).id] : [],
      bucket,
    });
    plan.parent = this.epicFor(s, bucket, typeKind);
    s.work.push(plan);
    return plan;
  }

  private engineerFor(s: TeamSetup, plan: Plan): Person {
    const rng = this.rng;
    if (plan.typeId === ISSUE_TYPE.bug && s.people.qa && rng.datatype.boolean({ probability: 0.1 })) return s.people.qa;
    if (s.people.designer && plan.labels.some((l) => /ux|accessibility/.test(l)) && rng.datatype.boolean({ probability: 0.5 })) return s.people.designer;
    return rng.helpers.arrayElement(s.people.engineers);
  }

  /** Sprint planning: a working hour in the days before the sprint starts, after `created`. */
  private planningTime(created: number, sprintStart: number): number {
    const t = workHours(sprintStart - this.rng.number.int({ min: 26, max: 72 }) * HOUR);
    return Math.max(created + HOUR, t < sprintStart ? t : sprintStart - HOUR);
  }

  /** Adds `plan` to `sprint` at `at` (planning is done by the PM or EM). */
  private addToSprint(s: TeamSetup, plan: Plan, sprint: JiraSprint, at: number) {
    plan.sprints.push({ sprint, at, by: this.rng.helpers.arrayElement([s.people.pm, s.people.em]).jiraAccountId });
  }

  private planSprintWork(s: TeamSetup, item: TawosItem, k: number, sprint: JiraSprint): Plan {
    const rng = this.rng;
    const start = Date.parse(sprint.startDate!);
    const end = Date.parse(sprint.endDate!);
    const created = workHours(start - rng.number.int({ min: 2 * 24, max: 30 * 24 }) * HOUR);
    const plan = this.baseWork(s, item, k, created);
    const planning = this.planningTime(created, start);
    this.addToSprint(s, plan, sprint, planning);
    if (plan.storyPoints !== null && rng.datatype.boolean({ probability: 0.4 })) plan.pointsSetAt = planning + 5 * 60_000;
    const assignee = this.engineerFor(s, plan);
    plan.assignee = assignee.jiraAccountId;
    if (rng.datatype.boolean({ probability: 0.5 })) plan.assignedAt = planning + 10 * 60_000;
    const by = assignee.jiraAccountId;
    const startWork = later(rng, start, 2, 5 * 24);
    const review = later(rng, startWork, 6, 4 * 24);
    const done = later(rng, review, 2, 2 * 24);
    const steps = rng.datatype.boolean({ probability: 0.1 })
      ? [
          { to: STATUS.inProgress, at: startWork, by },
          { to: STATUS.done, at: done, by },
        ]
      : [
          { to: STATUS.inProgress, at: startWork, by },
          { to: STATUS.inReview, at: review, by },
          { to: STATUS.done, at: done, by },
        ];
    plan.steps = fitSteps(steps, start + HOUR, end - 2 * HOUR);
    if (plan.assignedAt === null && rng.datatype.boolean({ probability: 0.5 })) plan.assignedAt = plan.steps[0]!.at - 60_000;
    if (plan.typeId !== ISSUE_TYPE.task && rng.datatype.boolean({ probability: 0.8 })) plan.fixVersion = k <= 4 ? s.versions[0] : s.versions[1];
    return plan;
  }

  /** Turns a planned finish into a roll-over: the issue is still open when `sprint` completes. */
  private carryOver(s: TeamSetup, plan: Plan, sprint: JiraSprint, next: JiraSprint) {
    const end = Date.parse(sprint.endDate!);
    const open = plan.steps.filter((st) => st.to !== STATUS.done);
    plan.steps = fitSteps(open.slice(0, this.rng.datatype.boolean({ probability: 0.5 }) ? 1 : 2), Date.parse(sprint.startDate!) + HOUR, end - DAY);
    plan.sprints.push({ sprint: next, at: Date.parse(sprint.completeDate!), by: s.people.em.jiraAccountId });
    plan.comments.push({ at: end - 20 * HOUR, by: plan.assignee ?? s.people.em.jiraAccountId, text: this.rng.helpers.arrayElement(COMMENTS.carried) });
    if (next.state === "closed" && plan.fixVersion === s.versions[0] && Date.parse(next.endDate!) > Date.parse(`${s.versions[0].releaseDate}T00:00:00Z`)) plan.fixVersion = s.versions[1];
  }

  /** A carried-over issue finishes in the next closed sprint. */
  private finishCarried(s: TeamSetup, plan: Plan, sprint: JiraSprint) {
    const start = Date.parse(sprint.startDate!);
    const by = plan.assignee ?? s.people.em.jiraAccountId;
    const hasReview = plan.steps.some((st) => st.to === STATUS.inReview);
    const extra = [];
    let t = start;
    if (!hasReview) extra.push({ to: STATUS.inReview, at: (t = later(this.rng, t, 4, 3 * 24)), by });
    extra.push({ to: STATUS.done, at: later(this.rng, t, 2, 2 * 24), by });
    plan.steps.push(...fitSteps(extra, start + HOUR, Date.parse(sprint.endDate!) - 2 * HOUR));
  }

  /** A roll-over from the last closed sprint is still in flight in the active sprint. */
  private continueInActive(s: TeamSetup, plan: Plan) {
    if (!plan.steps.some((st) => st.to === STATUS.inReview) && this.rng.datatype.boolean({ probability: 0.5 })) {
      const at = later(this.rng, Date.parse(s.active.startDate!), 4, 3 * 24);
      if (at < this.now - HOUR) plan.steps.push({ to: STATUS.inReview, at, by: plan.assignee ?? s.people.em.jiraAccountId });
    }
  }

  private planActiveWork(s: TeamSetup, item: TawosItem): Plan {
    const rng = this.rng;
    const start = Date.parse(s.active.startDate!);
    const created = workHours(start - rng.number.int({ min: 2 * 24, max: 25 * 24 }) * HOUR);
    const plan = this.baseWork(s, item, 7, created);
    this.addToSprint(s, plan, s.active, this.planningTime(created, start));
    const assignee = this.engineerFor(s, plan);
    plan.assignee = assignee.jiraAccountId;
    const target = rng.helpers.weightedArrayElement([
      { weight: 30, value: 3 },
      { weight: 15, value: 2 },
      { weight: 30, value: 1 },
      { weight: 25, value: 0 },
    ]);
    const by = assignee.jiraAccountId;
    const statuses = [STATUS.inProgress, STATUS.inReview, STATUS.done].slice(0, target);
    let t = start;
    const steps = statuses.map((to) => ({ to, at: (t = later(rng, t, 3, 3 * 24)), by }));
    plan.steps = fitSteps(steps, start + HOUR, this.now - 2 * HOUR);
    if (plan.typeId !== ISSUE_TYPE.task && rng.datatype.boolean({ probability: 0.7 })) plan.fixVersion = s.versions[1];
    return plan;
  }

  private planScopeAdded(s: TeamSetup, item: TawosItem): Plan {
    const rng = this.rng;
    const start = Date.parse(s.active.startDate!);
    const window = Math.max(6 * HOUR, this.now - start - 12 * HOUR);
    const created = Math.min(this.now - 4 * HOUR, workHours(start + 6 * HOUR + rng.number.int({ min: 0, max: Math.floor(window / 60_000) }) * 60_000));
    const plan = this.baseWork(s, item, 7, created);
    plan.parent = plan.parent ?? this.epicFor(s, 7, "story");
    this.addToSprint(s, plan, s.active, Math.min(this.now - 2 * HOUR, created + rng.number.int({ min: 20, max: 240 }) * 60_000));
    if (rng.datatype.boolean({ probability: 0.6 })) {
      plan.assignee = this.engineerFor(s, plan).jiraAccountId;
      plan.assignedAt = plan.sprints[0]!.at + 5 * 60_000;
      if (rng.datatype.boolean({ probability: 0.5 })) {
        const at = later(rng, plan.assignedAt, 1, 24);
        if (at < this.now - HOUR) plan.steps.push({ to: STATUS.inProgress, at, by: plan.assignee });
      }
    }
    return plan;
  }

  private planFuture(s: TeamSetup, item: TawosItem): Plan {
    const rng = this.rng;
    const created = Math.min(this.now - 8 * HOUR, workHours(this.now - rng.number.int({ min: 24, max: 25 * 24 }) * HOUR));
    const plan = this.baseWork(s, item, 8, created);
    const futureCreated = Date.parse(s.future.createdDate);
    this.addToSprint(s, plan, s.future, Math.min(this.now - HOUR, Math.max(created, futureCreated) + rng.number.int({ min: 30, max: 48 * 60 }) * 60_000));
    if (rng.datatype.boolean({ probability: 0.5 })) plan.assignee = this.engineerFor(s, plan).jiraAccountId;
    if (plan.typeId !== ISSUE_TYPE.task && rng.datatype.boolean({ probability: 0.5 })) plan.fixVersion = s.versions[1];
    return plan;
  }

  private planBacklog(s: TeamSetup, item: TawosItem): Plan {
    const rng = this.rng;
    const created = workHours(this.now - rng.number.int({ min: 3 * 24, max: 120 * 24 }) * HOUR);
    const plan = this.baseWork(s, item, 9, Math.min(created, this.now - DAY));
    if (rng.datatype.boolean({ probability: 0.3 })) plan.assignee = this.engineerFor(s, plan).jiraAccountId;
    if (rng.datatype.boolean({ probability: 0.2 })) plan.fixVersion = s.versions[2];
    return plan;
  }

  /**
   * The active sprint's trouble: two blocked and flagged items, two unassigned high-priority
   * items (one escalated after being added mid-sprint) and one item stuck in progress.
   */
  private planRisks(s: TeamSetup, planned: Plan[], scopeAdded: Plan[]) {
    const rng = this.rng;
    const start = Date.parse(s.active.startDate!);
    const inFlight = (p: Plan) => p.steps.length > 0 && p.steps.at(-1)!.to !== STATUS.done;
    const candidates = planned.filter((p) => p.assignee);
    const [blockedA, blockedB, stale, unassigned] = candidates;
    for (const p of [blockedA, blockedB]) {
      if (!p) continue;
      const by = p.assignee!;
      const startWork = later(rng, start, 2, 30);
      p.steps = [{ to: STATUS.inProgress, at: Math.min(startWork, this.now - 30 * HOUR), by }];
      p.flaggedAt = Math.min(this.now - 6 * HOUR, later(rng, p.steps[0]!.at, 4, 30));
      s.blocked.push(p);
    }
    if (blockedA) {
      const blocker = planned.find((p) => p !== blockedA && p !== blockedB && p !== stale && inFlight(p)) ?? scopeAdded[0];
      if (blocker) {
        this.link(blocker, blockedA, LINK_TYPE.blocks, blockedA.flaggedAt!);
        blockedA.comments.push({ at: blockedA.flaggedAt! + 10 * 60_000, by: blockedA.assignee!, text: rng.helpers.arrayElement(COMMENTS.blocked), keyRef: blocker });
      }
    }
    if (stale) {
      stale.steps = [{ to: STATUS.inProgress, at: Math.min(later(rng, start, 2, 20), this.now - 3 * DAY), by: stale.assignee! }];
      stale.frozenAfter = stale.steps[0]!.at;
    }
    if (unassigned) {
      unassigned.assignee = null;
      unassigned.assignedAt = null;
      unassigned.steps = [];
      unassigned.priorityId = "1";
    }
    const escalated = scopeAdded[0];
    if (escalated) {
      escalated.assignee = null;
      escalated.assignedAt = null;
      escalated.steps = [];
      escalated.priorityId = "2";
      escalated.escalatedFrom = { priorityId: "3", at: Math.min(this.now - HOUR, escalated.sprints[0]!.at + 2 * HOUR), by: s.people.pm.jiraAccountId };
    }
  }

  private planSubtasks(s: TeamSetup, pool: TawosItem[]) {
    const rng = this.rng;
    const eligible = (bucket: number) => s.work.filter((p) => p.typeId === ISSUE_TYPE.story && p.bucket === bucket && p.steps.length > 0 && !s.blocked.includes(p) && p.frozenAfter === null);
    const parents = [...eligible(7).slice(0, 2), ...eligible(6).slice(0, 1)];
    let n = 0;
    for (const parent of parents) {
      const parentStart = parent.steps[0]!.at;
      const parentDone = parent.steps.find((st) => st.to === STATUS.done)?.at ?? null;
      const count = rng.number.int({ min: 2, max: 3 });
      for (let i = 0; i < count; i++) {
        const item = pool[n];
        const summary = item?.title ?? SUBTASK_TITLES[n % SUBTASK_TITLES.length]!;
        n++;
        const created = Math.min(this.now - 2 * HOUR, parentStart + rng.number.int({ min: 30, max: 600 }) * 60_000);
        const assignee = rng.datatype.boolean({ probability: 0.6 }) ? parent.assignee : rng.helpers.arrayElement(s.people.engineers).jiraAccountId;
        const plan = this.newPlan(s, {
          kind: "subtask",
          typeId: ISSUE_TYPE.subtask,
          summary,
          description: item?.description.trim() ? wikiToAdf(item.description) : null,
          created,
          reporter: parent.assignee ?? s.people.em.jiraAccountId,
          priorityId: parent.priorityId,
          parent,
          assignee,
          sprints: parent.sprints.map((sp) => ({ ...sp, at: Math.max(sp.at, created) })),
          bucket: parent.bucket,
        });
        const by = assignee ?? s.people.em.jiraAccountId;
        const limit = parentDone ? parentDone - 30 * 60_000 : this.now - HOUR;
        const target = parentDone ? 2 : rng.number.int({ min: 0, max: 2 });
        let t = created;
        const steps = [STATUS.inProgress, STATUS.done].slice(0, target).map((to) => ({ to, at: (t = later(rng, t, 1, 30)), by }));
        plan.steps = fitSteps(steps, created + 10 * 60_000, limit);
        s.work.push(plan);
      }
    }
  }

  /** Finished epics close a little after their last child; the rest stay in progress or to do. */
  private finishEpics(s: TeamSetup) {
    s.epics.slice(0, 2).forEach((epic) => {
      const children = s.work.filter((w) => w.parent === epic);
      const lastDone = Math.max(epic.steps[0]?.at ?? epic.created, ...children.map((c) => c.steps.find((st) => st.to === STATUS.done)?.at ?? 0));
      const at = Math.min(this.now - DAY, later(this.rng, lastDone, 2, 40));
      epic.steps.push({ to: STATUS.done, at, by: s.people.pm.jiraAccountId });
    });
  }

  private planComments(s: TeamSetup, plan: Plan) {
    const rng = this.rng;
    if (!rng.datatype.boolean({ probability: 0.55 })) return;
    const org = this.company.githubOrg;
    const others = s.people.all.filter((p) => p.jiraAccountId !== plan.assignee);
    const fill = (text: string) =>
      text
        .replace("{pr}", `https://github.com/${org}/${s.team.repo}/pull/${rng.number.int({ min: 120, max: 980 })}`)
        .replace("{name}", rng.helpers.arrayElement(others).name.split(" ")[0]!)
        .replace("{version}", (plan.fixVersion ?? s.versions[1]).name);
    const limit = Math.min(this.now - 30 * 60_000, plan.frozenAfter ?? Infinity);
    const by = plan.assignee ?? s.people.em.jiraAccountId;
    const add = (at: number, author: string, text: string) => {
      const t = Math.max(plan.created + 30 * 60_000, at);
      if (t < limit) plan.comments.push({ at: t, by: author, text: fill(text) });
    };
    const started = plan.steps.find((st) => st.to === STATUS.inProgress);
    const review = plan.steps.find((st) => st.to === STATUS.inReview);
    const done = plan.steps.find((st) => st.to === STATUS.done);
    if (started && rng.datatype.boolean({ probability: 0.5 })) add(started.at + rng.number.int({ min: 20, max: 300 }) * 60_000, by, rng.helpers.arrayElement(COMMENTS.started));
    if (review && rng.datatype.boolean({ probability: 0.7 })) add(review.at + rng.number.int({ min: 2, max: 30 }) * 60_000, by, rng.helpers.arrayElement(COMMENTS.review));
    if (done && rng.datatype.boolean({ probability: 0.5 })) add(done.at + rng.number.int({ min: 5, max: 120 }) * 60_000, s.people.qa && rng.datatype.boolean({ probability: 0.4 }) ? s.people.qa.jiraAccountId : by, rng.helpers.arrayElement(COMMENTS.done));
    if (rng.datatype.boolean({ probability: 0.3 })) {
      const end = done?.at ?? limit;
      add(plan.created + rng.number.int({ min: 1, max: Math.max(2, Math.floor((end - plan.created) / 60_000)) }) * 60_000, rng.helpers.arrayElement([s.people.pm, s.people.em]).jiraAccountId, rng.helpers.arrayElement(COMMENTS.question));
    }
  }

  private link(source: Plan, target: Plan, typeId: string, at?: number) {
    // The stale item must stay untouched; a new link would count as activity.
    if (source.frozenAfter !== null || target.frozenAfter !== null) return;
    const when = at ?? Math.min(this.now - HOUR, later(this.rng, Math.max(source.created, target.created), 1, 48));
    this.links.push({ source, target, typeId, at: when });
  }

  /** Each team's second blocked item waits on another team's work in progress. */
  private crossTeamLinks(setups: TeamSetup[]) {
    setups.forEach((s, i) => {
      const other = setups[(i + 1) % setups.length]!;
      const waiting = s.blocked[1];
      const blocker = other.work.find((p) => p.bucket === 7 && p.kind === "work" && p.steps.length > 0 && p.steps.at(-1)!.to !== STATUS.done && !other.blocked.includes(p) && p.frozenAfter === null);
      if (waiting && blocker) {
        this.link(blocker, waiting, LINK_TYPE.blocks, waiting.flaggedAt!);
        waiting.comments.push({ at: waiting.flaggedAt! + 15 * 60_000, by: waiting.assignee!, text: this.rng.helpers.arrayElement(COMMENTS.blocked), keyRef: blocker });
      }
      const related = other.work.find((p) => p.bucket === 9);
      const mine = s.work.find((p) => p.bucket === 8);
      if (related && mine) this.link(mine, related, LINK_TYPE.relates);
    });
  }

  /** Plants the hostile items (see HOSTILE) where a reader of the workspace meets them. */
  private hostile(setups: TeamSetup[]) {
    const rng = this.rng;
    const byKey = new Map(setups.map((s) => [s.team.key, s]));
    const comment = (plan: Plan | undefined, text: string, by: string) => {
      if (!plan) return;
      const lo = Math.max(plan.created, plan.steps[0]?.at ?? plan.created) + HOUR;
      const at = Math.min(this.now - HOUR, lo + rng.number.int({ min: 10, max: 600 }) * 60_000);
      plan.comments.push({ at, by, text, hostile: true });
    };
    const pay = byKey.get("PAY");
    if (pay) {
      comment(pay.blocked[0], HOSTILE.payrollComment, rng.helpers.arrayElement(pay.people.engineers).jiraAccountId);
      const active = pay.work.find((p) => p.bucket === 7 && p.kind === "work" && !pay.blocked.includes(p) && p.frozenAfter === null && p.steps.length > 0);
      comment(active, HOSTILE.tokenComment, rng.helpers.arrayElement(pay.people.engineers).jiraAccountId);
    }
    const mob = byKey.get("MOB");
    if (mob) {
      const story = mob.work.find((p) => p.bucket === 9 && p.typeId === ISSUE_TYPE.story);
      if (story) {
        story.description = { type: "doc", version: 1, content: [...(story.description?.content ?? []), paragraph(HOSTILE.summaryNote)] };
        story.hostile = true;
      }
      const bug = mob.work.find((p) => p.bucket === 8 && p.typeId === ISSUE_TYPE.bug) ?? mob.work.find((p) => p.bucket === 8);
      if (bug) {
        bug.description = {
          type: "doc",
          version: 1,
          content: [paragraph("The app crashes on launch for some technicians after the last update. Logs attached in the support ticket."), paragraph(HOSTILE.exportDescription)],
        };
        bug.hostile = true;
      }
    }
    const plat = byKey.get("PLAT");
    if (plat) {
      const active = plat.work.find((p) => p.bucket === 7 && p.kind === "work" && p.steps.length > 0 && p.frozenAfter === null);
      comment(active, HOSTILE.maintenanceComment, rng.helpers.arrayElement(plat.people.engineers).jiraAccountId);
    }
  }
}

export { generateBulkProject, touchIssues } from "./bulk";
