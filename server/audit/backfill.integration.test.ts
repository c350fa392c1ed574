import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrations";
import { recordAudit } from "./record";
import { verifyAll, verifyChain } from "./verify";

const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const CHAIN_MIGRATION = /_audit_hash_chain$/;
const schema = `audit_backfill_${randomBytes(4).toString("hex")}`;
const databaseUrl = (() => {
  const url = new URL(inject("databaseUrl"));
  url.searchParams.set("schema", schema);
  return url.toString();
})();

afterAll(async () => {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

describe("the hash-chain migration", () => {
  it("chains events recorded before it so that the app's verifier agrees", async () => {
    // The migrations as they were before hashing, applied to a schema of its own.
    const before = await mkdtemp(path.join(os.tmpdir(), "lumen-migrations-"));
    const names = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const chainIndex = names.findIndex((n) => CHAIN_MIGRATION.test(n));
    expect(chainIndex).toBeGreaterThan(0);
    for (const name of names.slice(0, chainIndex)) await cp(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
    await cp(path.join(migrationsDir, "migration_lock.toml"), path.join(before, "migration_lock.toml"));
    await applyMigrations(databaseUrl, { migrationsDir: before });
    await rm(before, { recursive: true });

    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    const insert = (id: string, org: string, createdAt: string, metadata: string, extra: Partial<Record<"actorId" | "targetType" | "targetId" | "requestId" | "ip", string>> = {}) =>
      client.query(
        `INSERT INTO "${schema}"."AuditEvent" (id, "organizationId", action, metadata, "createdAt", "targetType", "targetId", "requestId", ip)
         VALUES ($1, $2, 'legacy.recorded', $3::jsonb, $4, $5, $6, $7, $8)`,
        [id, org, metadata, createdAt, extra.targetType ?? null, extra.targetId ?? null, extra.requestId ?? null, extra.ip ?? null],
      );
    try {
      for (const org of ["org_one", "org_two"]) {
        await client.query(`INSERT INTO "${schema}"."Organization" (id, name, slug, "updatedAt") VALUES ($1, $1, $1, now())`, [org]);
      }
      // Same createdAt for evt_b and evt_a: the id breaks the tie, so evt_a comes first.
      await insert("evt_b", "org_one", "2026-01-01T00:00:01.500Z", `{"z": [1, 2.5, {"b": true, "a": null}], "a": "quote \\" and \\n newline", "ünï": "ç😀"}`, { targetType: "Thing", targetId: "t1" });
      await insert("evt_a", "org_one", "2026-01-01T00:00:01.500Z", `{}`, { requestId: "req_1", ip: "10.0.0.1" });
      await insert("evt_c", "org_one", "2026-01-01T00:00:00.001Z", `{"big": 1e21, "small": 1.5e-7, "neg": -3, "nested": {"\\uff5e": 1, "\\ud83d\\ude00": 2}}`);
      await insert("evt_d", "org_two", "2025-12-31T23:59:59.999Z", `{"only": "one"}`);
    } finally {
      await client.end();
    }

    const { applied } = await applyMigrations(databaseUrl, { migrationsDir });
    expect(applied).toEqual([names[chainIndex]]);

    const db = createPrismaClient(databaseUrl);
    try {
      const rows = await db.auditEvent.findMany({ orderBy: [{ organizationId: "asc" }, { seq: "asc" }] });
      expect(rows.map((r) => [r.id, r.seq, r.prevHash === null])).toEqual([
        ["evt_c", 1, true],
        ["evt_a", 2, false],
        ["evt_b", 3, false],
        ["evt_d", 1, true],
      ]);
      expect(await verifyAll(db)).toEqual([
        { ok: true, organizationId: "org_one", events: 3 },
        { ok: true, organizationId: "org_two", events: 1 },
      ]);

      // The app continues the migrated chain.
      await recordAudit(db, { organizationId: "org_one", action: "test.after_migration" });
      expect(await verifyChain(db, "org_one")).toEqual({ ok: true, organizationId: "org_one", events: 4 });
    } finally {
      await db.$disconnect();
    }
  });
});
