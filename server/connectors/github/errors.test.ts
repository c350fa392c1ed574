import { describe, expect, it } from "vitest";
import { mapGithubError } from "./connector";

const now = 1_700_000_000_000;

describe("mapGithubError", () => {
  it("reads the primary limit's reset time", () => {
    const e = mapGithubError({ status: 403, message: "API rate limit exceeded", response: { headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 30) } } }, now);
    expect(e.kind).toBe("rate_limited");
    expect(e.details.retryAfterMs).toBe(30_000);
  });

  it("reads a secondary limit's retry-after", () => {
    const e = mapGithubError({ status: 403, message: "You have exceeded a secondary rate limit", response: { headers: { "retry-after": "7" } } }, now);
    expect(e.kind).toBe("rate_limited");
    expect(e.details.retryAfterMs).toBe(7000);
  });

  it("treats other 403s as permissions, 401 as auth and 5xx as outages", () => {
    expect(mapGithubError({ status: 403, message: "Resource not accessible by integration", response: { headers: {} } }).kind).toBe("scope");
    expect(mapGithubError({ status: 401, message: "Bad credentials" }).kind).toBe("auth");
    expect(mapGithubError({ status: 502, message: "Bad Gateway" }).kind).toBe("unavailable");
  });
});
