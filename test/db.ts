import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createTRPCContext } from "@/server/api/trpc";
import { createCaller } from "@/server/api/root";
import { scopesFor } from "@/server/auth/scopes";
import { type AppSession } from "@/server/auth/session";
import { createPrismaClient, type Db } from "@/server/db/client";
import { type Role } from "@/server/db/generated/enums";

let db: Db | undefined;

/** The run's migrated database (see test/integration-setup.ts), through the production client. */
export function testDb(): Db {
  db ??= createPrismaClient(inject("databaseUrl"));
  return db;
}

const unique = () => randomBytes(4).toString("hex");

/** A new organisation with one member of each given role; each call is isolated from the others. */
export async function createOrg(roles: Role[] = ["PM", "ENGINEER", "ADMIN", "LEADERSHIP"]) {
  const tag = unique();
  const org = await testDb().organization.create({ data: { name: `Org ${tag}`, slug: `org-${tag}` } });
  const members = await Promise.all(
    roles.map(async (role, i) => {
      const user = await testDb().user.create({ data: { email: `${role.toLowerCase()}-${i}-${tag}@example.test`, name: `${role} ${tag}` } });
      const membership = await testDb().membership.create({ data: { organizationId: org.id, userId: user.id, role } });
      return { user, membership, role };
    }),
  );
  return { org, members, member: (role: Role) => members.find((m) => m.role === role)! };
}

export function sessionFor(org: { id: string; name: string; slug: string }, user: { id: string; name: string | null; email: string | null }, role: Role): AppSession {
  return {
    user: { id: user.id, name: user.name, email: user.email, image: null },
    organization: { id: org.id, name: org.name, slug: org.slug },
    role,
    scopes: scopesFor(role),
    expires: new Date(Date.now() + 3600_000).toISOString(),
  };
}

/** A tRPC caller acting as `session`, through the same context, procedure kinds and checks as HTTP. */
export async function callerFor(session: AppSession | null) {
  return createCaller(await createTRPCContext({ session, db: testDb() }));
}
