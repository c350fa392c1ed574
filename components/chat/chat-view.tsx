"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, type UIMessage } from "ai";
import { AlertCircle, ArrowDown, Cpu, RefreshCw, Sparkles, X } from "lucide-react";
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Composer } from "./composer";
import { ChatMessage, Thinking } from "./message";
import { type ChatModelInfo, type ChatTeam, type WorkflowRequest, readMessageMetadata } from "./types";
import { WorkflowStarters } from "./workflow-starters";

/** How close to the bottom (px) still counts as "at the bottom" for auto-scroll. */
const STICK_THRESHOLD_PX = 80;

/**
 * The sentence to show for a failed request. The chat route answers errors with a readable
 * message, as plain text or as JSON `{ error }` / `{ message }`; network failures and HTML error
 * pages get a message of our own instead of their raw text.
 */
export function readableChatError(error: Error | undefined): string {
  const fallback = "Something went wrong while answering. Try again in a moment.";
  if (!error) return fallback;
  const raw = error.message?.trim() ?? "";
  if (!raw) return fallback;
  if (error.name === "TypeError" && /fetch|network|load failed/i.test(raw)) return "We couldn't reach the server. Check your connection and try again.";
  if (raw.startsWith("{")) {
    try {
      const body = JSON.parse(raw) as Record<string, unknown>;
      const err = body.error;
      if (typeof err === "string" && err.trim()) return err.trim();
      if (err && typeof err === "object" && typeof (err as Record<string, unknown>).message === "string") return String((err as Record<string, unknown>).message);
      if (typeof body.message === "string" && body.message.trim()) return body.message.trim();
    } catch {
      // Not JSON after all: fall through to the raw text.
    }
    return fallback;
  }
  if (raw.startsWith("<")) return fallback;
  return raw.length > 500 ? `${raw.slice(0, 499)}…` : raw;
}

/** The workflow of the user turn a message belongs to (the nearest user message at or before it). */
export function workflowOfTurn(messages: readonly UIMessage[], index: number): WorkflowRequest | undefined {
  for (let i = Math.min(index, messages.length - 1); i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === "user") return readMessageMetadata(m.metadata).workflow;
  }
  return undefined;
}

export interface ChatViewProps {
  conversationId: string;
  initialMessages: UIMessage[];
  teams: ChatTeam[];
  defaultTeamKey: string | null;
  /** The model new answers come from; shown until a reply carries its own model metadata. */
  model: ChatModelInfo;
  onOpenArtifact(id: string): void;
  /** After every response ends (finished, stopped or failed): refresh what the response changed. */
  onFinished?(): void;
}

/**
 * A conversation with the agent: messages streamed from POST /api/chat, the composer, and the
 * workflow starters while the conversation is empty. Mount it with `key={conversationId}` so
 * switching conversations starts from a clean state.
 */
export function ChatView({ conversationId, initialMessages, teams, defaultTeamKey, model, onOpenArtifact, onFinished }: ChatViewProps) {
  const [transport] = useState(
    () =>
      new DefaultChatTransport<UIMessage>({
        api: "/api/chat",
        // The server keeps the history; each request carries only the newest message.
        prepareSendMessagesRequest({ id, messages, trigger, messageId, body }) {
          return { body: { id, message: messages.at(-1), trigger, messageId, ...body } };
        },
      }),
  );

  const { messages, sendMessage, regenerate, stop, status, error, clearError } = useChat({
    id: conversationId,
    messages: initialMessages,
    transport,
    // useChat always calls the latest callback, so a new onFinished prop needs no re-subscription.
    onFinish: () => onFinished?.(),
    // Markdown is re-parsed on every update; batching tokens keeps long answers smooth.
    throttle: 50,
  });

  const busy = status === "submitted" || status === "streaming";
  const last = messages.at(-1);
  const initialIds = useMemo(() => new Set(initialMessages.map((m) => m.id)), [initialMessages]);

  // ---- auto-scroll: follow the stream unless the reader scrolled up ----------------------------
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickRef = useRef(true);
  const [atBottom, setAtBottom] = useState(true);

  const scrollToBottom = useCallback((behavior: ScrollBehavior = "auto") => {
    const el = scrollRef.current;
    if (!el) return;
    stickRef.current = true;
    setAtBottom(true);
    el.scrollTo({ top: el.scrollHeight, behavior });
  }, []);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const near = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD_PX;
    stickRef.current = near;
    setAtBottom(near);
  }, []);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && stickRef.current) el.scrollTop = el.scrollHeight;
  }, [messages, status, error]);

  // ---- actions ---------------------------------------------------------------------------------
  const send = useCallback(
    (text: string) => {
      scrollToBottom();
      void sendMessage({ text });
    },
    [sendMessage, scrollToBottom],
  );

  const start = useCallback(
    (workflow: WorkflowRequest, prompt: string) => {
      scrollToBottom();
      void sendMessage({ text: prompt, metadata: { workflow } }, { body: { workflow } });
    },
    [sendMessage, scrollToBottom],
  );

  /** Re-asks the last turn, sending its workflow again when it was started from a card. */
  const regenerateLast = useCallback(
    (messageId?: string) => {
      const workflow = workflowOfTurn(messages, messages.length - 1);
      scrollToBottom();
      void regenerate({ ...(messageId ? { messageId } : {}), ...(workflow ? { body: { workflow } } : {}) });
    },
    [messages, regenerate, scrollToBottom],
  );

  const onRegenerateLast = useMemo(
    () => (last && last.role === "assistant" && !busy ? () => regenerateLast(last.id) : undefined),
    [last, busy, regenerateLast],
  );

  const onStop = useCallback(() => void stop(), [stop]);
  const ModelIcon = model.provider === "builtin" ? Cpu : Sparkles;

  return (
    <div className="relative flex h-full min-h-0 flex-col" data-testid="chat-view" data-status={status}>
      <div ref={scrollRef} onScroll={onScroll} className="min-h-0 flex-1 overflow-y-auto" aria-busy={busy}>
        <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 pt-6 pb-8">
          {messages.length === 0 ? (
            <WorkflowStarters teams={teams} defaultTeamKey={defaultTeamKey} model={model} onStart={start} disabled={busy} />
          ) : (
            <ol className="flex flex-col gap-6" aria-label="Conversation">
              {messages.map((m, i) => {
                const isLast = i === messages.length - 1;
                return (
                  <li key={m.id}>
                    <ChatMessage
                      message={m}
                      streaming={busy && isLast && m.role === "assistant"}
                      fallbackModel={initialIds.has(m.id) ? undefined : model}
                      onRegenerate={isLast ? onRegenerateLast : undefined}
                      onOpenArtifact={onOpenArtifact}
                    />
                  </li>
                );
              })}
              {busy && last?.role === "user" ? (
                <li className="flex gap-3" aria-live="polite">
                  <span className="flex size-7 shrink-0 items-center justify-center rounded-full border bg-card text-primary" aria-hidden>
                    <Sparkles className="size-3.5" />
                  </span>
                  <span className="pt-1.5">
                    <Thinking />
                  </span>
                </li>
              ) : null}
            </ol>
          )}

          {error ? (
            <div role="alert" className="flex items-start gap-3 rounded-lg border border-destructive/30 bg-destructive/5 px-3.5 py-3 text-sm" data-testid="chat-error">
              <AlertCircle className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
              <div className="min-w-0 flex-1">
                <p className="font-medium text-foreground">The answer didn&apos;t come through</p>
                <p className="mt-0.5 break-words text-muted-foreground">{readableChatError(error)}</p>
              </div>
              <div className="flex shrink-0 items-center gap-1">
                <Button size="sm" variant="outline" onClick={() => regenerateLast()} disabled={busy} data-testid="chat-retry">
                  <RefreshCw /> Retry
                </Button>
                <Button size="icon-sm" variant="ghost" onClick={clearError} aria-label="Dismiss error" className="text-muted-foreground">
                  <X />
                </Button>
              </div>
            </div>
          ) : null}
        </div>
      </div>

      {!atBottom && messages.length > 0 ? (
        <div className="pointer-events-none absolute inset-x-0 bottom-28 flex justify-center">
          <Button
            size="sm"
            variant="outline"
            className="pointer-events-auto h-7 rounded-full bg-background/95 text-xs shadow-md backdrop-blur"
            onClick={() => scrollToBottom("smooth")}
            aria-label="Scroll to the latest message"
          >
            <ArrowDown className="size-3.5" /> {busy ? "Following answer" : "Latest"}
          </Button>
        </div>
      ) : null}

      <div className="shrink-0 bg-background px-4 pt-2 pb-3">
        <div className="mx-auto w-full max-w-3xl">
          <Composer onSend={send} onStop={onStop} busy={busy} autoFocus />
          <p className="mt-1.5 text-center text-[11px] text-balance text-muted-foreground" data-testid="chat-model">
            <ModelIcon className="mr-1 inline size-3 align-[-2px]" aria-hidden />
            {`${model.label} · Figures come from the planning engine; check the cited sources.`}
          </p>
        </div>
      </div>
    </div>
  );
}
