import { type SandboxStore } from "../core/store";

/** GitHub's primary REST limits: 5,000 an hour for a user token, 60 for unauthenticated callers. */
export const AUTHENTICATED_LIMIT = 5000;
export const ANONYMOUS_LIMIT = 60;
const WINDOW_MS = 3_600_000;

/** One caller's budget as GitHub reports it in the x-ratelimit-* headers. */
export interface RateWindow {
  limit: number;
  used: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
}

/**
 * Hourly request budgets per caller (a token, or "anon:<ip>"), measured on the real clock like
 * GitHub's. Kept beside the store rather than in its state: counting reads must not change the
 * world's hash, and snapshots should not rewind a client's budget.
 */
export class GithubRateLimiter {
  private windows = new Map<string, { limit: number; used: number; resetMs: number }>();

  private window(key: string, limit: number, nowMs: number) {
    let w = this.windows.get(key);
    if (!w || w.resetMs <= nowMs) {
      w = { limit, used: 0, resetMs: nowMs + WINDOW_MS };
      this.windows.set(key, w);
    }
    return w;
  }

  /** The caller's window without counting a request (GET /rate_limit does not count). */
  peek(key: string, limit: number, nowMs = Date.now()): RateWindow {
    const w = this.window(key, limit, nowMs);
    return { limit: w.limit, used: w.used, remaining: Math.max(0, w.limit - w.used), reset: Math.ceil(w.resetMs / 1000) };
  }

  /** Counts one request; `allowed` is false once the window is spent (the request is then refused and not counted). */
  consume(key: string, limit: number, nowMs = Date.now()): RateWindow & { allowed: boolean } {
    const w = this.window(key, limit, nowMs);
    if (w.used >= w.limit) return { ...this.peek(key, limit, nowMs), allowed: false };
    w.used++;
    return { ...this.peek(key, limit, nowMs), allowed: true };
  }

  /** Sets how much of the caller's current window is used — for tests and episodes that exercise the limit. */
  setUsed(key: string, used: number, limit = AUTHENTICATED_LIMIT, nowMs = Date.now()): void {
    this.window(key, limit, nowMs).used = Math.max(0, Math.min(used, limit));
  }

  clear(): void {
    this.windows.clear();
  }
}

const limiters = new WeakMap<SandboxStore, GithubRateLimiter>();

/** The rate limiter of the GitHub sandbox serving `store` (one per store). */
export function githubRateLimiter(store: SandboxStore): GithubRateLimiter {
  let limiter = limiters.get(store);
  if (!limiter) {
    limiter = new GithubRateLimiter();
    limiters.set(store, limiter);
  }
  return limiter;
}
