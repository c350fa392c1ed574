import { mkdir, open, readFile, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";

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

export class EmbeddedPostgresDataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded Postgres data directory ${dataDir} is in use by process ${pid}` +
        `${pid === process.pid ? " (this process)" : ""}. Two servers on one directory would corrupt it: ` +
        `stop the other one, or use another directory.`,
    );
    this.name = "EmbeddedPostgresDataDirInUseError";
  }
}

/**
 * Starts PGlite (Postgres 18 compiled to WASM) persisted at `dataDir` and serves it over the Postgres
 * wire protocol on `host:port`, for `pg`, Prisma and psql.
 *
 * Up to `maxConnections` clients may be connected at once. PGlite is a single backend, so all of them
 * share one session: a client has the backend from the start of a protocol exchange until the
 * backend is idle again (ReadyForQuery outside a transaction), and the others' messages wait.
 * Statements therefore never interleave, and a transaction is never entered by another client; but
 * there is no parallelism, session state (`SET`, temp tables, session advisory locks, `?schema=`
 * search paths) is shared by all clients, and a client that waits on a second connection while
 * holding a transaction open deadlocks.
 *
 * Rejects with {@link EmbeddedPostgresPortInUseError} if the port is taken, and with
 * {@link EmbeddedPostgresDataDirInUseError} if another live server holds `dataDir` (a lock file with
 * its pid; a stale one from a crashed process is taken over).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const host = options.host ?? "127.0.0.1";
  const requestedPort = options.port ?? portFromEnv() ?? DEFAULT_EMBEDDED_PG_PORT;
  const maxConnections = options.maxConnections ?? DEFAULT_EMBEDDED_PG_MAX_CONNECTIONS;
  const log = options.log ?? (() => {});
  const inMemory = options.dataDir.startsWith("memory://");

  // Probe before touching the data directory: a busy port usually means another instance owns it.
  if (requestedPort !== 0) await assertPortFree(host, requestedPort);
  const unlock = inMemory ? async () => {} : await lockDataDir(options.dataDir);

  let db: PGlite;
  try {
    db = await PGlite.create(options.dataDir);
  } catch (error) {
    await unlock();
    throw error;
  }
  const queue = new SessionQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    if (handlers.size >= maxConnections) {
      socket.end(tooManyConnectionsError(maxConnections), () => socket.destroy());
      return;
    }
    const handler = new PGLiteSocketHandler({
      // The handler only calls enqueue / clearQueueForHandler / clearTransactionIfNeeded.
      queryQueue: queue as unknown as PGLiteSocketHandlerOptions["queryQueue"],
      closeOnDetach: true,
    });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener("close", forget);
    handler.addEventListener("error", forget);
    handler.attach(socket).catch((error: unknown) => {
      forget();
      log(`Embedded Postgres: could not accept a connection: ${String(error)}`);
      socket.destroy();
    });
  });

  let port: number;
  try {
    port = await listen(server, host, requestedPort);
  } catch (error) {
    await db.close();
    await unlock();
    if (isAddressInUse(error)) throw new EmbeddedPostgresPortInUseError(host, requestedPort);
    throw error;
  }

  const url = `postgresql://postgres:postgres@${host}:${port}/postgres?sslmode=disable`;
  log(`Embedded Postgres (PGlite) listening on ${host}:${port}, data in ${options.dataDir}`);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Detaching rolls back a client's open transaction, so wait for it before shutting down.
      await Promise.allSettled([...handlers].map((handler) => handler.detach(true)));
      handlers.clear();
      for (const socket of sockets) socket.destroy();
      await closed;
      await queue.idle();
      await db.close();
      await unlock();
      log("Embedded Postgres stopped");
    })();
    return stopping;
  };

  return { url, port, stop };
}

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Replaces pglite-socket's QueryQueueManager, which interleaves clients message by message: one
 * client's Parse can land between another's Parse and Bind, so the second binds the first's unnamed
 * statement (wrong or missing rows). Here a client owns the backend from its first message until a
 * ReadyForQuery reports the session idle ('I'), covering whole extended-protocol exchanges,
 * transactions and COPY.
 */
class SessionQueue {
  private readonly queue: QueuedMessage[] = [];
  private owner: number | undefined;
  private running = false;
  private draining: Promise<void> = Promise.resolve();

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      this.drain();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const item = this.queue[i]!;
      if (item.handlerId !== handlerId) continue;
      this.queue.splice(i, 1);
      item.reject(new Error("Client disconnected"));
    }
  }

  /** A client left while owning the backend: end its exchange and transaction so others can proceed. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    await this.draining;
    if (this.owner !== handlerId) return;
    await this.db.runExclusive(() => this.db.execProtocolRawStream(SYNC_MESSAGE, { onRawData: () => {} }));
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.owner = undefined;
    this.drain();
  }

  async idle(): Promise<void> {
    while (this.running) await this.draining;
  }

  private drain(): void {
    if (this.running) return;
    this.running = true;
    this.draining = this.run();
  }

  private async run(): Promise<void> {
    for (;;) {
      const item = this.takeNext();
      if (!item) {
        // Cleared with no await since takeNext(), so any message enqueued from now on starts a new run.
        this.running = false;
        return;
      }
      this.owner = item.handlerId;
      const tracker = new ReadyForQueryTracker();
      let bytes = 0;
      try {
        await this.db.runExclusive(() =>
          this.db.execProtocolRawStream(item.message, {
            onRawData: (data) => {
              bytes += data.length;
              tracker.push(data);
              item.onData(data);
            },
          }),
        );
      } catch (error) {
        item.reject(error);
        continue;
      }
      if (tracker.lastStatus === "I") this.owner = undefined;
      item.resolve(bytes);
    }
  }

  /** The owner's next message, or any client's when nobody owns the backend. */
  private takeNext(): QueuedMessage | undefined {
    const index = this.owner === undefined ? 0 : this.queue.findIndex((m) => m.handlerId === this.owner);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }
}

const SYNC_MESSAGE = new Uint8Array([0x53, 0, 0, 0, 4]);
const READY_FOR_QUERY = 0x5a;

/** Follows backend message framing across chunks and remembers the last ReadyForQuery status. */
class ReadyForQueryTracker {
  lastStatus: "I" | "T" | "E" | undefined;
  private header = new Uint8Array(5);
  private headerLength = 0;
  private remaining = 0;
  private type = 0;

  push(data: Uint8Array): void {
    let offset = 0;
    while (offset < data.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, data.length - offset);
        if (this.type === READY_FOR_QUERY && take === this.remaining) {
          this.lastStatus = String.fromCharCode(data[offset + take - 1]!) as "I" | "T" | "E";
        }
        this.remaining -= take;
        offset += take;
        continue;
      }
      this.header[this.headerLength++] = data[offset++]!;
      if (this.headerLength < 5) continue;
      this.type = this.header[0]!;
      this.remaining = new DataView(this.header.buffer).getInt32(1) - 4;
      this.headerLength = 0;
      if (this.type !== READY_FOR_QUERY) this.lastStatus = undefined;
    }
  }
}

/** A protocol-level FATAL 53300, so clients report a real error instead of a garbled reply. */
function tooManyConnectionsError(maxConnections: number): Buffer {
  const fields = Buffer.from(
    `SFATAL\0VFATAL\0C53300\0Msorry, too many clients already (embedded Postgres allows ${maxConnections})\0\0`,
  );
  const header = Buffer.alloc(5);
  header.write("E", 0);
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

const LOCK_FILE_NAME = "embedded-postgres.lock";
const lockedInThisProcess = new Set<string>();

/** Claims `dataDir` for this process; returns the release function. */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const directory = path.resolve(dataDir);
  const lockFile = path.join(directory, LOCK_FILE_NAME);
  if (lockedInThisProcess.has(directory)) throw new EmbeddedPostgresDataDirInUseError(directory, process.pid);
  await mkdir(directory, { recursive: true });

  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockFile, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "EEXIST" || attempt > 0) throw error;
      const holder = Number.parseInt(await readFile(lockFile, "utf8").catch(() => ""), 10);
      // Our own pid in the file (not in lockedInThisProcess) means a previous run with a recycled
      // pid, e.g. pid 1 in a container, crashed without releasing it.
      if (Number.isInteger(holder) && holder !== process.pid && isProcessAlive(holder)) {
        throw new EmbeddedPostgresDataDirInUseError(directory, holder);
      }
      await rm(lockFile, { force: true });
    }
  }
  lockedInThisProcess.add(directory);
  return async () => {
    lockedInThisProcess.delete(directory);
    await rm(lockFile, { force: true });
  };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === "EPERM";
  }
}

async function listen(server: net.Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return (server.address() as net.AddressInfo).port;
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
