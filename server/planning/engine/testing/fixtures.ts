import {
  type EngineDocument,
  type EngineItem,
  type EngineMember,
  type EngineMessage,
  type EnginePullRequest,
  type EngineRelease,
  type EngineReview,
  type EngineSprint,
  type TeamSnapshot,
} from "../types";

/**
 * Builders for engine inputs with plain defaults, so a test states only what it is about.
 * Dates are UTC instants; the default team works in UTC so day counts read straight off them.
 */

/** "2026-11-09" or "2026-11-09T15:00" → a UTC Date. */
export function at(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : `${value}${value.endsWith("Z") ? "" : "Z"}`);
}

export function makeItem(overrides: Partial<EngineItem> & { key: string }): EngineItem {
  const projectKey = overrides.key.split("-")[0]!;
  return {
    url: `https://jira.example.com/browse/${overrides.key}`,
    title: `Work item ${overrides.key}`,
    description: null,
    type: "Story",
    status: "To Do",
    statusCategory: "new",
    priority: "Medium",
    storyPoints: null,
    assigneeId: null,
    assigneeName: null,
    epicKey: null,
    parentKey: null,
    projectKey,
    sprintIds: [],
    fixVersionIds: [],
    labels: [],
    links: [],
    flagged: false,
    rank: null,
    createdAt: at("2026-10-01"),
    updatedAt: at("2026-10-01"),
    resolvedAt: null,
    dueDate: null,
    sprintHistory: [],
    statusChanges: [],
    ...overrides,
  };
}

/** A finished item resolved at `resolvedAt`. */
export function makeDone(overrides: Partial<EngineItem> & { key: string; resolvedAt: Date }): EngineItem {
  return makeItem({ status: "Done", statusCategory: "done", updatedAt: overrides.resolvedAt, ...overrides });
}

export function makeSprint(overrides: Partial<EngineSprint> & { id: string }): EngineSprint {
  return {
    name: `Sprint ${overrides.id}`,
    state: "closed",
    goal: null,
    url: `https://jira.example.com/sprint/${overrides.id}`,
    startDate: null,
    endDate: null,
    completeDate: null,
    ...overrides,
  };
}

export function makeRelease(overrides: Partial<EngineRelease> & { id: string }): EngineRelease {
  return {
    name: `Release ${overrides.id}`,
    description: null,
    released: false,
    startDate: null,
    releaseDate: null,
    url: `https://jira.example.com/versions/${overrides.id}`,
    ...overrides,
  };
}

export function makeMember(overrides: Partial<EngineMember> & { id: string }): EngineMember {
  return { name: `Person ${overrides.id}`, availability: 1, daysOff: [], ...overrides };
}

export function makeReview(overrides: Partial<EngineReview> = {}): EngineReview {
  return { authorLogin: "reviewer", state: "APPROVED", submittedAt: null, url: null, ...overrides };
}

export function makePullRequest(overrides: Partial<EnginePullRequest> & { number: number }): EnginePullRequest {
  const repo = overrides.repo ?? "acme/payments-service";
  return {
    repo,
    title: `Change ${overrides.number}`,
    url: `https://github.example.com/${repo}/pull/${overrides.number}`,
    state: "open",
    draft: false,
    authorLogin: "dev",
    createdAt: at("2026-11-02"),
    updatedAt: at("2026-11-02"),
    mergedAt: null,
    workItemKeys: [],
    reviews: [],
    ...overrides,
  };
}

export function makeMessage(overrides: Partial<EngineMessage> & { ts: string; text: string }): EngineMessage {
  return {
    id: overrides.ts,
    channelName: "team-payments",
    authorName: "Sam",
    url: `https://slack.example.com/archives/C1/p${overrides.ts.replace(".", "")}`,
    postedAt: at("2026-11-16"),
    replyCount: 0,
    threadTs: null,
    ...overrides,
  };
}

export function makeDocument(overrides: Partial<EngineDocument> & { id: string; text: string }): EngineDocument {
  return { title: `Doc ${overrides.id}`, url: `https://notion.example.com/${overrides.id}`, updatedAt: at("2026-11-10"), ...overrides };
}

export function makeSnapshot(overrides: Partial<TeamSnapshot> = {}): TeamSnapshot {
  return {
    team: { key: "PAY", name: "Payments", timezone: "UTC", sprintLengthDays: 14 },
    now: at("2026-11-18T12:00"),
    items: [],
    linkedItems: [],
    sprints: [],
    releases: [],
    members: [],
    pullRequests: [],
    messages: [],
    documents: [],
    ...overrides,
  };
}

/**
 * A two-week sprint (Monday 09:00 UTC to the Monday after next 09:00; ten working days) starting
 * on `monday`, closed 30 minutes after its end unless `state` says otherwise.
 */
export function twoWeekSprint(id: string, monday: string, state: EngineSprint["state"] = "closed"): EngineSprint {
  const start = at(`${monday}T09:00`);
  const end = new Date(start.getTime() + 14 * 86_400_000);
  return makeSprint({
    id,
    name: `PAY Sprint ${id}`,
    state,
    startDate: start,
    endDate: end,
    completeDate: state === "closed" ? new Date(end.getTime() + 30 * 60_000) : null,
  });
}

/** Sprint membership from `at` on, as the changelog records it. */
export function addedTo(sprintId: string, when: Date): EngineItem["sprintHistory"][number] {
  return { sprintId, action: "added", at: when };
}

export function removedFrom(sprintId: string, when: Date): EngineItem["sprintHistory"][number] {
  return { sprintId, action: "removed", at: when };
}
