import { z } from "zod";
import { router, scopedProcedure } from "@/server/api/trpc";
import { Role } from "@/server/db/generated/enums";

export const membersRouter = router({
  list: scopedProcedure("members:view")
    .input(z.object({ role: z.enum(Role).optional() }).optional())
    .query(({ ctx, input }) =>
      ctx.db.membership.findMany({
        where: input?.role ? { role: input.role } : {},
        select: {
          id: true,
          role: true,
          title: true,
          createdAt: true,
          user: { select: { id: true, name: true, email: true, image: true } },
        },
        orderBy: [{ role: "asc" }, { createdAt: "asc" }],
      }),
    ),
});
