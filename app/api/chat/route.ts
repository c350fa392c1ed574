import { NextResponse, type NextRequest } from "next/server";
import { ChatRequestError, streamChat } from "@/server/agent/chat";
import { getServerAuthSession } from "@/server/auth/options";
import { hasScope } from "@/server/auth/scopes";
import { getDb } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant";
import { logger } from "@/server/log/logger";

// Plans can take a while to gather on large workspaces; the stream keeps the connection busy.
export const maxDuration = 300;

const fail = (status: number, message: string) => NextResponse.json({ error: message }, { status });

/** The planning chat's stream: a thin shell over server/agent/chat.ts. */
export async function POST(req: NextRequest) {
  const session = await getServerAuthSession();
  if (!session?.organization || !session.role) return fail(401, "Your session has ended. Sign in again; your message is still in the box.");
  if (!hasScope(session.role, "chat:use")) return fail(403, "Your role cannot use the planning chat. Ask an admin for the PM role.");

  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return fail(400, "The chat request was not valid JSON. Reload the page and try again.");
  }
  try {
    return await streamChat(
      tenantDb(getDb(), session.organization.id),
      { organizationId: session.organization.id, organizationName: session.organization.name, userId: session.user.id },
      body,
      { signal: req.signal },
    );
  } catch (error) {
    if (error instanceof ChatRequestError) return fail(error.status, error.message);
    logger.error({ err: error }, "chat request failed");
    return fail(500, "The chat could not start on our side. Try again in a moment; your message is still in the box.");
  }
}
