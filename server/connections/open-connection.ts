import { type Db } from "@/server/db/client";
import { type Tool } from "@/server/db/generated/enums";
import { decryptJson, encryptJson } from "@/server/connectors/crypto";
import { createConnector } from "@/server/connectors/registry";
import { ConnectionResilience, DEFAULT_RESILIENCE, type ResilienceOptions } from "@/server/connectors/resilience";
import { type ConnectionSettings, type Connector, type Credentials } from "@/server/connectors/types";
import { refreshCredentials } from "./oauth-refresh";
import { DbCallRecorder } from "./recorder";

/** Refresh a little before expiry so a token never dies mid-request. */
const REFRESH_MARGIN_MS = 60_000;

const resilienceByConnection = new Map<string, ConnectionResilience>();
const refreshing = new Map<string, Promise<Credentials>>();

/** The connection's resilience policies, shared by every use in this process (one circuit per connection). */
export function resilienceFor(connectionId: string, options?: ResilienceOptions): ConnectionResilience {
  let r = resilienceByConnection.get(connectionId);
  if (!r) {
    r = new ConnectionResilience(options ?? DEFAULT_RESILIENCE);
    resilienceByConnection.set(connectionId, r);
  }
  return r;
}

/** Forgets a connection's policies (after it is reconnected or removed). */
export function resetResilience(connectionId: string): void {
  resilienceByConnection.delete(connectionId);
}

function expired(creds: Credentials): boolean {
  return creds.kind === "oauth" && Boolean(creds.expiresAt) && new Date(creds.expiresAt!).getTime() - REFRESH_MARGIN_MS <= Date.now();
}

/**
 * Refreshes serially: one refresh per connection in this process, and a row lock across processes.
 * Inside the lock the credentials are read again — if another worker already refreshed, its token
 * is used — and the rotated refresh token is written before the lock is released.
 */
async function refreshSerially(db: Db, connectionId: string): Promise<Credentials> {
  const inFlight = refreshing.get(connectionId);
  if (inFlight) return inFlight;
  const work = db
    .$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ encryptedCredentials: string; tool: string }[]>`SELECT "encryptedCredentials", "tool"::text AS tool FROM "Connection" WHERE id = ${connectionId} FOR UPDATE`;
      const row = rows[0];
      if (!row) throw new Error(`Connection ${connectionId} no longer exists`);
      const current = decryptJson<Credentials>(row.encryptedCredentials);
      if (current.kind !== "oauth" || !expired(current)) return current;
      const next = await refreshCredentials(row.tool as never, current);
      await tx.connection.update({ where: { id: connectionId }, data: { encryptedCredentials: encryptJson(next), scopes: next.scopes ?? undefined } });
      return next;
    })
    .finally(() => refreshing.delete(connectionId));
  refreshing.set(connectionId, work);
  return work;
}

export interface OpenedConnection {
  connector: Connector;
  recorder: DbCallRecorder;
  resilience: ConnectionResilience;
}

/**
 * A ready connector for a stored connection: credentials opened in memory only, tokens refreshed
 * when needed, every call recorded against the organisation (and user, when one acts).
 */
export async function openConnection(db: Db, input: { organizationId: string; connectionId: string; userId?: string | null; resilience?: ResilienceOptions }): Promise<OpenedConnection> {
  const connection = await db.connection.findFirstOrThrow({ where: { id: input.connectionId, organizationId: input.organizationId } });
  let credentials = decryptJson<Credentials>(connection.encryptedCredentials);
  const recorder = new DbCallRecorder(db, { organizationId: connection.organizationId, connectionId: connection.id, userId: input.userId ?? null });
  const resilience = resilienceFor(connection.id, input.resilience);
  const connector = createConnector({
    connection: {
      id: connection.id,
      organizationId: connection.organizationId,
      tool: connection.tool,
      baseUrl: connection.baseUrl,
      externalAccountId: connection.externalAccountId,
      settings: (connection.settings ?? {}) as ConnectionSettings,
    },
    credentials,
    resilience,
    recorder,
    accessToken: async () => {
      if (credentials.kind === "api_token") return credentials.token;
      if (!expired(credentials)) return credentials.accessToken;
      credentials = await refreshSerially(db, connection.id);
      return credentials.kind === "oauth" ? credentials.accessToken : credentials.token;
    },
  });
  return { connector, recorder, resilience };
}

/**
 * Checks credentials against the tool before they are stored: the same connector and policies,
 * with the calls recorded against the organisation.
 */
export async function testCredentials(db: Db, input: { organizationId: string; userId: string | null; tool: Tool; baseUrl: string; externalAccountId: string | null; credentials: Credentials }) {
  const recorder = new DbCallRecorder(db, { organizationId: input.organizationId, connectionId: null, userId: input.userId });
  const connector = createConnector({
    connection: { id: "unsaved", organizationId: input.organizationId, tool: input.tool, baseUrl: input.baseUrl, externalAccountId: input.externalAccountId, settings: {} },
    credentials: input.credentials,
    resilience: new ConnectionResilience({ ...DEFAULT_RESILIENCE, maxAttempts: 2 }),
    recorder,
    accessToken: async () => (input.credentials.kind === "api_token" ? input.credentials.token : input.credentials.accessToken),
  });
  try {
    return await connector.test();
  } finally {
    await recorder.flush();
  }
}
