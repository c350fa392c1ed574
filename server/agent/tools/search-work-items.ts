import { tool } from "ai";
import { z } from "zod";
import { type Prisma } from "@/server/db/generated/client";
import { type AgentContext } from "../context";
import { DATA_NOTE, day, plain, teamKeyInput, workItemRef } from "./shared";

export const searchWorkItemsTool = (ctx: AgentContext) =>
  tool({
    description: "Search synced Jira issues by text, team, status, type or assignee. Returns keys, titles, status, priority, points, assignee and links.",
    inputSchema: z.object({
      query: z.string().max(200).optional().describe("Words to find in the title or description"),
      teamKey: z.string().max(20).optional().describe("Team (Jira project) key, e.g. PAY"),
      status: z.enum(["open", "in_progress", "done", "any"]).default("any"),
      type: z.string().max(30).optional().describe("Story, Bug, Task, Epic or Subtask"),
      assignee: z.string().max(100).optional().describe("Part of the assignee's name"),
      limit: z.number().int().min(1).max(50).default(20),
    }),
    async execute({ query, teamKey, status, type, assignee, limit }) {
      const where: Prisma.WorkItemWhereInput = {
        ...(teamKey ? { projectKey: teamKeyInput(teamKey) } : {}),
        ...(status === "open" ? { statusCategory: "new" } : status === "in_progress" ? { statusCategory: "indeterminate" } : status === "done" ? { statusCategory: "done" } : {}),
        ...(type ? { type: { equals: type, mode: "insensitive" } } : {}),
        ...(assignee ? { assigneeName: { contains: assignee, mode: "insensitive" } } : {}),
        ...(query
          ? { OR: [{ title: { contains: query, mode: "insensitive" } }, { description: { contains: query, mode: "insensitive" } }, { key: { equals: query.toUpperCase() } }] }
          : {}),
      };
      const [total, rows] = await Promise.all([
        ctx.db.workItem.count({ where }),
        ctx.db.workItem.findMany({ where, orderBy: [{ updatedAt: "desc" }], take: limit }),
      ]);
      const sources = rows.map(workItemRef);
      ctx.ledger.add(sources);
      return {
        note: DATA_NOTE,
        total,
        items: rows.map((r) => ({
          key: r.key,
          title: plain(r.title),
          type: r.type,
          status: r.status,
          priority: r.priority,
          points: r.storyPoints,
          assignee: r.assigneeName,
          epic: r.epicKey,
          updated: day(r.updatedAt),
          resolved: day(r.resolvedAt),
          url: r.url,
        })),
        sources,
      };
    },
  });
