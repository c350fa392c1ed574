import { once } from "node:events";
import { Redis } from "ioredis";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { logger } from "@/server/log/logger";
import { LIMIT_NAMES, loadRateLimits, RateLimitConfigError, refusalMessage, type LimitName, type LimitRule, type LimitScope, type RateLimits } from "./limits";

/** The table rate-limiter-flexible creates (and keeps) in the app's own database for its counters. */
export const RATE_LIMIT_TABLE = "lumen_rate_limits";

/** How long a request waits for Redis before it is counted in Postgres instead. */
const REDIS_COMMAND_TIMEOUT_MS = 1_000;
/** How long start-up waits for Redis, so the first requests are not counted in the insurance store. */
const REDIS_READY_TIMEOUT_MS = 2_000;

/**
 * A request refused by a limit. `userFacing`, so the chat and the agent's tool guard pass its
 * sentence through unchanged; `retryAfterMs` is when the refused bucket has room again.
 */
export class RateLimitedError extends Error {
  readonly userFacing = true;
  constructor(
    readonly limit: LimitName,
    readonly scope: LimitScope,
    readonly retryAfterMs: number,
    message: string,
  ) {
    super(message);
    this.name = "RateLimitedError";
  }

  /** For a Retry-After header: whole seconds, rounded up, at least 1. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.retryAfterMs / 1000));
  }
}

/** Who a request is counted for. Without a user (a scheduled run), only the organisation is counted. */
export interface RateLimitSubject {
  userId?: string | null;
  organizationId: string;
}

/** Where the counters live. */
export type RateLimitStore = "redis" | "postgres" | "memory";

export interface RateLimiterOptions {
  /** Defaults to the process environment's limits. */
  limits?: RateLimits;
  /** A Redis client to count in; its owner closes it. Takes precedence over `redisUrl`. */
  redis?: Redis;
  /** Count in Redis at this URL, with Postgres (or memory) as insurance while it is down. */
  redisUrl?: string;
  /** The app's Postgres: the store without Redis, and the insurance with it. */
  databaseUrl?: string;
}

/**
 * A Redis client set up for rate limiting: commands fail at once while it is disconnected
 * (rather than queueing), so requests fall through to the insurance store without waiting, and
 * an outage is logged once rather than on every reconnection attempt.
 */
export function createRedisClient(url: string): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: REDIS_COMMAND_TIMEOUT_MS, connectTimeout: REDIS_READY_TIMEOUT_MS });
  let down = false;
  redis.on("error", (err: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: err.message }, "Redis is unreachable: rate limits are counted in Postgres until it is back");
  });
  redis.on("ready", () => {
    if (!down) return;
    down = false;
    logger.info("Redis is back: rate limits are counted in Redis again");
  });
  return redis;
}

async function redisReady(redis: Redis): Promise<boolean> {
  if (redis.status === "ready") return true;
  try {
    // `once` also rejects on the client's first "error" (a refused connection), so a Redis that
    // is down costs nothing here.
    await once(redis, "ready", { signal: AbortSignal.timeout(REDIS_READY_TIMEOUT_MS) });
    return true;
  } catch {
    return false;
  }
}

/**
 * A pg pool on the app's database for the counters. Prisma's `?schema=` is not a pg option, so it
 * is taken off the URL and given to the limiter as the table's schema instead.
 */
function postgresPool(databaseUrl: string): { pool: pg.Pool; schema: string | undefined } {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") || undefined;
  url.searchParams.delete("schema");
  const pool = new pg.Pool({ connectionString: url.toString(), max: 3, idleTimeoutMillis: 30_000 });
  pool.on("error", (err) => logger.warn({ err: err.message }, "a rate-limit database connection failed"));
  return { pool, schema };
}

/**
 * The library names its statements, which breaks where sessions are shared or pooled per
 * transaction (the embedded Postgres serves every connection from one session; PgBouncer in
 * transaction mode). Sent unnamed, each query is planned afresh, which these tiny upserts can afford.
 */
function unnamedQueries(pool: pg.Pool) {
  return { query: (q: { text: string; values?: unknown[] }) => pool.query({ text: q.text, values: q.values }) };
}

const bucketKey = (limit: LimitName, scope: LimitScope) => `${limit}:${scope}`;

/**
 * Counts requests against the configured limits. One instance per process (see {@link consume});
 * tests create their own with small limits and a chosen store.
 */
export class RateLimiter {
  private constructor(
    /** Where counters are kept while everything is up. */
    readonly store: RateLimitStore,
    private readonly limits: RateLimits,
    private readonly buckets: Map<string, RateLimiterAbstract>,
    private readonly release: () => Promise<void>,
  ) {}

  /**
   * Builds the buckets on the chosen store, creating the Postgres table if it is missing. With
   * Redis, each Redis bucket has a Postgres twin as its insurance: while Redis is unreachable the
   * counting carries on there instead of failing requests.
   */
  static async create(options: RateLimiterOptions = {}): Promise<RateLimiter> {
    const limits = options.limits ?? loadRateLimits();
    const rules: { limit: LimitName; scope: LimitScope; rule: LimitRule }[] = LIMIT_NAMES.flatMap((limit) =>
      (Object.entries(limits[limit]) as [LimitScope, LimitRule][]).map(([scope, rule]) => ({ limit, scope, rule })),
    );
    const common = (limit: LimitName, scope: LimitScope, rule: LimitRule) => ({ keyPrefix: `lumen:${limit}:${scope}`, points: rule.points, duration: rule.durationSeconds });

    const cleanups: (() => Promise<unknown>)[] = [];
    const release = async () => {
      await Promise.allSettled(cleanups.map((c) => c()));
    };

    try {
      let postgres: Map<string, RateLimiterAbstract> | undefined;
      if (options.databaseUrl) {
        const { pool, schema } = postgresPool(options.databaseUrl);
        cleanups.push(() => pool.end());
        const client = unnamedQueries(pool);
        const table = { storeClient: client, storeType: "pool", tableName: RATE_LIMIT_TABLE, schemaName: schema };
        // The first bucket creates the table (and sweeps expired rows every few minutes); the rest share it.
        await new Promise<void>((resolve, reject) => {
          new RateLimiterPostgres({ ...table, keyPrefix: "lumen:table", points: 1, duration: 1, tableCreated: false, clearExpiredByTimeout: true }, (err) => (err ? reject(err) : resolve()));
        });
        postgres = new Map(
          rules.map(({ limit, scope, rule }) => [bucketKey(limit, scope), new RateLimiterPostgres({ ...table, ...common(limit, scope, rule), tableCreated: true, clearExpiredByTimeout: false })]),
        );
      }

      const redis = options.redis ?? (options.redisUrl ? createRedisClient(options.redisUrl) : undefined);
      if (redis) {
        if (!options.redis) cleanups.push(async () => redis.disconnect());
        if (!(await redisReady(redis))) logger.warn("Redis is not reachable at start: rate limits are counted in Postgres until it is");
        const buckets = new Map<string, RateLimiterAbstract>(
          rules.map(({ limit, scope, rule }) => {
            const key = bucketKey(limit, scope);
            const insuranceLimiter = postgres?.get(key) ?? new RateLimiterMemory(common(limit, scope, rule));
            return [key, new RateLimiterRedis({ storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter, ...common(limit, scope, rule) })];
          }),
        );
        return new RateLimiter("redis", limits, buckets, release);
      }
      if (postgres) return new RateLimiter("postgres", limits, postgres, release);
      logger.warn("Neither REDIS_URL nor DATABASE_URL is set: rate limits are counted in this process's memory only");
      return new RateLimiter("memory", limits, new Map(rules.map(({ limit, scope, rule }) => [bucketKey(limit, scope), new RateLimiterMemory(common(limit, scope, rule))])), release);
    } catch (error) {
      await release();
      throw error;
    }
  }

  /**
   * Counts one request for the subject's member bucket, then its organisation's. Resolves when
   * both have room; otherwise throws {@link RateLimitedError} for the bucket that is full. A
   * request the organisation refuses is given back to the member's bucket, so a busy workspace
   * does not spend one person's own allowance.
   *
   * A store that fails outright (Redis and its insurance both unreachable) lets the request
   * through and logs it: rate limits protect Lumen, they must not take it down.
   */
  async consume(limit: LimitName, subject: RateLimitSubject): Promise<void> {
    const taken: { bucket: RateLimiterAbstract; id: string }[] = [];
    for (const scope of ["user", "organization"] as const) {
      const rule = this.limits[limit][scope];
      const id = scope === "user" ? subject.userId : subject.organizationId;
      const bucket = this.buckets.get(bucketKey(limit, scope));
      if (!rule || !id || !bucket) continue;
      try {
        await bucket.consume(id);
        taken.push({ bucket, id });
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) {
          logger.error({ err: e instanceof Error ? e.message : String(e), limit, scope }, "rate limit could not be counted; the request is allowed");
          continue;
        }
        await Promise.allSettled(taken.map((t) => t.bucket.reward(t.id)));
        const retryAfterMs = Math.max(0, e.msBeforeNext);
        throw new RateLimitedError(limit, scope, retryAfterMs, refusalMessage(rule, retryAfterMs));
      }
    }
  }

  /** Closes the connections this limiter opened (not a Redis client it was given). */
  async close(): Promise<void> {
    await this.release();
  }
}

const shared = globalThis as unknown as { __lumenRateLimiter?: Promise<RateLimiter> };

/** The process-wide limiter, from the environment: REDIS_URL, DATABASE_URL and the RATE_LIMIT_* rates. */
function processLimiter(): Promise<RateLimiter> {
  if (!shared.__lumenRateLimiter) {
    const limits = loadRateLimits();
    const created = RateLimiter.create({ limits, redisUrl: process.env.REDIS_URL || undefined, databaseUrl: process.env.DATABASE_URL || undefined });
    // A store that could not be reached at start is tried again by the next request.
    created.catch(() => {
      if (shared.__lumenRateLimiter === created) shared.__lumenRateLimiter = undefined;
    });
    shared.__lumenRateLimiter = created;
  }
  return shared.__lumenRateLimiter;
}

/**
 * Counts one request of `limit` for the member and their organisation with the process-wide
 * limiter. Resolves when allowed; throws {@link RateLimitedError} with the sentence to show and
 * `retryAfterMs` when not. A malformed RATE_LIMIT_* variable throws {@link RateLimitConfigError}.
 */
export async function consume(limit: LimitName, subject: RateLimitSubject): Promise<void> {
  let limiter: RateLimiter;
  try {
    limiter = await processLimiter();
  } catch (error) {
    if (error instanceof RateLimitConfigError) throw error;
    logger.error({ err: error instanceof Error ? error.message : String(error), limit }, "rate limits are unavailable; the request is allowed");
    return;
  }
  await limiter.consume(limit, subject);
}

/** Closes the process-wide limiter's connections; the next {@link consume} opens them again. */
export async function closeRateLimiter(): Promise<void> {
  const current = shared.__lumenRateLimiter;
  shared.__lumenRateLimiter = undefined;
  if (current) await (await current.catch(() => null))?.close();
}
