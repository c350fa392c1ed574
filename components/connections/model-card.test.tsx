import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { type inferRouterOutputs } from "@trpc/server";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { renderToStaticMarkup } from "react-dom/server";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { TRPCProvider } from "@/lib/trpc/react";
import { type AppRouter } from "@/server/api/root";
import { setModelInput } from "@/server/agent/models/models.router";
import { apiKeyPlaceholder, ModelCard, sameChoice, toSetModelInput } from "./model-card";

describe("model form input", () => {
  it("sends only what the chosen provider uses, and leaves out an empty key", () => {
    const base = { modelId: " gpt-4.1 ", baseUrl: "http://vllm.internal:8000/v1", apiKey: "  " };
    expect(toSetModelInput({ provider: "BUILTIN", ...base })).toEqual({ provider: "BUILTIN" });
    expect(toSetModelInput({ provider: "OPENAI", ...base })).toEqual({ provider: "OPENAI", modelId: "gpt-4.1" });
    expect(toSetModelInput({ provider: "OPENAI", ...base, apiKey: "sk-new" })).toEqual({ provider: "OPENAI", modelId: "gpt-4.1", apiKey: "sk-new" });
    expect(toSetModelInput({ provider: "OPENAI_COMPATIBLE", ...base })).toEqual({ provider: "OPENAI_COMPATIBLE", modelId: "gpt-4.1", baseUrl: "http://vllm.internal:8000/v1" });
  });

  it("produces input the server's schema accepts", () => {
    const draft = { provider: "OPENAI_COMPATIBLE" as const, modelId: "llama-3.1-8b", baseUrl: "http://localhost:11434/v1", apiKey: "" };
    expect(setModelInput.safeParse(toSetModelInput(draft)).success).toBe(true);
    expect(setModelInput.safeParse(toSetModelInput({ ...draft, baseUrl: "not a url" })).success).toBe(false);
  });

  it("counts a typed key or another field as a change, and nothing else", () => {
    const saved = { provider: "OPENAI" as const, modelId: "gpt-4.1", baseUrl: "", apiKey: "" };
    expect(sameChoice(toSetModelInput(saved), toSetModelInput({ ...saved, baseUrl: "http://ignored.example/v1" }))).toBe(true);
    expect(sameChoice(toSetModelInput(saved), toSetModelInput({ ...saved, apiKey: "sk-new" }))).toBe(false);
    expect(sameChoice(toSetModelInput(saved), toSetModelInput({ ...saved, modelId: "gpt-4.1-mini" }))).toBe(false);
    expect(sameChoice(toSetModelInput(saved), toSetModelInput({ ...saved, provider: "BUILTIN" }))).toBe(false);
  });

  it("offers to keep a stored key only for the provider that stored it", () => {
    expect(apiKeyPlaceholder({ provider: "OPENAI", hasApiKey: true }, "OPENAI")).toBe("stored — leave empty to keep");
    expect(apiKeyPlaceholder({ provider: "OPENAI", hasApiKey: true }, "OPENAI_COMPATIBLE")).toBe("Optional");
    expect(apiKeyPlaceholder({ provider: "BUILTIN", hasApiKey: false }, "OPENAI")).toBe("sk-…");
  });
});

type Current = inferRouterOutputs<AppRouter>["models"]["current"];

const CURRENT: Current = {
  provider: "OPENAI",
  modelId: "gpt-4.1",
  baseUrl: null,
  hasApiKey: true,
  label: "OpenAI gpt-4.1",
  freeForm: true,
  updatedAt: null,
};

function render(current: Current, canManageModel: boolean): string {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  const trpcClient = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "http://localhost/api/trpc", transformer: superjson })] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  queryClient.setQueryData(trpc.models.current.queryKey(), current);
  return renderToStaticMarkup(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <ModelCard canManageModel={canManageModel} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
}

describe("model card", () => {
  it("shows everyone which model answers", () => {
    const html = render(CURRENT, false);
    expect(html).toContain("OpenAI gpt-4.1");
    expect(html).toContain("Free-form chat");
    expect(html).toContain("Admins choose the model");
    expect(html).not.toContain("<form");
  });

  it("gives admins the three choices, with the stored key kept out of the page", () => {
    const html = render(CURRENT, true);
    expect(html.match(/role="radio"/g)).toHaveLength(3);
    expect(html).toContain("Built-in planner");
    expect(html).toContain("OpenAI-compatible server");
    const password = /<input[^>]*type="password"[^>]*>/.exec(html)?.[0];
    expect(password).toContain('value=""');
    expect(html).toContain('placeholder="stored — leave empty to keep"');
    expect(html).toContain('value="gpt-4.1"');
  });

  it("warns when the chosen model cannot be used", () => {
    const html = render({ ...CURRENT, hasApiKey: false, label: "gpt-4.1 (not usable: no API key)", freeForm: false }, false);
    expect(html).toContain("Not usable");
    expect(html).not.toContain("Free-form chat");
  });

  it("says the built-in planner runs workflows only", () => {
    const html = render({ ...CURRENT, provider: "BUILTIN", modelId: null, label: "Built-in planner", freeForm: false, hasApiKey: false }, false);
    expect(html).toContain("Workflows only");
  });
});
