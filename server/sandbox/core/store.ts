import { createHash } from "node:crypto";
import stringify from "safe-stable-stringify";
import { seedSandbox } from "./seed";
import { type SandboxState } from "./types";

export interface SandboxSnapshot {
  id: string;
  state: SandboxState;
}

/**
 * The sandbox's whole world in memory. Route handlers read and write `store.state` directly; tests
 * and episodes snapshot, restore, reset and hash it.
 *
 * Time inside the sandbox is logical: `tick()` advances a counter from the company's "now", so the
 * same sequence of writes yields the same timestamps and the same hash on every run.
 */
export class SandboxStore {
  state: SandboxState;
  private snapshots = new Map<string, SandboxState>();

  constructor(seed = 1) {
    this.state = seedSandbox(seed);
  }

  /** A deep copy of the current state, kept under an id for `restore`. */
  snapshot(): SandboxSnapshot {
    const id = `snap-${this.snapshots.size + 1}`;
    const state = structuredClone(this.state);
    this.snapshots.set(id, state);
    return { id, state: structuredClone(state) };
  }

  restore(snapshot: string | SandboxState): void {
    const state = typeof snapshot === "string" ? this.snapshots.get(snapshot) : snapshot;
    if (!state) throw new Error(`No sandbox snapshot "${String(snapshot)}"`);
    this.state = structuredClone(state);
  }

  reset(seed = this.state.seed): void {
    this.state = seedSandbox(seed);
  }

  /**
   * A stable SHA-256 of the world: the company and every tool's data, key order independent.
   * Credentials are left out — tokens are random and say nothing about the work.
   */
  hash(): string {
    const { oauth: _credentials, ...world } = this.state;
    return createHash("sha256").update(stringify(world) ?? "").digest("hex");
  }

  /** The next integer for a counter key, starting at `start`. */
  nextId(key: string, start = 1): number {
    const next = (this.state.counters[key] ?? start - 1) + 1;
    this.state.counters[key] = next;
    return next;
  }

  /** The logical clock: one second further each call, starting just after the company's "now". */
  tick(): Date {
    const n = this.nextId("clock");
    return new Date(new Date(this.state.company.now).getTime() + n * 1000);
  }
}
