import { z } from "zod";
import { orgProcedure, router } from "@/server/api/trpc";

/** In-app notifications (a scheduled report is ready, a run failed): the caller's own only. */
export const notificationsRouter = router({
  list: orgProcedure
    .input(z.object({ limit: z.number().int().min(1).max(50).default(20) }).optional())
    .query(async ({ ctx, input }) => {
      const where = { userId: ctx.session.user.id };
      const [items, unread] = await Promise.all([
        ctx.db.notification.findMany({ where, orderBy: { createdAt: "desc" }, take: input?.limit ?? 20 }),
        ctx.db.notification.count({ where: { ...where, readAt: null } }),
      ]);
      return { unread, items: items.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, href: n.href, read: Boolean(n.readAt), createdAt: n.createdAt })) };
    }),

  markRead: orgProcedure
    .input(z.object({ ids: z.array(z.string().min(1)).max(100).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { count } = await ctx.db.notification.updateMany({
        where: { userId: ctx.session.user.id, readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) },
        data: { readAt: new Date() },
      });
      return { count };
    }),
});
