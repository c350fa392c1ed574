import { tool } from "ai";
import { z } from "zod";
import { type Prisma } from "@/server/db/generated/client";
import { type AgentContext } from "../context";
import { DATA_NOTE, day, plain, teamKeyInput } from "./shared";

export const getPullRequestsTool = (ctx: AgentContext) =>
  tool({
    description: "Pull requests with their review state: by team, by issue key, or by state. Includes age and last update.",
    inputSchema: z.object({
      teamKey: z.string().max(20).optional(),
      issueKey: z.string().max(30).optional(),
      state: z.enum(["open", "merged", "closed", "any"]).default("open"),
      limit: z.number().int().min(1).max(50).default(20),
    }),
    async execute({ teamKey, issueKey, state, limit }) {
      const team = teamKey ? await ctx.db.team.findFirst({ where: { key: teamKeyInput(teamKey) }, select: { repos: true, projectKey: true } }) : null;
      const where: Prisma.PullRequestWhereInput = {
        ...(issueKey ? { workItemKeys: { has: issueKey.toUpperCase() } } : {}),
        ...(team ? { OR: [{ repo: { in: team.repos } }, { workItemKeys: { isEmpty: false } }] } : {}),
        ...(state === "open" ? { state: "open" } : state === "merged" ? { mergedAt: { not: null } } : state === "closed" ? { state: "closed", mergedAt: null } : {}),
      };
      const rows = (await ctx.db.pullRequest.findMany({ where, orderBy: { updatedAt: "desc" }, take: team ? 300 : limit })).filter(
        (p) => !team || team.repos.includes(p.repo) || p.workItemKeys.some((k) => k.startsWith(`${team.projectKey}-`)),
      );
      const page = rows.slice(0, limit);
      const reviews = page.length ? await ctx.db.review.findMany({ where: { OR: page.map((p) => ({ repo: p.repo, prNumber: p.number })) } }) : [];
      const sources = page.map((p) => ({ kind: "pull_request" as const, id: `${p.repo}#${p.number}`, label: `${p.repo}#${p.number}`, url: p.url }));
      ctx.ledger.add(sources);
      return {
        note: DATA_NOTE,
        total: rows.length,
        pullRequests: page.map((p) => ({
          ref: `${p.repo}#${p.number}`,
          title: plain(p.title),
          state: p.mergedAt ? "merged" : p.state,
          draft: p.draft,
          author: p.authorLogin,
          issues: p.workItemKeys,
          opened: day(p.createdAt),
          updated: day(p.updatedAt),
          merged: day(p.mergedAt),
          reviews: reviews.filter((r) => r.repo === p.repo && r.prNumber === p.number).map((r) => ({ by: r.authorLogin, state: r.state, at: day(r.submittedAt) })),
          url: p.url,
        })),
        sources,
      };
    },
  });
