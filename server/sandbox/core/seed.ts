import { seedGithub } from "../github/seed";
import { seedJira } from "../jira/seed";
import { seedNotion } from "../notion/seed";
import { seedSlack } from "../slack/seed";
import { createCompany, DEFAULT_SANDBOX_NOW } from "./company";
import { type OAuthState } from "./oauth-state";
import { createRng, type Rng } from "./rng";
import { type Company, type SandboxState } from "./types";

/**
 * What a tool's seed function receives. Tools are seeded in order — Jira, GitHub, Notion, Slack —
 * and each sees the ones before it, so a pull request can name a Jira key and a Slack thread can
 * link a pull request. Each tool has its own Rng, so changing one generator leaves the others'
 * data unchanged.
 */
export interface SeedContext {
  rng: Rng;
  company: Company;
  /** The company's "now" as a Date: seeded history ends here. */
  now: Date;
}

/** Seeded OAuth clients and API tokens, documented for people who point a client at the sandbox. */
export const SANDBOX_CREDENTIALS = {
  oauthClient: { clientId: "lumen-sandbox-client", clientSecret: "lumen-sandbox-secret" },
  apiTokens: {
    jira: "sandbox-jira-api-token",
    github: "ghp_sandboxPersonalAccessToken0000000000",
    notion: "ntn_sandbox_internal_integration_token",
    slack: "xoxb-sandbox-bot-token",
  },
} as const;

function seedOAuth(company: Company): OAuthState {
  const admin = company.people.find((p) => p.role === "admin") ?? company.people[0]!;
  return {
    clients: [{ ...SANDBOX_CREDENTIALS.oauthClient, redirectUris: [] }],
    tokens: (Object.entries(SANDBOX_CREDENTIALS.apiTokens) as [keyof typeof SANDBOX_CREDENTIALS.apiTokens, string][]).map(([tool, token]) => ({
      tool,
      token,
      kind: "api" as const,
      clientId: null,
      personId: admin.id,
      scopes: ["*"],
      expiresAt: null,
      revoked: false,
    })),
    codes: [],
  };
}

/** The whole sandbox world for `seed`. Same seed, same world. */
export function seedSandbox(seed: number, options: { now?: string } = {}): SandboxState {
  const company = createCompany(createRng(seed), options.now ?? DEFAULT_SANDBOX_NOW);
  const ctx = (salt: number): SeedContext => ({ rng: createRng(seed * 7919 + salt), company, now: new Date(company.now) });
  const jira = seedJira(ctx(1));
  const github = seedGithub(ctx(2), jira);
  const notion = seedNotion(ctx(3), jira);
  const slack = seedSlack(ctx(4), { jira, github, notion });
  return { version: 1, seed, company, jira, github, notion, slack, oauth: seedOAuth(company), counters: {} };
}
