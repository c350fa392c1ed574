"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PanelLeftClose, PanelLeftOpen } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { type UIMessage } from "ai";
import { ArtifactViewer } from "@/components/artifact/artifact-viewer";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";
import { type ArtifactKind } from "@/server/planning/artifact";
import { ChatView } from "./chat-view";
import { ConversationList } from "./conversation-list";

export interface ChatWorkspaceProps {
  conversationId: string;
  /** False on /chat before the first message: the conversation does not exist yet. */
  persisted: boolean;
  initialMessages: UIMessage[];
  teams: { key: string; name: string }[];
  defaultTeamKey: string | null;
  model: { label: string; provider: string };
  initialArtifactId: string | null;
}

/**
 * The chat layout: conversations on the left (collapsible), the stream in the middle, the
 * artifact a workflow produced on the right.
 */
export function ChatWorkspace({ conversationId, persisted, initialMessages, teams, defaultTeamKey, model, initialArtifactId }: ChatWorkspaceProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [sidebarOpen, setSidebarOpen] = useState(true);
  const [artifactId, setArtifactId] = useState<string | null>(initialArtifactId);
  const known = useRef<Set<string>>(new Set());

  const conversations = useQuery(trpc.planning.conversations.queryOptions());
  const conversation = useQuery({ ...trpc.planning.conversation.queryOptions({ id: conversationId }), enabled: persisted });
  useEffect(() => {
    for (const a of conversation.data?.artifacts ?? []) known.current.add(`${a.id}:${a.latestVersion}`);
  }, [conversation.data]);

  const rename = useMutation(trpc.planning.renameConversation.mutationOptions({ onError: (e) => toast.error(e.message) }));
  const remove = useMutation(trpc.planning.deleteConversation.mutationOptions({ onError: (e) => toast.error(e.message) }));

  const onFinished = useCallback(async () => {
    if (!persisted) window.history.replaceState(null, "", `/chat/${conversationId}`);
    await queryClient.invalidateQueries({ queryKey: trpc.planning.conversations.queryKey() });
    const fresh = await queryClient.fetchQuery(trpc.planning.conversation.queryOptions({ id: conversationId }));
    // A workflow that saved a new artifact (or version) opens it beside the chat.
    const newest = fresh?.artifacts.find((a) => !known.current.has(`${a.id}:${a.latestVersion}`));
    for (const a of fresh?.artifacts ?? []) known.current.add(`${a.id}:${a.latestVersion}`);
    if (newest) {
      await queryClient.invalidateQueries({ queryKey: trpc.planning.artifact.queryKey({ id: newest.id }) });
      setArtifactId(newest.id);
    }
  }, [conversationId, persisted, queryClient, trpc]);

  return (
    <div className="flex h-dvh min-h-0 md:h-dvh">
      <aside className={cn("hidden shrink-0 flex-col border-r bg-muted/20 transition-[width] lg:flex", sidebarOpen ? "w-64 p-3" : "w-0 overflow-hidden border-r-0")} aria-label="Conversations">
        {sidebarOpen && (
          <ConversationList
            conversations={(conversations.data ?? []).map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt.toISOString(), kind: (c.kind as ArtifactKind | null) ?? null }))}
            activeId={persisted ? conversationId : null}
            loading={conversations.isPending}
            onNew={() => router.push("/chat")}
            onRename={(id, title) =>
              rename.mutate({ id, title }, { onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.planning.conversations.queryKey() }) })
            }
            onDelete={(id) =>
              remove.mutate(
                { id },
                {
                  onSuccess: async () => {
                    await queryClient.invalidateQueries({ queryKey: trpc.planning.conversations.queryKey() });
                    toast.success("Conversation deleted");
                    if (id === conversationId) router.push("/chat");
                  },
                },
              )
            }
          />
        )}
      </aside>
      <section className="relative flex min-w-0 flex-1 flex-col" aria-label="Conversation">
        <h1 className="sr-only">Chat</h1>
        <Button
          variant="ghost"
          size="icon-sm"
          className="absolute top-2 left-2 z-10 hidden lg:inline-flex"
          onClick={() => setSidebarOpen((o) => !o)}
          aria-label={sidebarOpen ? "Hide conversations" : "Show conversations"}
        >
          {sidebarOpen ? <PanelLeftClose /> : <PanelLeftOpen />}
        </Button>
        <ChatView
          key={conversationId}
          conversationId={conversationId}
          initialMessages={initialMessages}
          teams={teams}
          defaultTeamKey={defaultTeamKey}
          model={model}
          onOpenArtifact={setArtifactId}
          onFinished={onFinished}
        />
      </section>
      {artifactId && (
        <aside className="fixed inset-0 z-40 flex min-h-0 flex-col bg-background xl:static xl:z-auto xl:w-[48%] xl:max-w-[52rem] xl:border-l" aria-label="Artifact">
          <ArtifactViewer key={artifactId} artifactId={artifactId} onClose={() => setArtifactId(null)} />
        </aside>
      )}
    </div>
  );
}
