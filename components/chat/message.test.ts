import { type inferRouterOutputs } from "@trpc/server";
import { type UIMessage } from "ai";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderWithQueries } from "@/components/approvals/test-render";
import { TooltipProvider } from "@/components/ui/tooltip";
import { type AppRouter } from "@/server/api/root";
import { ChatMessage, type ChatMessageProps } from "./message";

function render(props: Omit<ChatMessageProps, "onOpenArtifact">) {
  return renderToStaticMarkup(createElement(TooltipProvider, null, createElement(ChatMessage, { ...props, onOpenArtifact: () => {} })));
}

const assistant = (parts: UIMessage["parts"], metadata?: unknown): UIMessage => ({ id: "a1", role: "assistant", parts, metadata });

const PROPOSAL: NonNullable<inferRouterOutputs<AppRouter>["actions"]["proposal"]> = {
  id: "prop_9",
  title: "Start PAY Sprint 26",
  rationale: "Committed scope",
  model: null,
  modelLabel: null,
  status: "PENDING",
  createdAt: new Date(),
  createdBy: null,
  sources: [],
  conversation: null,
  decisions: [],
  actions: [
    {
      id: "act_1",
      position: 0,
      kind: "jira.moveToSprint",
      tool: "JIRA",
      label: "Move to sprint",
      summary: "Move PAY-12 to PAY Sprint 26",
      input: { issueKey: "PAY-12", sprintId: "26", sprintName: "PAY Sprint 26" },
      originalInput: { issueKey: "PAY-12", sprintId: "26", sprintName: "PAY Sprint 26" },
      edited: false,
      status: "PROPOSED",
      result: null,
      error: null,
      issues: null,
      waitingReason: null,
      nextAttemptAt: null,
      attempts: 0,
      verification: null,
      approvedBy: null,
      finishedAt: null,
      undoOfId: null,
      undo: null,
      undoneBy: null,
    },
  ],
};

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

  it("shows the proposal it made as an approval card after the steps", () => {
    const message = assistant([
      { type: "tool-saveArtifact", toolCallId: "s1", state: "output-available", input: {}, output: { artifactId: "art_1", kind: "sprint_plan", title: "PAY Sprint 26", version: 1 } },
      {
        type: "tool-proposeChanges",
        toolCallId: "p1",
        state: "output-available",
        input: { title: "Start PAY Sprint 26", rationale: "Committed scope", actions: [{}, {}] },
        output: { proposalId: "prop_9", title: "Start PAY Sprint 26", actions: 2, status: "awaiting approval" },
      },
    ]);
    const html = renderWithQueries(createElement(ChatMessage, { message, onOpenArtifact: () => {} }), (trpc, queryClient) => {
      const me: inferRouterOutputs<AppRouter>["organization"]["me"] = {
        user: { id: "u1", name: "Ada", email: null, image: null },
        organization: null,
        role: "PM",
        roleLabel: "Product manager",
        scopes: [{ scope: "approvals:decide", description: "Apply, edit or reject proposed actions" }],
      };
      queryClient.setQueryData(trpc.organization.me.queryKey(), me);
      queryClient.setQueryData(trpc.actions.proposal.queryKey({ id: "prop_9" }), PROPOSAL);
    });
    expect(html).toContain('data-tool="proposeChanges" data-state="done"');
    expect(html).toContain("Proposed changes");
    expect(html).toContain("2 actions awaiting approval");
    expect(html).toContain('data-testid="proposal-card" data-proposal-id="prop_9"');
    expect(html).toContain('aria-label="Include Move PAY-12 to PAY Sprint 26"');
    expect(html).toContain("Apply all");
    // The card comes after the steps and the artifact card.
    expect(html.indexOf('data-testid="artifact-card"')).toBeLessThan(html.indexOf('data-testid="proposal-card"'));
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
