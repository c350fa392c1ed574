import { isApiError, isAuthError, isScopeError, parseCallbackUrl } from "jira.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeTokens } from "../core/oauth";
import { SANDBOX_CREDENTIALS } from "../core/seed";
import { jiraClients, startJiraTestbed, type JiraTestbed } from "./testing/clients";

let t: JiraTestbed;
const { clientId, clientSecret } = SANDBOX_CREDENTIALS.oauthClient;
const REDIRECT = "https://lumen.example/api/connections/jira/callback";

beforeAll(async () => {
  t = await startJiraTestbed(1);
});
afterAll(async () => {
  await t.sandbox.close();
});

async function failure(p: Promise<unknown>): Promise<{ status: number; body: unknown; error: unknown }> {
  try {
    await p;
  } catch (e) {
    if (isApiError(e)) return { status: e.status, body: e.body, error: e };
    throw e;
  }
  throw new Error("expected the call to fail");
}

/** The browser step: /authorize redirects straight back with a code. */
async function authorize(params: Record<string, string>): Promise<URL> {
  const url = new URL(t.sandbox.urls.atlassianAuthorizeUrl);
  const query = { audience: "api.atlassian.com", client_id: clientId, redirect_uri: REDIRECT, response_type: "code", prompt: "consent", state: "st-123", ...params };
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await fetch(url, { redirect: "manual" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!);
}

async function token(body: Record<string, string>, form = false) {
  const res = await fetch(t.sandbox.urls.atlassianTokenUrl, {
    method: "POST",
    headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json" },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, string | number> };
}

async function connect(scope: string, person?: string) {
  const callback = await authorize({ scope, ...(person ? { sandbox_person: person } : {}) });
  const { code } = parseCallbackUrl(callback, { expectedState: "st-123" });
  const res = await token({ grant_type: "authorization_code", client_id: clientId, client_secret: clientSecret, code, redirect_uri: REDIRECT });
  expect(res.status).toBe(200);
  return res.json;
}

describe("credentials on the site API", () => {
  it("accepts the API token as Bearer and as Basic email:token", async () => {
    expect((await t.jira.myself.getCurrentUser()).accountId).toBeTruthy();
    const basic = t.as({ email: "ada.admin@northwind.example", apiToken: SANDBOX_CREDENTIALS.apiTokens.jira });
    expect((await basic.agile.board.getAllBoards()).total).toBe(3);
  });

  it("answers missing and bad credentials with Jira's 401s", async () => {
    const anonymous = await failure(t.client.sendRequest({ url: "/rest/api/3/myself", method: "GET", headers: { Authorization: "" } }));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ errorMessages: ["Client must be authenticated to access this resource."], errors: {} });

    const basic = await failure(t.as({ email: "ada.admin@northwind.example", apiToken: "wrong" }).jira.myself.getCurrentUser());
    expect(basic.status).toBe(401);
    expect(isAuthError(basic.error)).toBe(true);

    const bearer = await failure(t.as({ token: "atl_sbx_not-a-token" }).jira.myself.getCurrentUser());
    expect(bearer).toMatchObject({ status: 401, body: { code: 401, message: "Unauthorized" } });
  });

  it("refuses expired and revoked OAuth tokens", async () => {
    const expired = await connect("read:jira-work read:jira-user");
    t.sandbox.store.state.oauth.tokens.find((x) => x.token === expired.access_token)!.expiresAt = new Date(Date.now() - 1000).toISOString();
    expect(await failure(t.as({ token: String(expired.access_token) }).jira.myself.getCurrentUser())).toMatchObject({ status: 401, body: { code: 401, message: "Unauthorized" } });

    const revoked = await connect("read:jira-work read:jira-user");
    const client = t.as({ token: String(revoked.access_token) });
    expect((await client.jira.myself.getCurrentUser()).accountId).toBeTruthy();
    revokeTokens(t.sandbox.store, "jira", (x) => x.token === revoked.access_token);
    expect((await failure(client.jira.myself.getCurrentUser())).status).toBe(401);
  });

  it("answers another cloud id with 404", async () => {
    const other = jiraClients(t.sandbox.urls.jiraHost.replace(/[^/]+$/, "00000000-0000-0000-0000-000000000000"), { token: SANDBOX_CREDENTIALS.apiTokens.jira });
    expect((await failure(other.jira.myself.getCurrentUser())).status).toBe(404);
  });
});

describe("Atlassian OAuth 2.0 (3LO)", () => {
  it("redirects with a code, exchanges it, and acts as the consenting person", async () => {
    const person = t.sandbox.store.state.company.people.find((p) => p.name === "Priya Raman")!;
    const grant = await connect("read:jira-work write:jira-work read:jira-user offline_access", person.id);
    expect(grant).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "read:jira-work write:jira-work read:jira-user offline_access" });
    expect(String(grant.access_token)).toMatch(/^atl_sbx_/);
    expect(grant.refresh_token).toBeTruthy();
    const me = await t.as({ token: String(grant.access_token) }).jira.myself.getCurrentUser();
    expect(me.accountId).toBe(person.jiraAccountId);
    const mine = await t.as({ token: String(grant.access_token) }).jira.issueSearch.searchAndReconsileIssuesUsingJql({ jql: "reporter = currentUser()", maxResults: 1 });
    expect(mine.issues).toHaveLength(1);
  });

  it("rotates refresh tokens and rejects the used one", async () => {
    const first = await connect("read:jira-work offline_access");
    const refresh = (refreshToken: string) => token({ grant_type: "refresh_token", client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken });
    const second = await refresh(String(first.refresh_token));
    expect(second.status).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.refresh_token);
    expect(second.json.access_token).not.toBe(first.access_token);
    expect(await refresh(String(first.refresh_token))).toEqual({ status: 403, json: { error: "unauthorized_client", error_description: "refresh_token is invalid" } });
    expect((await refresh(String(second.json.refresh_token))).status).toBe(200);
  });

  it("issues no refresh token without offline_access and accepts form bodies", async () => {
    const callback = await authorize({ scope: "read:jira-work" });
    const code = callback.searchParams.get("code")!;
    const res = await token({ grant_type: "authorization_code", client_id: clientId, client_secret: clientSecret, code, redirect_uri: REDIRECT }, true);
    expect(res.status).toBe(200);
    expect(res.json).not.toHaveProperty("refresh_token");
  });

  it("answers bad token requests the way Atlassian does", async () => {
    const code = (await authorize({ scope: "read:jira-work" })).searchParams.get("code")!;
    expect(await token({ grant_type: "authorization_code", client_id: clientId, client_secret: "wrong", code, redirect_uri: REDIRECT })).toEqual({ status: 401, json: { error: "access_denied", error_description: "Unauthorized" } });
    const ok = await token({ grant_type: "authorization_code", client_id: clientId, client_secret: clientSecret, code: (await authorize({ scope: "read:jira-work" })).searchParams.get("code")!, redirect_uri: REDIRECT });
    expect(ok.status).toBe(200);
    expect(await token({ grant_type: "authorization_code", client_id: clientId, client_secret: clientSecret, code: "code_bogus", redirect_uri: REDIRECT })).toEqual({ status: 403, json: { error: "invalid_grant", error_description: "Invalid authorization code" } });
    expect((await token({ grant_type: "password", client_id: clientId, client_secret: clientSecret })).json.error).toBe("unsupported_grant_type");
  });

  it("redirects errors back to the app: denied consent, bad scopes, wrong response type", async () => {
    const denied = await authorize({ scope: "read:jira-work", sandbox_deny: "1" });
    expect(() => parseCallbackUrl(denied, { expectedState: "st-123" })).toThrow(/declined/);
    expect((await authorize({ scope: "read:everything" })).searchParams.get("error")).toBe("invalid_scope");
    expect((await authorize({ scope: "read:jira-work", response_type: "token" })).searchParams.get("error")).toBe("unsupported_response_type");
  });

  it("lists accessible resources for the token", async () => {
    const grant = await connect("read:jira-work read:jira-user offline_access");
    const res = await fetch(t.sandbox.urls.atlassianResourcesUrl, { headers: { Authorization: `Bearer ${grant.access_token}` } });
    const company = t.sandbox.store.state.company;
    expect(await res.json()).toEqual([{ id: company.cloudId, url: `${t.sandbox.origin}/web/jira`, name: "northwind", scopes: ["read:jira-work", "read:jira-user"], avatarUrl: expect.stringMatching(/^https:/) }]);
    const bad = await fetch(t.sandbox.urls.atlassianResourcesUrl, { headers: { Authorization: "Bearer nope" } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ code: 401, message: "Unauthorized" });
  });

  it("enforces scopes: reads need read scopes, writes need write:jira-work", async () => {
    const readOnly = t.as({ token: String((await connect("read:jira-work")).access_token) });
    expect((await readOnly.jira.issues.getIssue({ issueIdOrKey: "PAY-1", fields: ["summary"] })).key).toBe("PAY-1");
    const write = await failure(readOnly.jira.issues.editIssue({ issueIdOrKey: "PAY-1", fields: { summary: "changed" } }));
    expect(write).toMatchObject({ status: 401, body: { code: 401, message: "Unauthorized; scope does not match" } });
    expect(isScopeError(write.error)).toBe(true);
    expect((await failure(readOnly.agile.sprint.moveIssuesToSprintAndRank({ sprintId: 9, issues: ["PAY-1"] }))).status).toBe(401);
    expect((await failure(readOnly.jira.myself.getCurrentUser())).status).toBe(401);
    expect(t.sandbox.store.state.jira.issues.find((i) => i.key === "PAY-1")!.summary).not.toBe("changed");
  });
});
