import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

/**
 * The one database path: Prisma through @prisma/adapter-pg, whether DATABASE_URL points at a
 * managed Postgres or at the embedded server `npm start` runs. Tenant code never uses this client
 * directly; it receives `tenantDb(organizationId)` from the procedure kind.
 */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") ?? undefined;
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }, schema ? { schema } : undefined);
  return new PrismaClient({ adapter });
}

export class DatabaseNotConfiguredError extends Error {
  constructor() {
    super("DATABASE_URL is not set. Start the app with `npm start` (it runs an embedded Postgres) or set DATABASE_URL to your Postgres.");
    this.name = "DatabaseNotConfiguredError";
  }
}

const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient };

/** The process-wide client, created on first use so builds never need a database. */
export function getDb(): PrismaClient {
  if (!globalForPrisma.__prisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new DatabaseNotConfiguredError();
    globalForPrisma.__prisma = createPrismaClient(url);
  }
  return globalForPrisma.__prisma;
}

export type Db = PrismaClient;
