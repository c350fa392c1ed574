import { randomBytes } from "node:crypto";
import pg from "pg";
import { generateKey } from "@/server/connectors/crypto";
import { createPrismaClient, type Db } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrations";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";

export interface BenchWorkspace {
  db: Db;
  sandbox: RunningSandbox;
  /** The benchmark database's own name, unique per run (also a handy unique slug). */
  dbName: string;
}

/**
 * Runs a benchmark against a fresh, migrated database of its own on the local PostgreSQL
 * (TEST_DATABASE_URL, default 127.0.0.1:5432) and the sandbox company in process; drops both after,
 * whatever happens.
 */
export async function withBenchWorkspace<T>(run: (workspace: BenchWorkspace) => Promise<T>): Promise<T> {
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  const admin = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  const dbName = `pm_bench_${randomBytes(4).toString("hex")}`;
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE "${dbName}"`);
  const url = new URL(admin);
  url.pathname = `/${dbName}`;
  const sandbox = await startSandboxServer({ seed: 1 });
  const db = createPrismaClient(url.toString());
  try {
    await applyMigrations(url.toString());
    return await run({ db, sandbox, dbName });
  } finally {
    await db.$disconnect();
    await sandbox.close();
    await adminClient.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await adminClient.end();
  }
}
