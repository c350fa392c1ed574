import { type Account, type User } from "next-auth";
import { type AdapterAccount } from "next-auth/adapters";
import { type JWT } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
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
