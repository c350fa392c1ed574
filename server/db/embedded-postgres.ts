import { mkdir } from "node:fs/promises";
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export const DEFAULT_EMBEDDED_PG_PORT = 54329;
export const DEFAULT_EMBEDDED_PG_MAX_CONNECTIONS = 32;

export interface EmbeddedPostgresOptions {
  /** Directory holding the database files; created if missing. `memory://` gives a throwaway in-memory database. */
  dataDir: string;
  /** TCP port; 0 picks a free one. Defaults to env EMBEDDED_PG_PORT, then 54329. */
  port?: number;
  /** Interface to bind. Defaults to 127.0.0.1; the server has no authentication, so keep it on loopback. */
  host?: string;
  /** How many client connections may be open at once (all share one PGlite session). Default 32. */
  maxConnections?: number;
  log?: (message: string) => void;
}

export interface EmbeddedPostgres {
  /** postgres:// URL usable by `pg`, Prisma and psql. */
  url: string;
  port: number;
  /** Closes client connections, shuts PGlite down (flushing it to dataDir). Safe to call twice. */
  stop: () => Promise<void>;
}

export class EmbeddedPostgresPortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(
      `Embedded Postgres cannot listen on ${host}:${port}: the port is already in use ` +
        `(another embedded database or a Postgres server may be running). ` +
        `Stop that process or choose another port with EMBEDDED_PG_PORT=<port>.`,
    );
    this.name = "EmbeddedPostgresPortInUseError";
  }
}

/**
 * Starts PGlite (Postgres compiled to WASM) persisted at `dataDir` and serves it over the Postgres
 * wire protocol on `host:port`.
 *
 * Several clients may connect at once (up to `maxConnections`), but PGlite is a single backend:
 * the socket server multiplexes every connection onto one session, running one protocol message at
 * a time and, while a client is inside an explicit transaction, holding back the other clients until
 * it commits or rolls back. Consequences: no real parallelism, session state (`SET`, temp tables,
 * session advisory locks) is shared by all clients, and a client that waits on a second connection
 * while holding a transaction open deadlocks.
 *
 * Rejects with {@link EmbeddedPostgresPortInUseError} if the port is taken; the data directory is
 * not opened in that case, so a second instance cannot corrupt a running one's files.
 * Only one process may use a data directory at a time.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? portFromEnv() ?? DEFAULT_EMBEDDED_PG_PORT;
  const log = options.log ?? (() => {});
  const inMemory = options.dataDir.startsWith("memory://");

  // Probe before opening the data directory: a busy port usually means another instance owns it.
  if (port !== 0) await assertPortFree(host, port);
  if (!inMemory) await mkdir(options.dataDir, { recursive: true });

  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({
    db,
    host,
    port,
    maxConnections: options.maxConnections ?? DEFAULT_EMBEDDED_PG_MAX_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    if (isAddressInUse(error)) throw new EmbeddedPostgresPortInUseError(host, port);
    throw error;
  }

  const boundPort = Number(server.getServerConn().split(":").pop());
  const url = `postgresql://postgres:postgres@${host}:${boundPort}/postgres?sslmode=disable`;
  log(`Embedded Postgres (PGlite) listening on ${host}:${boundPort}, data in ${options.dataDir}`);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await server.stop();
      // Handlers roll back a disconnected client's open transaction asynchronously; let that settle
      // before the backend shuts down.
      await waitFor(() => !db.isInTransaction() && server.getStats().queuedQueries === 0, 2_000);
      await db.close();
      log("Embedded Postgres stopped");
    })();
    return stopping;
  };

  return { url, port: boundPort, stop };
}

function portFromEnv(): number | undefined {
  const raw = process.env.EMBEDDED_PG_PORT;
  if (raw === undefined || raw.trim() === "") return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`EMBEDDED_PG_PORT must be a TCP port number (0-65535), got "${raw}"`);
  }
  return port;
}

async function assertPortFree(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error) => {
      reject(isAddressInUse(error) ? new EmbeddedPostgresPortInUseError(host, port) : error);
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function isAddressInUse(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "EADDRINUSE";
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
