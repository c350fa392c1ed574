import { type UIMessage } from "ai";
import { describeModel } from "@/server/agent/models/registry";
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
  const { info } = describeModel(config, { OPENAI_API_KEY: process.env.OPENAI_API_KEY });
  const model = { label: info.label, provider: info.provider };
  const messages: UIMessage[] = (conversation?.messages ?? []).map((m) => ({
    id: m.id,
    role: m.role as UIMessage["role"],
    parts: m.parts as UIMessage["parts"],
    metadata: m.metadata,
  }));
  return { teams, model, conversation, messages };
}
