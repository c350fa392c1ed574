import { formatDistanceToNowStrict } from "date-fns";
import { type Db } from "@/server/db/client";
import { ConnectorError, describeConnectorError } from "@/server/connectors/errors";
import { type NormalizedWorkItem } from "@/server/connectors/types";
import { openConnection } from "./open-connection";

export interface WorkItemRead {
  items: (NormalizedWorkItem & { connectionId: string })[];
  /** "live" when the tool answered now, "synced" when these rows come from the last sync. */
  source: "live" | "synced";
  /** What a person (or the agent's answer) should say about freshness, when not live. */
  notice: string | null;
}

/**
 * Work items for a project, read live from Jira when it is healthy and from the last sync when it
 * is not — a degraded or failing connection never leaves the caller empty-handed, and the notice
 * says how old the data is.
 */
export async function readProjectWorkItems(db: Db, input: { organizationId: string; projectKey: string; userId?: string | null; limit?: number }): Promise<WorkItemRead> {
  const limit = input.limit ?? 100;
  const connection = await db.connection.findFirst({ where: { organizationId: input.organizationId, tool: "JIRA", status: { not: "DISCONNECTED" } }, orderBy: { createdAt: "asc" } });
  if (!connection) return { items: [], source: "synced", notice: "Jira is not connected." };

  const synced = async (why: string): Promise<WorkItemRead> => {
    const rows = await db.workItem.findMany({ where: { organizationId: input.organizationId, connectionId: connection.id, projectKey: input.projectKey }, orderBy: { updatedAt: "desc" }, take: limit });
    const age = connection.lastSyncAt ? `synced ${formatDistanceToNowStrict(connection.lastSyncAt, { addSuffix: true })}` : "never synced";
    return {
      items: rows.map((r) => ({
        ...r,
        links: r.links as unknown as NormalizedWorkItem["links"],
        sprintHistory: r.sprintHistory as unknown as NormalizedWorkItem["sprintHistory"],
        connectionId: r.connectionId,
      })),
      source: "synced",
      notice: `${why} Showing Jira data ${age}.`,
    };
  };

  if (connection.status === "DEGRADED") return synced(connection.statusMessage ?? "Jira is degraded.");
  const opened = await openConnection(db, { organizationId: input.organizationId, connectionId: connection.id, userId: input.userId });
  try {
    if (opened.resilience.circuitOpen || !opened.connector.searchWorkItems) return synced("Jira is failing repeatedly, so live reads are paused.");
    const items = await opened.connector.searchWorkItems(`project = "${input.projectKey.replace(/"/g, "")}" ORDER BY updated DESC`, limit);
    return { items: items.map((i) => ({ ...i, connectionId: connection.id })), source: "live", notice: null };
  } catch (e) {
    const error = e instanceof ConnectorError ? e : new ConnectorError("unavailable", String(e));
    if (error.kind === "auth" || error.kind === "scope") throw error;
    return synced(describeConnectorError(error, "Jira").split(".")[0] + ".");
  } finally {
    await opened.recorder.flush();
  }
}
