import { type SeedContext } from "../core/seed";
import { type Person, type Team } from "../core/types";
import { type SlackChannel, type SlackState, type SlackUser } from "./state";

const ROLE_TITLES: Record<Person["role"], string> = {
  pm: "Product Manager",
  engineer: "Software Engineer",
  em: "Engineering Manager",
  designer: "Product Designer",
  qa: "QA Engineer",
  leadership: "VP of Engineering",
  admin: "IT & Workspace Admin",
};

function slackId(rng: SeedContext["rng"], prefix: string): string {
  return `${prefix}0${rng.string.alphanumeric({ length: 9, casing: "upper" })}`;
}

/** Who and where: the workspace's users, apps and conversations, before any message is written. */
export interface SlackDirectory {
  team: SlackState["team"];
  app: SlackState["app"];
  users: SlackUser[];
  channels: SlackChannel[];
  /** Integrations that post "bot_message"s. */
  bots: { github: string; jira: string; deploy: string };
  rooms: {
    general: SlackChannel;
    teams: SlackChannel[];
    releaseTrain: SlackChannel;
    incidents: SlackChannel;
    random: SlackChannel;
    checkout: SlackChannel;
    leadership: SlackChannel;
    botDms: { person: Person; channel: SlackChannel }[];
    humanDms: SlackChannel[];
  };
  cast: { admin: Person; lead: Person; pay: Team; mob: Team; hostileEngineer: Person };
  person(id: string): Person;
  uid(personId: string): string;
  engineersOf(team: Team): string[];
}

/**
 * The Slack users (every company person plus the Lumen, GitHub and Jira Cloud bot users) and
 * conversations: #general, a channel per team, #release-train, #incidents and #random (the app is
 * not in #random), #proj-checkout-v2 (private, with the app) and #leadership (private, without
 * it), four DMs with the app and two between people.
 */
export function seedDirectory(ctx: SeedContext): SlackDirectory {
  const { rng, company, now } = ctx;
  const nowSec = Math.floor(now.getTime() / 1000);
  const team = { id: `T0${rng.string.alphanumeric({ length: 8, casing: "upper" })}`, name: company.name, domain: "northwind-robotics" };
  const app = { id: slackId(rng, "A"), botId: slackId(rng, "B"), botUserId: slackId(rng, "U"), name: "lumen" };
  const person = (id: string) => company.people.find((p) => p.id === id)!;
  const uid = (personId: string) => person(personId).slackUserId;
  const look = () => ({
    color: rng.color.rgb({ prefix: "", casing: "lower" }),
    avatarHash: rng.string.hexadecimal({ length: 12, casing: "lower", prefix: "" }),
    updated: nowSec - rng.number.int({ min: 30, max: 400 }) * 86_400,
  });

  const users: SlackUser[] = company.people.map((p) => ({
    id: p.slackUserId,
    personId: p.id,
    name: p.email.split("@")[0]!,
    realName: p.name,
    displayName: p.name.split(" ")[0]!,
    title: `${ROLE_TITLES[p.role]}${p.teamId ? `, ${company.teams.find((t) => t.id === p.teamId)?.name ?? ""}` : ""}`,
    email: p.email,
    tz: p.timezone,
    isAdmin: p.role === "admin" || p.role === "leadership",
    isOwner: p.role === "admin",
    isBot: false,
    botId: null,
    appId: null,
    deleted: false,
    ...look(),
  }));
  const botUser = (id: string, name: string, realName: string, botId: string, appId: string): SlackUser => ({
    id,
    personId: null,
    name,
    realName,
    displayName: "",
    title: "",
    email: null,
    tz: "America/Los_Angeles",
    isAdmin: false,
    isOwner: false,
    isBot: true,
    botId,
    appId,
    deleted: false,
    ...look(),
  });
  const github = { user: slackId(rng, "U"), bot: slackId(rng, "B"), app: slackId(rng, "A") };
  const jira = { user: slackId(rng, "U"), bot: slackId(rng, "B"), app: slackId(rng, "A") };
  users.push(botUser(app.botUserId, app.name, "Lumen", app.botId, app.id));
  users.push(botUser(github.user, "github", "GitHub", github.bot, github.app));
  users.push(botUser(jira.user, "jira_cloud", "Jira Cloud", jira.bot, jira.app));

  const byRole = (role: Person["role"]) => company.people.filter((p) => p.role === role);
  const admin = byRole("admin")[0] ?? company.people[0]!;
  const lead = byRole("leadership")[0] ?? admin;
  const everyone = company.people.map((p) => p.slackUserId);
  const managers = company.teams.flatMap((t) => [uid(t.pmId), uid(t.emId)]);
  const engineersOf = (t: Team) => t.memberIds.filter((m) => person(m).role === "engineer");
  const channels: SlackChannel[] = [];
  const created = nowSec - 700 * 86_400;
  const channel = (name: string, kind: SlackChannel["kind"], memberIds: string[], purpose: string, topic = ""): SlackChannel => {
    const c: SlackChannel = {
      id: slackId(rng, kind === "im" ? "D" : "C"),
      name,
      kind,
      isGeneral: name === "general",
      isArchived: false,
      created: created + rng.number.int({ min: 0, max: 300 }) * 86_400,
      creator: admin.slackUserId,
      topic,
      purpose,
      memberIds: [...new Set(memberIds)],
    };
    channels.push(c);
    return c;
  };

  const general = channel("general", "public", [...everyone, app.botUserId], "Company-wide announcements and work-related matters.", "All-hands Thursdays 17:00 CET");
  const teams = company.teams.map((t) =>
    channel(t.channel, "public", [...t.memberIds.map(uid), lead.slackUserId, app.botUserId, github.user, jira.user], `${t.name} team: standups, reviews and questions.`, `Sprint ends every second Wednesday · ${t.key} board`),
  );
  const releaseTrain = channel(
    "release-train",
    "public",
    [...managers, lead.slackUserId, ...company.teams.map((t) => uid(engineersOf(t)[0] ?? t.emId)), app.botUserId],
    "Release coordination: cut, sign-off, go-out. One thread per release.",
  );
  const incidents = channel(
    "incidents",
    "public",
    [...company.people.filter((p) => p.role === "engineer" || p.role === "em" || p.role === "leadership").map((p) => p.slackUserId), app.botUserId],
    "Active incidents. Start one with /incident.",
  );
  const random = channel("random", "public", everyone, "Non-work banter and water cooler conversation.");
  const pay = company.teams.find((t) => t.key === "PAY") ?? company.teams[0]!;
  const mob = company.teams.find((t) => t.key === "MOB") ?? company.teams[1] ?? pay;
  const checkout = channel(
    "proj-checkout-v2",
    "private",
    [uid(pay.pmId), uid(pay.emId), uid(mob.pmId), ...engineersOf(pay).slice(0, 2).map(uid), ...engineersOf(mob).slice(0, 1).map(uid), app.botUserId],
    "Checkout v2 beta: Payments x Mobile.",
  );
  const leadership = channel("leadership", "private", [lead.slackUserId, admin.slackUserId, ...managers], "Leadership team.");

  const im = (a: string, b: string) => channel(b, "im", [a, b], "");
  const sam = company.people.find((p) => p.email.startsWith("sam.")) ?? byRole("engineer")[0]!;
  const lena = company.people.find((p) => p.email.startsWith("lena.")) ?? byRole("engineer")[1]!;
  const priya = person(pay.pmId);
  const marco = person(mob.pmId);
  const hostileEngineer = company.people.find((p) => p.role === "engineer" && p.id !== sam.id && p.id !== lena.id) ?? sam;
  const botDms = [priya, sam, lead, hostileEngineer].map((p) => ({ person: p, channel: im(app.botUserId, p.slackUserId) }));
  const humanDms = [im(priya.slackUserId, lena.slackUserId), im(marco.slackUserId, sam.slackUserId)];

  return {
    team,
    app,
    users,
    channels,
    bots: { github: github.bot, jira: jira.bot, deploy: slackId(rng, "B") },
    rooms: { general, teams, releaseTrain, incidents, random, checkout, leadership, botDms, humanDms },
    cast: { admin, lead, pay, mob, hostileEngineer },
    person,
    uid,
    engineersOf,
  };
}
