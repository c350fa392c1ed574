import { subDays } from "date-fns";
import { z } from "zod";
import { router, scopedProcedure } from "@/server/api/trpc";
import { adoptionSeries } from "./adoption";

export const adoptionInput = z.object({ days: z.union([z.literal(7), z.literal(14), z.literal(30), z.literal(90)]).default(14) });

export const metricsRouter = router({
  /** Who uses the product: daily active members and sign-ins, from the audit trail. */
  adoption: scopedProcedure("metrics:view")
    .input(adoptionInput)
    .query(async ({ ctx, input }) => {
      const now = new Date();
      const [events, members] = await Promise.all([
        ctx.db.auditEvent.findMany({
          where: { action: "auth.signed_in", createdAt: { gte: subDays(now, input.days * 2 + 1) } },
          select: { actorId: true, createdAt: true },
        }),
        ctx.db.membership.count(),
      ]);
      return { ...adoptionSeries(events, input.days, now), members, periodDays: input.days };
    }),
});
