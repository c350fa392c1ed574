import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from "cockatiel";
import { ConnectorError } from "./errors";

export interface ResilienceOptions {
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Attempts in total, including the first. */
  maxAttempts: number;
  /** Longest we wait for a Retry-After before giving up on this call. */
  maxRetryAfterMs: number;
  /** Consecutive outages that open the circuit. */
  breakerThreshold: number;
  /** How long the circuit stays open before a trial call. */
  halfOpenAfterMs: number;
  /** Base of the exponential backoff when the tool gives no Retry-After. */
  initialDelayMs: number;
}

export const DEFAULT_RESILIENCE: ResilienceOptions = {
  timeoutMs: 30_000,
  maxAttempts: 4,
  maxRetryAfterMs: 60_000,
  breakerThreshold: 5,
  halfOpenAfterMs: 30_000,
  initialDelayMs: 250,
};

export interface CallOutcome {
  retries: number;
}

/**
 * Timeouts, retries that honour Retry-After, and a circuit breaker — one set per connection, so a
 * failing Jira site never slows down a healthy Slack workspace. Built from cockatiel's policies.
 */
export class ConnectionResilience {
  readonly breaker: CircuitBreakerPolicy;
  private readonly policy: IPolicy;
  private readonly writePolicy: IPolicy;
  private attempts = 0;
  private openedAt = 0;

  constructor(readonly options: ResilienceOptions = DEFAULT_RESILIENCE) {
    const exponential = new ExponentialBackoff({ initialDelay: options.initialDelayMs, maxDelay: 10_000 });
    const retryPolicy = retry(
      handleWhen((e) => e instanceof TaskCancelledError || (e instanceof ConnectorError && e.retryable && (e.details.retryAfterMs ?? 0) <= options.maxRetryAfterMs)),
      {
        maxAttempts: options.maxAttempts - 1,
        backoff: new DelegateBackoff((context, state: ReturnType<typeof exponential.next> | undefined) => {
          const next = (state ?? exponential).next(context);
          const error = "error" in context.result ? context.result.error : undefined;
          const hinted = error instanceof ConnectorError ? error.details.retryAfterMs : undefined;
          return { delay: hinted ?? next.duration, state: next };
        }),
      },
    );
    retryPolicy.onRetry(() => this.attempts++);
    this.breaker = circuitBreaker(
      handleWhen((e) => e instanceof TaskCancelledError || (e instanceof ConnectorError && e.isOutage)),
      { halfOpenAfter: options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.breakerThreshold) },
    );
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
    });
    const timeoutPolicy = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
    this.policy = wrap(retryPolicy, this.breaker, timeoutPolicy);
    // A write is re-sent only when the tool refused it outright (429: nothing happened). After a
    // timeout or a 5xx the write may have landed; whoever retries must look for it first.
    const refusedOnly = retry(
      handleWhen((e) => e instanceof ConnectorError && e.kind === "rate_limited" && (e.details.retryAfterMs ?? 0) <= options.maxRetryAfterMs),
      {
        maxAttempts: options.maxAttempts - 1,
        backoff: new DelegateBackoff((context, state: ReturnType<typeof exponential.next> | undefined) => {
          const next = (state ?? exponential).next(context);
          const error = "error" in context.result ? context.result.error : undefined;
          const hinted = error instanceof ConnectorError ? error.details.retryAfterMs : undefined;
          return { delay: hinted ?? next.duration, state: next };
        }),
      },
    );
    refusedOnly.onRetry(() => this.attempts++);
    this.writePolicy = wrap(refusedOnly, this.breaker, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));
  }

  /**
   * Whether calls are paused right now. The breaker moves to half-open only when a call is tried,
   * so once the pause is over this says "closed" and lets the next call be the trial.
   */
  get circuitOpen(): boolean {
    return this.breaker.state === CircuitState.Open && Date.now() - this.openedAt < this.options.halfOpenAfterMs;
  }

  /**
   * Runs `fn` under the policies. `fn` must throw ConnectorError for tool failures; the signal
   * aborts a timed-out attempt. In "write" mode only refusals (429) are retried: a non-idempotent
   * write that timed out or met a 5xx is never re-sent blindly.
   */
  async execute<T>(fn: (signal: AbortSignal) => Promise<T>, mode: "read" | "write" = "read"): Promise<{ value: T } & CallOutcome> {
    const before = this.attempts;
    try {
      const value = await (mode === "write" ? this.writePolicy : this.policy).execute(({ signal }) => fn(signal));
      return { value, retries: this.attempts - before };
    } catch (e) {
      const retries = this.attempts - before;
      if (e instanceof BrokenCircuitError) throw Object.assign(new ConnectorError("circuit_open", "Circuit open after repeated failures"), { retries });
      if (e instanceof TaskCancelledError) throw Object.assign(new ConnectorError("timeout", `No answer within ${this.options.timeoutMs} ms`), { retries });
      if (e instanceof Error) Object.assign(e, { retries });
      throw e;
    }
  }
}
