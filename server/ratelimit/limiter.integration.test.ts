import { randomUUID } from "node:crypto";
import { once } from "node:events";
import net, { type AddressInfo } from "node:net";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { createRedisClient, RATE_LIMIT_TABLE, RateLimitedError, RateLimiter, type RateLimiterOptions, type RateLimitStore } from "./limiter";
import { loadRateLimits } from "./limits";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

let pool: pg.Pool;
let redis: Redis;
const opened: RateLimiter[] = [];

beforeAll(() => {
  pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
  redis = new Redis(REDIS_URL);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((l) => l.close()));
});
afterAll(async () => {
  await pool.end();
  redis.disconnect();
});

async function limiterOn(store: Exclude<RateLimitStore, "memory">, env: Record<string, string>, extra: RateLimiterOptions = {}) {
  const limiter = await RateLimiter.create({ limits: loadRateLimits(env), databaseUrl: inject("databaseUrl"), ...(store === "redis" ? { redisUrl: REDIS_URL } : {}), ...extra });
  opened.push(limiter);
  return limiter;
}

/** The subject's count in Postgres (null: no row), read from the table the library created. */
async function postgresCount(id: string): Promise<number | null> {
  const { rows } = await pool.query<{ points: number }>(`SELECT points FROM "${RATE_LIMIT_TABLE}" WHERE key LIKE '%:' || $1 AND expire > $2`, [id, Date.now()]);
  return rows[0]?.points ?? null;
}

/** The subject's count in Redis (null: no key). */
async function redisCount(id: string): Promise<number | null> {
  const keys = await redis.keys(`lumen:*:${id}`);
  if (!keys.length) return null;
  return Number(await redis.get(keys[0]!));
}

const refusal = (p: Promise<unknown>) => p.then(
  () => {
    throw new Error("expected the request to be refused");
  },
  (e: unknown) => {
    expect(e).toBeInstanceOf(RateLimitedError);
    return e as RateLimitedError;
  },
);

const member = () => ({ userId: `user-${randomUUID()}`, organizationId: `org-${randomUUID()}` });

describe.each(["postgres", "redis"] as const)("counting in %s", (store) => {
  it("allows up to the limit, then refuses with the time until the window ends", async () => {
    const limiter = await limiterOn(store, { RATE_LIMIT_CHAT_PER_USER: "3/minute", RATE_LIMIT_CHAT_PER_ORG: "100/minute" });
    expect(limiter.store).toBe(store);
    const subject = member();
    for (let i = 0; i < 3; i++) await limiter.consume("chatMessages", subject);

    const error = await refusal(limiter.consume("chatMessages", subject));
    expect(error).toMatchObject({ limit: "chatMessages", scope: "user" });
    expect(error.retryAfterMs).toBeGreaterThan(50_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(error.retryAfterSeconds).toBe(Math.ceil(error.retryAfterMs / 1000));
    expect(error.message).toMatch(/^You are sending messages faster than Lumen allows \(3 a minute\)\. Try again in (5\d|60) seconds\.$/);

    // The counts are where the store says they are, and only there.
    const [inPostgres, inRedis] = [await postgresCount(subject.userId), await redisCount(subject.userId)];
    if (store === "postgres") expect([inPostgres, inRedis]).toEqual([4, null]);
    else expect([inPostgres, inRedis]).toEqual([null, 4]);
  });

  it("keeps members and organisations in buckets of their own", async () => {
    const limiter = await limiterOn(store, { RATE_LIMIT_ACTIONS_PER_USER: "2/minute", RATE_LIMIT_ACTIONS_PER_ORG: "3/minute" });
    const organizationId = `org-${randomUUID()}`;
    const [a, b, c] = [1, 2, 3].map(() => ({ userId: `user-${randomUUID()}`, organizationId }));
    await limiter.consume("actionDecisions", a!);
    await limiter.consume("actionDecisions", a!);
    expect((await refusal(limiter.consume("actionDecisions", a!))).scope).toBe("user");

    // Another member of the same organisation has their own allowance…
    await limiter.consume("actionDecisions", b!);
    // …until the organisation's is spent (2 of a's + 1 of b's).
    const full = await refusal(limiter.consume("actionDecisions", c!));
    expect(full.scope).toBe("organization");
    expect(full.message).toMatch(/^Your organisation is deciding on, retrying and undoing actions faster than Lumen allows \(3 a minute\)\. Try again in \d+ seconds\.$/);

    // Another organisation is untouched, and so is another limit for the same members.
    await limiter.consume("actionDecisions", member());
    await limiter.consume("chatMessages", a!);
    await limiter.consume("chatMessages", c!);
  });

  it("lets a member in again once the window has passed, and gives back what an organisation refusal took", async () => {
    const limiter = await limiterOn(store, { RATE_LIMIT_ACTIONS_PER_USER: "2/minute", RATE_LIMIT_ACTIONS_PER_ORG: "2/second" });
    const organizationId = `org-${randomUUID()}`;
    const [a, b] = [{ userId: `user-${randomUUID()}`, organizationId }, { userId: `user-${randomUUID()}`, organizationId }];
    await limiter.consume("actionDecisions", a);
    await limiter.consume("actionDecisions", a);
    const refused = await refusal(limiter.consume("actionDecisions", b));
    expect(refused.scope).toBe("organization");
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1_000);

    await new Promise((r) => setTimeout(r, refused.retryAfterMs + 100));
    // b's two requests fit in b's own bucket (2 a minute) only because the refused one was given back.
    await limiter.consume("actionDecisions", b);
    await limiter.consume("actionDecisions", b);
    expect((await refusal(limiter.consume("actionDecisions", b))).scope).toBe("user");
  });
});

/** A TCP hop in front of Redis that a test can cut and restore, as a network failure would. */
async function redisProxy(port = 0) {
  const target = new URL(REDIS_URL);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => s.destroy());
      s.on("close", () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as AddressInfo).port,
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

describe("when Redis is down", () => {
  it("counts in Postgres instead, refuses there at the limit, and goes back to Redis when it returns", async () => {
    const proxy = await redisProxy();
    const client = createRedisClient(`redis://127.0.0.1:${proxy.port}`);
    try {
      const limiter = await limiterOn("postgres", { RATE_LIMIT_CHAT_PER_USER: "2/minute", RATE_LIMIT_CHAT_PER_ORG: "100/minute" }, { redis: client });
      expect(limiter.store).toBe("redis");
      const subject = member();
      await limiter.consume("chatMessages", subject);
      expect([await redisCount(subject.userId), await postgresCount(subject.userId)]).toEqual([1, null]);

      const closed = once(client, "close");
      await proxy.cut();
      await closed;

      // Requests are not failed: the insurance bucket in Postgres counts them, from zero, and refuses at the limit.
      await limiter.consume("chatMessages", subject);
      await limiter.consume("chatMessages", subject);
      const refused = await refusal(limiter.consume("chatMessages", subject));
      expect(refused.message).toMatch(/\(2 a minute\)/);
      expect([await redisCount(subject.userId), await postgresCount(subject.userId)]).toEqual([1, 3]);

      // Redis back on the same address: the client reconnects and counting resumes there.
      const back = await redisProxy(proxy.port);
      await once(client, "ready");
      await limiter.consume("chatMessages", subject);
      await refusal(limiter.consume("chatMessages", subject));
      expect(await redisCount(subject.userId)).toBe(3);
      await back.cut();
    } finally {
      client.disconnect();
    }
  });

  it("does not hold requests up when Redis is unreachable from the start", async () => {
    const proxy = await redisProxy();
    await proxy.cut();
    const limiter = await limiterOn("redis", { RATE_LIMIT_CHAT_PER_USER: "1/minute", RATE_LIMIT_CHAT_PER_ORG: "100/minute" }, { redisUrl: `redis://127.0.0.1:${proxy.port}` });
    const subject = member();
    await limiter.consume("chatMessages", subject);
    await refusal(limiter.consume("chatMessages", subject));
    expect(await postgresCount(subject.userId)).toBe(2);
  });
});
