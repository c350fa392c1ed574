import { tool } from "ai";
import { z } from "zod";
import { type AgentContext } from "../context";
import { DATA_NOTE, day, plain, teamKeyInput, workItemRef } from "./shared";

export const getSprintTool = (ctx: AgentContext) =>
  tool({
    description: "A team's sprint (active, next, last closed, or by name) with its goal, dates and the issues in it.",
    inputSchema: z.object({
      teamKey: z.string().min(1).max(20),
      which: z.enum(["active", "next", "last"]).default("active"),
      name: z.string().max(100).optional().describe("A sprint name, instead of `which`"),
    }),
    async execute({ teamKey, which, name }) {
      const team = await ctx.db.team.findFirst({ where: { key: teamKeyInput(teamKey) } });
      if (!team) return { found: false, message: `There is no team ${teamKeyInput(teamKey)}.` };
      const sprint = name
        ? await ctx.db.sprint.findFirst({ where: { projectKey: team.projectKey, name: { contains: name, mode: "insensitive" } } })
        : await ctx.db.sprint.findFirst({
            where: { projectKey: team.projectKey, state: which === "active" ? "active" : which === "next" ? "future" : "closed" },
            orderBy: { startDate: which === "next" ? "asc" : "desc" },
          });
      if (!sprint) return { found: false, message: `${team.name} has no ${name ? `sprint named “${name}”` : `${which} sprint`}.` };
      const items = await ctx.db.workItem.findMany({ where: { projectKey: team.projectKey, sprintIds: { has: sprint.sourceId } }, orderBy: { key: "asc" } });
      const sources = [{ kind: "sprint" as const, id: sprint.sourceId, label: sprint.name, url: sprint.url }, ...items.map(workItemRef)];
      ctx.ledger.add(sources);
      const points = (f: (c: string) => boolean) => items.filter((i) => f(i.statusCategory)).reduce((s, i) => s + (i.storyPoints ?? 0), 0);
      return {
        note: DATA_NOTE,
        found: true,
        sprint: { id: sprint.sourceId, name: sprint.name, state: sprint.state, goal: plain(sprint.goal, 300), start: day(sprint.startDate), end: day(sprint.endDate), url: sprint.url },
        totals: { items: items.length, points: points(() => true), donePoints: points((c) => c === "done"), inProgressPoints: points((c) => c === "indeterminate") },
        items: items.slice(0, 60).map((i) => ({ key: i.key, title: plain(i.title), status: i.status, points: i.storyPoints, assignee: i.assigneeName, flagged: i.flagged, url: i.url })),
        sources,
      };
    },
  });
