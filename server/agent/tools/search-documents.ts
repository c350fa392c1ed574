import { tool } from "ai";
import { z } from "zod";
import { type AgentContext } from "../context";
import { asData } from "../untrusted";
import { DATA_NOTE, day, plain } from "./shared";

export const searchDocumentsTool = (ctx: AgentContext) =>
  tool({
    description: "Search synced Notion pages (specs, decisions, meeting notes) by words in the title or text. Returns excerpts.",
    inputSchema: z.object({ query: z.string().min(1).max(200), limit: z.number().int().min(1).max(10).default(5) }),
    async execute({ query, limit }) {
      const rows = await ctx.db.document.findMany({
        where: { OR: [{ title: { contains: query, mode: "insensitive" } }, { text: { contains: query, mode: "insensitive" } }] },
        orderBy: { updatedAt: "desc" },
        take: limit,
      });
      const sources = rows.map((d) => ({ kind: "document" as const, id: d.sourceId, label: plain(d.title, 80), url: d.url }));
      ctx.ledger.add(sources);
      return {
        note: DATA_NOTE,
        documents: rows.map((d) => ({ title: plain(d.title), updated: day(d.updatedAt), excerpt: asData(excerpt(d.text, query), `notion:${d.sourceId}`, 1_500), url: d.url })),
        sources,
      };
    },
  });

/** The part of a long page around the first match, so the model reads what matters. */
function excerpt(text: string, query: string): string {
  const at = text.toLowerCase().indexOf(query.toLowerCase());
  if (at < 0 || text.length <= 1_500) return text.slice(0, 1_500);
  const start = Math.max(0, at - 500);
  return `${start > 0 ? "… " : ""}${text.slice(start, start + 1_400)}`;
}
