import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { type Db } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant";
import { callerFor, createOrg, sessionFor, testDb } from "@/test/db";
import { hashEvent } from "./chain";
import { recordAudit } from "./record";
import { verifyChain } from "./verify";

const superuser = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
afterAll(() => superuser.end());

/** Runs `sql` with the append-only triggers off, as someone with direct database access could. */
async function tamper(sql: string, params: unknown[]) {
  const client = await superuser.connect();
  try {
    await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
    await client.query(sql, params);
  } finally {
    await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
    client.release();
  }
}

async function orgWithEvents(count: number) {
  const org = await createOrg(["ADMIN"]);
  for (let i = 1; i <= count; i++) {
    await recordAudit(testDb(), { organizationId: org.org.id, actorId: org.members[0]!.user.id, action: "test.recorded", metadata: { i, note: `event ${i}` } });
  }
  const rows = await testDb().auditEvent.findMany({ where: { organizationId: org.org.id }, orderBy: { seq: "asc" } });
  return { org, rows };
}

/** Appends `count` chained events fast: hashes computed here, rows written with createMany in batches. */
async function appendChain(db: Db, organizationId: string, count: number) {
  const batch = 5_000;
  let prevHash: string | null = null;
  const start = Date.now() - count;
  for (let from = 1; from <= count; from += batch) {
    const rows = [];
    for (let seq = from; seq < Math.min(from + batch, count + 1); seq++) {
      const fields = {
        organizationId,
        seq,
        actorId: null,
        action: "bulk.recorded",
        targetType: "Thing",
        targetId: `thing_${seq}`,
        metadata: { seq, even: seq % 2 === 0 },
        requestId: `req_${seq}`,
        ip: null,
        createdAt: new Date(start + seq),
        prevHash,
      };
      const hash = hashEvent(fields);
      rows.push({ ...fields, hash });
      prevHash = hash;
    }
    await db.auditEvent.createMany({ data: rows });
  }
}

describe("the audit hash chain", () => {
  it("grows one linked event at a time, through every kind of client, and verifies", async () => {
    const org = await createOrg(["ADMIN"]);
    const organizationId = org.org.id;
    await recordAudit(testDb(), { organizationId, action: "test.first", metadata: { when: new Date("2026-01-01T00:00:00Z"), skipped: undefined } });
    await recordAudit(tenantDb(testDb(), organizationId), { organizationId, action: "test.second", targetType: "Thing", targetId: "t1", ip: "10.0.0.1", requestId: "r1" });
    await testDb().$transaction((tx) => recordAudit(tx as Db, { organizationId, action: "test.third", metadata: { n: 1.5e-7, big: 1e21 } }));

    const rows = await testDb().auditEvent.findMany({ where: { organizationId }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.seq, r.action])).toEqual([
      [1, "test.first"],
      [2, "test.second"],
      [3, "test.third"],
    ]);
    expect(rows[0]!.prevHash).toBeNull();
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    expect(await verifyChain(testDb(), organizationId)).toEqual({ ok: true, organizationId, events: 3 });
  });

  it("detects an altered event as changed at its seq", async () => {
    const { org, rows } = await orgWithEvents(5);
    await tamper(`UPDATE "AuditEvent" SET metadata = '{"i": 3, "note": "nothing to see"}' WHERE id = $1`, [rows[2]!.id]);

    expect(await verifyChain(testDb(), org.org.id)).toEqual({ ok: false, organizationId: org.org.id, seq: 3, id: rows[2]!.id, problem: "changed", events: 2 });
  });

  it("detects a deleted event as missing, naming the row after the gap", async () => {
    const { org, rows } = await orgWithEvents(4);
    await tamper(`DELETE FROM "AuditEvent" WHERE id = $1`, [rows[1]!.id]);

    expect(await verifyChain(testDb(), org.org.id)).toEqual({ ok: false, organizationId: org.org.id, seq: 2, id: rows[2]!.id, problem: "missing", events: 1 });
  });

  it("detects an event rewritten with a fresh hash as a broken link at the next event", async () => {
    const { org, rows } = await orgWithEvents(4);
    const forged = { ...rows[1]!, metadata: { i: 2, note: "forged" } };
    await tamper(`UPDATE "AuditEvent" SET metadata = $2, hash = $3 WHERE id = $1`, [forged.id, forged.metadata, hashEvent(forged)]);

    expect(await verifyChain(testDb(), org.org.id)).toEqual({ ok: false, organizationId: org.org.id, seq: 3, id: rows[2]!.id, problem: "broken link", events: 2 });
  });

  it("keeps 50 concurrent writers on one gap-free chain", async () => {
    const org = await createOrg(["ADMIN"]);
    await Promise.all(Array.from({ length: 50 }, (_, i) => recordAudit(testDb(), { organizationId: org.org.id, action: "test.concurrent", metadata: { i } })));

    const rows = await testDb().auditEvent.findMany({ where: { organizationId: org.org.id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => (r.metadata as { i: number }).i)).size).toBe(50);
    expect(await verifyChain(testDb(), org.org.id)).toEqual({ ok: true, organizationId: org.org.id, events: 50 });
  });

  it("verifies a chain of 100,000 events", { timeout: 240_000 }, async () => {
    const org = await createOrg(["ADMIN"]);
    await appendChain(testDb(), org.org.id, 100_000);
    await recordAudit(testDb(), { organizationId: org.org.id, action: "test.after_bulk" });

    expect(await verifyChain(testDb(), org.org.id)).toEqual({ ok: true, organizationId: org.org.id, events: 100_001 });
  });

  it("reports the organisation's integrity on audit.integrity", async () => {
    const { org, rows } = await orgWithEvents(3);
    const admin = org.members[0]!;
    const caller = await callerFor(sessionFor(org.org, admin.user, "ADMIN"));
    expect(await caller.audit.integrity()).toEqual({ ok: true, organizationId: org.org.id, events: 3 });

    await tamper(`DELETE FROM "AuditEvent" WHERE id = $1`, [rows[0]!.id]);
    expect(await caller.audit.integrity()).toMatchObject({ ok: false, seq: 1, problem: "missing", id: rows[1]!.id });
  });
});
