import { z } from "zod";

/**
 * What the Slack seed links to on GitHub, read defensively from GithubState: the stored shape
 * (repoId, authorLogin; URLs derived as github.com renders them) or a wire-like shape (html_url,
 * repo). Items that fit neither are skipped; hostile pull requests are left out.
 */
export interface PullRef {
  number: number;
  title: string;
  url: string;
  repo: string;
  state: "open" | "closed";
  merged: boolean;
  authorPersonId: string | null;
  jiraKey: string | null;
}

export interface GithubSource {
  org?: unknown;
  repos?: readonly unknown[];
  users?: readonly unknown[];
  pulls?: readonly unknown[];
  hostileIds?: readonly string[];
}

const storedPull = z.object({
  id: z.number(),
  number: z.number(),
  title: z.string(),
  state: z.enum(["open", "closed"]),
  repoId: z.number(),
  authorLogin: z.string().optional(),
  mergedAt: z.string().nullish(),
  jiraKey: z.string().nullish(),
});
const wirePull = z.object({
  id: z.number().optional(),
  number: z.number(),
  title: z.string(),
  state: z.enum(["open", "closed"]),
  html_url: z.string(),
  repo: z.union([z.string(), z.object({ name: z.string() })]).optional(),
  merged_at: z.string().nullish(),
});

export function readPulls(github: GithubSource | null | undefined): PullRef[] {
  const org = z.object({ login: z.string() }).safeParse(github?.org);
  const repos = new Map<number, string>();
  for (const r of github?.repos ?? []) {
    const parsed = z.object({ id: z.number(), name: z.string() }).safeParse(r);
    if (parsed.success) repos.set(parsed.data.id, parsed.data.name);
  }
  const people = new Map<string, string>();
  for (const u of github?.users ?? []) {
    const parsed = z.object({ login: z.string(), personId: z.string().nullish() }).safeParse(u);
    if (parsed.success && parsed.data.personId) people.set(parsed.data.login, parsed.data.personId);
  }
  const hostile = new Set(github?.hostileIds ?? []);
  const out: PullRef[] = [];
  for (const raw of github?.pulls ?? []) {
    const stored = storedPull.safeParse(raw);
    if (stored.success && org.success) {
      const p = stored.data;
      const repo = repos.get(p.repoId);
      if (!repo || hostile.has(`pull:${p.id}`)) continue;
      out.push({
        number: p.number,
        title: p.title,
        url: `https://github.com/${org.data.login}/${repo}/pull/${p.number}`,
        repo,
        state: p.state,
        merged: !!p.mergedAt,
        authorPersonId: p.authorLogin ? (people.get(p.authorLogin) ?? null) : null,
        jiraKey: p.jiraKey ?? null,
      });
      continue;
    }
    const wire = wirePull.safeParse(raw);
    if (!wire.success || (wire.data.id !== undefined && hostile.has(`pull:${wire.data.id}`))) continue;
    const w = wire.data;
    const repo = typeof w.repo === "string" ? w.repo : (w.repo?.name ?? w.html_url.split("/").at(-3) ?? "");
    out.push({
      number: w.number,
      title: w.title,
      url: w.html_url,
      repo,
      state: w.state,
      merged: !!w.merged_at,
      authorPersonId: null,
      jiraKey: w.title.match(/\b[A-Z][A-Z0-9]+-\d+\b/)?.[0] ?? null,
    });
  }
  return out;
}
