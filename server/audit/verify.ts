import { type Db } from "@/server/db/client";
import { type TenantDb } from "@/server/db/tenant";
import { hashEvent, type JsonValue } from "./chain";

/** What is wrong at the first bad event: its content no longer matches its hash, an event is gone, or the link to the previous event does not match. */
export type ChainProblem = "changed" | "missing" | "broken link";

export type ChainVerdict =
  | { ok: true; organizationId: string; events: number }
  | {
      ok: false;
      organizationId: string;
      /** The position where the chain breaks; for "missing", the position of the absent event. */
      seq: number;
      /** The row at fault; for "missing", the first row after the gap. */
      id: string;
      problem: ChainProblem;
      /** Events verified before the break. */
      events: number;
    };

const PAGE_SIZE = 2_000;

/**
 * Walks one organisation's audit trail in seq order, a page at a time, recomputing every hash and
 * checking each link and that seq counts 1, 2, 3… without gaps. Stops at the first problem.
 * Removing events from the end of the chain leaves a shorter valid chain; compare `events` with an
 * earlier count to notice that.
 */
export async function verifyChain(db: Db | TenantDb, organizationId: string): Promise<ChainVerdict> {
  const client = db as Db;
  let expectedSeq = 1;
  let previousHash: string | null = null;
  for (;;) {
    const page = await client.auditEvent.findMany({
      where: { organizationId, seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: PAGE_SIZE,
    });
    for (const row of page) {
      const broken = (problem: ChainProblem) =>
        ({ ok: false, organizationId, seq: expectedSeq, id: row.id, problem, events: expectedSeq - 1 }) as const;
      if (row.seq !== expectedSeq) return broken("missing");
      const recomputed = hashEvent({ ...row, metadata: row.metadata as JsonValue });
      if (recomputed !== row.hash) return broken("changed");
      if (row.prevHash !== previousHash) return broken("broken link");
      previousHash = row.hash;
      expectedSeq += 1;
    }
    if (page.length < PAGE_SIZE) return { ok: true, organizationId, events: expectedSeq - 1 };
  }
}

/** Verifies every organisation that has audit events, in organisation id order. */
export async function verifyAll(db: Db): Promise<ChainVerdict[]> {
  const organizations = await db.auditEvent.groupBy({ by: ["organizationId"], orderBy: { organizationId: "asc" } });
  const verdicts: ChainVerdict[] = [];
  for (const { organizationId } of organizations) verdicts.push(await verifyChain(db, organizationId));
  return verdicts;
}

/** One line for people: what was verified, or where the chain breaks and what is wrong there. */
export function describeVerdict(verdict: ChainVerdict): string {
  if (verdict.ok) return `${verdict.organizationId}: ${verdict.events} events, chain intact`;
  const what = {
    changed: "its content no longer matches its hash (the row was altered)",
    missing: "this event is missing (a row was deleted); the chain resumes at the row named",
    "broken link": "its link to the previous event does not match (an earlier row was altered or replaced)",
  }[verdict.problem];
  return `${verdict.organizationId}: broken at event #${verdict.seq} (id ${verdict.id}): ${verdict.problem}: ${what}`;
}
