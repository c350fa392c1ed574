import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY_YAML } from "@/server/policies/default-policy";

const dir = mkdtempSync(path.join(tmpdir(), "policy-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
}

/** Runs the CLI as `npm run policy:check` would, from the repository root. */
function run(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/policy-check.ts", ...args], { cwd: path.resolve(import.meta.dirname, ".."), encoding: "utf8" });
  return { code: result.status, stdout: result.stdout.trimEnd(), stderr: result.stderr.trimEnd() };
}

describe("policy-check", { timeout: 30_000 }, () => {
  it("prints one summary line and exits 0 for a valid policy", () => {
    const at = file("default.yaml", DEFAULT_POLICY_YAML);
    expect(run(at)).toEqual({ code: 0, stdout: `${at}: valid: 4 rules (4 allow, 0 deny); editors: admin; 0 warnings.`, stderr: "" });
  });

  it("prints FILE:line:column: message for each error and exits 1", () => {
    const at = file("broken.yaml", ["version: 1", "rules:", "  - name: x", "    roles: [pm, enginer]", "    actions: [comment, delete]", ""].join("\n"));
    const result = run(at);
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")).toEqual([
      `${at}:4:17: “enginer” is not a role. Did you mean “engineer”? Write one of pm, engineer, admin, leadership, or "*" for every role.`,
      `${at}:5:24: “delete” is not an action. Write a verb (create, update, comment, transition, assign, move, post), an exact kind such as jira.createIssue, or "*".`,
    ]);
  });

  it("reports malformed YAML with its position", () => {
    const at = file("syntax.yaml", "version: 1\nrules:\n  - name: a\n    name: b\n");
    expect(run(at)).toMatchObject({ code: 1, stdout: `${at}:4:5: Map keys must be unique.` });
  });

  it("prints warnings and still exits 0", () => {
    const at = file("warned.yaml", "version: 1\nrules: []\n");
    const result = run(at);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toEqual([`${at}:2:1: warning: This policy has no rules, so every action is denied.`, `${at}: valid: 0 rules (0 allow, 0 deny); editors: admin; 1 warning.`]);
  });

  it("refuses a policy over 256 KB", () => {
    const at = file("huge.yaml", `version: 1\n${"#".repeat(1024 * 1024 - 11)}`);
    const result = run(at);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^${at.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1:1: Policies are limited to 256 KB; this one is 1\\.0 MB\\.`));
  });

  it("checks the lockout against --members", () => {
    const at = file("locked.yaml", DEFAULT_POLICY_YAML);
    expect(run(at, "--members", "pm,admin").code).toBe(0);
    const locked = run(at, "--members", "pm,engineer");
    expect(locked.code).toBe(1);
    expect(locked.stdout).toContain(`${at}:1:1: This policy would lock every admin out:`);
  });

  it("checks several files and fails if any fails", () => {
    const good = file("good.yaml", DEFAULT_POLICY_YAML);
    const missing = path.join(dir, "missing.yaml");
    const result = run(good, missing);
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")).toEqual([expect.stringMatching(/: valid: /), `${missing}:1:1: cannot read the file (ENOENT). Check the path.`]);
  });

  it("exits 2 with usage when no file is named", () => {
    const result = run();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("usage: npm run policy:check -- FILE");
  });
});
