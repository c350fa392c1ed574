import { createHash, randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  EmbeddedPostgresDataDirInUseError,
  EmbeddedPostgresPortInUseError,
  startEmbeddedPostgres,
} from "./embedded-postgres";
import { applyMigrations, createMigration, MigrationError } from "./migrations";

const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const schemaPath = fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url));
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const productTables = ["Account", "AuditEvent", "Membership", "Organization", "Session", "User", "VerificationToken"];

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function tablesIn(client: pg.Client, schema = "public"): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
    [schema],
  );
  return rows.map((r) => r.table_name);
}

async function insertOrganizationWithEvent(client: pg.Client, tag: string): Promise<void> {
  await client.query(
    `INSERT INTO "Organization" (id, name, slug, "updatedAt") VALUES ($1, $2, $3, now())`,
    [`org_${tag}`, `Org ${tag}`, `org-${tag}`],
  );
  await client.query(`INSERT INTO "AuditEvent" (id, "organizationId", action, seq, hash) VALUES ($1, $2, 'org.created', 1, 'unchained')`, [
    `evt_${tag}`,
    `org_${tag}`,
  ]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("applyMigrations against Postgres", () => {
  const databaseName = `pm_test_mig_${randomBytes(6).toString("hex")}`;
  const databaseUrl = (() => {
    const url = new URL(adminUrl);
    url.pathname = `/${databaseName}`;
    return url.toString();
  })();

  beforeAll(async () => {
    await withClient(adminUrl, (admin) => admin.query(`CREATE DATABASE "${databaseName}"`));
  });

  afterAll(async () => {
    await withClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
  });

  it("applies every migration and records it as Prisma does", async () => {
    const { applied } = await applyMigrations(databaseUrl, { migrationsDir });

    expect(applied).toEqual(await migrationNames());
    await withClient(databaseUrl, async (client) => {
      expect(await tablesIn(client)).toEqual(expect.arrayContaining([...productTables, "_prisma_migrations"]));
      const { rows } = await client.query<{ migration_name: string; checksum: string; finished: boolean }>(
        `SELECT migration_name, checksum, finished_at IS NOT NULL AND rolled_back_at IS NULL AS finished
         FROM _prisma_migrations ORDER BY migration_name`,
      );
      for (const row of rows) {
        const sql = await readFile(path.join(migrationsDir, row.migration_name, "migration.sql"));
        expect(row).toEqual({
          migration_name: row.migration_name,
          checksum: createHash("sha256").update(sql).digest("hex"),
          finished: true,
        });
      }
      expect(rows.map((r) => r.migration_name)).toEqual(applied);
    });
  });

  it("applies nothing the second time", async () => {
    const { applied } = await applyMigrations(databaseUrl, { migrationsDir });

    expect(applied).toEqual([]);
    await withClient(databaseUrl, async (client) => {
      const { rows } = await client.query<{ count: number }>("SELECT count(*)::int AS count FROM _prisma_migrations");
      expect(rows[0]?.count).toBe((await migrationNames()).length);
    });
  });

  it("keeps AuditEvent append-only", async () => {
    await withClient(databaseUrl, async (client) => {
      await insertOrganizationWithEvent(client, "append_only");

      await expect(client.query(`UPDATE "AuditEvent" SET action = 'tampered'`)).rejects.toThrow(
        "AuditEvent is append-only",
      );
      await expect(client.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow("AuditEvent is append-only");
      const { rows } = await client.query<{ action: string }>(`SELECT action FROM "AuditEvent"`);
      expect(rows).toEqual([{ action: "org.created" }]);
    });
  });

  it("migrates into the schema named by ?schema= and names a failing migration with the database's message", async () => {
    const brokenDir = await mkdtemp(path.join(os.tmpdir(), "pm-migrations-"));
    try {
      await cp(migrationsDir, brokenDir, { recursive: true });
      await mkdir(path.join(brokenDir, "29991231235959_broken"));
      await writeFile(
        path.join(brokenDir, "29991231235959_broken", "migration.sql"),
        `CREATE TABLE "Partial" (id int);\nALTER TABLE "Missing" ADD COLUMN x int;\n`,
      );
      const url = `${databaseUrl}?schema=isolated`;

      const failure = await applyMigrations(url, { migrationsDir: brokenDir }).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(MigrationError);
      expect((failure as MigrationError).migrationName).toBe("29991231235959_broken");
      expect((failure as MigrationError).message).toContain('relation "Missing" does not exist');
      await withClient(databaseUrl, async (client) => {
        // Earlier migrations landed in the named schema; the failed one was rolled back as a whole.
        expect(await tablesIn(client, "isolated")).toEqual(
          expect.arrayContaining([...productTables, "_prisma_migrations"]),
        );
        expect(await tablesIn(client, "isolated")).not.toContain("Partial");
      });
    } finally {
      await rm(brokenDir, { recursive: true, force: true });
    }
  });
});

describe("createMigration", () => {
  it("finds no difference between prisma/schema.prisma and the committed migrations", async () => {
    // A copy, so a forgotten migration fails this test instead of being written into the repository.
    const copy = await mkdtemp(path.join(os.tmpdir(), "pm-migrations-"));
    try {
      await cp(migrationsDir, copy, { recursive: true });
      const created = await createMigration("pending_schema_changes", { migrationsDir: copy, schemaPath });
      const pending = created ? await readFile(path.join(created.path, "migration.sql"), "utf8") : "";
      expect(pending, "prisma/schema.prisma has changes without a migration").toBe("");
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});

describe("embedded Postgres (PGlite)", () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "pm-pglite-"));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves concurrent clients and keeps its data across a restart", async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(first.url).toContain(`127.0.0.1:${port}`);
      expect((await applyMigrations(first.url, { migrationsDir })).applied).toEqual(await migrationNames());

      const clients = await Promise.all(
        [0, 1, 2].map(async () => {
          const client = new pg.Client({ connectionString: first.url });
          await client.connect();
          return client;
        }),
      );
      try {
        // Interleaved parameterised statements and explicit transactions from three connections.
        const results = await Promise.all(
          clients.map(async (client, index) => {
            const tag = `c${index}`;
            await client.query("BEGIN");
            await insertOrganizationWithEvent(client, tag);
            const inside = await client.query<{ count: number }>(
              `SELECT count(*)::int AS count FROM "AuditEvent" WHERE "organizationId" = $1`,
              [`org_${tag}`],
            );
            await client.query("COMMIT");
            const echoes: number[] = [];
            for (let i = 0; i < 20; i++) {
              const { rows } = await client.query<{ n: number }>(`SELECT $1::int * ${index + 1} AS n`, [i]);
              echoes.push(rows[0]!.n);
            }
            return { inside: inside.rows[0]?.count, echoes };
          }),
        );

        results.forEach((result, index) => {
          expect(result.inside).toBe(1);
          expect(result.echoes).toEqual(Array.from({ length: 20 }, (_, i) => i * (index + 1)));
        });
        await expect(clients[0]!.query(`UPDATE "AuditEvent" SET action = 'x'`)).rejects.toThrow(
          "AuditEvent is append-only",
        );
      } finally {
        await Promise.all(clients.map((client) => client.end()));
      }
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir, port });
    try {
      await withClient(second.url, async (client) => {
        const { rows } = await client.query<{ id: string }>(`SELECT id FROM "AuditEvent" ORDER BY id`);
        expect(rows.map((r) => r.id)).toEqual(["evt_c0", "evt_c1", "evt_c2"]);
      });
      expect((await applyMigrations(second.url, { migrationsDir })).applied).toEqual([]);
      // One shared PGlite session cannot honour a per-connection search_path; refuse rather than migrate public.
      await expect(applyMigrations(`${second.url}&schema=other`, { migrationsDir })).rejects.toThrow(
        /ignores the search_path/,
      );

      const clash = await startEmbeddedPostgres({ dataDir, port }).catch((error: unknown) => error);
      expect(clash).toBeInstanceOf(EmbeddedPostgresPortInUseError);
      expect((clash as Error).message).toMatch(new RegExp(`${port}[\\s\\S]*EMBEDDED_PG_PORT`));
      await expect(startEmbeddedPostgres({ dataDir, port: 0 })).rejects.toBeInstanceOf(
        EmbeddedPostgresDataDirInUseError,
      );
    } finally {
      await second.stop();
    }
  });
});
