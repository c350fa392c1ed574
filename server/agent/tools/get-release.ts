import { tool } from "ai";
import { z } from "zod";
import { type AgentContext } from "../context";
import { DATA_NOTE, day, plain, teamKeyInput } from "./shared";

export const getReleaseTool = (ctx: AgentContext) =>
  tool({
    description: "A team's releases (Jira fix versions) with dates and scope counts; or one release by name.",
    inputSchema: z.object({ teamKey: z.string().min(1).max(20), name: z.string().max(100).optional() }),
    async execute({ teamKey, name }) {
      const team = await ctx.db.team.findFirst({ where: { key: teamKeyInput(teamKey) } });
      if (!team) return { found: false, message: `There is no team ${teamKeyInput(teamKey)}.` };
      const releases = await ctx.db.release.findMany({
        where: { projectKey: team.projectKey, ...(name ? { name: { contains: name, mode: "insensitive" } } : {}) },
        orderBy: [{ releaseDate: "asc" }, { name: "asc" }],
      });
      const scope = await ctx.db.workItem.findMany({
        where: { projectKey: team.projectKey, fixVersionIds: { hasSome: releases.map((r) => r.sourceId) } },
        select: { fixVersionIds: true, statusCategory: true, storyPoints: true },
      });
      const sources = releases.map((r) => ({ kind: "release" as const, id: r.sourceId, label: r.name, url: r.url }));
      ctx.ledger.add(sources);
      return {
        note: DATA_NOTE,
        found: releases.length > 0,
        releases: releases.map((r) => {
          const mine = scope.filter((i) => i.fixVersionIds.includes(r.sourceId));
          return {
            id: r.sourceId,
            name: plain(r.name, 100),
            released: r.released,
            start: day(r.startDate),
            releaseDate: day(r.releaseDate),
            description: plain(r.description, 300),
            items: mine.length,
            done: mine.filter((i) => i.statusCategory === "done").length,
            url: r.url,
          };
        }),
        sources,
      };
    },
  });
