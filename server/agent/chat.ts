import { convertToModelMessages, createIdGenerator, InvalidToolInputError, NoSuchToolError, stepCountIs, streamText, validateUIMessages, type UIMessage } from "ai";
import { z } from "zod";
import { type TenantDb } from "@/server/db/tenant";
import { type Prisma } from "@/server/db/generated/client";
import { logger } from "@/server/log/logger";
import { tooManyRequests } from "@/server/ratelimit/http";
import { consume, RateLimitedError } from "@/server/ratelimit/limiter";
import { ARTIFACT_KINDS, ARTIFACT_KIND_LABELS, type ArtifactKind } from "@/server/planning/artifact";
import { agentPolicyFor } from "@/server/policies/store";
import { SourceLedger, type AgentContext } from "./context";
import { ModelCallRecorder } from "./model-calls";
import { resolveModel, ModelConfigError, type ModelInfo, type ModelOverride } from "./models/registry";
import { promptVersionId, systemPrompt } from "./prompts";
import { createTools } from "./tools";
import { isUserFacing } from "./tools/guard";

/** Longer messages are refused with a clear answer; the composer enforces the same limit. */
export const MAX_MESSAGE_CHARS = 20_000;
/** Enough for gather → save → answer, with room for a model that looks things up first. */
const MAX_STEPS = 8;

export const chatRequestSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "a conversation id"),
  message: z.object({ id: z.string().min(1).max(100), role: z.literal("user"), parts: z.array(z.unknown()).min(1) }).passthrough(),
  trigger: z.enum(["submit-message", "regenerate-message"]).default("submit-message"),
  messageId: z.string().max(100).optional(),
  workflow: z.object({ kind: z.enum(ARTIFACT_KINDS), teamKey: z.string().min(1).max(20) }).optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

export interface ChatMetadata {
  model?: ModelInfo;
  createdAt?: string;
  workflow?: { kind: ArtifactKind; teamKey: string };
}
export type ChatUIMessage = UIMessage<ChatMetadata>;

export class ChatRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ChatRequestError";
  }
}

export interface ChatCaller {
  organizationId: string;
  organizationName: string;
  userId: string;
}

export interface ChatOptions {
  /** Tests put the AI SDK's mock model here; it goes through the same registry call. */
  override?: ModelOverride;
  now?: Date;
  signal?: AbortSignal;
}

const textOf = (m: { parts: unknown[] }) =>
  m.parts.map((p) => (p && typeof p === "object" && (p as { type?: string }).type === "text" ? String((p as { text?: unknown }).text ?? "") : "")).join("");

/**
 * One chat turn: validates the request, saves the user's message before anything can fail,
 * streams the model's answer with tools over the caller's organisation only, saves the answer
 * when it completes (a stopped or disconnected answer is not saved half-way), and records the
 * model call either way.
 */
export async function streamChat(db: TenantDb, caller: ChatCaller, raw: unknown, opts: ChatOptions = {}): Promise<Response> {
  const parsed = chatRequestSchema.safeParse(raw);
  if (!parsed.success) throw new ChatRequestError(`The chat request is malformed: ${parsed.error.issues[0]?.message ?? "unknown field"}. Reload the page and try again.`, 400);
  const request = parsed.data;
  const length = textOf(request.message).length;
  if (length > MAX_MESSAGE_CHARS) {
    throw new ChatRequestError(
      `Your message is ${length.toLocaleString("en")} characters; the limit is ${MAX_MESSAGE_CHARS.toLocaleString("en")}. Shorten it (paste the key parts, or name the issues and let the tools read them) and send again — your text is still in the box.`,
      413,
    );
  }
  if (request.trigger === "submit-message" && length === 0 && !request.workflow) throw new ChatRequestError("The message is empty: type a request or pick a workflow.", 400);

  // Counted once the request is known to be valid, before anything is saved or the model runs.
  try {
    await consume("chatMessages", caller);
  } catch (error) {
    if (error instanceof RateLimitedError) return tooManyRequests(error);
    throw error;
  }

  const now = opts.now ?? new Date();
  const teams = await db.team.findMany({ select: { key: true, name: true, channel: true }, orderBy: { key: "asc" } });
  if (request.workflow && !teams.some((t) => t.key === request.workflow!.teamKey)) {
    throw new ChatRequestError(`There is no team ${request.workflow.teamKey}. Pick one of: ${teams.map((t) => t.name).join(", ") || "none yet — connect Jira first"}.`, 400);
  }

  const conversation = await loadOrCreateConversation(db, caller, request);
  const stored = await db.chatMessage.findMany({ where: { conversationId: conversation.id }, orderBy: { createdAt: "asc" } });
  let history: ChatUIMessage[] = stored.map((m) => ({ id: m.id, role: m.role as ChatUIMessage["role"], parts: m.parts as ChatUIMessage["parts"], metadata: m.metadata as ChatMetadata }));

  if (request.trigger === "regenerate-message") {
    // Regenerate replaces the last answer: drop it (and anything after the user's message).
    const lastUser = history.findLastIndex((m) => m.role === "user");
    const dropped = history.slice(lastUser + 1).map((m) => m.id);
    if (dropped.length) await db.chatMessage.deleteMany({ where: { id: { in: dropped }, conversationId: conversation.id } });
    history = history.slice(0, lastUser + 1);
    if (!history.length) throw new ChatRequestError("There is nothing to regenerate yet: send a message first.", 400);
  } else if (!history.some((m) => m.id === request.message.id)) {
    // Keep the workflow a starter sent, so Regenerate and Retry after a reload run the same one.
    const userMessage = { ...(request.message as unknown as ChatUIMessage), metadata: { createdAt: now.toISOString(), ...(request.workflow ? { workflow: request.workflow } : {}) } };
    await db.chatMessage.create({
      data: { id: userMessage.id, organizationId: caller.organizationId, conversationId: conversation.id, role: "user", parts: userMessage.parts as Prisma.InputJsonValue, metadata: userMessage.metadata as Prisma.InputJsonValue },
    });
    history.push(userMessage);
  }

  const config = await db.modelConfig.findFirst();
  let resolved;
  try {
    resolved = resolveModel(config, { env: { OPENAI_API_KEY: process.env.OPENAI_API_KEY }, override: opts.override });
  } catch (error) {
    if (error instanceof ModelConfigError) throw new ChatRequestError(error.message, 409);
    throw error;
  }

  const kind: ArtifactKind | null = request.workflow?.kind ?? (conversation.kind as ArtifactKind | null) ?? null;
  const agentPolicy = await agentPolicyFor(db, caller.userId, now);
  const ctx: AgentContext = { db, organizationId: caller.organizationId, userId: caller.userId, conversationId: conversation.id, now, ledger: new SourceLedger(), modelId: resolved.info.id, offeredKinds: agentPolicy.offered, withheld: agentPolicy.unavailable };
  const tools = createTools(ctx);
  const promptVersion = promptVersionId(kind);
  const recorder = new ModelCallRecorder(db, { organizationId: caller.organizationId, info: resolved.info, promptVersion, workflow: kind, userId: caller.userId, conversationId: conversation.id });

  let validated: ChatUIMessage[];
  try {
    validated = await validateUIMessages<ChatUIMessage>({ messages: history, tools: tools as never });
  } catch {
    throw new ChatRequestError("This conversation has a message the app cannot read any more. Start a new conversation.", 422);
  }

  const result = streamText({
    model: resolved.model,
    system: systemPrompt({ kind, teams, teamKey: request.workflow?.teamKey ?? conversation.teamKey, today: now.toISOString().slice(0, 10), organization: caller.organizationName }),
    messages: await convertToModelMessages(validated),
    tools,
    stopWhen: stepCountIs(MAX_STEPS),
    abortSignal: opts.signal,
    providerOptions: { builtin: { workflow: request.workflow ?? null, teams, unavailable: agentPolicy.unavailable } as never },
    onChunk: ({ chunk }) => recorder.chunk(chunk.type),
    onStepFinish: (step) => {
      for (const call of step.toolCalls) {
        const res = step.content.find((c) => (c.type === "tool-result" || c.type === "tool-error") && c.toolCallId === call.toolCallId);
        recorder.toolCalls.push({
          toolName: call.toolName,
          input: call.input,
          ...(res?.type === "tool-result" ? { output: res.output } : res?.type === "tool-error" ? { error: String((res.error as Error)?.message ?? res.error) } : {}),
        });
      }
    },
    onEnd: async (event) => {
      await recorder.finish({ output: event.text, finishReason: event.finishReason, inputTokens: event.totalUsage.inputTokens, outputTokens: event.totalUsage.outputTokens });
    },
    onAbort: async () => {
      await recorder.finish({ finishReason: "aborted" });
    },
    onError: async ({ error }) => {
      logger.warn({ err: error, conversationId: conversation.id }, "chat stream failed");
      await recorder.finish({ finishReason: "error", error: error instanceof Error ? error.message : String(error) });
    },
  });

  return result.toUIMessageStreamResponse<ChatUIMessage>({
    originalMessages: validated,
    generateMessageId: createIdGenerator({ prefix: "msg", size: 16 }),
    messageMetadata: ({ part }) => (part.type === "start" ? { model: resolved.info, createdAt: new Date().toISOString() } : undefined),
    onError: (error) => describeStreamError(error),
    onEnd: async ({ responseMessage, isAborted }) => {
      if (isAborted) return;
      await db.$transaction([
        db.chatMessage.upsert({
          where: { id: responseMessage.id },
          create: {
            id: responseMessage.id,
            organizationId: caller.organizationId,
            conversationId: conversation.id,
            role: "assistant",
            parts: responseMessage.parts as Prisma.InputJsonValue,
            metadata: (responseMessage.metadata ?? {}) as Prisma.InputJsonValue,
          },
          update: { parts: responseMessage.parts as Prisma.InputJsonValue, metadata: (responseMessage.metadata ?? {}) as Prisma.InputJsonValue },
        }),
        db.conversation.update({ where: { id: conversation.id }, data: { updatedAt: new Date() } }),
      ]);
    },
  });
}

async function loadOrCreateConversation(db: TenantDb, caller: ChatCaller, request: ChatRequest) {
  const existing = await db.conversation.findFirst({ where: { id: request.id } });
  if (existing) {
    if (existing.userId !== caller.userId) throw new ChatRequestError("This conversation belongs to someone else. Start a new one.", 404);
    if (request.workflow && !existing.kind) {
      return db.conversation.update({ where: { id: existing.id }, data: { kind: request.workflow.kind, teamKey: request.workflow.teamKey } });
    }
    return existing;
  }
  // The id is the client's; one that exists in another organisation must not be reused.
  const title = request.workflow
    ? `${ARTIFACT_KIND_LABELS[request.workflow.kind]} · ${request.workflow.teamKey}`
    : textOf(request.message).replace(/\s+/g, " ").trim().slice(0, 80) || "New conversation";
  try {
    return await db.conversation.create({
      data: { id: request.id, organizationId: caller.organizationId, userId: caller.userId, title, kind: request.workflow?.kind ?? null, teamKey: request.workflow?.teamKey ?? null },
    });
  } catch {
    throw new ChatRequestError("This conversation id is taken. Start a new conversation.", 409);
  }
}

/** What a person reads when the stream fails: what happened and what to do, never internals. */
export function describeStreamError(error: unknown): string {
  if (isUserFacing(error) || InvalidToolInputError.isInstance(error) || NoSuchToolError.isInstance(error)) return (error as Error).message;
  const message = error instanceof Error ? error.message : String(error);
  if (/401|unauthori[sz]ed|api key/i.test(message)) return "The language model refused the request: its API key is missing or wrong. An admin can fix it in Connections → Language model.";
  if (/429|rate limit/i.test(message)) return "The language model is rate-limiting requests. Wait a minute and press Retry.";
  if (/ECONNREFUSED|fetch failed|ENOTFOUND|timed? ?out/i.test(message)) return "The language model could not be reached. Press Retry; if it keeps failing, check the model's base URL in Connections → Language model.";
  return "The answer stopped because of an error. Press Retry; nothing was saved from the failed answer.";
}
