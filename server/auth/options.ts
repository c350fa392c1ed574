import { PrismaAdapter } from "@auth/prisma-adapter";
import { type NextAuthOptions, getServerSession } from "next-auth";
import { type Adapter, type AdapterAccount } from "next-auth/adapters";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { type OAuthConfig } from "next-auth/providers/oauth";
import { cache } from "react";
import { z } from "zod";
import { env } from "@/env.js";
import { getDb } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { recordAudit } from "@/server/audit/record";
import { recordActivity } from "@/server/members/activity";
import { acceptInvitations, hasOpenInvitation } from "@/server/members/invitations";
import { DEMO_ORG } from "./demo";
import { type AppSession, resolveMembership, sessionFields } from "./session";

declare module "next-auth" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Session extends AppSession {}
}
declare module "next-auth/jwt" {
  interface JWT {
    organizationId?: string | null;
  }
}

interface OidcProfile {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
  picture?: string;
}

/** Which sign-in methods this deployment offers, for the sign-in page. Never includes secrets. */
export function enabledProviders() {
  return {
    github: Boolean(env.AUTH_GITHUB_ID),
    google: Boolean(env.AUTH_GOOGLE_ID),
    oidc: env.AUTH_OIDC_ID ? { name: env.AUTH_OIDC_NAME } : null,
    demo: env.AUTH_DEMO_LOGIN,
  };
}

/**
 * Sign-in accounts are used for identity only: the provider's tokens are dropped before they are
 * stored, so the Account table never holds a usable credential. Tool connections keep their own,
 * encrypted tokens.
 */
function identityOnlyAdapter(): Adapter {
  const base = PrismaAdapter(getDb()) as unknown as Adapter;
  return {
    ...base,
    linkAccount: (account: AdapterAccount) =>
      base.linkAccount!({
        ...account,
        access_token: undefined,
        refresh_token: undefined,
        id_token: undefined,
        session_state: undefined,
      }),
  };
}

const demoCredentials = z.object({ email: z.email() });

function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    list.push(GitHubProvider({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET, allowDangerousEmailAccountLinking: true }));
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    list.push(GoogleProvider({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET, allowDangerousEmailAccountLinking: true }));
  }
  if (env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET && env.AUTH_OIDC_ISSUER) {
    const oidc: OAuthConfig<OidcProfile> = {
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.AUTH_OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      allowDangerousEmailAccountLinking: true,
      profile: (p) => ({ id: p.sub, name: p.name ?? p.preferred_username ?? null, email: p.email ?? null, image: p.picture ?? null }),
    };
    list.push(oidc);
  }
  if (env.AUTH_DEMO_LOGIN) {
    list.push(
      CredentialsProvider({
        id: "demo",
        name: "Demo user",
        credentials: { email: { label: "Email", type: "email" } },
        async authorize(raw) {
          const parsed = demoCredentials.safeParse(raw);
          if (!parsed.success) return null;
          const user = await getDb().user.findFirst({
            where: { email: parsed.data.email, memberships: { some: { organization: { slug: DEMO_ORG.slug } } } },
          });
          return user ? { id: user.id, name: user.name, email: user.email, image: user.image } : null;
        },
      }),
    );
  }
  return list;
}

export const authOptions: NextAuthOptions = {
  get adapter() {
    return identityOnlyAdapter();
  },
  providers: providers(),
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 7 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    error: (code, metadata) => logger.error({ code, err: metadata instanceof Error ? metadata.message : undefined }, "auth error"),
    warn: (code) => logger.warn({ code }, "auth warning"),
    debug: () => undefined,
  },
  callbacks: {
    /**
     * Only members of an organisation, and people an admin has invited, may sign in. An invited
     * person becomes a member in the signIn event, once the adapter has created their user.
     */
    async signIn({ user, account }) {
      if (account?.provider === "demo") return true;
      if (!user.email) return "/sign-in?error=NoEmail";
      const db = getDb();
      const existing = await db.user.findUnique({ where: { email: user.email }, select: { _count: { select: { memberships: true } } } });
      if (existing && existing._count.memberships > 0) return true;
      return (await hasOpenInvitation(db, user.email)) ? true : "/sign-in?error=NoMembership";
    },
    async jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    async session({ session, token }): Promise<AppSession> {
      const db = getDb();
      const userId = token.sub!;
      const [user, membership] = await Promise.all([
        db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, image: true } }),
        resolveMembership(db, userId, token.organizationId),
      ]);
      if (membership) {
        // Activity is a nicety: a failed write must not cost the person their session.
        await recordActivity(db, membership).catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error), membershipId: membership.id }, "could not record member activity"));
      }
      return {
        user: user ?? { id: userId, name: null, email: null, image: null },
        ...sessionFields(membership),
        expires: session.expires,
      };
    },
  },
  events: {
    async signIn({ user, account }) {
      // Invitations are accepted here rather than in the callback: the user row exists only now.
      if (user.email) await acceptInvitations(getDb(), { userId: user.id, email: user.email });
      const membership = await resolveMembership(getDb(), user.id);
      if (membership) {
        await recordAudit(getDb(), {
          organizationId: membership.organizationId,
          actorId: user.id,
          action: "auth.signed_in",
          targetType: "User",
          targetId: user.id,
          metadata: { provider: account?.provider ?? "unknown" },
        });
      }
    },
  },
};

/** The current session in server components and route handlers, once per request. */
export const getServerAuthSession = cache(async (): Promise<AppSession | null> => {
  const session = await getServerSession(authOptions);
  return session ? (session as AppSession) : null;
});
