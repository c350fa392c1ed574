import { describe, expect, it } from "vitest";
import { POLICY_SIZE_LIMIT } from "@/server/policies/language";
import { checkDraft, diagnosticsFor, draftSize, issueLabel, issuesOf, problemCount, sizeNote, toDiagnostics } from "./diagnostics";

const WITH_ERROR = `version: 1
rules:
  - name: PMs plan
    roles: [pms]
    tools: [jira]
    actions: [create]
`;

// github offers no transition: a warning, not an error.
const WITH_WARNING = `version: 1
rules:
  - name: PMs move work
    roles: [pm]
    tools: [jira, github]
    actions: [transition]
`;

describe("policy editor diagnostics", () => {
  it("marks an unknown role where it is written, as an error with its line and column", () => {
    const result = checkDraft(WITH_ERROR);
    expect(result.ok).toBe(false);
    const [issue] = issuesOf(result);
    expect(issue).toMatchObject({ severity: "error", line: 4, column: 13 });
    expect(WITH_ERROR.slice(issue!.from, issue!.to)).toBe("pms");
    expect(issueLabel(issue!)).toMatch(/^line 4, column 13: “pms” is not a role\. Did you mean “pm”\?/);

    const [diagnostic] = diagnosticsFor(WITH_ERROR);
    expect(diagnostic).toMatchObject({ from: issue!.from, to: issue!.to, severity: "error", message: issue!.message });
    expect(problemCount(result)).toBe("1 error");
  });

  it("reports warnings as warnings, and a valid draft without them as having no problems", () => {
    const warned = checkDraft(WITH_WARNING);
    expect(warned.ok).toBe(true);
    const issues = issuesOf(warned);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.severity === "warning")).toBe(true);
    expect(diagnosticsFor(WITH_WARNING).map((d) => d.severity)).toEqual(issues.map(() => "warning"));
    expect(problemCount(warned)).toBe(issues.length === 1 ? "1 warning" : `${issues.length} warnings`);

    const clean = checkDraft(WITH_WARNING.replace("tools: [jira, github]", "tools: [jira]"));
    expect(issuesOf(clean)).toEqual([]);
    expect(problemCount(clean)).toBe("No problems found");
  });

  it("lists errors before warnings, each in document order", () => {
    const issues = issuesOf({
      ok: false,
      errors: [issueAt("error", 40), issueAt("error", 10)],
      warnings: [issueAt("warning", 5)],
    });
    expect(issues.map((i) => [i.severity, i.from])).toEqual([
      ["error", 10],
      ["error", 40],
      ["warning", 5],
    ]);
  });

  it("keeps diagnostics inside the document, which CodeMirror requires", () => {
    const diagnostics = toDiagnostics([issueAt("error", 50, 80), issueAt("warning", -3, -1)], 20);
    expect(diagnostics.map((d) => [d.from, d.to])).toEqual([
      [20, 20],
      [0, 0],
    ]);
  });

  it("parses the same text once for the linter and the problem list", () => {
    expect(checkDraft(WITH_ERROR)).toBe(checkDraft(WITH_ERROR));
    expect(checkDraft(WITH_ERROR)).not.toBe(checkDraft(WITH_WARNING));
  });

  it("names the size limit, and the draft's size once it comes close", () => {
    expect(sizeNote(draftSize("rules: []\n"))).toBe("A policy is limited to 256 KB.");
    expect(sizeNote(POLICY_SIZE_LIMIT - 1024)).toBe("This draft is 255 KB of the 256 KB a policy may take.");
    expect(sizeNote(POLICY_SIZE_LIMIT + 10 * 1024)).toMatch(/^This draft is 266 KB; a policy is limited to 256 KB\./);
    // The limit counts bytes, not characters.
    expect(draftSize("é")).toBe(2);
  });
});

function issueAt(severity: "error" | "warning", from: number, to = from + 1) {
  return { severity, message: `${severity} at ${from}`, line: 1, column: from + 1, endLine: 1, endColumn: to + 1, from, to, path: [] };
}
