import { describe, expect, it } from "vitest";
import { GithubOpenApi } from "./openapi";

const openapi = new GithubOpenApi();

describe("GithubOpenApi", () => {
  it("maps request URLs to the description's path templates", () => {
    const base = "http://127.0.0.1:1/github";
    expect(openapi.template(`${base}/repos/o/r/issues/comments/5`, base)).toBe("/repos/{owner}/{repo}/issues/comments/{comment_id}");
    expect(openapi.template(`${base}/repos/o/r/issues/12?x=1`, base)).toBe("/repos/{owner}/{repo}/issues/{issue_number}");
    expect(openapi.template(`${base}/repositories/42/pulls?page=2`, base)).toBe("/repos/{owner}/{repo}/pulls");
    expect(openapi.template("/repos/{owner}/{repo}/pulls/{pull_number}/files", base)).toBe("/repos/{owner}/{repo}/pulls/{pull_number}/files");
  });

  it("rejects bodies that miss required fields or break types, and accepts conforming ones", () => {
    const error = { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" };
    expect(openapi.check("GET", "/repos/{owner}/{repo}", 404, error)).toBeNull();
    expect(openapi.check("GET", "/repos/{owner}/{repo}", 404, { message: 404 })).toMatch(/must be string/);
    expect(openapi.check("GET", "/rate_limit", 200, { rate: { limit: 1, used: 0, remaining: 1, reset: 1 } })).toMatch(/must have required property 'resources'/);
    const label = { id: 1, node_id: "x", url: "http://x", name: "bug", color: "d73a4a", default: true, description: null };
    expect(openapi.check("GET", "/repos/{owner}/{repo}/labels/{name}", 200, label)).toBeNull();
    expect(openapi.check("GET", "/repos/{owner}/{repo}/labels/{name}", 200, { ...label, url: "not a url" })).toMatch(/must match format "uri"/);
    expect(openapi.check("GET", null, 422, { message: "Validation Failed" })).toMatch(/documentation_url/);
  });
});
