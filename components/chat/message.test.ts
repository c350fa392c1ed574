import { type UIMessage } from "ai";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TooltipProvider } from "@/components/ui/tooltip";
import { ChatMessage, type ChatMessageProps } from "./message";

function render(props: Omit<ChatMessageProps, "onOpenArtifact">) {
  return renderToStaticMarkup(createElement(TooltipProvider, null, createElement(ChatMessage, { ...props, onOpenArtifact: () => {} })));
}

const assistant = (parts: UIMessage["parts"], metadata?: unknown): UIMessage => ({ id: "a1", role: "assistant", parts, metadata });

describe("ChatMessage", () => {
  it("shows the model that answered, from the message's metadata", () => {
    const html = render({ message: assistant([{ type: "text", text: "Done." }], { model: { id: "gpt-x", label: "GPT-X", provider: "openai" }, createdAt: "2026-03-02T09:05:00Z" }), fallbackModel: { label: "Other", provider: "builtin" } });
    expect(html).toContain('data-testid="model-badge"');
    expect(html).toContain("GPT-X");
    expect(html).not.toContain("Other");
  });

  it("falls back to the current model only when told to", () => {
    expect(render({ message: assistant([{ type: "text", text: "Hi" }]), fallbackModel: { label: "Built-in planner", provider: "builtin" } })).toContain("Built-in planner");
    expect(render({ message: assistant([{ type: "text", text: "Hi" }]) })).not.toContain('data-testid="model-badge"');
  });

  it("renders tool calls as rows with their state and summary", () => {
    const html = render({
      message: assistant([
        { type: "step-start" },
        { type: "tool-searchWorkItems", toolCallId: "t1", state: "output-available", input: { query: "checkout", teamKey: "PAY" }, output: { items: [{}, {}] } },
        { type: "tool-getVelocity", toolCallId: "t2", state: "input-available", input: { teamKey: "PAY" } },
        { type: "tool-detectRisks", toolCallId: "t3", state: "output-error", input: { teamKey: "PAY" }, errorText: "Jira is unavailable" },
      ]),
      streaming: true,
    });
    expect(html.match(/data-testid="tool-row"/g)).toHaveLength(3);
    expect(html).toContain('data-tool="searchWorkItems" data-state="done"');
    expect(html).toContain("Searched issues");
    expect(html).toContain("“checkout” · PAY → 2 issues");
    expect(html).toContain('data-tool="getVelocity" data-state="running"');
    expect(html).toContain("Measuring velocity…");
    expect(html).toContain('data-tool="detectRisks" data-state="error"');
    // Rows start collapsed; the JSON shows only once expanded.
    expect(html).not.toContain("&quot;checkout&quot;");
  });

  it("marks calls that never finished as stopped once the answer is over", () => {
    const html = render({ message: assistant([{ type: "tool-getVelocity", toolCallId: "t2", state: "input-available", input: { teamKey: "PAY" } }]) });
    expect(html).toContain('data-state="interrupted"');
    expect(html).toContain("Stopped");
  });

  it("turns a saved artifact into a card that opens it", () => {
    const html = render({
      message: assistant([
        { type: "tool-saveArtifact", toolCallId: "s1", state: "output-available", input: {}, output: { artifactId: "art_1", kind: "sprint_plan", title: "PAY Sprint 26", version: 1 } },
      ]),
    });
    expect(html).toContain('data-testid="artifact-card"');
    expect(html).toContain("Sprint plan · PAY Sprint 26 · v1");
    expect(html).toContain('aria-label="Open Sprint plan · PAY Sprint 26 · v1"');
  });

  it("keeps reasoning collapsed", () => {
    const html = render({ message: assistant([{ type: "reasoning", text: "secret chain of thought" }, { type: "text", text: "Answer" }]) });
    expect(html).toContain("Reasoning");
    expect(html).not.toContain("secret chain of thought");
  });

  it("offers regenerate only when asked to", () => {
    const msg = assistant([{ type: "text", text: "Answer" }]);
    expect(render({ message: msg, onRegenerate: () => {} })).toContain('data-testid="regenerate"');
    expect(render({ message: msg })).not.toContain('data-testid="regenerate"');
    expect(render({ message: msg, onRegenerate: () => {}, streaming: true })).not.toContain('data-testid="regenerate"');
  });

  it("shows user text as typed, without Markdown", () => {
    const html = render({ message: { id: "u1", role: "user", parts: [{ type: "text", text: "Plan **next** sprint <b>now</b>" }], metadata: { workflow: { kind: "sprint_plan", teamKey: "PAY" } } } });
    expect(html).toContain("Plan **next** sprint &lt;b&gt;now&lt;/b&gt;");
    expect(html).toContain("Sprint plan · PAY");
  });
});
