import { z } from "zod";
import { router, scopedProcedure } from "@/server/api/trpc";
import { verifyChain } from "./verify";

export const listAuditInput = z.object({
  action: z.string().trim().max(100).optional(),
  actorId: z.string().max(40).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.number().int().min(1, "Ask for at least 1 event.").max(100, "Ask for at most 100 events at a time.").default(50),
});

export const auditRouter = router({
  /** The newest events first, paged by cursor. */
  list: scopedProcedure("audit:view")
    .input(listAuditInput)
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.auditEvent.findMany({
        where: {
          ...(input.action ? { action: { startsWith: input.action } } : {}),
          ...(input.actorId ? { actorId: input.actorId } : {}),
        },
        include: { actor: { select: { id: true, name: true, email: true } } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const next = rows.length > input.limit ? rows.pop() : undefined;
      return { items: rows, nextCursor: next ? rows[rows.length - 1]?.id ?? null : null };
    }),

  actions: scopedProcedure("audit:view").query(async ({ ctx }) => {
    const groups = await ctx.db.auditEvent.groupBy({ by: ["action"], _count: { _all: true }, orderBy: { action: "asc" } });
    return groups.map((g) => ({ action: g.action, count: g._count._all }));
  }),

  /** Recomputes the organisation's hash chain: how many events verify, or where it first breaks. */
  integrity: scopedProcedure("audit:view").query(({ ctx }) => verifyChain(ctx.db, ctx.organization.id)),
});
