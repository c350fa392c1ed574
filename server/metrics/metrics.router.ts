import { subDays } from "date-fns";
import { z } from "zod";
import { router, scopedProcedure } from "@/server/api/trpc";
import { adoptionSeries } from "./adoption";
import { metricsFilterInput, resolveRange } from "./filter";
import { latency, quality, reliability, targets } from "./queries";

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

  /** Approval, rejection and edit-before-approval rates, per action kind, with rejection reasons. */
  quality: scopedProcedure("metrics:view")
    .input(metricsFilterInput)
    .query(async ({ ctx, input }) => {
      const range = resolveRange(input, new Date());
      return { range, ...(await quality({ db: ctx.db, organizationId: ctx.organization.id }, range)) };
    }),
  /** Execution error rates, API success and state consistency. */
  reliability: scopedProcedure("metrics:view")
    .input(metricsFilterInput)
    .query(async ({ ctx, input }) => {
      const range = resolveRange(input, new Date());
      return { range, ...(await reliability({ db: ctx.db, organizationId: ctx.organization.id }, range)) };
    }),
  /** Latency percentiles of model calls, tool calls and action execution. */
  latency: scopedProcedure("metrics:view")
    .input(metricsFilterInput)
    .query(async ({ ctx, input }) => {
      const range = resolveRange(input, new Date());
      return { range, ...(await latency({ db: ctx.db, organizationId: ctx.organization.id }, range)) };
    }),
  /** The blueprint's success metrics against their targets. */
  targets: scopedProcedure("metrics:view")
    .input(metricsFilterInput)
    .query(async ({ ctx, input }) => {
      const range = resolveRange(input, new Date());
      return { range, targets: await targets({ db: ctx.db, organizationId: ctx.organization.id }, range) };
    }),
});
