import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { type LanguageModel } from "ai";
import { decryptJson } from "@/server/connectors/crypto";
import { type ModelProvider } from "@/server/db/generated/enums";
import { createBuiltinPlanner, BUILTIN_MODEL_ID } from "../builtin/planner";

/** Which model answered, as the UI shows it and ModelCall records it. */
export interface ModelInfo {
  provider: "builtin" | "openai" | "openai-compatible" | "test";
  id: string;
  label: string;
}

/** An organisation's model choice as stored (ModelConfig), or null for the built-in planner. */
export interface ModelChoice {
  provider: ModelProvider;
  modelId: string;
  baseUrl: string | null;
  encryptedApiKey: string | null;
}

export interface ResolvedModel {
  model: LanguageModel;
  info: ModelInfo;
  /** True when the model can hold a free-form conversation (the built-in planner cannot). */
  freeForm: boolean;
}

export class ModelConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelConfigError";
  }
}

/**
 * A source of extra models by id, checked before the organisation's choice. Tests register the AI
 * SDK's mock model here so they run through this same function; production passes nothing.
 */
export type ModelOverride = (choice: ModelChoice | null) => ResolvedModel | null;

/**
 * The one place that turns an organisation's choice into a language model. OpenAI goes through
 * @ai-sdk/openai; any OpenAI-compatible server (vLLM, Ollama, a hosted fine-tune) through
 * @ai-sdk/openai-compatible's chat-completions client, because such servers lack OpenAI's
 * Responses API. No choice means the built-in deterministic planner.
 */
export function resolveModel(choice: ModelChoice | null, opts: { env?: { OPENAI_API_KEY?: string }; override?: ModelOverride } = {}): ResolvedModel {
  const overridden = opts.override?.(choice);
  if (overridden) return overridden;
  if (!choice || choice.provider === "BUILTIN") {
    return { model: createBuiltinPlanner(), info: { provider: "builtin", id: BUILTIN_MODEL_ID, label: "Built-in planner" }, freeForm: false };
  }
  const apiKey = choice.encryptedApiKey ? decryptJson<{ apiKey: string }>(choice.encryptedApiKey).apiKey : undefined;
  if (choice.provider === "OPENAI") {
    const key = apiKey ?? opts.env?.OPENAI_API_KEY;
    if (!key) throw new ModelConfigError("OpenAI is selected but has no API key: add one in Connections → Language model, or set OPENAI_API_KEY.");
    const openai = createOpenAI({ apiKey: key });
    return { model: openai(choice.modelId), info: { provider: "openai", id: choice.modelId, label: `OpenAI ${choice.modelId}` }, freeForm: true };
  }
  if (!choice.baseUrl) throw new ModelConfigError("The OpenAI-compatible model has no base URL: set it in Connections → Language model.");
  const compatible = createOpenAICompatible({ name: "openai-compatible", baseURL: choice.baseUrl, apiKey, includeUsage: true });
  const host = safeHost(choice.baseUrl);
  return {
    model: compatible.chatModel(choice.modelId),
    info: { provider: "openai-compatible", id: choice.modelId, label: `${choice.modelId}${host ? ` at ${host}` : ""}` },
    freeForm: true,
  };
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * Which model the organisation's choice names, for showing it, even when it cannot be used
 * (a missing key, no base URL): then the label says why, and free-form chat is off.
 */
export function describeModel(choice: ModelChoice | null, env: { OPENAI_API_KEY?: string } = {}): { info: ModelInfo; freeForm: boolean } {
  try {
    const { info, freeForm } = resolveModel(choice, { env });
    return { info, freeForm };
  } catch (error) {
    if (!(error instanceof ModelConfigError)) throw error;
    const provider = choice?.provider === "OPENAI_COMPATIBLE" ? "openai-compatible" : "openai";
    return { info: { provider, id: choice?.modelId ?? "", label: `${choice?.modelId ?? "Model"} (not usable: ${error.message})` }, freeForm: false };
  }
}
