import { type TenantDb } from "@/server/db/tenant";
import {
  type EngineItem,
  type EngineLink,
  type EngineSprint,
  type StatusCategory,
  type TeamSnapshot,
} from "./engine/types";

/** Messages and documents older than this do not feed risks or reports. */
const CONVERSATION_WINDOW_DAYS = 30;
const DOCUMENT_WINDOW_DAYS = 90;

export class TeamNotFoundError extends Error {
  constructor(
    readonly teamKey: string,
    readonly known: { key: string; name: string }[],
  ) {
    super(
      known.length
        ? `There is no team "${teamKey}". Teams: ${known.map((t) => `${t.name} (${t.key})`).join(", ")}.`
        : "No teams yet: connect Jira and let it sync, and a team appears for each project.",
    );
    this.name = "TeamNotFoundError";
  }
}

const category = (c: string | null): StatusCategory | null => (c === "new" || c === "indeterminate" || c === "done" ? c : null);

type WorkItemRow = Awaited<ReturnType<TenantDb["workItem"]["findMany"]>>[number];

function toEngineItem(row: WorkItemRow, changes: Map<string, EngineItem["statusChanges"]>): EngineItem {
  const history = (row.sprintHistory as { sprintId: string; action: "added" | "removed"; at: string }[]) ?? [];
  return {
    key: row.key,
    url: row.url,
    title: row.title,
    description: row.description,
    type: row.type,
    status: row.status,
    statusCategory: category(row.statusCategory) ?? "new",
    priority: row.priority,
    storyPoints: row.storyPoints,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeName,
    epicKey: row.epicKey,
    parentKey: row.parentKey,
    projectKey: row.projectKey,
    sprintIds: row.sprintIds,
    fixVersionIds: row.fixVersionIds,
    labels: row.labels,
    links: (row.links as unknown as EngineLink[]) ?? [],
    flagged: row.flagged,
    rank: row.rank,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    resolvedAt: row.resolvedAt,
    dueDate: row.dueDate,
    sprintHistory: history.map((h) => ({ sprintId: h.sprintId, action: h.action, at: new Date(h.at) })),
    statusChanges: changes.get(row.key) ?? [],
  };
}

/**
 * Everything the planning engine needs about one team, read from synced rows of the caller's
 * organisation only. Text from the tools is passed through as data; nothing here interprets it.
 */
export async function loadTeamSnapshot(db: TenantDb, teamKey: string, now = new Date()): Promise<TeamSnapshot> {
  const team = await db.team.findFirst({ where: { key: teamKey }, include: { members: { orderBy: { name: "asc" } } } });
  if (!team) {
    const known = await db.team.findMany({ select: { key: true, name: true }, orderBy: { key: "asc" } });
    throw new TeamNotFoundError(teamKey, known);
  }

  const [rows, sprints, releases] = await Promise.all([
    db.workItem.findMany({ where: { projectKey: team.projectKey } }),
    db.sprint.findMany({ where: { projectKey: team.projectKey }, orderBy: [{ startDate: "asc" }, { sourceId: "asc" }] }),
    db.release.findMany({ where: { projectKey: team.projectKey }, orderBy: [{ releaseDate: "asc" }, { name: "asc" }] }),
  ]);
  const keys = rows.map((r) => r.key);
  const changeRows = keys.length ? await db.statusChange.findMany({ where: { workItemKey: { in: keys } }, orderBy: { at: "asc" } }) : [];
  const changes = new Map<string, EngineItem["statusChanges"]>();
  for (const c of changeRows) {
    const list = changes.get(c.workItemKey) ?? [];
    list.push({ to: c.toStatus, toCategory: category(c.toCategory), at: c.at });
    changes.set(c.workItemKey, list);
  }
  const items = rows.map((r) => toEngineItem(r, changes));

  const own = new Set(keys);
  const foreign = [...new Set(items.flatMap((i) => i.links.map((l) => l.key)).filter((k) => !own.has(k)))];
  const linkedRows = foreign.length ? await db.workItem.findMany({ where: { key: { in: foreign } } }) : [];

  const since = new Date(now.getTime() - CONVERSATION_WINDOW_DAYS * 86_400_000);
  const keyPattern = `${team.projectKey}-`;
  const [prs, messages, documents] = await Promise.all([
    team.repos.length || keys.length
      ? db.pullRequest.findMany({
          where: { OR: [...(team.repos.length ? [{ repo: { in: team.repos } }] : []), ...(keys.length ? [{ workItemKeys: { hasSome: keys } }] : [])] },
          orderBy: { updatedAt: "desc" },
          take: 300,
        })
      : Promise.resolve([]),
    db.message.findMany({
      where: {
        postedAt: { gte: since, lte: now },
        OR: [...(team.channel ? [{ channelName: team.channel }] : []), { text: { contains: keyPattern } }],
      },
      orderBy: { postedAt: "desc" },
      take: 400,
    }),
    db.document.findMany({
      where: {
        updatedAt: { gte: new Date(now.getTime() - DOCUMENT_WINDOW_DAYS * 86_400_000) },
        OR: [{ text: { contains: keyPattern } }, { title: { contains: team.name, mode: "insensitive" } }, { text: { contains: team.name } }],
      },
      orderBy: { updatedAt: "desc" },
      take: 60,
    }),
  ]);
  const reviews = prs.length
    ? await db.review.findMany({ where: { OR: prs.map((p) => ({ repo: p.repo, prNumber: p.number })) }, orderBy: { submittedAt: "asc" } })
    : [];

  const state = (s: string): EngineSprint["state"] => (s === "active" || s === "closed" ? s : "future");
  return {
    team: { key: team.key, name: team.name, timezone: team.timezone, sprintLengthDays: team.sprintLengthDays },
    now,
    items,
    linkedItems: linkedRows.map((r) => toEngineItem(r, new Map())),
    sprints: sprints.map((s) => ({
      id: s.sourceId,
      name: s.name,
      state: state(s.state),
      goal: s.goal,
      url: s.url,
      startDate: s.startDate,
      endDate: s.endDate,
      completeDate: s.completeDate,
    })),
    releases: releases.map((r) => ({
      id: r.sourceId,
      name: r.name,
      description: r.description,
      released: r.released,
      startDate: r.startDate,
      releaseDate: r.releaseDate,
      url: r.url,
    })),
    members: team.members.map((m) => ({ id: m.personSourceId, name: m.name, availability: m.availability, daysOff: m.daysOff })),
    pullRequests: prs.map((p) => ({
      repo: p.repo,
      number: p.number,
      title: p.title,
      url: p.url,
      state: p.mergedAt ? "merged" : p.state,
      draft: p.draft,
      authorLogin: p.authorLogin,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      mergedAt: p.mergedAt,
      workItemKeys: p.workItemKeys,
      reviews: reviews
        .filter((r) => r.repo === p.repo && r.prNumber === p.number)
        .map((r) => ({ authorLogin: r.authorLogin, state: r.state, submittedAt: r.submittedAt, url: r.url })),
    })),
    messages: messages.map((m) => ({
      id: m.sourceId,
      channelName: m.channelName,
      authorName: m.authorName,
      text: m.text,
      url: m.url,
      postedAt: m.postedAt,
      replyCount: m.replyCount,
      threadTs: m.threadTs,
      ts: m.ts,
    })),
    documents: documents.map((d) => ({ id: d.sourceId, title: d.title, url: d.url, text: d.text, updatedAt: d.updatedAt })),
  };
}
