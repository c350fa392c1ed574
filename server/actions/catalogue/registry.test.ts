import { describe, expect, it } from "vitest";
import { ACTIONS, definitionOf, draftOf, isExecutable, parseAction, proposalOf } from "./registry";
import { ACTION_KINDS } from "./types";

describe("registry", () => {
  it("has a definition for each of the 13 kinds, keyed by its own kind", () => {
    expect(ACTION_KINDS).toHaveLength(13);
    for (const kind of ACTION_KINDS) expect(ACTIONS[kind].kind).toBe(kind);
    expect(definitionOf("slack.postMessage").tool).toBe("SLACK");
  });

  it("parses a valid action into its typed input (trimmed)", () => {
    const r = parseAction("jira.transition", { issueKey: " PAY-12 ", toStatus: "Done" });
    expect(r).toEqual({ ok: true, action: { kind: "jira.transition", input: { issueKey: "PAY-12", toStatus: "Done" } } });
  });

  it("returns form-ready issues with field paths for bad input", () => {
    const r = parseAction("jira.updateFields", { issueKey: "PAY-12", fields: { storyPoints: -1 } });
    expect(r).toEqual({ ok: false, issues: [{ path: "fields.storyPoints", message: "Story points cannot be negative." }] });
  });

  it("refuses an unknown kind", () => {
    expect(parseAction("jira.delete", {})).toEqual({ ok: false, issues: [{ path: "kind", message: '"jira.delete" is not an action this product can take.' }] });
  });

  it("keeps a draft out of execution and turns it back into a proposal", () => {
    const r = parseAction("jira.assign", { issueKey: "PAY-12", accountId: null });
    if (!r.ok) throw new Error("expected a valid action");
    const draft = draftOf(r.action);
    expect(draft).toEqual({ kind: "jira.assign", input: { issueKey: "PAY-12", accountId: null }, draft: true });
    expect(isExecutable(draft)).toBe(false);
    expect(isExecutable(proposalOf(draft))).toBe(true);
    expect(isExecutable(r.action)).toBe(true);
  });
});
