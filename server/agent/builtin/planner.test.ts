import { type LanguageModelV4CallOptions, type LanguageModelV4Prompt, type LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { createBuiltinPlanner, FREE_FORM_REPLY } from "./planner";

const TEAMS = [
  { key: "PAY", name: "Payments" },
  { key: "MOB", name: "Mobile" },
];

async function run(prompt: LanguageModelV4Prompt, builtin: Record<string, unknown> = { teams: TEAMS }) {
  const model = createBuiltinPlanner();
  const { stream } = await model.doStream({ prompt, providerOptions: { builtin } } as unknown as LanguageModelV4CallOptions);
  const parts: LanguageModelV4StreamPart[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  const text = parts.map((p) => (p.type === "text-delta" ? p.delta : "")).join("");
  const calls = parts.filter((p) => p.type === "tool-call").map((p) => ({ toolName: p.toolName, input: JSON.parse(p.input) as unknown }));
  const finish = parts.find((p) => p.type === "finish");
  return { text, calls, finish: finish?.type === "finish" ? finish.finishReason.unified : null };
}

const user = (text: string): LanguageModelV4Prompt[number] => ({ role: "user", content: [{ type: "text", text }] });

describe("the built-in planner", () => {
  it("answers free-form requests by saying they need a configured model", async () => {
    const out = await run([user("Who owns the checkout service?")]);
    expect(out).toEqual({ text: FREE_FORM_REPLY, calls: [], finish: "stop" });
  });

  it("asks which team when the request names none and there are several", async () => {
    const out = await run([user("Plan next sprint")]);
    expect(out.text).toBe("Which team should the sprint plan cover? Teams: **Payments** (PAY), **Mobile** (MOB).");
    expect(out.calls).toEqual([]);
  });

  it("explains how teams appear when there are none", async () => {
    const out = await run([user("Weekly status report")], { teams: [] });
    expect(out.text).toMatch(/There are no teams yet\. Connect Jira/);
  });

  it("gathers with the workflow's tools first, in one step", async () => {
    const out = await run([user("Plan next sprint for Payments")]);
    expect(out.finish).toBe("tool-calls");
    expect(out.calls).toEqual([
      { toolName: "planSprint", input: { teamKey: "PAY" } },
      { toolName: "getVelocity", input: { teamKey: "PAY" } },
      { toolName: "detectRisks", input: { teamKey: "PAY" } },
    ]);
  });

  it("takes the workflow the starter sent over what the words suggest", async () => {
    const out = await run([user("Anything for Mobile")], { teams: TEAMS, workflow: { kind: "risk_register", teamKey: "MOB" } });
    expect(out.calls.map((c) => c.toolName)).toEqual(["detectRisks", "breakdownWork"]);
  });

  it("reports a failed tool plainly and saves nothing", async () => {
    const out = await run([
      user("Generate a risk register for PAY"),
      { role: "assistant", content: [{ type: "tool-call", toolCallId: "1", toolName: "detectRisks", input: { teamKey: "PAY" } }] },
      { role: "tool", content: [{ type: "tool-result", toolCallId: "1", toolName: "detectRisks", output: { type: "error-text", value: "detectRisks could not read the synced data just now." } }] },
    ]);
    expect(out.calls).toEqual([]);
    expect(out.text).toBe(
      "I could not finish the risk register: detectRisks failed (detectRisks could not read the synced data just now.). Nothing was saved. Try again in a moment; if it keeps failing, check the team's connections.",
    );
  });

  it("replies instead of saving when the release asked for does not exist", async () => {
    const out = await run([
      user("Plan the release 9.9 for PAY"),
      { role: "assistant", content: [{ type: "tool-call", toolCallId: "1", toolName: "planRelease", input: {} }] },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "1",
            toolName: "planRelease",
            output: { type: "json", value: { note: "", result: { ok: false, reason: "No release matches “9.9”.", candidates: [{ id: "1", name: "Payments 2.5", released: false, releaseDate: "2026-12-18", source: null }] } } },
          },
        ],
      },
    ]);
    expect(out.calls).toEqual([]);
    expect(out.text).toContain("No release matches “9.9”. Unreleased versions of Payments: **Payments 2.5** (18 Dec 2026). Ask again with one of them, e.g. “Plan the release Payments 2.5”.");
  });
});
