/**
 * `npm run audit:verify`: recomputes every organisation's audit hash chain (server/audit/verify.ts)
 * against DATABASE_URL (or .env, as `npm start` reads it), so tampering with the trail can be
 * checked from a shell or a scheduled job without opening the app.
 *
 * Output: one line per organisation. Exit codes: 0 every chain intact, 1 a chain is broken (the
 * first broken row is named: organisation, seq, id, what is wrong) or the check could not run.
 */
import { existsSync } from "node:fs";
import { describeVerdict, verifyAll } from "@/server/audit/verify";
import { createPrismaClient } from "@/server/db/client";

async function main(): Promise<number> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error("DATABASE_URL is not set: export the Postgres connection URL (or put it in .env) to verify the audit trail.");
    return 1;
  }
  const db = createPrismaClient(databaseUrl);
  try {
    const verdicts = await verifyAll(db);
    if (verdicts.length === 0) console.log("No audit events recorded yet.");
    for (const verdict of verdicts) console.log(describeVerdict(verdict));
    const broken = verdicts.find((v) => !v.ok);
    if (broken) {
      console.error(`Audit trail tampered with: ${describeVerdict(broken)}`);
      return 1;
    }
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Could not verify the audit trail: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
