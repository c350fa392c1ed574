import { type Account, type User } from "next-auth";
import { type AdapterAccount } from "next-auth/adapters";
import { type JWT } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { acceptInvitations } from "@/server/members/invitations";
import { createOrg, testDb } from "@/test/db";

/**
 * The real next-auth options, loaded with a chosen environment (env.js validates at import), against
 * the run's database.
 */
/** next-auth merges a provider's own options (such as a custom id) over its defaults at runtime. */
function providerIds(providers: readonly object[]) {
  return (providers as { id: string; options?: { id?: string } }[]).map((p) => p.options?.id ?? p.id);
}

async function loadOptions(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  const mod = await import("./options");
  return mod;
}

const saved = process.env.DATABASE_URL;
beforeAll(async () => {
  const { inject } = await import("vitest");
  process.env.DATABASE_URL = inject("databaseUrl");
});
afterAll(() => {
  process.env.DATABASE_URL = saved;
  vi.unstubAllEnvs();
});

describe("sign-in providers", () => {
  it("offers exactly the providers the environment configures", async () => {
    const { authOptions, enabledProviders } = await loadOptions({
      AUTH_GITHUB_ID: "gh-id",
      AUTH_GITHUB_SECRET: "gh-secret",
      AUTH_OIDC_ISSUER: "https://login.example.com/oauth2/default",
      AUTH_OIDC_ID: "oidc-id",
      AUTH_OIDC_SECRET: "oidc-secret",
      AUTH_OIDC_NAME: "Okta",
      AUTH_GOOGLE_ID: undefined,
      AUTH_GOOGLE_SECRET: undefined,
      AUTH_DEMO_LOGIN: undefined,
    });
    expect(providerIds(authOptions.providers)).toEqual(["github", "oidc"]);
    const oidc = authOptions.providers.find((p) => p.id === "oidc") as unknown as { wellKnown: string; name: string; checks: string[] };
    expect(oidc.wellKnown).toBe("https://login.example.com/oauth2/default/.well-known/openid-configuration");
    expect(oidc.name).toBe("Okta");
    expect(oidc.checks).toEqual(["pkce", "state"]);
    expect(enabledProviders()).toEqual({ github: true, google: false, oidc: { name: "Okta" }, demo: false });
    // What the sign-in page receives names providers, never their secrets.
    expect(JSON.stringify(enabledProviders())).not.toMatch(/secret/);
  });

  it("offers the demo sign-in only when enabled, and only for members of the demo organisation", async () => {
    const off = await loadOptions({ AUTH_DEMO_LOGIN: "false", AUTH_GITHUB_ID: undefined, AUTH_GITHUB_SECRET: undefined, AUTH_OIDC_ID: undefined, AUTH_OIDC_SECRET: undefined, AUTH_OIDC_ISSUER: undefined });
    expect(providerIds(off.authOptions.providers)).not.toContain("demo");

    const on = await loadOptions({ AUTH_DEMO_LOGIN: "true" });
    const demo = on.authOptions.providers.find((p) => (p as { options?: { id?: string } }).options?.id === "demo") as unknown as { options: { authorize: (c: Record<string, string>) => Promise<User | null> } };
    const { seedDemo } = await import("@/server/demo/seed-demo");
    await seedDemo(testDb());
    const outsider = await createOrg(["ADMIN"]);
    await expect(demo.options.authorize({ email: "ada.admin@northwind.example" })).resolves.toMatchObject({ email: "ada.admin@northwind.example" });
    await expect(demo.options.authorize({ email: outsider.member("ADMIN").user.email! })).resolves.toBeNull();
    await expect(demo.options.authorize({ email: "not-an-email" })).resolves.toBeNull();
  });
});

describe("sign-in callbacks", () => {
  it("admits only people who are members of an organisation", async () => {
    const { authOptions } = await loadOptions({ AUTH_DEMO_LOGIN: "false" });
    const org = await createOrg(["PM"]);
    const signIn = authOptions.callbacks!.signIn!;
    const account = { provider: "github", type: "oauth", providerAccountId: "1" } as Account;
    await expect(signIn({ user: { id: "x", email: org.member("PM").user.email }, account } as never)).resolves.toBe(true);
    await expect(signIn({ user: { id: "y", email: "stranger@example.test" }, account } as never)).resolves.toBe("/sign-in?error=NoMembership");
    await expect(signIn({ user: { id: "z", email: null }, account } as never)).resolves.toBe("/sign-in?error=NoEmail");
  });

  it("builds the session from the database, so a role change applies at once", async () => {
    const { authOptions } = await loadOptions({ AUTH_DEMO_LOGIN: "false" });
    const org = await createOrg(["ENGINEER"]);
    const { user, membership } = org.member("ENGINEER");
    const session = authOptions.callbacks!.session! as unknown as (a: { session: { expires: string }; token: JWT }) => Promise<{ role: string; scopes: string[]; organization: { id: string } }>;
    const before = await session({ session: { expires: "2099-01-01T00:00:00.000Z" }, token: { sub: user.id } });
    expect(before).toMatchObject({ role: "ENGINEER", organization: { id: org.org.id } });
    expect(before.scopes).not.toContain("audit:view");
    await testDb().membership.update({ where: { id: membership.id }, data: { role: "ADMIN" } });
    const after = await session({ session: { expires: "2099-01-01T00:00:00.000Z" }, token: { sub: user.id } });
    expect(after.role).toBe("ADMIN");
    expect(after.scopes).toContain("audit:view");
  });

  it("stores sign-in accounts without the provider's tokens", async () => {
    const { authOptions } = await loadOptions({ AUTH_DEMO_LOGIN: "false" });
    const org = await createOrg(["PM"]);
    const user = org.member("PM").user;
    const account: AdapterAccount = {
      userId: user.id,
      type: "oauth",
      provider: "github",
      providerAccountId: `gh-${user.id}`,
      access_token: "gho_secret_access",
      refresh_token: "ghr_secret_refresh",
      id_token: "eyJ.secret.id",
      token_type: "bearer",
      scope: "read:user user:email",
    };
    await authOptions.adapter!.linkAccount!(account);
    const stored = await testDb().account.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored).toMatchObject({ provider: "github", access_token: null, refresh_token: null, id_token: null, scope: "read:user user:email" });
  });

  it("records each sign-in in the organisation's audit trail", async () => {
    const { authOptions } = await loadOptions({ AUTH_DEMO_LOGIN: "false" });
    const org = await createOrg(["LEADERSHIP"]);
    const user = org.member("LEADERSHIP").user;
    await authOptions.events!.signIn!({ user: { id: user.id, email: user.email }, account: { provider: "oidc", type: "oauth", providerAccountId: "1" } } as never);
    const events = await testDb().auditEvent.findMany({ where: { organizationId: org.org.id, action: "auth.signed_in" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: user.id, metadata: { provider: "oidc" } });
  });
});

type SessionCallback = (a: { session: { expires: string }; token: JWT }) => Promise<{ role: string | null; organization: { id: string } | null }>;
const github = { provider: "github", type: "oauth", providerAccountId: "1" } as Account;

/** An open invitation as an admin of `org` would leave it. */
async function invite(org: Awaited<ReturnType<typeof createOrg>>, email: string, role: "PM" | "ENGINEER" | "LEADERSHIP" | "ADMIN", overrides: { expiresAt?: Date; revokedAt?: Date } = {}) {
  return testDb().invitation.create({
    data: { organizationId: org.org.id, email, role, invitedById: org.members[0]!.user.id, expiresAt: overrides.expiresAt ?? new Date(Date.now() + 14 * 86_400_000), revokedAt: overrides.revokedAt ?? null },
  });
}

const fresh = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}@example.test`;

describe("signing in with an invitation", () => {
  it("admits an invited person through any provider, whatever the case of their address", async () => {
    const { authOptions } = await loadOptions({ AUTH_DEMO_LOGIN: "false" });
    const org = await createOrg(["ADMIN"]);
    const email = fresh("invited");
    await invite(org, email, "ENGINEER");
    const signIn = authOptions.callbacks!.signIn!;
    for (const provider of ["github", "google", "oidc"]) {
      await expect(signIn({ user: { id: "new", email: email.toUpperCase() }, account: { ...github, provider } } as never)).resolves.toBe(true);
    }
  });

  it("still refuses people whose invitation expired or was revoked, with the NoMembership page", async () => {
    const { authOptions } = await loadOptions({ AUTH_DEMO_LOGIN: "false" });
    const org = await createOrg(["ADMIN"]);
    const expired = fresh("expired");
    const revoked = fresh("revoked");
    await invite(org, expired, "PM", { expiresAt: new Date(Date.now() - 1000) });
    await invite(org, revoked, "PM", { revokedAt: new Date() });
    const signIn = authOptions.callbacks!.signIn!;
    await expect(signIn({ user: { id: "e", email: expired }, account: github } as never)).resolves.toBe("/sign-in?error=NoMembership");
    await expect(signIn({ user: { id: "r", email: revoked }, account: github } as never)).resolves.toBe("/sign-in?error=NoMembership");
  });

  it("makes them a member with the invited role on their first sign-in, once, and records it", async () => {
    const { authOptions } = await loadOptions({ AUTH_DEMO_LOGIN: "false" });
    const org = await createOrg(["ADMIN"]);
    const email = fresh("joiner");
    const invitation = await invite(org, email, "LEADERSHIP");
    // What the adapter does between the callback and the event: create the user as the provider reports them.
    const user = await testDb().user.create({ data: { email: email.replace("joiner", "Joiner"), name: "Joiner" } });
    const signInEvent = authOptions.events!.signIn!;
    await signInEvent({ user: { id: user.id, email: user.email }, account: github, isNewUser: true } as never);

    const membership = await testDb().membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: org.org.id, userId: user.id } } });
    expect(membership.role).toBe("LEADERSHIP");
    expect((await testDb().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeInstanceOf(Date);
    const joined = await testDb().auditEvent.findMany({ where: { organizationId: org.org.id, action: "member.joined" } });
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ actorId: user.id, targetType: "Membership", targetId: membership.id, metadata: { role: "LEADERSHIP", invitationId: invitation.id } });
    expect(await testDb().auditEvent.count({ where: { organizationId: org.org.id, action: "auth.signed_in", actorId: user.id } })).toBe(1);

    const session = authOptions.callbacks!.session! as unknown as SessionCallback;
    await expect(session({ session: { expires: "2099-01-01T00:00:00.000Z" }, token: { sub: user.id } })).resolves.toMatchObject({ role: "LEADERSHIP", organization: { id: org.org.id } });

    // A later sign-in neither joins again nor records another join.
    await signInEvent({ user: { id: user.id, email: user.email }, account: github } as never);
    expect(await testDb().membership.count({ where: { userId: user.id } })).toBe(1);
    expect(await testDb().auditEvent.count({ where: { organizationId: org.org.id, action: "member.joined" } })).toBe(1);
    await expect(authOptions.callbacks!.signIn!({ user: { id: user.id, email: user.email }, account: github } as never)).resolves.toBe(true);
  });

  it("adds an existing member of one organisation to another that invited them", async () => {
    const { authOptions } = await loadOptions({ AUTH_DEMO_LOGIN: "false" });
    const home = await createOrg(["PM"]);
    const other = await createOrg(["ADMIN"]);
    const pm = home.member("PM").user;
    await invite(other, pm.email!, "ENGINEER");
    await authOptions.events!.signIn!({ user: { id: pm.id, email: pm.email }, account: github } as never);
    const memberships = await testDb().membership.findMany({ where: { userId: pm.id }, orderBy: { createdAt: "asc" } });
    expect(memberships.map((m) => [m.organizationId, m.role])).toEqual([
      [home.org.id, "PM"],
      [other.org.id, "ENGINEER"],
    ]);
  });

  it("accepts nothing when the membership cannot be written: the invitation stays open", async () => {
    const org = await createOrg(["ADMIN"]);
    const email = fresh("rollback");
    const invitation = await invite(org, email, "PM");
    // No such user: the membership insert fails, and the whole transaction with it.
    await expect(acceptInvitations(testDb(), { userId: "no-such-user", email })).rejects.toThrow();
    expect((await testDb().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeNull();
    expect(await testDb().auditEvent.count({ where: { organizationId: org.org.id, action: "member.joined" } })).toBe(0);
  });
});

describe("last activity", () => {
  it("is recorded when the session is resolved, at most once per five minutes, without touching updatedAt", async () => {
    const { authOptions } = await loadOptions({ AUTH_DEMO_LOGIN: "false" });
    const org = await createOrg(["ENGINEER"]);
    const { user, membership } = org.member("ENGINEER");
    const session = authOptions.callbacks!.session! as unknown as SessionCallback;
    const resolve = () => session({ session: { expires: "2099-01-01T00:00:00.000Z" }, token: { sub: user.id } });
    const read = () => testDb().membership.findUniqueOrThrow({ where: { id: membership.id } });

    const before = Date.now();
    await resolve();
    const first = await read();
    expect(first.lastActiveAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(first.updatedAt).toEqual(membership.updatedAt);

    // Within the interval: no write, even for several requests at once.
    await Promise.all([resolve(), resolve(), resolve()]);
    expect((await read()).lastActiveAt).toEqual(first.lastActiveAt);

    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000);
    await testDb().membership.update({ where: { id: membership.id }, data: { lastActiveAt: twoMinutesAgo } });
    await resolve();
    expect((await read()).lastActiveAt).toEqual(twoMinutesAgo);

    const sixMinutesAgo = new Date(Date.now() - 6 * 60_000);
    await testDb().membership.update({ where: { id: membership.id }, data: { lastActiveAt: sixMinutesAgo } });
    await resolve();
    expect((await read()).lastActiveAt!.getTime()).toBeGreaterThan(sixMinutesAgo.getTime() + 5 * 60_000);
  });
});
