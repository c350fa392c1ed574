import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { recordAudit } from "@/server/audit/record";
import { createPrismaClient, type Db } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrations";

const root = fileURLToPath(new URL("..", import.meta.url));
const schema = `audit_cli_${randomBytes(4).toString("hex")}`;
// A schema of its own, so other tests' deliberately tampered chains do not decide this one's verdicts.
const databaseUrl = (() => {
  const url = new URL(inject("databaseUrl"));
  url.searchParams.set("schema", schema);
  return url.toString();
})();

let db: Db;
const ids: string[] = [];
let organizationId = "";

async function runCli(): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  await applyMigrations(databaseUrl);
  db = createPrismaClient(databaseUrl);
  for (const name of ["a", "b"]) {
    const org = await db.organization.create({ data: { name: `Org ${name}`, slug: `${schema}-${name}` } });
    for (let i = 0; i < 3; i++) {
      const event = await recordAudit(db, { organizationId: org.id, action: "test.recorded", metadata: { i } });
      if (name === "a") ids.push(event.id);
    }
    if (name === "a") organizationId = org.id;
  }
});

afterAll(async () => {
  await db?.$disconnect();
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

describe("npm run audit:verify", () => {
  it("exits 0 with one line per organisation on an untouched trail", async () => {
    const result = await runCli();

    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/: 3 events, chain intact$/);
    expect(result.stdout).toContain(organizationId);
  });

  it("exits 1 naming the organisation, seq, id and problem after tampering", async () => {
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    try {
      await client.query(`ALTER TABLE "${schema}"."AuditEvent" DISABLE TRIGGER USER`);
      await client.query(`UPDATE "${schema}"."AuditEvent" SET action = 'test.rewritten' WHERE id = $1`, [ids[1]]);
      await client.query(`ALTER TABLE "${schema}"."AuditEvent" ENABLE TRIGGER USER`);
    } finally {
      await client.end();
    }

    const result = await runCli();

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${organizationId}: broken at event #2 (id ${ids[1]}): changed`);
    expect(result.stdout).toMatch(/: 3 events, chain intact$/m);
  });
});
