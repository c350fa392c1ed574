import { Hono, type Context } from "hono";
import { checkClient, exchangeCode, issueAuthorizationCode, revokeTokens } from "../core/oauth";
import { type SandboxStore } from "../core/store";
import { githubError, notFound } from "./http";
import { baseHeaders } from "./request-context";

const TROUBLESHOOTING = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors";

/** GitHub's OAuth token-request errors (answered with status 200, as GitHub does). */
const TOKEN_ERRORS = {
  incorrect_client_credentials: ["The client_id and/or client_secret passed are incorrect.", `${TROUBLESHOOTING}/#incorrect-client-credentials`],
  redirect_uri_mismatch: ["The redirect_uri MUST match the registered callback URL for this application.", `${TROUBLESHOOTING}/#redirect-uri-mismatch2`],
  bad_verification_code: ["The code passed is incorrect or expired.", `${TROUBLESHOOTING}/#bad-verification-code`],
  bad_refresh_token: ["The refresh token passed is incorrect or expired.", `${TROUBLESHOOTING}/#bad-refresh-token`],
  unsupported_grant_type: ["The grant type is not supported.", `${TROUBLESHOOTING}/#unsupported-grant-type`],
} as const;

/** Scopes as GitHub reads them: separated by spaces or commas. */
export function parseScopes(raw: string | undefined): string[] {
  return [...new Set((raw ?? "").split(/[\s,]+/).filter(Boolean))];
}

async function tokenParams(c: Context): Promise<Record<string, string>> {
  const fromQuery = c.req.query();
  const type = c.req.header("content-type") ?? "";
  let body: Record<string, unknown> = {};
  if (type.includes("application/json")) body = ((await c.req.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
  else if (type.includes("form")) body = (await c.req.parseBody()) as Record<string, unknown>;
  const out: Record<string, string> = { ...fromQuery };
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" || typeof v === "number") out[k] = String(v);
  return out;
}

/** Answers form-encoded by default and JSON for `Accept: application/json`, like GitHub's token endpoint. */
function tokenAnswer(c: Context, payload: Record<string, string>) {
  if ((c.req.header("accept") ?? "").includes("application/json")) return c.json(payload, 200);
  return c.body(new URLSearchParams(payload).toString(), 200, { "content-type": "application/x-www-form-urlencoded; charset=utf-8" });
}

function tokenError(c: Context, error: keyof typeof TOKEN_ERRORS) {
  const [description, uri] = TOKEN_ERRORS[error];
  return tokenAnswer(c, { error, error_description: description, error_uri: uri });
}

/**
 * The OAuth App web flow: authorize (approves at once — `sandbox_person` picks who approves,
 * default the admin — and redirects with code and state), the code-for-token exchange, and token
 * revocation under /applications. OAuth App tokens do not expire and come without refresh tokens.
 */
export function oauthRoutes(store: SandboxStore): Hono {
  const app = new Hono();

  app.get("/login/oauth/authorize", (c) => {
    const q = c.req.query();
    const client = store.state.oauth.clients.find((x) => x.clientId === q.client_id);
    if (!client) return c.text("Not Found", 404);
    const registered = client.redirectUris;
    const redirectUri = q.redirect_uri ?? registered[0];
    if (!redirectUri) return c.text("The redirect_uri is missing and the application has no callback URL.", 400);
    // GitHub accepts the callback URL or a path below it on the same host.
    const allowed = !registered.length || registered.some((u) => redirectUri === u || redirectUri.startsWith(u.endsWith("/") ? u : `${u}/`));
    const target = new URL(allowed ? redirectUri : registered[0]!);
    if (!allowed) {
      target.searchParams.set("error", "redirect_uri_mismatch");
      target.searchParams.set("error_description", "The redirect_uri MUST match the registered callback URL for this application.");
      target.searchParams.set("error_uri", `${TROUBLESHOOTING}/#redirect-uri-mismatch`);
      if (q.state) target.searchParams.set("state", q.state);
      return c.redirect(target.toString(), 302);
    }
    const person = q.sandbox_person ? store.state.company.people.find((p) => p.id === q.sandbox_person) : undefined;
    if (q.sandbox_person && !person) return c.text(`No sandbox person "${q.sandbox_person}".`, 400);
    if (q.code_challenge && (q.code_challenge_method ?? "S256") !== "S256") return c.text("Only the S256 code_challenge_method is supported.", 400);
    const code = issueAuthorizationCode(store, {
      tool: "github",
      clientId: client.clientId,
      redirectUri,
      scopes: parseScopes(q.scope),
      ...(person ? { personId: person.id } : {}),
      ...(q.code_challenge ? { codeChallenge: q.code_challenge } : {}),
    });
    target.searchParams.set("code", code);
    if (q.state) target.searchParams.set("state", q.state);
    return c.redirect(target.toString(), 302);
  });

  app.post("/login/oauth/access_token", async (c) => {
    const p = await tokenParams(c);
    if (p.grant_type === "refresh_token") return tokenError(c, "bad_refresh_token");
    if (p.grant_type && p.grant_type !== "authorization_code") return tokenError(c, "unsupported_grant_type");
    if (!checkClient(store, p.client_id, p.client_secret ?? "")) return tokenError(c, "incorrect_client_credentials");
    const result = exchangeCode(store, {
      tool: "github",
      code: p.code ?? "",
      clientId: p.client_id!,
      clientSecret: p.client_secret ?? "",
      ...(p.redirect_uri ? { redirectUri: p.redirect_uri } : {}),
      ...(p.code_verifier ? { codeVerifier: p.code_verifier } : {}),
      withRefresh: false,
      ttlSeconds: null,
    });
    if ("error" in result) return tokenError(c, result.error === "invalid_client" ? "incorrect_client_credentials" : /redirect_uri/.test(result.description) ? "redirect_uri_mismatch" : "bad_verification_code");
    return tokenAnswer(c, { access_token: result.accessToken, token_type: "bearer", scope: result.scopes.join(",") });
  });

  /** Revoking a token or a whole grant: Basic auth with the client's id and secret, `{"access_token"}` in the body. */
  const revoke = (whole: boolean) => async (c: Context) => {
    baseHeaders(c);
    const docs = `https://docs.github.com/rest/apps/oauth-applications#delete-an-app-${whole ? "authorization" : "token"}`;
    const clientId = c.req.param("client_id");
    const basic = (c.req.header("authorization") ?? "").replace(/^basic\s+/i, "");
    const [id, secret] = Buffer.from(basic, "base64").toString("utf8").split(":");
    if (id !== clientId || !checkClient(store, id, secret ?? "")) return notFound(c, docs);
    const body = ((await c.req.json().catch(() => null)) ?? {}) as { access_token?: unknown };
    if (typeof body.access_token !== "string") return githubError(c, 422, "Invalid request.\n\n\"access_token\" wasn't supplied.", docs);
    const token = store.state.oauth.tokens.find((t) => t.tool === "github" && t.token === body.access_token && t.clientId === clientId && !t.revoked);
    if (!token) return notFound(c, docs);
    revokeTokens(store, "github", (t) => t.clientId === clientId && (whole ? t.personId === token.personId : t.token === token.token));
    return c.body(null, 204);
  };
  app.delete("/applications/:client_id/token", revoke(false));
  app.delete("/applications/:client_id/grant", revoke(true));

  return app;
}
