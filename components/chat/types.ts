import { z } from "zod";
import { ARTIFACT_KINDS, type ArtifactKind } from "@/server/planning/artifact";

export const CHAT_MODEL_PROVIDERS = ["builtin", "openai", "openai-compatible", "test"] as const;
export type ChatModelProvider = (typeof CHAT_MODEL_PROVIDERS)[number];

/** The planning workflow a message asks for; the server runs the deterministic engine for it. */
export const workflowRequestSchema = z.object({
  kind: z.enum(ARTIFACT_KINDS),
  teamKey: z.string().min(1),
});
export type WorkflowRequest = z.infer<typeof workflowRequestSchema>;

/**
 * Metadata carried by every chat message.
 * - Assistant messages: `model` names the model that answered (always shown under the message),
 *   `createdAt` is an ISO timestamp.
 * - User messages started from a workflow card carry `workflow`, so regenerating or retrying that
 *   turn sends the same workflow again. It is a hint for the UI; the server decides what to run.
 */
export const chatMessageMetadataSchema = z.object({
  model: z
    .object({
      id: z.string(),
      label: z.string(),
      provider: z.enum(CHAT_MODEL_PROVIDERS),
    })
    .optional(),
  createdAt: z.string().optional(),
  workflow: workflowRequestSchema.optional(),
});
export type ChatMessageMetadata = z.infer<typeof chatMessageMetadataSchema>;

/**
 * Reads a message's metadata without trusting it: anything that does not match the schema is
 * dropped field by field, so one bad field never hides the model badge.
 */
export function readMessageMetadata(metadata: unknown): ChatMessageMetadata {
  if (!metadata || typeof metadata !== "object") return {};
  const raw = metadata as Record<string, unknown>;
  const model = chatMessageMetadataSchema.shape.model.safeParse(raw.model);
  const createdAt = chatMessageMetadataSchema.shape.createdAt.safeParse(raw.createdAt);
  const workflow = chatMessageMetadataSchema.shape.workflow.safeParse(raw.workflow);
  return {
    ...(model.success && model.data ? { model: model.data } : {}),
    ...(createdAt.success && createdAt.data ? { createdAt: createdAt.data } : {}),
    ...(workflow.success && workflow.data ? { workflow: workflow.data } : {}),
  };
}

/** What the `saveArtifact` tool returns once the artifact version is stored. */
export interface SaveArtifactOutput {
  artifactId: string;
  kind: ArtifactKind;
  title: string;
  version: number;
}

/** The model the chat currently talks to, as the page knows it (used before a reply has metadata). */
export interface ChatModelInfo {
  label: string;
  provider: string;
}

/** One team the workflow starters can plan for. */
export interface ChatTeam {
  key: string;
  name: string;
}

/** A row of the conversation sidebar. `updatedAt` is an ISO timestamp. */
export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: string;
  /** The kind of artifact the conversation produced, if any (drives the row's icon). */
  kind: ArtifactKind | null;
}
