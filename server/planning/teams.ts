import { type TenantDb } from "@/server/db/tenant";

/** How far back assignments count towards team membership. */
const MEMBER_WINDOW_DAYS = 120;
/** A repository belongs to a team when at least this share of its linked pull requests name the team's issues. */
const REPO_SHARE = 0.3;

/**
 * Creates a team for every synced Jira project that has none, and adds people who were assigned
 * the project's work recently. Never overwrites what a PM edited (time zone, sprint length,
 * availability, days off, channel, repositories). Safe to run after every sync.
 */
export async function refreshTeams(db: TenantDb, organizationId: string, now = new Date()): Promise<{ created: string[]; membersAdded: number }> {
  const projects = await db.project.findMany({ orderBy: { key: "asc" } });
  const existing = await db.team.findMany({
    select: { id: true, projectKey: true, channel: true, repos: true, leadName: true, boardId: true, members: { select: { personSourceId: true } } },
  });
  const created: string[] = [];
  let membersAdded = 0;

  for (const project of projects) {
    let team = existing.find((t) => t.projectKey === project.key);
    if (!team) {
      const facts = await teamFacts(db, project);
      team = await db.team.upsert({
        where: { organizationId_key: { organizationId, key: project.key } },
        create: { organizationId, key: project.key, projectKey: project.key, ...facts },
        update: {},
        select: { id: true, projectKey: true, channel: true, repos: true, leadName: true, boardId: true, members: { select: { personSourceId: true } } },
      });
      created.push(project.key);
    } else if (!team.channel || team.repos.length === 0 || !team.leadName || !team.boardId) {
      // Tools sync independently: fill in what an earlier refresh could not know yet, and only that.
      const facts = await teamFacts(db, project);
      await db.team.update({
        where: { id: team.id },
        data: {
          channel: team.channel ?? facts.channel,
          repos: team.repos.length ? team.repos : facts.repos,
          leadName: team.leadName ?? facts.leadName,
          boardId: team.boardId ?? facts.boardId,
        },
      });
    }
    const since = new Date(now.getTime() - MEMBER_WINDOW_DAYS * 86_400_000);
    const assignees = await db.workItem.groupBy({
      by: ["assigneeId", "assigneeName"],
      where: { projectKey: project.key, assigneeId: { not: null }, updatedAt: { gte: since } },
      _count: { _all: true },
    });
    const known = new Set(team.members.map((m) => m.personSourceId));
    const fresh = assignees.filter((a) => a.assigneeId && !known.has(a.assigneeId));
    if (fresh.length) {
      const teamId = team.id;
      const result = await db.teamMember.createMany({
        data: fresh.map((a) => ({ organizationId, teamId, personSourceId: a.assigneeId!, name: a.assigneeName ?? a.assigneeId!, daysOff: [] })),
        skipDuplicates: true,
      });
      membersAdded += result.count;
    }
  }
  return { created, membersAdded };
}

/** What sync tells us about a project's team: its board, sprint length, channel, repositories and lead. */
async function teamFacts(db: TenantDb, project: { key: string; name: string; leadId: string | null }) {
  const sprint = await db.sprint.findFirst({
    where: { projectKey: project.key, startDate: { not: null } },
    orderBy: { startDate: "desc" },
    select: { boardId: true, startDate: true, endDate: true },
  });
  const lead = project.leadId ? await db.person.findFirst({ where: { sourceId: project.leadId }, select: { displayName: true } }) : null;

  const prs = await db.pullRequest.findMany({ where: { workItemKeys: { isEmpty: false } }, select: { repo: true, workItemKeys: true } });
  const byRepo = new Map<string, { mine: number; all: number }>();
  for (const pr of prs) {
    const r = byRepo.get(pr.repo) ?? { mine: 0, all: 0 };
    r.all++;
    if (pr.workItemKeys.some((k) => k.startsWith(`${project.key}-`))) r.mine++;
    byRepo.set(pr.repo, r);
  }
  const repos = [...byRepo].filter(([, r]) => r.mine > 0 && r.mine / r.all >= REPO_SHARE).map(([repo]) => repo).sort();

  const slug = project.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const channels = await db.message.groupBy({ by: ["channelName"], where: { channelName: { not: null } } });
  const names = new Set([`team-${slug}`, slug, `team-${project.key.toLowerCase()}`]);
  const channel = channels.map((c) => c.channelName!).find((c) => names.has(c)) ?? null;

  const sprintLengthDays =
    sprint?.startDate && sprint.endDate ? Math.min(28, Math.max(5, Math.round((sprint.endDate.getTime() - sprint.startDate.getTime()) / 86_400_000))) : 14;
  return { name: project.name, boardId: sprint?.boardId ?? null, channel, repos, leadName: lead?.displayName ?? null, sprintLengthDays };
}
