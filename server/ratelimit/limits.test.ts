import { describe, expect, it } from "vitest";
import { describeRate, describeWait, loadRateLimits, RateLimitConfigError, refusalMessage } from "./limits";

describe("rate limits from the environment", () => {
  it("uses the documented defaults when nothing is set", () => {
    const limits = loadRateLimits({});
    expect(limits.chatMessages.user).toMatchObject({ points: 30, durationSeconds: 60 });
    expect(limits.chatMessages.organization).toMatchObject({ points: 300, durationSeconds: 60 });
    expect(limits.actionDecisions.user).toMatchObject({ points: 60, durationSeconds: 60 });
    expect(limits.actionDecisions.organization).toMatchObject({ points: 600, durationSeconds: 60 });
    expect(limits.agentProposals.organization).toMatchObject({ points: 120, durationSeconds: 3600 });
    expect(limits.agentProposals.user).toBeUndefined();
  });

  it("reads a bare count in the default window, an explicit window, and 0 as off", () => {
    const limits = loadRateLimits({ RATE_LIMIT_CHAT_PER_USER: "5", RATE_LIMIT_PROPOSALS_PER_ORG: "7", RATE_LIMIT_ACTIONS_PER_USER: " 100 / hour ", RATE_LIMIT_ACTIONS_PER_ORG: "0", RATE_LIMIT_CHAT_PER_ORG: "" });
    expect(limits.chatMessages.user).toMatchObject({ points: 5, durationSeconds: 60 });
    expect(limits.agentProposals.organization).toMatchObject({ points: 7, durationSeconds: 3600 });
    expect(limits.actionDecisions.user).toMatchObject({ points: 100, durationSeconds: 3600 });
    expect(limits.actionDecisions.organization).toBeUndefined();
    expect(limits.chatMessages.organization).toMatchObject({ points: 300 });
  });

  it("refuses a value it cannot read, naming the variable", () => {
    expect(() => loadRateLimits({ RATE_LIMIT_CHAT_PER_USER: "thirty" })).toThrow(RateLimitConfigError);
    expect(() => loadRateLimits({ RATE_LIMIT_ACTIONS_PER_ORG: "10/fortnight" })).toThrow(/RATE_LIMIT_ACTIONS_PER_ORG is "10\/fortnight"/);
    expect(() => loadRateLimits({ RATE_LIMIT_CHAT_PER_ORG: "-3" })).toThrow(/RATE_LIMIT_CHAT_PER_ORG/);
  });
});

describe("the refusal a person reads", () => {
  it("says what they did, the limit, and how long to wait", () => {
    const rule = loadRateLimits({}).chatMessages.user!;
    expect(refusalMessage(rule, 11_200)).toBe("You are sending messages faster than Lumen allows (30 a minute). Try again in 12 seconds.");
    const org = loadRateLimits({}).agentProposals.organization!;
    expect(refusalMessage(org, 13.5 * 60_000)).toBe("Proposals are being created for your organisation faster than Lumen allows (120 an hour). Try again in 14 minutes.");
  });

  it("rounds waits up and never says zero", () => {
    expect(describeWait(0)).toBe("1 second");
    expect(describeWait(1_000)).toBe("1 second");
    expect(describeWait(59_001)).toBe("60 seconds");
    expect(describeWait(60_001)).toBe("2 minutes");
    expect(describeWait(3_599_000)).toBe("60 minutes");
    expect(describeWait(61_000)).toBe("2 minutes");
    expect(describeWait(3_600_001)).toBe("2 hours");
    expect(describeRate({ points: 1500, durationSeconds: 86_400 })).toBe("1,500 a day");
  });
});
