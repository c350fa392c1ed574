import { describe, expect, it } from "vitest";
import { ConnectorError } from "./errors";
import { ConnectionResilience } from "./resilience";

const fast = { timeoutMs: 1_000, maxAttempts: 1, maxRetryAfterMs: 100, breakerThreshold: 2, halfOpenAfterMs: 60, initialDelayMs: 1 };
const outage = () => Promise.reject(new ConnectorError("unavailable", "down"));

describe("the connection's circuit", () => {
  it("opens after repeated outages, reads as open only while calls are paused, then lets a trial call through", async () => {
    const r = new ConnectionResilience(fast);
    await expect(r.execute(outage)).rejects.toMatchObject({ kind: "unavailable" });
    expect(r.circuitOpen).toBe(false);
    await expect(r.execute(outage)).rejects.toMatchObject({ kind: "unavailable" });
    expect(r.circuitOpen).toBe(true);
    await expect(r.execute(() => Promise.resolve(1))).rejects.toMatchObject({ kind: "circuit_open" });
    await new Promise((done) => setTimeout(done, fast.halfOpenAfterMs + 20));
    // The pause is over: callers may try again, and a success closes the circuit.
    expect(r.circuitOpen).toBe(false);
    await expect(r.execute(() => Promise.resolve(2))).resolves.toMatchObject({ value: 2 });
    expect(r.circuitOpen).toBe(false);
  });

  it("re-sends a write only when the tool refused it", async () => {
    const r = new ConnectionResilience({ ...fast, maxAttempts: 3, breakerThreshold: 10 });
    let calls = 0;
    await expect(
      r.execute(() => {
        calls++;
        return Promise.reject(new ConnectorError("unavailable", "502"));
      }, "write"),
    ).rejects.toMatchObject({ kind: "unavailable" });
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      r.execute(() => (++calls < 3 ? Promise.reject(new ConnectorError("rate_limited", "429", { retryAfterMs: 1 })) : Promise.resolve("ok")), "write"),
    ).resolves.toMatchObject({ value: "ok", retries: 2 });
  });
});
