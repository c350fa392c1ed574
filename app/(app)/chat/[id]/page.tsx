import { notFound } from "next/navigation";
import { ChatWorkspace } from "@/components/chat/chat-workspace";
import { Forbidden } from "@/components/shell/forbidden";
import { pageAccess } from "@/server/auth/page-access";
import { getDb } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant";
import { loadChatPage } from "@/server/planning/chat-page";

export const metadata = { title: "Chat" };

export default async function ConversationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ artifact?: string }> }) {
  const access = await pageAccess("chat:use");
  if (!access.ok) return <Forbidden scope={access.scope} role={access.session.role} page="Chat" />;
  const { id } = await params;
  const { artifact } = await searchParams;
  const { teams, model, conversation, messages } = await loadChatPage(tenantDb(getDb(), access.session.organization.id), access.session.user.id, id);
  if (!conversation) notFound();
  return (
    <ChatWorkspace
      conversationId={conversation.id}
      persisted
      initialMessages={messages}
      teams={teams}
      defaultTeamKey={conversation.teamKey ?? teams[0]?.key ?? null}
      model={model}
      initialArtifactId={artifact ?? null}
    />
  );
}
