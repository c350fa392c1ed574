import { randomUUID } from "node:crypto";
import { ChatWorkspace } from "@/components/chat/chat-workspace";
import { Forbidden } from "@/components/shell/forbidden";
import { pageAccess } from "@/server/auth/page-access";
import { getDb } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant";
import { loadChatPage } from "@/server/planning/chat-page";

export const metadata = { title: "Chat" };

export default async function ChatPage({ searchParams }: { searchParams: Promise<{ artifact?: string; team?: string }> }) {
  const access = await pageAccess("chat:use");
  if (!access.ok) return <Forbidden scope={access.scope} role={access.session.role} page="Chat" />;
  const params = await searchParams;
  const { teams, model } = await loadChatPage(tenantDb(getDb(), access.session.organization.id), access.session.user.id, null);
  const defaultTeamKey = teams.find((t) => t.key === params.team?.toUpperCase())?.key ?? teams[0]?.key ?? null;
  return (
    <ChatWorkspace
      conversationId={randomUUID()}
      persisted={false}
      initialMessages={[]}
      teams={teams}
      defaultTeamKey={defaultTeamKey}
      model={model}
      initialArtifactId={params.artifact ?? null}
    />
  );
}
