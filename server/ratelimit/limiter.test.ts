import { afterEach, describe, expect, it } from "vitest";
import { RateLimitedError, RateLimiter } from "./limiter";
import { loadRateLimits } from "./limits";

const opened: RateLimiter[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((l) => l.close()));
});

async function inMemory(env: Record<string, string>) {
  const limiter = await RateLimiter.create({ limits: loadRateLimits(env) });
  opened.push(limiter);
  return limiter;
}

describe("a limiter without Redis or a database", () => {
  it("counts in this process's memory", async () => {
    const limiter = await inMemory({ RATE_LIMIT_CHAT_PER_USER: "1/minute" });
    expect(limiter.store).toBe("memory");
    await limiter.consume("chatMessages", { userId: "u1", organizationId: "o1" });
    await expect(limiter.consume("chatMessages", { userId: "u1", organizationId: "o1" })).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("counts only the organisation when there is no member (a scheduled run)", async () => {
    const limiter = await inMemory({ RATE_LIMIT_ACTIONS_PER_USER: "1/minute", RATE_LIMIT_ACTIONS_PER_ORG: "2/minute" });
    await limiter.consume("actionDecisions", { userId: null, organizationId: "o1" });
    await limiter.consume("actionDecisions", { organizationId: "o1" });
    await expect(limiter.consume("actionDecisions", { userId: "u1", organizationId: "o1" })).rejects.toMatchObject({ scope: "organization" });
  });

  it("does not count a bucket that is turned off", async () => {
    const limiter = await inMemory({ RATE_LIMIT_PROPOSALS_PER_ORG: "0" });
    for (let i = 0; i < 500; i++) await limiter.consume("agentProposals", { organizationId: "o1" });
  });
});
