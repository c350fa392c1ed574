import { DEMO_ORG, DEMO_USERS } from "@/server/auth/demo";
import { type Db } from "@/server/db/client";

/**
 * Creates the demo organisation and one member of every role, or brings them back to that state.
 * Idempotent: running it again changes nothing and never touches other organisations.
 */
export async function seedDemo(db: Db): Promise<{ organizationId: string; users: number }> {
  const org = await db.organization.upsert({
    where: { slug: DEMO_ORG.slug },
    update: {},
    create: { name: DEMO_ORG.name, slug: DEMO_ORG.slug },
  });
  for (const u of DEMO_USERS) {
    const user = await db.user.upsert({
      where: { email: u.email },
      update: { name: u.name },
      create: { email: u.email, name: u.name, emailVerified: new Date() },
    });
    await db.membership.upsert({
      where: { organizationId_userId: { organizationId: org.id, userId: user.id } },
      update: { role: u.role, title: u.title },
      create: { organizationId: org.id, userId: user.id, role: u.role, title: u.title },
    });
  }
  return { organizationId: org.id, users: DEMO_USERS.length };
}
