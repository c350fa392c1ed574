import { type UIMessage } from "ai";
import { resolveModel } from "@/server/agent/models/registry";
import { type TenantDb } from "@/server/db/tenant";

/** What the chat page needs before the first byte: teams, the model that will answer, a conversation. */
export async function loadChatPage(db: TenantDb, userId: string, conversationId: string | null) {
  const [teams, config, conversation] = await Promise.all([
    db.team.findMany({ select: { key: true, name: true }, orderBy: { key: "asc" } }),
    db.modelConfig.findFirst(),
    conversationId
      ? db.conversation.findFirst({ where: { id: conversationId, userId }, include: { messages: { orderBy: { createdAt: "asc" } } } })
      : Promise.resolve(null),
  ]);
  let model: { label: string; provider: string };
  try {
    const { info } = resolveModel(config, { env: { OPENAI_API_KEY: process.env.OPENAI_API_KEY } });
    model = { label: info.label, provider: info.provider };
  } catch (error) {
    model = { label: `${config?.modelId ?? "Model"} — ${(error as Error).message}`, provider: "openai" };
  }
  const messages: UIMessage[] = (conversation?.messages ?? []).map((m) => ({
    id: m.id,
    role: m.role as UIMessage["role"],
    parts: m.parts as UIMessage["parts"],
    metadata: m.metadata,
  }));
  return { teams, model, conversation, messages };
}
