import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router, scopedProcedure } from "@/server/api/trpc";
import { Role } from "@/server/db/generated/enums";
import { type Actor } from "./actor";
import { MemberError } from "./errors";
import { inviteMember, listOpenInvitations, revokeInvitation } from "./invitations";
import { changeRole, removeMember } from "./membership";

/** What the invite form sends; the address is trimmed and lower-cased before it is checked. */
export const inviteInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "Use an address of at most 254 characters.")
    .pipe(z.email("Enter an email address such as name@company.com.")),
  role: z.enum(Role, "Choose one of the roles: Product manager, Engineer, Admin or Leadership."),
});

const idInput = z.string().min(1, "Say which one.");

/** Domain errors become tRPC errors with the same message; anything else stays an internal error. */
function reported<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    if (error instanceof MemberError) throw new TRPCError({ code: error.code, message: error.message, cause: error });
    throw error;
  });
}

function actorOf(ctx: { session: { user: { id: string } }; requestId: string; ip: string | null }): Actor {
  return { userId: ctx.session.user.id, requestId: ctx.requestId, ip: ctx.ip };
}

export const membersRouter = router({
  /** Everyone in the organisation with their role, when they joined and when they were last active. */
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
          lastActiveAt: true,
          user: { select: { id: true, name: true, email: true, image: true } },
        },
        orderBy: [{ role: "asc" }, { createdAt: "asc" }],
      }),
    ),

  /** Invitations that can still be accepted. */
  invitations: scopedProcedure("members:manage").query(({ ctx }) => listOpenInvitations(ctx.db)),

  invite: scopedProcedure("members:manage")
    .input(inviteInput)
    .mutation(async ({ ctx, input }) => {
      const invitation = await reported(inviteMember(ctx.db, { organizationId: ctx.organization.id, email: input.email, role: input.role, actor: actorOf(ctx) }));
      return { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt };
    }),

  revokeInvitation: scopedProcedure("members:manage")
    .input(z.object({ id: idInput }))
    .mutation(({ ctx, input }) => reported(revokeInvitation(ctx.db, { organizationId: ctx.organization.id, invitationId: input.id, actor: actorOf(ctx) }))),

  changeRole: scopedProcedure("members:manage")
    .input(z.object({ membershipId: idInput, role: z.enum(Role, "Choose one of the roles: Product manager, Engineer, Admin or Leadership.") }))
    .mutation(({ ctx, input }) => reported(changeRole(ctx.db, { organizationId: ctx.organization.id, membershipId: input.membershipId, role: input.role, actor: actorOf(ctx) }))),

  remove: scopedProcedure("members:manage")
    .input(z.object({ membershipId: idInput }))
    .mutation(({ ctx, input }) => reported(removeMember(ctx.db, { organizationId: ctx.organization.id, membershipId: input.membershipId, actor: actorOf(ctx) }))),
});
