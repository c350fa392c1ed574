import { type Rng } from "./rng";
import { type Company, type Person, type PersonRole, type Team } from "./types";

const TEAMS = [
  { key: "PAY", name: "Payments", channel: "team-payments", repo: "payments-service" },
  { key: "MOB", name: "Mobile", channel: "team-mobile", repo: "mobile-app" },
  { key: "PLAT", name: "Platform", channel: "team-platform", repo: "platform-infra" },
] as const;

/** People who also exist as members of the product's demo organisation (same emails). */
const NAMED: { name: string; local: string; role: PersonRole; team: string | null }[] = [
  { name: "Priya Raman", local: "priya.pm", role: "pm", team: "PAY" },
  { name: "Marco Bianchi", local: "marco.pm", role: "pm", team: "MOB" },
  { name: "Sam Okafor", local: "sam.eng", role: "engineer", team: "PLAT" },
  { name: "Lena Fischer", local: "lena.eng", role: "engineer", team: "PAY" },
  { name: "Ada Nakamura", local: "ada.admin", role: "admin", team: null },
  { name: "Jordan Ellis", local: "jordan.lead", role: "leadership", team: null },
];

const TIMEZONES = ["Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Kolkata", "Europe/Lisbon"];

export const DEFAULT_SANDBOX_NOW = "2026-11-20T16:00:00.000Z";

/**
 * The sandbox company: three product teams with a PM, an engineering manager and engineers each,
 * plus an admin and a VP. Deterministic in `rng`.
 */
export function createCompany(rng: Rng, now = DEFAULT_SANDBOX_NOW): Company {
  const domain = "northwind.example";
  const people: Person[] = [];
  let n = 0;
  const add = (name: string, local: string, role: PersonRole, teamId: string | null) => {
    n++;
    const login = local.replace(/\./g, "-");
    const person: Person = {
      id: `p${n}`,
      name,
      email: `${local}@${domain}`,
      teamId,
      role,
      timezone: rng.helpers.arrayElement(TIMEZONES),
      jiraAccountId: `5f${(0x1000 + n).toString(16)}${rng.string.hexadecimal({ length: 18, casing: "lower", prefix: "" })}`,
      githubLogin: `${login}-nw`,
      githubId: 9_100_000 + n * 37,
      slackUserId: `U0${(1000 + n).toString(36).toUpperCase()}${rng.string.alphanumeric({ length: 6, casing: "upper" })}`,
      notionUserId: rng.string.uuid(),
    };
    people.push(person);
    return person;
  };

  for (const p of NAMED) add(p.name, p.local, p.role, p.team ? `team-${p.team.toLowerCase()}` : null);

  const teams: Team[] = TEAMS.map((t) => {
    const id = `team-${t.key.toLowerCase()}`;
    const em = add(rng.person.fullName(), "", "em", id);
    const extra = Array.from({ length: 6 }, (_, i) => add(rng.person.fullName(), "", i === 5 ? "qa" : i === 4 ? "designer" : "engineer", id));
    const members = people.filter((p) => p.teamId === id);
    const pm = members.find((p) => p.role === "pm") ?? add(rng.person.fullName(), "", "pm", id);
    return {
      id,
      key: t.key,
      name: t.name,
      memberIds: [...new Set([...members.map((m) => m.id), pm.id, em.id, ...extra.map((e) => e.id)])],
      pmId: pm.id,
      emId: em.id,
      channel: t.channel,
      repo: t.repo,
    };
  });

  // Generated people get emails from their names (first.last), unique within the company.
  const used = new Set(people.filter((p) => p.email !== `@${domain}`).map((p) => p.email));
  for (const p of people) {
    if (!p.email.startsWith("@")) continue;
    let local = p.name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z\s]/g, "")
      .trim()
      .split(/\s+/)
      .join(".");
    while (used.has(`${local}@${domain}`)) local += "1";
    p.email = `${local}@${domain}`;
    used.add(p.email);
    p.githubLogin = `${local.replace(/\./g, "-")}-nw`;
  }

  return {
    name: "Northwind Robotics",
    domain,
    githubOrg: "northwind-robotics",
    cloudId: "5a1f0c9e-4b7d-4e21-9c3a-7d8e2f6b1a40",
    jiraSite: "https://northwind.atlassian.net",
    teams,
    people,
    now,
  };
}

export function personById(company: Company, id: string): Person {
  const p = company.people.find((x) => x.id === id);
  if (!p) throw new Error(`No sandbox person ${id}`);
  return p;
}
