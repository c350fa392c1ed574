import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { simulateReadableStream } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readableChatError } from "@/components/chat/chat-view";
import { streamChat, type ChatCaller } from "@/server/agent/chat";
import { SourceLedger } from "@/server/agent/context";
import { type ModelOverride } from "@/server/agent/models/registry";
import { proposeChangesTool } from "@/server/agent/tools/propose-changes";
import { ToolFailure } from "@/server/agent/tools/guard";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { tenantDb } from "@/server/db/tenant";
import { callerFor, createOrg, sessionFor, testDb } from "@/test/db";
import { closeRateLimiter } from "./limiter";
import { retryAfterMeta } from "./trpc";

// The process-wide limiter, configured the way an operator would: through the environment.
const ENV = {
  DATABASE_URL: inject("databaseUrl"),
  REDIS_URL: undefined,
  RATE_LIMIT_CHAT_PER_USER: "2/minute",
  RATE_LIMIT_CHAT_PER_ORG: "100/minute",
  RATE_LIMIT_ACTIONS_PER_USER: "2/minute",
  RATE_LIMIT_ACTIONS_PER_ORG: "100/minute",
  RATE_LIMIT_PROPOSALS_PER_ORG: "1/hour",
};
const saved = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));

function applyEnv(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  applyEnv(ENV);
  await closeRateLimiter();
  org = await createOrg(["PM", "ADMIN"]);
});
afterAll(async () => {
  await closeRateLimiter();
  applyEnv(saved);
});

const callerOf = (role: "PM" | "ADMIN"): ChatCaller => ({ organizationId: org.org.id, organizationName: org.org.name, userId: org.member(role).user.id });

/** The AI SDK's mock model through the registry's override hook, answering every turn with a sentence. */
const override: ModelOverride = () => ({
  model: new MockLanguageModelV4({
    doStream: async () => ({
      stream: simulateReadableStream({
        chunks: [
          { type: "stream-start", warnings: [] },
          { type: "text-start", id: "t" },
          { type: "text-delta", id: "t", delta: "Noted." },
          { type: "text-end", id: "t" },
          { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: { inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 1, text: 1, reasoning: undefined } } },
        ],
      }) as never,
    }),
  }),
  info: { provider: "test", id: "mock-model", label: "Mock model" },
  freeForm: true,
});

let n = 0;
const turn = () => ({ id: `conv-limit-${++n}-${Date.now()}`, message: { id: `u-${n}-${Date.now()}`, role: "user" as const, parts: [{ type: "text", text: "What changed today?" }] } });

describe("the chat", () => {
  it("answers 429 with Retry-After and the sentence the chat shows, and saves nothing of the refused message", async () => {
    const db = tenantDb(testDb(), org.org.id);
    for (let i = 0; i < 2; i++) {
      const ok = await streamChat(db, callerOf("PM"), turn(), { override });
      expect(ok.status).toBe(200);
      await ok.text();
    }

    const refused = turn();
    const response = await streamChat(db, callerOf("PM"), refused, { override });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = await response.text();
    const { error } = JSON.parse(body) as { error: string };
    expect(error).toBe(`You are sending messages faster than Lumen allows (2 a minute). Try again in ${retryAfter} seconds.`);
    // The chat's transport raises the body as the error's message; the error banner reads it back.
    expect(readableChatError(new Error(body))).toBe(error);
    expect(await db.conversation.count({ where: { id: refused.id } })).toBe(0);

    // Another member of the organisation is still answered.
    const other = await streamChat(db, callerOf("ADMIN"), turn(), { override });
    expect(other.status).toBe(200);
    await other.text();
  });
});

describe("the approvals mutations", () => {
  it("answer TOO_MANY_REQUESTS with the sentence once a member has spent the limit", async () => {
    const pm = await callerFor(sessionFor(org.org, org.member("PM").user, "PM"));
    // Counted before anything else: these two fail on the missing action, and still count.
    await expect(pm.actions.retry({ actionId: "no-such-action" })).rejects.not.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(pm.actions.undo({ actionId: "no-such-action" })).rejects.not.toMatchObject({ code: "TOO_MANY_REQUESTS" });

    for (const call of [() => pm.actions.repropose({ actionId: "no-such-action" }), () => pm.actions.decide({ proposalId: "no-such-proposal", kind: "REJECT" })]) {
      const error = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TRPCError);
      expect(error).toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/^You are deciding on, retrying and undoing actions faster than Lumen allows \(2 a minute\)\. Try again in \d+ seconds\.$/) });
    }
  });

  it("carry Retry-After on the HTTP response", async () => {
    const admin = org.member("ADMIN");
    const session = sessionFor(org.org, admin.user, "ADMIN");
    const post = () =>
      fetchRequestHandler({
        endpoint: "/api/trpc",
        req: new Request("http://localhost/api/trpc/actions.undo?batch=1", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ 0: { json: { actionId: "no-such-action" } } }) }),
        router: appRouter,
        createContext: () => createTRPCContext({ session, db: testDb() }),
        responseMeta: retryAfterMeta,
      });
    for (let i = 0; i < 2; i++) {
      const allowed = await post();
      expect(allowed.status).not.toBe(429);
      expect(allowed.headers.get("Retry-After")).toBeNull();
    }
    const response = await post();
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const [result] = (await response.json()) as { error: { json: { message: string; data: { code: string } } } }[];
    expect(result!.error.json).toMatchObject({ message: `You are deciding on, retrying and undoing actions faster than Lumen allows (2 a minute). Try again in ${retryAfter} seconds.`, data: { code: "TOO_MANY_REQUESTS" } });
  });
});

describe("the agent's proposals", () => {
  it("are refused per organisation with a sentence the model and the person can read", async () => {
    const db = tenantDb(testDb(), org.org.id);
    const ctx = { db, organizationId: org.org.id, userId: org.member("PM").user.id, conversationId: null, now: new Date(), ledger: new SourceLedger(), offeredKinds: ["jira.assign" as const] };
    const propose = proposeChangesTool(ctx);
    const input = { title: "Unassign a stale issue", rationale: "Nobody has touched it for a month.", actions: [{ kind: "jira.assign", input: { issueKey: "PAY-1", accountId: null } }] };
    const options = { toolCallId: "c1", messages: [] } as unknown as Parameters<NonNullable<typeof propose.execute>>[1];

    await propose.execute!(input, options);
    const error = await Promise.resolve(propose.execute!(input, options)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ToolFailure);
    expect((error as ToolFailure).message).toMatch(/^The proposal was not saved\. Proposals are being created for your organisation faster than Lumen allows \(1 an hour\)\. Try again in (60 minutes|1 hour)\.$/);
    expect(await db.proposal.count()).toBe(1);

    // Another organisation's agent is not held back by this one.
    const other = await createOrg(["PM"]);
    const otherCtx = { ...ctx, db: tenantDb(testDb(), other.org.id), organizationId: other.org.id, userId: other.member("PM").user.id };
    await expect(Promise.resolve(proposeChangesTool(otherCtx).execute!(input, options))).resolves.toMatchObject({ status: "awaiting approval" });
  });
});
