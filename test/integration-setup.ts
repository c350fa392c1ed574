import { randomBytes } from "node:crypto";
import pg from "pg";
import { type TestProject } from "vitest/node";
import { applyMigrations } from "@/server/db/migrations";

/**
 * One fresh database per integration run, migrated with the product's own migrations and dropped at
 * the end. TEST_DATABASE_URL names the server (default: the local Postgres on 127.0.0.1:5432).
 */
export default async function setup(project: TestProject) {
  const admin = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  const name = `pm_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();

  const url = new URL(admin);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  project.provide("databaseUrl", url.toString());

  return async () => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
