import { actionsRouter } from "@/server/actions/actions.router";
import { modelsRouter } from "@/server/agent/models/models.router";
import { auditRouter } from "@/server/audit/audit.router";
import { connectionsRouter } from "@/server/connections/connections.router";
import { metricsRouter } from "@/server/metrics/metrics.router";
import { membersRouter } from "@/server/members/members.router";
import { notificationsRouter } from "@/server/notifications/notifications.router";
import { organizationRouter } from "@/server/organization/organization.router";
import { policiesRouter } from "@/server/policies/policies.router";
import { planningRouter } from "@/server/planning/planning.router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  organization: organizationRouter,
  members: membersRouter,
  audit: auditRouter,
  metrics: metricsRouter,
  connections: connectionsRouter,
  planning: planningRouter,
  models: modelsRouter,
  notifications: notificationsRouter,
  actions: actionsRouter,
  policies: policiesRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls (server components, tests) through the same procedures and checks. */
export const createCaller = createCallerFactory(appRouter);
