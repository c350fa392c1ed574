import { describe, expect, it } from "vitest";
import { readMessageMetadata } from "./types";

describe("readMessageMetadata", () => {
  it("keeps well-formed fields", () => {
    expect(
      readMessageMetadata({ model: { id: "gpt-x", label: "GPT-X", provider: "openai" }, createdAt: "2026-03-02T09:05:00Z", workflow: { kind: "status_report", teamKey: "PAY" } }),
    ).toEqual({ model: { id: "gpt-x", label: "GPT-X", provider: "openai" }, createdAt: "2026-03-02T09:05:00Z", workflow: { kind: "status_report", teamKey: "PAY" } });
  });

  it("drops bad fields one by one", () => {
    expect(readMessageMetadata({ model: { id: "x", label: "X", provider: "anthropic" }, createdAt: "2026-03-02T09:05:00Z" })).toEqual({ createdAt: "2026-03-02T09:05:00Z" });
    expect(readMessageMetadata({ model: { id: "x", label: "X", provider: "test" }, workflow: { kind: "roadmap", teamKey: "PAY" }, createdAt: 5 })).toEqual({
      model: { id: "x", label: "X", provider: "test" },
    });
  });

  it("accepts anything without throwing", () => {
    expect(readMessageMetadata(undefined)).toEqual({});
    expect(readMessageMetadata("text")).toEqual({});
    expect(readMessageMetadata([1, 2])).toEqual({});
  });
});
