import { type SeedContext } from "../core/seed";
import { OUTSIDERS } from "./seed-text";
import { type GithubLabel, type GithubOrg, type GithubRepo, type GithubUser } from "./state";

/** GitHub's own accounts that show up in repositories: real logins and ids. */
export const BOTS = {
  dependabot: { login: "dependabot[bot]", id: 49699333, type: "Bot" as const, name: null },
  actions: { login: "github-actions[bot]", id: 41898282, type: "Bot" as const, name: null },
  webFlow: { login: "web-flow", id: 19864447, type: "User" as const, name: "GitHub Web Flow" },
};

const CITY: Record<string, string> = {
  "Europe/Berlin": "Berlin",
  "Europe/London": "London",
  "America/New_York": "New York",
  "America/Los_Angeles": "San Francisco",
  "Asia/Kolkata": "Bengaluru",
  "Europe/Lisbon": "Lisbon",
};

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** The company's people, a few outsiders, and GitHub's bot accounts. */
export function seedUsers(ctx: SeedContext): GithubUser[] {
  const { rng, company } = ctx;
  const people: GithubUser[] = company.people.map((p) => ({
    login: p.githubLogin,
    id: p.githubId,
    type: "User",
    name: p.name,
    // Most people keep their email private on GitHub.
    email: rng.datatype.boolean({ probability: 0.3 }) ? p.email : null,
    company: `@${company.githubOrg}`,
    location: CITY[p.timezone] ?? null,
    bio: null,
    createdAt: iso(rng.date.between({ from: "2011-01-01T00:00:00Z", to: "2022-12-31T00:00:00Z" })),
    personId: p.id,
    siteAdmin: false,
  }));
  const outsiders: GithubUser[] = OUTSIDERS.map((o) => ({
    login: o.login,
    id: rng.number.int({ min: 1_200_000, max: 160_000_000 }),
    type: "User",
    name: o.name,
    email: null,
    company: o.company,
    location: o.location,
    bio: null,
    createdAt: iso(rng.date.between({ from: "2013-01-01T00:00:00Z", to: "2024-06-30T00:00:00Z" })),
    personId: null,
    siteAdmin: false,
  }));
  const bots: GithubUser[] = Object.values(BOTS).map((b) => ({
    login: b.login,
    id: b.id,
    type: b.type,
    name: b.name,
    email: null,
    company: null,
    location: null,
    bio: null,
    createdAt: b.login === "web-flow" ? "2016-05-10T19:07:13Z" : "2019-04-16T22:34:25Z",
    personId: null,
    siteAdmin: false,
  }));
  return [...people, ...outsiders, ...bots];
}

/** The organisation that owns every sandbox repository. */
export function seedOrg(ctx: SeedContext): GithubOrg {
  return {
    login: ctx.company.githubOrg,
    id: ctx.rng.number.int({ min: 40_000_000, max: 90_000_000 }),
    name: ctx.company.name,
    description: "Service robots for warehouses and hospitals.",
    createdAt: iso(ctx.rng.date.between({ from: "2016-01-01T00:00:00Z", to: "2017-12-31T00:00:00Z" })),
  };
}

const REPO_FACTS: Record<string, { description: string; language: string; topics: string[] }> = {
  "payments-service": { description: "Payments, refunds, payouts and the double-entry ledger.", language: "TypeScript", topics: ["payments", "ledger", "nodejs"] },
  "mobile-app": { description: "The Northwind companion app for iOS and Android (React Native).", language: "TypeScript", topics: ["react-native", "ios", "android"] },
  "platform-infra": { description: "Terraform, Kubernetes manifests, deploy tooling and alerting.", language: "Go", topics: ["terraform", "kubernetes", "sre"] },
};

/** One private repository per team, and the public developer docs everyone contributes to. */
export function seedRepos(ctx: SeedContext): GithubRepo[] {
  const { rng, company, now } = ctx;
  const defs = [
    ...company.teams.map((t) => ({ name: t.repo, teamId: t.id as string | null, private: true, ...(REPO_FACTS[t.repo] ?? { description: `${t.name} team repository.`, language: "TypeScript", topics: [] }) })),
    {
      name: "developer-docs",
      teamId: null,
      private: false,
      description: "Public API documentation and guides for Northwind robots.",
      language: "MDX",
      topics: ["documentation", "api"],
    },
  ];
  let id = rng.number.int({ min: 180_000_000, max: 260_000_000 });
  return defs.map((d) => {
    id += rng.number.int({ min: 2_000, max: 9_000_000 });
    const createdAt = iso(rng.date.between({ from: "2019-02-01T00:00:00Z", to: "2021-09-30T00:00:00Z" }));
    return {
      id,
      name: d.name,
      description: d.description,
      private: d.private,
      language: d.language,
      homepage: d.private ? null : "https://developers.northwind.example",
      topics: d.topics,
      teamId: d.teamId,
      defaultBranch: "main",
      branches: [],
      licenseKey: d.private ? null : "mit",
      sizeKb: rng.number.int({ min: 1_500, max: 48_000 }),
      stargazers: d.private ? 0 : rng.number.int({ min: 40, max: 160 }),
      forks: d.private ? 0 : rng.number.int({ min: 5, max: 30 }),
      watchers: rng.number.int({ min: 6, max: 20 }),
      createdAt,
      updatedAt: iso(now),
      pushedAt: iso(now),
    };
  });
}

const DEFAULT_LABELS: [string, string, string][] = [
  ["bug", "d73a4a", "Something isn't working"],
  ["documentation", "0075ca", "Improvements or additions to documentation"],
  ["duplicate", "cfd3d7", "This issue or pull request already exists"],
  ["enhancement", "a2eeef", "New feature or request"],
  ["good first issue", "7057ff", "Good for newcomers"],
  ["help wanted", "008672", "Extra attention is needed"],
  ["invalid", "e4e669", "This doesn't seem right"],
  ["question", "d876e3", "Further information is requested"],
  ["wontfix", "ffffff", "This will not be worked on"],
];

const CUSTOM_LABELS: [string, string, string][] = [
  ["dependencies", "0366d6", "Pull requests that update a dependency file"],
  ["tech-debt", "fbca04", "Cleanup and refactoring"],
  ["security", "b60205", "Security-relevant change"],
  ["design", "c5def5", "Needs design input"],
  ["needs-qa", "f9d0c4", "Verify on staging before merging"],
];

/** GitHub's default labels plus the team's own, for every repository. */
export function seedLabels(ctx: SeedContext, repos: GithubRepo[]): GithubLabel[] {
  let id = ctx.rng.number.int({ min: 1_800_000_000, max: 2_400_000_000 });
  return repos.flatMap((repo) => [
    ...DEFAULT_LABELS.map(([name, color, description]) => ({ id: (id += ctx.rng.number.int({ min: 1, max: 40 })), repoId: repo.id, name, color, description, default: true })),
    ...CUSTOM_LABELS.map(([name, color, description]) => ({ id: (id += ctx.rng.number.int({ min: 100, max: 90_000 })), repoId: repo.id, name, color, description, default: false })),
  ]);
}
