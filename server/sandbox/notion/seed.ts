import { personById } from "../core/company";
import { type SeedContext } from "../core/seed";
import { bullet, callout, h2, p } from "./block-specs";
import { readJiraIssues, type JiraSource } from "./jira-refs";
import { makeStamp, type NotionSeedContext } from "./seed-context";
import { seedHandbook, seedRiskLog } from "./seed-handbook";
import { seedMeetings } from "./seed-meetings";
import { seedProduct } from "./seed-product";
import { type NotionState } from "./state";
import { NotionWorkspace } from "./workspace";

/**
 * The sandbox company's Notion workspace, deterministic in ctx.rng: a Product Hub with the Specs &
 * PRDs and Roadmap databases and a Risk log, Meeting notes (sprint reviews, retros, imported
 * public reviews), an Engineering handbook, one page never shared with the integration, and a
 * handful of hostile blocks and comments listed in `hostileIds`.
 *
 * `jira` is read defensively (see jira-refs.ts): without Jira epics the specs are drafts.
 */
export function seedNotion(ctx: SeedContext, jira: JiraSource): NotionState {
  const { rng, company, now } = ctx;
  const state: NotionState = {
    workspace: { id: rng.string.uuid(), name: company.name, icon: "🤖" },
    botUserId: rng.string.uuid(),
    users: [],
    pages: [],
    databases: [],
    dataSources: [],
    blocks: [],
    comments: [],
    unsharedIds: [],
    hostileIds: [],
    specPageIds: [],
    dataSourceIds: { roadmap: "", specs: "" },
  };
  for (const person of company.people) {
    state.users.push({ object: "user", id: person.notionUserId, type: "person", name: person.name, avatar_url: null, person: { email: person.email } });
  }
  state.users.push({ object: "user", id: state.botUserId, type: "bot", name: "Lumen", avatar_url: null, bot: {} });
  state.users.push({ object: "user", id: rng.string.uuid(), type: "bot", name: "Jira Cloud", avatar_url: null, bot: {} });

  const ws = new NotionWorkspace(state, () => rng.string.uuid());
  const sctx: NotionSeedContext = {
    rng,
    company,
    now,
    ws,
    issues: readJiraIssues(jira),
    stamp: (daysAgo, author) => makeStamp(rng, now, daysAgo, author),
    person: (id) => personById(company, id),
    hostile: (id) => state.hostileIds.push(id),
  };
  const admin = company.people.find((x) => x.role === "admin") ?? company.people[0]!;
  const lead = company.people.find((x) => x.role === "leadership") ?? admin;

  const hub = ws.createDocument({
    parent: { type: "workspace", workspace: true },
    title: "Northwind Product Hub",
    icon: "🏠",
    stamp: sctx.stamp(210, lead),
    children: [
      p("Where product work at Northwind Robotics is written down: specs and PRDs, the roadmap, and the risks that could move it."),
      callout("Roadmap status is updated at every sprint review. If a date moves, update the row and say why in #release-train.", "🧭"),
      h2("Teams"),
      ...company.teams.map((t) => bullet(`${t.name}: #${t.channel}, repository ${company.githubOrg}/${t.repo}, Jira project ${t.key}`)),
    ],
  });
  const initiatives = seedProduct(sctx, hub.id);
  seedRiskLog(sctx, hub.id, initiatives);

  const meetings = ws.createDocument({
    parent: { type: "workspace", workspace: true },
    title: "Meeting notes",
    icon: "🗒️",
    stamp: sctx.stamp(180, admin),
    children: [p("Sprint reviews, retros and the reference reviews we learn from. Newest at the bottom.")],
  });
  seedMeetings(sctx, meetings.id, initiatives);
  seedHandbook(sctx);
  return state;
}
