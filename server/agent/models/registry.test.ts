import { createServer, type IncomingMessage } from "node:http";
import { type AddressInfo } from "node:net";
import { streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptJson, generateKey } from "@/server/connectors/crypto";
import { BUILTIN_MODEL_ID } from "../builtin/planner";
import { describeModel, ModelConfigError, resolveModel } from "./registry";

/** A minimal OpenAI-compatible server (the chat-completions API vLLM and Ollama serve), recording requests. */
const requests: { path: string; auth: string | undefined; body: Record<string, unknown> }[] = [];
const server = createServer(async (req: IncomingMessage, res) => {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  requests.push({ path: req.url ?? "", auth: req.headers.authorization, body: JSON.parse(raw || "{}") as Record<string, unknown> });
  res.writeHead(200, { "content-type": "text/event-stream" });
  const chunk = (delta: object, finish: string | null, usage?: object) =>
    `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 0, model: "planner-ft", choices: [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`;
  res.write(chunk({ role: "assistant", content: "Hello " }, null));
  res.write(chunk({ content: "from vLLM" }, null));
  res.write(chunk({}, "stop", { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 }));
  res.end("data: [DONE]\n\n");
});
let baseUrl = "";

beforeAll(async () => {
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the model registry", () => {
  it("uses the built-in planner when the organisation chose no model", () => {
    const resolved = resolveModel(null);
    expect(resolved.info).toEqual({ provider: "builtin", id: BUILTIN_MODEL_ID, label: "Built-in planner" });
    expect(resolved.freeForm).toBe(false);
  });

  it("streams from an OpenAI-compatible server through its chat-completions API, with the sealed key", async () => {
    const resolved = resolveModel({ provider: "OPENAI_COMPATIBLE", modelId: "planner-ft", baseUrl, encryptedApiKey: encryptJson({ apiKey: "sk-local-1" }) });
    expect(resolved.info).toMatchObject({ provider: "openai-compatible", id: "planner-ft", label: expect.stringContaining("127.0.0.1") });
    const result = streamText({ model: resolved.model, prompt: "Say hello" });
    expect(await result.text).toBe("Hello from vLLM");
    expect((await result.usage).outputTokens).toBe(3);
    const request = requests.at(-1)!;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.auth).toBe("Bearer sk-local-1");
    expect(request.body).toMatchObject({ model: "planner-ft", stream: true });
  });

  it("refuses OpenAI without any key, and a compatible server without a base URL, saying where to fix it", () => {
    expect(() => resolveModel({ provider: "OPENAI", modelId: "gpt-4.1", baseUrl: null, encryptedApiKey: null }, { env: {} })).toThrow(ModelConfigError);
    expect(() => resolveModel({ provider: "OPENAI", modelId: "gpt-4.1", baseUrl: null, encryptedApiKey: null }, { env: {} })).toThrow(/Connections → Language model/);
    expect(() => resolveModel({ provider: "OPENAI_COMPATIBLE", modelId: "m", baseUrl: null, encryptedApiKey: null })).toThrow(/no base URL/);
  });

  it("uses OPENAI_API_KEY for OpenAI when no key is stored", () => {
    const resolved = resolveModel({ provider: "OPENAI", modelId: "gpt-4.1", baseUrl: null, encryptedApiKey: null }, { env: { OPENAI_API_KEY: "sk-env" } });
    expect(resolved.info).toEqual({ provider: "openai", id: "gpt-4.1", label: "OpenAI gpt-4.1" });
    expect(resolved.freeForm).toBe(true);
  });

  it("describes a choice that cannot be used, saying why, with free-form chat off", () => {
    expect(describeModel({ provider: "OPENAI", modelId: "gpt-4.1", baseUrl: null, encryptedApiKey: null })).toEqual({
      info: { provider: "openai", id: "gpt-4.1", label: expect.stringMatching(/^gpt-4\.1 \(not usable: OpenAI is selected but has no API key/) },
      freeForm: false,
    });
    expect(describeModel(null).info.label).toBe("Built-in planner");
  });
});
