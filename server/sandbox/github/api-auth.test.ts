import { type Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS } from "../core/seed";
import { startSandboxServer, type RunningSandbox } from "../core/server";
import { githubRateLimiter } from "./rate-limit";
import { GithubOpenApi } from "./testing/openapi";

const openapi = new GithubOpenApi();
const API_TOKEN = SANDBOX_CREDENTIALS.apiTokens.github;
const CLIENT = SANDBOX_CREDENTIALS.oauthClient;
let sandbox: RunningSandbox;
let octokit: Octokit;
let owner: string;
let privateRepo: string;
const publicRepo = "developer-docs";

beforeAll(async () => {
  sandbox = await startSandboxServer({ seed: 3 });
  octokit = openapi.octokit({ auth: API_TOKEN, baseUrl: sandbox.urls.githubBaseUrl });
  owner = sandbox.store.state.company.githubOrg;
  privateRepo = sandbox.store.state.company.teams[2]!.repo;
});
afterAll(() => sandbox.close());

/** The OAuth App web flow with plain fetch: authorize → redirect with code → exchange. */
async function oauthToken(scope: string, person?: string): Promise<string> {
  const authorize = new URL(sandbox.urls.githubAuthorizeUrl);
  authorize.search = new URLSearchParams({ client_id: CLIENT.clientId, redirect_uri: "http://localhost:3000/callback", scope, state: "xyz", ...(person ? { sandbox_person: person } : {}) }).toString();
  const redirect = await fetch(authorize, { redirect: "manual" });
  const code = new URL(redirect.headers.get("location")!).searchParams.get("code")!;
  const res = await fetch(sandbox.urls.githubTokenUrl, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code, redirect_uri: "http://localhost:3000/callback" }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

const client = (auth?: string) => openapi.octokit({ ...(auth ? { auth } : {}), baseUrl: sandbox.urls.githubBaseUrl });

describe("GitHub sandbox errors and limits", () => {
  it("answers 401 with GitHub's bodies", async () => {
    await expect(client("ghp_notARealToken").rest.users.getAuthenticated()).rejects.toMatchObject({
      status: 401,
      response: { data: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" } },
    });
    await expect(client().rest.pulls.list({ owner, repo: privateRepo })).rejects.toMatchObject({
      status: 401,
      response: { data: { message: "Requires authentication", status: "401" } },
    });
  });

  it("answers 404 with GitHub's body for unknown repositories and numbers", async () => {
    await expect(octokit.rest.repos.get({ owner, repo: "no-such-repo" })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: "Not Found", documentation_url: "https://docs.github.com/rest/repos/repos#get-a-repository", status: "404" } },
    });
    await expect(octokit.rest.pulls.get({ owner, repo: privateRepo, pull_number: 99_999 })).rejects.toMatchObject({ status: 404, response: { data: { message: "Not Found" } } });
    await expect(octokit.request("GET /repos/{owner}/{repo}/teleport", { owner, repo: privateRepo })).rejects.toMatchObject({ status: 404 });
  });

  it("sends the rate-limit headers on every response, counting per token per hour", async () => {
    const a = await octokit.rest.pulls.list({ owner, repo: privateRepo });
    const b = await octokit.rest.issues.listForRepo({ owner, repo: privateRepo });
    for (const h of ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-used", "x-ratelimit-resource", "x-github-request-id", "x-github-media-type"]) {
      expect(a.headers[h as keyof typeof a.headers], h).toBeDefined();
    }
    expect(a.headers["x-ratelimit-limit"]).toBe("5000");
    expect(a.headers["x-ratelimit-resource"]).toBe("core");
    expect(Number(b.headers["x-ratelimit-remaining"])).toBe(Number(a.headers["x-ratelimit-remaining"]) - 1);
    expect(Number(b.headers["x-ratelimit-used"])).toBe(Number(a.headers["x-ratelimit-used"]) + 1);
    const reset = Number(a.headers["x-ratelimit-reset"]);
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 3600);

    const status = await octokit.rest.rateLimit.get();
    const again = await octokit.rest.rateLimit.get();
    expect(again.data.rate.remaining).toBe(status.data.rate.remaining);
    expect(status.data.rate.used).toBe(Number(b.headers["x-ratelimit-used"]));

    const other = await oauthToken("repo");
    const fresh = await client(other).rest.pulls.list({ owner, repo: privateRepo });
    expect(fresh.headers["x-ratelimit-remaining"]).toBe("4999");
  });

  it("refuses with GitHub's primary-limit 403 once the hour's budget is spent", async () => {
    const token = await oauthToken("repo");
    githubRateLimiter(sandbox.store).setUsed(token, 4999);
    const last = await client(token).rest.pulls.list({ owner, repo: privateRepo });
    expect(last.headers["x-ratelimit-remaining"]).toBe("0");
    const admin = sandbox.store.state.company.people.find((p) => p.role === "admin")!;
    await expect(client(token).rest.pulls.list({ owner, repo: privateRepo })).rejects.toMatchObject({
      status: 403,
      response: {
        data: { message: `API rate limit exceeded for user ID ${admin.githubId}.`, documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api", status: "403" },
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-used": "5000", "x-ratelimit-resource": "core" },
      },
    });
  });

  it("keeps injected primary and secondary limits in GitHub's shapes", async () => {
    sandbox.faults.add({ kind: "github_primary_limit", tool: "github" });
    await expect(octokit.rest.pulls.list({ owner, repo: privateRepo })).rejects.toMatchObject({
      status: 403,
      response: { data: { message: expect.stringMatching(/^API rate limit exceeded for user ID \d+\.$/) }, headers: { "x-ratelimit-remaining": "0" } },
    });
    sandbox.faults.add({ kind: "github_secondary_limit", tool: "github" });
    await expect(octokit.rest.pulls.list({ owner, repo: privateRepo })).rejects.toMatchObject({ status: 403, response: { data: { message: expect.stringContaining("secondary rate limit") } } });
    sandbox.faults.clear();
  });
});

describe("GitHub OAuth App flow and scopes", () => {
  it("redirects with a code and the state, and exchanges it form-encoded by default", async () => {
    const authorize = new URL(sandbox.urls.githubAuthorizeUrl);
    authorize.search = new URLSearchParams({ client_id: CLIENT.clientId, redirect_uri: "http://localhost:3000/cb", scope: "repo read:org", state: "s-123" }).toString();
    const redirect = await fetch(authorize, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("http://localhost:3000/cb");
    expect(location.searchParams.get("state")).toBe("s-123");
    const code = location.searchParams.get("code")!;

    const form = new URLSearchParams({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code });
    const res = await fetch(sandbox.urls.githubTokenUrl, { method: "POST", body: form });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/x-www-form-urlencoded");
    const answer = new URLSearchParams(await res.text());
    expect(answer.get("token_type")).toBe("bearer");
    expect(answer.get("scope")).toBe("repo,read:org");
    expect(answer.get("access_token")).toMatch(/^gho_/);
    expect(answer.has("refresh_token")).toBe(false);

    const again = await fetch(sandbox.urls.githubTokenUrl, { method: "POST", body: form, headers: { accept: "application/json" } });
    expect(await again.json()).toEqual({ error: "bad_verification_code", error_description: "The code passed is incorrect or expired.", error_uri: expect.stringContaining("bad-verification-code") });

    const me = await client(answer.get("access_token")!).rest.users.getAuthenticated();
    expect(me.headers["x-oauth-scopes"]).toBe("repo, read:org");
    expect(me.headers["x-oauth-client-id"]).toBe(CLIENT.clientId);
  });

  it("rejects wrong client credentials and acts for the approving person", async () => {
    const res = await fetch(sandbox.urls.githubTokenUrl, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({ client_id: CLIENT.clientId, client_secret: "wrong", code: "whatever" }),
    });
    expect(((await res.json()) as { error: string }).error).toBe("incorrect_client_credentials");

    const pm = sandbox.store.state.company.people.find((p) => p.role === "pm")!;
    const token = await oauthToken("read:user", pm.id);
    expect((await client(token).rest.users.getAuthenticated()).data.login).toBe(pm.githubLogin);
  });

  it("enforces scopes: repo for private repositories, public_repo for writes to public ones", async () => {
    const userOnly = client(await oauthToken("read:user"));
    await expect(userOnly.rest.pulls.list({ owner, repo: privateRepo })).rejects.toMatchObject({ status: 404 });
    expect((await userOnly.rest.pulls.list({ owner, repo: publicRepo })).status).toBe(200);
    await expect(userOnly.rest.issues.create({ owner, repo: publicRepo, title: "Needs public_repo" })).rejects.toMatchObject({ status: 404 });

    const publicOnly = client(await oauthToken("public_repo"));
    await expect(publicOnly.rest.issues.create({ owner, repo: privateRepo, title: "Needs repo" })).rejects.toMatchObject({ status: 404 });
    const created = await publicOnly.rest.issues.create({ owner, repo: publicRepo, title: "Docs: clarify pagination" });
    expect(created.status).toBe(201);
    expect(created.headers["x-accepted-oauth-scopes"]).toBe("public_repo, repo");

    const full = client(await oauthToken("repo"));
    const listed = await full.rest.pulls.list({ owner, repo: privateRepo });
    expect(listed.headers["x-accepted-oauth-scopes"]).toBe("repo");
    expect((await full.rest.issues.create({ owner, repo: privateRepo, title: "Allowed with repo" })).status).toBe(201);

    const repos = await userOnly.paginate(userOnly.rest.repos.listForOrg, { org: owner });
    expect(repos.map((r) => r.name)).toEqual([publicRepo]);
  });

  it("revokes a token through the applications API", async () => {
    const token = await oauthToken("repo");
    const basic = Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString("base64");
    const res = await fetch(`${sandbox.urls.githubBaseUrl}/applications/${CLIENT.clientId}/token`, {
      method: "DELETE",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/json" },
      body: JSON.stringify({ access_token: token }),
    });
    expect(res.status).toBe(204);
    await expect(client(token).rest.users.getAuthenticated()).rejects.toMatchObject({ status: 401, response: { data: { message: "Bad credentials" } } });
  });
});
