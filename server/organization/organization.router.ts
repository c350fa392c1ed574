import { z } from "zod";
import { recordAudit } from "@/server/audit/record";
import { protectedProcedure, orgProcedure, router, scopedProcedure } from "@/server/api/trpc";
import { ROLE_LABELS, SCOPES } from "@/server/auth/scopes";

export const renameOrganizationInput = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Use at least 2 characters.")
    .max(80, "Use at most 80 characters."),
});

export const organizationRouter = router({
  /** The caller, their active organisation, role and what the role allows. */
  me: protectedProcedure.query(({ ctx }) => ({
    user: ctx.session.user,
    organization: ctx.session.organization,
    role: ctx.session.role,
    roleLabel: ctx.session.role ? ROLE_LABELS[ctx.session.role] : null,
    scopes: ctx.session.scopes.map((s) => ({ scope: s, description: SCOPES[s] })),
  })),

  get: orgProcedure.query(async ({ ctx }) => {
    const org = await ctx.db.organization.findFirstOrThrow({
      select: { id: true, name: true, slug: true, createdAt: true, _count: { select: { memberships: true } } },
    });
    return { ...org, memberCount: org._count.memberships };
  }),

  rename: scopedProcedure("organization:manage")
    .input(renameOrganizationInput)
    .mutation(async ({ ctx, input }) => {
      const before = await ctx.db.organization.findFirstOrThrow({ select: { name: true } });
      const org = await ctx.db.organization.update({ where: { id: ctx.organization.id }, data: { name: input.name } });
      await recordAudit(ctx.db, {
        organizationId: ctx.organization.id,
        actorId: ctx.session.user.id,
        action: "organization.renamed",
        targetType: "Organization",
        targetId: org.id,
        metadata: { from: before.name, to: org.name },
        requestId: ctx.requestId,
        ip: ctx.ip ?? undefined,
      });
      return { id: org.id, name: org.name };
    }),
});
