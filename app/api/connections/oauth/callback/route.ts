import { NextResponse, type NextRequest } from "next/server";
import { recordAudit } from "@/server/audit/record";
import { getServerAuthSession } from "@/server/auth/options";
import { hasScope } from "@/server/auth/scopes";
import { getDb } from "@/server/db/client";
import { ConnectorError, describeConnectorError } from "@/server/connectors/errors";
import { TOOL_NAMES } from "@/server/connectors/registry";
import { completeOAuth, OAuthFlowError } from "@/server/connections/oauth/flow";
import { getDispatcher } from "@/server/jobs/dispatcher";
import { logger } from "@/server/log/logger";

/** Where every provider sends the admin back after consent. */
export async function GET(req: NextRequest) {
  const back = (params: Record<string, string>) => NextResponse.redirect(new URL(`/connections?${new URLSearchParams(params)}`, req.nextUrl.origin));
  const session = await getServerAuthSession();
  if (!session?.organization || !session.role) return NextResponse.redirect(new URL("/sign-in", req.nextUrl.origin));
  if (!hasScope(session.role, "connections:manage")) return back({ error: "Only admins can connect tools." });

  const { searchParams } = req.nextUrl;
  const state = searchParams.get("state");
  const code = searchParams.get("code");
  const denied = searchParams.get("error");
  if (denied) return back({ error: `The provider did not grant access (${denied}). Nothing was changed.` });
  if (!state || !code) return back({ error: "The provider's answer was incomplete. Start again." });

  const db = getDb();
  try {
    const connection = await completeOAuth(db, { state, code, userId: session.user.id, organizationId: session.organization.id });
    await recordAudit(db, { organizationId: connection.organizationId, actorId: session.user.id, action: "connection.connected", targetType: "Connection", targetId: connection.id, metadata: { tool: connection.tool, via: "oauth" } });
    const run = await db.syncRun.create({ data: { organizationId: connection.organizationId, connectionId: connection.id, kind: "FULL", trigger: "connect" } });
    await getDispatcher().requestSync({ organizationId: connection.organizationId, connectionId: connection.id, syncRunId: run.id, kind: "FULL", trigger: "connect" });
    return back({ connected: TOOL_NAMES[connection.tool] });
  } catch (e) {
    if (e instanceof OAuthFlowError) return back({ error: e.message });
    if (e instanceof ConnectorError) return back({ error: describeConnectorError(e, "The provider") });
    logger.error({ err: (e as Error).message }, "oauth callback failed");
    return back({ error: "Connecting failed on our side. Try again; nothing was saved." });
  }
}
