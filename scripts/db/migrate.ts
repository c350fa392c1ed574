// Migration CLI that needs no native Prisma engine:
//   tsx scripts/db/migrate.ts deploy                 apply pending migrations to DATABASE_URL
//   tsx scripts/db/migrate.ts create --name <name>   write a migration for schema changes
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { applyMigrations, createMigration } from "../../server/db/migrations";

const USAGE = "Usage: tsx scripts/db/migrate.ts deploy | create --name <name> [--draft]";

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: "string" }, draft: { type: "boolean", default: false } },
  });
  const log = (message: string) => console.log(message);

  switch (positionals[0]) {
    case "deploy": {
      // Same convention as scripts/start.ts: a .env file fills in what the environment lacks.
      if (existsSync(".env")) process.loadEnvFile(".env");
      const databaseUrl = process.env.DATABASE_URL;
      if (!databaseUrl) {
        console.error("DATABASE_URL is not set: export the Postgres connection URL (or put it in .env) to migrate.");
        return 1;
      }
      const { applied } = await applyMigrations(databaseUrl, { log });
      console.log(applied.length === 0 ? "No pending migrations" : `Applied ${applied.length} migration(s)`);
      return 0;
    }
    case "create": {
      if (!values.name) {
        console.error(`Missing --name.\n${USAGE}`);
        return 1;
      }
      const created = await createMigration(values.name, { draft: values.draft, log });
      console.log(created ? created.path : "No schema changes");
      return 0;
    }
    default:
      console.error(USAGE);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
