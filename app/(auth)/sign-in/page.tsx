import { AlertCircle } from "lucide-react";
import { redirect } from "next/navigation";
import { DemoUserList, ProviderButtons } from "@/components/auth/sign-in-buttons";
import { getDb } from "@/server/db/client";
import { DEMO_ORG } from "@/server/auth/demo";
import { enabledProviders, getServerAuthSession } from "@/server/auth/options";
import { ROLE_LABELS } from "@/server/auth/scopes";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  NoMembership: "Your account isn't a member of any organisation here yet. Ask an admin to add your email address, then sign in again.",
  NoEmail: "Your identity provider didn't share an email address, which we need to find your organisation. Make your email visible to the app and try again.",
  NoAccess: "Your role doesn't open any section of the app. Ask an admin to check your role.",
  CredentialsSignin: "That demo user doesn't exist any more. Pick one from the list.",
  OAuthAccountNotLinked: "This email is already linked to another sign-in method. Use the method you used before.",
  OAuthSignin: "We couldn't start signing you in with that provider. Try again in a moment.",
  OAuthCallback: "The provider's answer couldn't be verified. Try signing in again.",
  AccessDenied: "Sign-in was refused. If you think this is wrong, ask an admin of your organisation.",
  SessionRequired: "Sign in to continue.",
};

function safeCallback(raw: string | undefined) {
  return raw && raw.startsWith("/") && !raw.startsWith("//") ? raw : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  const params = await searchParams;
  const session = await getServerAuthSession();
  if (session?.organization && !params.error) redirect(safeCallback(params.callbackUrl));

  const providers = enabledProviders();
  const callbackUrl = safeCallback(params.callbackUrl);
  const demoUsers = providers.demo
    ? (
        await getDb().membership.findMany({
          where: { organization: { slug: DEMO_ORG.slug } },
          include: { user: { select: { email: true, name: true } } },
          orderBy: [{ role: "asc" }, { createdAt: "asc" }],
        })
      )
        .filter((m) => m.user.email)
        .map((m) => ({ email: m.user.email!, name: m.user.name, roleLabel: ROLE_LABELS[m.role], title: m.title }))
    : [];
  const hasOAuth = providers.github || providers.google || providers.oidc;
  const error = params.error ? (ERRORS[params.error] ?? "Something went wrong while signing you in. Try again.") : null;

  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/40 px-4 py-10">
      <div className="w-full max-w-md">
        <div className="mb-6 flex flex-col items-center text-center">
          <svg viewBox="0 0 32 32" className="mb-4 size-10" aria-hidden>
            <rect width="32" height="32" rx="8" className="fill-primary" />
            <path d="M10 8v16h12" fill="none" stroke="white" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
            <circle cx="21" cy="11" r="3" fill="#c7d2fe" />
          </svg>
          <h1 className="text-xl font-semibold tracking-tight">Sign in to Lumen</h1>
          <p className="mt-1 text-sm text-muted-foreground">Plans grounded in your team&apos;s real work.</p>
        </div>
        <div className="rounded-xl border bg-card p-5 shadow-sm">
          {error ? (
            <div role="alert" className="mb-4 flex gap-2 rounded-lg border border-destructive/30 bg-destructive/5 p-3 text-sm text-destructive">
              <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden />
              <span>{error}</span>
            </div>
          ) : null}
          {hasOAuth ? <ProviderButtons github={providers.github} google={providers.google} oidc={providers.oidc} callbackUrl={callbackUrl} /> : null}
          {hasOAuth && providers.demo ? (
            <div className="my-4 flex items-center gap-3 text-xs text-muted-foreground">
              <span className="h-px flex-1 bg-border" /> or try the demo <span className="h-px flex-1 bg-border" />
            </div>
          ) : null}
          {providers.demo ? (
            <section aria-labelledby="demo-heading">
              <h2 id="demo-heading" className="mb-1 text-sm font-medium">
                Demo workspace · {DEMO_ORG.name}
              </h2>
              <p className="mb-3 text-xs text-muted-foreground">Local sign-in without a password. Each person has a different role.</p>
              {demoUsers.length > 0 ? (
                <DemoUserList users={demoUsers} callbackUrl={callbackUrl} />
              ) : (
                <p className="text-sm text-muted-foreground">The demo organisation has no members. Run `npm run db:seed` to create them.</p>
              )}
            </section>
          ) : null}
          {!hasOAuth && !providers.demo ? (
            <p className="text-sm text-muted-foreground">
              No sign-in method is configured. An administrator sets AUTH_GITHUB_ID, AUTH_GOOGLE_ID or AUTH_OIDC_ISSUER (see .env.example), or AUTH_DEMO_LOGIN=true for local use.
            </p>
          ) : null}
        </div>
      </div>
    </main>
  );
}
