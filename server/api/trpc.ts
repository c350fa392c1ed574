import { initTRPC, TRPCError } from "@trpc/server";
import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { type AppSession } from "@/server/auth/session";
import { hasScope, ROLE_LABELS, type Scope } from "@/server/auth/scopes";
import { getDb, type Db } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant";
import { requestLogger } from "@/server/log/logger";

/**
 * Everything a procedure may know about its caller. `session` is resolved by the caller
 * (the route handler or a server-side caller), so tests create contexts without HTTP.
 */
export async function createTRPCContext(opts: { session: AppSession | null; headers?: Headers; db?: Db }) {
  const requestId = opts.headers?.get("x-request-id") ?? randomUUID();
  const log = requestLogger({ requestId, userId: opts.session?.user.id, organizationId: opts.session?.organization?.id });
  return {
    session: opts.session,
    rootDb: opts.db ?? getDb(),
    requestId,
    log,
    ip: opts.headers?.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
  };
}

export type TRPCContext = Awaited<ReturnType<typeof createTRPCContext>>;

/**
 * What a procedure declares about who may call it: the scope its kind checks (procedures of the
 * org-scoped kind without one are open to every member). Read by the procedure × role tests.
 */
export interface ProcedureMeta {
  scope?: Scope;
}

const t = initTRPC.context<TRPCContext>().meta<ProcedureMeta>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    return {
      ...shape,
      data: {
        ...shape.data,
        // Internal errors never reach the browser with their stack or message.
        stack: undefined,
        fieldErrors: zod?.fieldErrors ?? null,
        formErrors: zod?.formErrors ?? null,
      },
      message: error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side. Try again; if it keeps happening, quote the request id to your admin." : shape.message,
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

const timing = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const ms = Math.round(performance.now() - started);
  if (result.ok) ctx.log.info({ path, type, ms }, "trpc ok");
  else if (result.error.code === "INTERNAL_SERVER_ERROR") ctx.log.error({ path, type, ms, err: result.error.cause?.message ?? result.error.message }, "trpc failed");
  else ctx.log.info({ path, type, ms, code: result.error.code }, "trpc rejected");
  return result;
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(timing);

/** A signed-in user, whether or not they belong to an organisation. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

/**
 * A member of an organisation. `ctx.db` here is the organisation-scoped client: tenant rows of
 * other organisations are unreachable through it.
 */
export const orgProcedure = protectedProcedure.use(({ ctx, next }) => {
  const { organization, role } = ctx.session;
  if (!organization || !role) {
    throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of any organisation. Ask an admin to invite you." });
  }
  return next({
    ctx: { ...ctx, organization, role, db: tenantDb(ctx.rootDb, organization.id) },
  });
});

/** A member whose role grants `scope`. A denial names the missing scope and the caller's role. */
export function scopedProcedure(scope: Scope) {
  return orgProcedure.meta({ scope }).use(({ ctx, next }) => {
    if (!hasScope(ctx.role, scope)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `Missing scope "${scope}": the ${ROLE_LABELS[ctx.role]} role does not include it.`,
      });
    }
    return next({ ctx });
  });
}
