import { type UIMessage } from "ai";
import { describe, expect, it } from "vitest";
import { readableChatError, workflowOfTurn } from "./chat-view";

describe("readableChatError", () => {
  it("shows the server's plain-text message", () => {
    expect(readableChatError(new Error("No model is configured for free-form chat. Start a workflow instead."))).toBe("No model is configured for free-form chat. Start a workflow instead.");
  });

  it("reads JSON error bodies", () => {
    expect(readableChatError(new Error('{"error":"You have reached today\'s limit."}'))).toBe("You have reached today's limit.");
    expect(readableChatError(new Error('{"error":{"message":"Rate limited"}}'))).toBe("Rate limited");
    expect(readableChatError(new Error('{"message":"Conversation not found"}'))).toBe("Conversation not found");
    expect(readableChatError(new Error('{"code":500}'))).toBe("Something went wrong while answering. Try again in a moment.");
  });

  it("replaces network failures and HTML pages with a sentence of its own", () => {
    const network = new TypeError("Failed to fetch");
    expect(readableChatError(network)).toBe("We couldn't reach the server. Check your connection and try again.");
    expect(readableChatError(new Error("<!DOCTYPE html><html>502</html>"))).toBe("Something went wrong while answering. Try again in a moment.");
    expect(readableChatError(new Error(""))).toBe("Something went wrong while answering. Try again in a moment.");
    expect(readableChatError(undefined)).toBe("Something went wrong while answering. Try again in a moment.");
  });

  it("shortens very long messages", () => {
    const out = readableChatError(new Error("x".repeat(600)));
    expect(out).toHaveLength(500);
    expect(out.endsWith("…")).toBe(true);
  });
});

describe("workflowOfTurn", () => {
  const user = (id: string, metadata?: unknown): UIMessage => ({ id, role: "user", parts: [{ type: "text", text: id }], metadata });
  const bot = (id: string): UIMessage => ({ id, role: "assistant", parts: [{ type: "text", text: id }] });

  it("finds the workflow of the user message that opened the turn", () => {
    const messages = [user("u1", { workflow: { kind: "sprint_plan", teamKey: "PAY" } }), bot("a1"), user("u2"), bot("a2")];
    expect(workflowOfTurn(messages, 1)).toEqual({ kind: "sprint_plan", teamKey: "PAY" });
    expect(workflowOfTurn(messages, 0)).toEqual({ kind: "sprint_plan", teamKey: "PAY" });
    expect(workflowOfTurn(messages, 3)).toBeUndefined();
  });

  it("copes with an index past the end and with no user message", () => {
    expect(workflowOfTurn([user("u1", { workflow: { kind: "risk_register", teamKey: "MOB" } })], 5)).toEqual({ kind: "risk_register", teamKey: "MOB" });
    expect(workflowOfTurn([bot("a1")], 0)).toBeUndefined();
    expect(workflowOfTurn([], 0)).toBeUndefined();
  });
});
