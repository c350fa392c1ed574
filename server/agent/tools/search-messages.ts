import { tool } from "ai";
import { z } from "zod";
import { type Prisma } from "@/server/db/generated/client";
import { type AgentContext } from "../context";
import { asData } from "../untrusted";
import { DATA_NOTE, plain } from "./shared";

export const searchMessagesTool = (ctx: AgentContext) =>
  tool({
    description: "Search synced Slack messages by words or channel over the last N days. Returns the messages with links.",
    inputSchema: z.object({
      query: z.string().max(200).optional(),
      channel: z.string().max(80).optional().describe("Channel name without #"),
      days: z.number().int().min(1).max(90).default(14),
      limit: z.number().int().min(1).max(40).default(20),
    }),
    async execute({ query, channel, days, limit }) {
      const since = new Date(ctx.now.getTime() - days * 86_400_000);
      const where: Prisma.MessageWhereInput = {
        postedAt: { gte: since, lte: ctx.now },
        ...(channel ? { channelName: channel.replace(/^#/, "") } : {}),
        ...(query ? { text: { contains: query, mode: "insensitive" } } : {}),
      };
      const rows = await ctx.db.message.findMany({ where, orderBy: { postedAt: "desc" }, take: limit });
      const sources = rows.map((m) => ({ kind: "message" as const, id: m.sourceId, label: `#${m.channelName ?? m.channelId} ${m.postedAt.toISOString().slice(0, 10)}`, url: m.url }));
      ctx.ledger.add(sources);
      return {
        note: DATA_NOTE,
        messages: rows.map((m) => ({
          channel: m.channelName,
          author: plain(m.authorName, 80),
          at: m.postedAt.toISOString(),
          replies: m.replyCount,
          text: asData(m.text, `slack:${m.channelName ?? m.channelId}`, 1_000),
          url: m.url,
        })),
        sources,
      };
    },
  });
