import { tool } from "ai";
import { z } from "zod";
import { type AgentContext } from "../context";
import { asData } from "../untrusted";
import { DATA_NOTE, day, plain, workItemRef } from "./shared";

export const getWorkItemTool = (ctx: AgentContext) =>
  tool({
    description: "One Jira issue in full: description, links, status history and the pull requests that mention it.",
    inputSchema: z.object({ key: z.string().regex(/^[A-Za-z][A-Za-z0-9]*-\d+$/, "an issue key like PAY-12") }),
    async execute({ key }) {
      const item = await ctx.db.workItem.findFirst({ where: { key: key.toUpperCase() } });
      if (!item) return { found: false, message: `No synced issue ${key.toUpperCase()}.` };
      const [history, prs] = await Promise.all([
        ctx.db.statusChange.findMany({ where: { workItemKey: item.key }, orderBy: { at: "asc" }, take: 50 }),
        ctx.db.pullRequest.findMany({ where: { workItemKeys: { has: item.key } }, orderBy: { updatedAt: "desc" }, take: 10 }),
      ]);
      const sources = [workItemRef(item), ...prs.map((p) => ({ kind: "pull_request" as const, id: `${p.repo}#${p.number}`, label: `${p.repo}#${p.number}`, url: p.url }))];
      ctx.ledger.add(sources);
      return {
        note: DATA_NOTE,
        found: true,
        key: item.key,
        title: plain(item.title),
        type: item.type,
        status: item.status,
        priority: item.priority,
        points: item.storyPoints,
        assignee: item.assigneeName,
        epic: item.epicKey,
        flagged: item.flagged,
        created: day(item.createdAt),
        resolved: day(item.resolvedAt),
        description: asData(item.description, `jira:${item.key}`),
        links: item.links,
        statusHistory: history.map((h) => ({ to: h.toStatus, at: h.at.toISOString() })),
        pullRequests: prs.map((p) => ({ ref: `${p.repo}#${p.number}`, title: plain(p.title), state: p.mergedAt ? "merged" : p.state, url: p.url })),
        url: item.url,
        sources,
      };
    },
  });
