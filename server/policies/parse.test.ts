import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY_YAML, defaultPolicy } from "./default-policy";
import { describeRule } from "./explain";
import { POLICY_SIZE_LIMIT } from "./language";
import { checkLockout } from "./lockout";
import { formatSize, InvalidPolicyError, loadPolicy, parsePolicy, type PolicyIssue } from "./parse";

/** YAML from lines, so positions in tests are easy to count. */
const yaml = (...lines: string[]) => `${lines.join("\n")}\n`;

/** A valid rule's lines at the usual indentation, to build policies around one mistake. */
const RULE = ["  - name: PMs comment", "    roles: [pm]", "    tools: [jira]", "    actions: [comment]"];

function problems(text: string, severity: "errors" | "warnings" = "errors"): { at: string; message: string }[] {
  const result = parsePolicy(text);
  const list: PolicyIssue[] = severity === "warnings" ? result.warnings : result.ok ? [] : result.errors;
  return list.map((i) => ({ at: `${i.line}:${i.column}`, message: i.message }));
}

/** The single error a policy has; fails when there is not exactly one. */
function onlyError(text: string) {
  const result = parsePolicy(text);
  expect(result.ok).toBe(false);
  const list = problems(text);
  expect(list, JSON.stringify(list, null, 2)).toHaveLength(1);
  return list[0]!;
}

describe("parsePolicy: valid policies", () => {
  it("accepts the default policy with no errors and no warnings", () => {
    const result = parsePolicy(DEFAULT_POLICY_YAML);
    expect(result.ok ? result.warnings : result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    const policy = defaultPolicy();
    expect(policy.administration.editors).toEqual(["ADMIN"]);
    expect(policy.rules.map((r) => r.name)).toEqual(["PMs and admins plan in Jira", "PMs and admins comment", "Engineers comment with approval", "PMs and admins write docs and updates"]);
  });

  it("accepts every commented example in the default policy once uncommented", () => {
    const uncommented = DEFAULT_POLICY_YAML.replace(/^ {2}# {1,2}(- name:| {2}\w)/gm, (_, rest: string) => `  ${rest}`);
    const result = parsePolicy(uncommented);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && result.policy.rules.map((r) => r.name)).toContain("Quiet weekends");
    expect(result.ok && result.policy.rules).toHaveLength(7);
  });

  it("compiles defaults, verbs and lower-case names", () => {
    const policy = loadPolicy(yaml("version: 1", "rules:", ...RULE));
    expect(policy).toEqual({
      version: 1,
      timezone: "UTC",
      administration: { editors: ["ADMIN"] },
      rules: [
        {
          name: "PMs comment",
          description: null,
          effect: "allow",
          roles: ["PM"],
          tools: ["jira"],
          actions: ["comment"],
          kinds: ["jira.comment"],
          scope: null,
          when: null,
          time: null,
          environments: null,
          approval: { required: true, approverRoles: ["PM", "ADMIN"], selfApproval: false },
          autoApply: false,
        },
      ],
    });
  });

  it("reads a single value as a one-item list and \"*\" as everything", () => {
    const policy = loadPolicy(yaml("version: 1", "rules:", "  - name: Everyone comments", "    roles: \"*\"", "    actions: comment"));
    expect(policy.rules[0]!.roles).toEqual(["PM", "ENGINEER", "ADMIN", "LEADERSHIP"]);
    expect(policy.rules[0]!.kinds).toEqual(["jira.comment", "github.commentOnPullRequest"]);
  });

  it("normalises scopes and compiles time windows", () => {
    const policy = loadPolicy(
      yaml(
        "version: 1",
        "timezone: Europe/Paris",
        "rules:",
        ...RULE.slice(0, 2),
        "    actions: [comment, post, update]",
        "    scope:",
        "      jira_projects: [pay, OPS]",
        "      repositories: [Acme/Payments]",
        '      slack_channels: ["#Releases", C0ABC]',
        "      notion: [https://www.notion.so/Roadmap-1F2E3D4C5B6A47988796A5B4C3D2E1F0?pvs=4]",
        '    time: { days: [mon-wed, fri], hours: "22:00-06:00" }',
      ),
    );
    const rule = policy.rules[0]!;
    expect(rule.scope).toEqual({ jiraProjects: ["PAY", "OPS"], repositories: ["acme/payments"], slackChannels: ["#releases", "C0ABC"], notion: ["1f2e3d4c5b6a47988796a5b4c3d2e1f0"] });
    expect(rule.time).toEqual({ days: [1, 2, 3, 5], start: 22 * 60, end: 6 * 60, timezone: "Europe/Paris", label: "Mon, Tue, Wed, Fri 22:00–06:00 (Europe/Paris)" });
    expect(describeRule(rule)).toBe(
      "Lets PMs update, comment and post on Jira, GitHub, Notion and Slack in PAY or OPS, in acme/payments, in #releases or C0ABC, under 1f2e3d4c…, during Mon, Tue, Wed, Fri 22:00–06:00 (Europe/Paris); needs approval by a PM or an admin.",
    );
  });

  it("accepts the blueprint's example as written, one rule per approval setting", () => {
    const result = parsePolicy(
      yaml(
        "policies:",
        "  - user_role: pm",
        "    allowed_tools: [jira, slack, notion]",
        "    allowed_actions: [create, update, comment]",
        "    requires_approval: [create, update]",
        "  ",
        "  - user_role: engineer",
        "    allowed_tools: [jira, github]",
        "    allowed_actions: [comment, read]",
        "    requires_approval: [comment]",
      ),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.policy.rules.map((r) => [r.name, r.approval.required, r.kinds])).toEqual([
      ["Policy 1 for pm (with approval)", true, ["jira.createIssue", "jira.updateFields", "notion.createPage", "notion.appendBlocks", "notion.updatePage", "slack.updateMessage"]],
      ["Policy 1 for pm (without approval)", false, ["jira.comment"]],
      ["Policy 2 for engineer", true, ["jira.comment", "github.commentOnPullRequest"]],
    ]);
    // Slack is listed but "create" is not how messages are posted: say so.
    expect(result.warnings.map((w) => `${w.line}:${w.column}`)).toEqual(["3:27"]);
    expect(result.warnings[0]!.message).toContain("posting a message is the verb “post”");
  });

  it("requires approval for every blueprint action when requires_approval is absent or true, none when false", () => {
    const entry = (requires: string) => loadPolicy(yaml("policies:", "  - user_role: pm", "    allowed_tools: [jira]", "    allowed_actions: [comment, assign]", requires)).rules;
    expect(entry("").map((r) => r.approval.required)).toEqual([true]);
    expect(entry("    requires_approval: true").map((r) => r.approval.required)).toEqual([true]);
    expect(entry("    requires_approval: false").map((r) => r.approval.required)).toEqual([false]);
  });

  it("skips a read-only blueprint entry", () => {
    const policy = loadPolicy(yaml("policies:", "  - user_role: leadership", "    allowed_tools: [jira]", "    allowed_actions: [read]"));
    expect(policy.rules).toEqual([]);
  });

  it("accepts a policy up to 256 KB", () => {
    const base = yaml("version: 1", "rules:", ...RULE);
    const padding = `# ${"x".repeat(98)}\n`.repeat(Math.floor((POLICY_SIZE_LIMIT - base.length) / 101));
    const text = base + padding;
    expect(text.length).toBeLessThanOrEqual(POLICY_SIZE_LIMIT);
    expect(text.length).toBeGreaterThan(POLICY_SIZE_LIMIT - 200);
    expect(parsePolicy(text).ok).toBe(true);
  });
});

describe("parsePolicy: errors with line and column", () => {
  it("refuses a 1 MB policy before parsing", () => {
    const text = `version: 1\n${"#".repeat(1024 * 1024 - 11)}`;
    expect(onlyError(text)).toEqual({ at: "1:1", message: expect.stringMatching(/^Policies are limited to 256 KB; this one is 1\.0 MB\./) });
  });

  it("counts bytes, not characters", () => {
    expect(formatSize(1024 * 1024)).toBe("1.0 MB");
    expect(formatSize(300 * 1024)).toBe("300 KB");
    const text = `version: 1\n# ${"é".repeat(140 * 1024)}\n`; // 140 K characters, 280 KB
    expect(onlyError(text).message).toContain("this one is 281 KB");
  });

  it("reports malformed YAML with the yaml library's position", () => {
    expect(problems(yaml("version: 1", "rules: [", "  - name: x"))).toEqual([
      { at: "3:3", message: "Block collections are not allowed within flow collections." },
      { at: "4:1", message: "Flow sequence in block collection must be sufficiently indented and end with a ]." },
    ]);
    expect(onlyError(yaml("version: 1", "rules:", "  - name: a", "    name: b"))).toEqual({ at: "4:5", message: "Map keys must be unique." });
    expect(problems(yaml("version: 1", "rules:", "  - name: a", "     roles: [pm]"))[0]).toEqual({ at: "3:11", message: "Nested mappings are not allowed in compact mappings." });
  });

  it("explains that a bare * is a YAML alias", () => {
    expect(onlyError(yaml("version: 1", "rules:", "  - name: x", "    roles: [*]", "    actions: [comment]"))).toEqual({
      at: "4:13",
      message: 'Alias cannot be an empty string. In YAML a bare * starts an alias; write "*" in quotes to mean every role, tool or action.',
    });
  });

  it("reports an empty document and a document that is not a mapping", () => {
    expect(onlyError("# nothing yet\n").message).toBe("The policy is empty. Start from the default policy, or write `version: 1` and a `rules:` list.");
    expect(onlyError(yaml("- name: x", "  roles: [pm]"))).toEqual({ at: "1:1", message: "A policy is a YAML mapping: start with `version: 1` and a `rules:` list." });
  });

  it("reports an unknown version", () => {
    expect(onlyError(yaml("version: 2", "rules:", ...RULE))).toEqual({ at: "1:10", message: "This is version 1 of the policy language; write version: 1." });
  });

  it("reports unknown keys at their key, with a suggestion", () => {
    expect(onlyError(yaml("version: 1", "rule:", ...RULE))).toEqual({ at: "2:1", message: expect.stringMatching(/^Unknown key “rule” at the top of the policy\. Did you mean “rules”\?/) });
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, "    efect: deny"))).toEqual({
      at: "7:5",
      message: "Unknown key “efect” in rule 1. Did you mean “effect”? Keys allowed here: name, description, roles, tools, actions, effect, scope, when, time, environments, approval, auto_apply.",
    });
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, "    scope: { jira_project: [PAY] }"))).toEqual({ at: "7:14", message: expect.stringMatching(/^Unknown key “jira_project” in scope\. Did you mean “jira_projects”\?/) });
  });

  it("says where a key belongs when it is one level too high", () => {
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, '    hours: "09:00-18:00"'))).toEqual({ at: "7:5", message: expect.stringMatching(/^“hours” belongs under time: write time: \{ hours: … \}\./) });
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, "    approver_roles: [admin]")).message).toMatch(/^“approver_roles” belongs under approval/);
  });

  it("suggests the rules form for the blueprint's keys inside a rule", () => {
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, "    user_role: pm")).message).toMatch(/^Unknown key “user_role”: in rules it is called roles\./);
  });

  it("reports unknown roles, tools and actions at the list item", () => {
    expect(onlyError(yaml("version: 1", "rules:", "  - name: x", "    roles: [pm, enginer]", "    actions: [comment]"))).toEqual({
      at: "4:17",
      message: '“enginer” is not a role. Did you mean “engineer”? Write one of pm, engineer, admin, leadership, or "*" for every role.',
    });
    expect(onlyError(yaml("version: 1", "rules:", "  - name: x", "    roles: [pm]", "    tools: [jira, gitlab]", "    actions: [comment]"))).toEqual({
      at: "5:19",
      message: '“gitlab” is not a tool Lumen acts on. Did you mean “github”? Write one of jira, github, notion, slack, or "*" for every tool.',
    });
    expect(onlyError(yaml("version: 1", "rules:", "  - name: x", "    roles: [pm]", "    actions:", "      - comment", "      - jira.createissue"))).toEqual({
      at: "7:9",
      message: "“jira.createissue” is not an action. Did you mean “jira.createIssue”? Write a verb (create, update, comment, transition, assign, move, post), an exact kind such as jira.createIssue, or \"*\".",
    });
    expect(onlyError(yaml("version: 1", "rules:", "  - name: x", "    roles: [pm]", "    actions: [comment]", "    approval: { approver_roles: [owner] }")).at).toBe("6:34");
  });

  it("suggests a value from its beginning", () => {
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, "    environments: [prod]"))).toEqual({ at: "7:20", message: "“prod” is not an environment. Did you mean “production”? Write one of sandbox, production." });
  });

  it("reports an empty or missing roles list", () => {
    expect(onlyError(yaml("version: 1", "rules:", "  - name: x", "    roles: []", "    actions: [comment]"))).toEqual({ at: "4:12", message: "Write at least one role, e.g. [pm, engineer]; an empty list would never match." });
    expect(onlyError(yaml("version: 1", "rules:", "  - name: x", "    actions: [comment]"))).toEqual({ at: "3:5", message: "Write at least one role, e.g. [pm, engineer]." });
    expect(onlyError(yaml("version: 1", "rules:", "  - name: x", "    roles:", "    actions: [comment]"))).toEqual({ at: "4:5", message: "Write at least one role, e.g. [pm, engineer]." });
  });

  it("reports a rule without a name at the rule", () => {
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, "  - roles: [pm]", "    actions: [assign]"))).toEqual({ at: "7:5", message: "Give the rule a name: a short sentence such as “PMs plan in Jira”." });
  });

  it("reports duplicate rule names at the second name", () => {
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, "  - name: pms Comment", "    roles: [admin]", "    actions: [comment]"))).toEqual({
      at: "7:11",
      message: "Rule 1 is already called “PMs comment”. Rule names must be unique: rename this one.",
    });
  });

  it("reports malformed times and time zones", () => {
    const withTime = (time: string) => yaml("version: 1", "rules:", ...RULE, `    time: ${time}`);
    expect(onlyError(withTime('{ hours: "25:00-18:00" }'))).toEqual({ at: "7:20", message: '“25:00-18:00” is not a time range. Write "HH:MM-HH:MM" on the 24-hour clock, e.g. "09:00-18:00" (00:00 to 24:00).' });
    expect(onlyError(withTime('{ hours: "9-17" }')).at).toBe("7:20");
    expect(onlyError(withTime('{ hours: "09:00-09:00" }')).message).toMatch(/^“09:00-09:00” is an empty window\./);
    expect(onlyError(withTime("{ days: [mon-fry] }"))).toEqual({ at: "7:20", message: "“mon-fry” is not a day. Write mon, tue, wed, thu, fri, sat, sun or a range such as mon-fri." });
    expect(onlyError(withTime("{ timezone: Europe/Londn }"))).toEqual({ at: "7:23", message: "“Europe/Londn” is not a time zone. Write an IANA name such as Europe/London, America/New_York or UTC." });
    expect(onlyError(withTime("{}")).message).toMatch(/^A time window needs days, hours or both/);
    expect(onlyError(yaml("version: 1", "timezone: CET+5", "rules:", ...RULE)).at).toBe("2:11");
  });

  it("reports a rule that can never match", () => {
    expect(onlyError(yaml("version: 1", "rules:", "  - name: x", "    roles: [pm]", "    tools: [github]", "    actions: [jira.comment]"))).toEqual({
      at: "6:15",
      message: "jira.comment is a Jira action, but this rule only covers GitHub. Add jira to tools, or remove jira.comment.",
    });
    expect(onlyError(yaml("version: 1", "rules:", "  - name: x", "    roles: [pm]", "    tools: [github, notion]", "    actions: [comment, transition]"))).toEqual({
      at: "6:24",
      message: "GitHub or Notion have no “transition” action, so this entry can never match (GitHub: create and comment; Notion: create and update). Remove it, or add a tool that has it.",
    });
    expect(onlyError(yaml("version: 1", "rules:", "  - name: x", "    roles: [pm]", "    actions: [read]")).message).toMatch(/^“read” is never an action/);
  });

  it("limits auto_apply to low-risk actions that need no approval", () => {
    const auto = (...lines: string[]) => yaml("version: 1", "rules:", "  - name: x", "    roles: [pm]", ...lines, "    auto_apply: true");
    expect(onlyError(auto("    actions: [comment]"))).toEqual({ at: "6:5", message: expect.stringMatching(/^auto_apply needs approval: \{ required: false \}/) });
    expect(onlyError(auto("    actions: [comment]", "    approval: { required: true }")).at).toBe("7:5");
    expect(onlyError(auto("    actions: [comment, create, jira.transition]", "    approval: { required: false }"))).toEqual({
      at: "7:5",
      message: "auto_apply is only for low-risk actions: comment, assign and post (replies in Slack threads). This rule also covers create and transition. Put those in a rule without auto_apply.",
    });
    expect(onlyError(auto('    actions: ["*"]', "    approval: { required: false }")).message).toContain("This rule also covers every action.");
    expect(parsePolicy(auto("    actions: [comment, assign, post]", "    approval: { required: false }")).ok).toBe(true);
  });

  it("refuses approval, auto_apply and conditions on a deny rule", () => {
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, "    effect: deny", "    approval: { required: true }"))).toEqual({ at: "8:5", message: "A deny rule never lets an action through, so approval has no meaning here. Remove it, or make the rule effect: allow." });
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, "    effect: deny", "    when: { max_items: 3 }")).message).toMatch(/^A deny rule denies outright, so when: has no meaning here/);
  });

  it("reports an over_limit with no limit, an empty scope and bad scope entries", () => {
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, "    when: { over_limit: deny }"))).toEqual({ at: "7:13", message: expect.stringMatching(/^over_limit says what happens past a limit, but this rule sets none/) });
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, "    when: { max_items: 0 }"))).toEqual({ at: "7:24", message: "max_items must be at least 1." });
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, "    scope: {}"))).toEqual({ at: "7:12", message: expect.stringMatching(/^The scope is empty\./) });
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, "    scope: { jira_projects: [PAY-12] }"))).toEqual({ at: "7:30", message: "“PAY-12” is an issue key; scopes list project keys such as PAY." });
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, "    scope: { slack_channels: [general] }")).message).toMatch(/^“general” is not a Slack channel\. Write its name with a #/);
  });

  it("reports rules and policies together, or neither", () => {
    const blueprint = ["policies:", "  - user_role: pm", "    allowed_tools: [jira]", "    allowed_actions: [comment]"];
    expect(onlyError(yaml("version: 1", "rules:", ...RULE, ...blueprint))).toEqual({ at: "7:1", message: expect.stringMatching(/^Write either rules: or policies:, not both\./) });
    expect(onlyError(yaml("version: 1", "timezone: UTC"))).toEqual({ at: "1:1", message: expect.stringMatching(/^The policy has no rules: list/) });
  });

  it("reports a blueprint requires_approval entry that is not allowed", () => {
    expect(onlyError(yaml("policies:", "  - user_role: pm", "    allowed_tools: [jira]", "    allowed_actions: [comment]", "    requires_approval: [comment, create]"))).toEqual({
      at: "5:34",
      message: "“create” needs approval here but is not in allowed_actions. Add it to allowed_actions, or remove it from requires_approval.",
    });
  });

  it("reports every error at once, in file order", () => {
    const result = problems(yaml("version: 1", "timezone: Nowhere/City", "rules:", "  - name: x", "    roles: [boss]", "    actions: [delete]"));
    expect(result.map((p) => p.at)).toEqual(["2:11", "5:13", "6:15"]);
  });

  it("throws from loadPolicy with the issues", () => {
    expect(() => loadPolicy("version: 1\n")).toThrow(InvalidPolicyError);
    try {
      loadPolicy("rules: 3\n");
    } catch (error) {
      expect((error as InvalidPolicyError).issues[0]).toMatchObject({ line: 1, column: 8, severity: "error" });
    }
  });

  it("gives editors offsets that cover the offending text", () => {
    const text = yaml("version: 1", "rules:", "  - name: x", "    roles: [pm, enginer]", "    actions: [comment]");
    const result = parsePolicy(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [issue] = result.errors;
    expect(text.slice(issue!.from, issue!.to)).toBe("enginer");
    expect(issue).toMatchObject({ line: 4, column: 17, endLine: 4, endColumn: 24, path: ["rules", 0, "roles", 1] });
  });
});

describe("parsePolicy: warnings", () => {
  it("warns about an allow rule a deny always overrides", () => {
    const text = yaml("version: 1", "rules:", ...RULE, "  - name: No Jira for PMs", "    roles: [pm, engineer]", "    tools: [jira]", '    actions: ["*"]', "    effect: deny");
    expect(parsePolicy(text).ok).toBe(true);
    expect(problems(text, "warnings")).toEqual([{ at: "3:11", message: expect.stringMatching(/^Rule “PMs comment” never allows anything: rule “No Jira for PMs” stops PMs from the same actions at all times/) }]);
  });

  it("does not warn when the deny is limited in time, place or environment", () => {
    const text = yaml("version: 1", "rules:", ...RULE, "  - name: No Jira at night", "    roles: [pm]", "    tools: [jira]", '    actions: ["*"]', "    effect: deny", '    time: { hours: "20:00-07:00" }');
    expect(problems(text, "warnings")).toEqual([]);
  });

  it("warns about scopes, conditions and tools that cannot apply", () => {
    const text = yaml(
      "version: 1",
      "rules:",
      "  - name: x",
      "    roles: [pm]",
      "    tools: [jira, slack]",
      "    actions: [transition]",
      "    scope: { repositories: [acme/api] }",
      "    when: { channel_max_members: 10, due_date_change: deny }",
    );
    expect(problems(text, "warnings").map((w) => `${w.at} ${w.message}`)).toEqual([
      "5:19 This rule covers no Slack actions (Slack has update and post), so listing slack has no effect.",
      "7:14 This rule covers no GitHub actions, so repositories has no effect.",
      "8:13 This rule covers no Slack actions, so channel_max_members has no effect.",
      "8:38 This rule does not cover updating Jira issues, so due_date_change has no effect.",
    ]);
  });

  it("warns that a policy without rules denies everything", () => {
    expect(problems(yaml("version: 1", "rules: []"), "warnings")).toEqual([{ at: "2:1", message: "This policy has no rules, so every action is denied." }]);
  });
});

describe("checkLockout", () => {
  const withEditors = (editors: string) => loadPolicy(yaml("version: 1", `administration: { editors: ${editors} }`, "rules:", ...RULE));

  it("passes when a member holds an editor role", () => {
    expect(checkLockout(defaultPolicy(), ["PM", "ADMIN", "ENGINEER"])).toEqual({ ok: true });
    expect(checkLockout(withEditors("[pm, leadership]"), ["ENGINEER", "LEADERSHIP"])).toEqual({ ok: true });
  });

  it("refuses a policy no current member could edit", () => {
    const result = checkLockout(withEditors("[leadership]"), ["ADMIN", "PM", "PM"]);
    expect(result).toEqual({
      ok: false,
      message:
        "This policy would lock every admin out: only people in leadership may edit it (administration.editors), and the organisation has only admins and PMs. Add admin to administration.editors, or give someone one of those roles first.",
    });
  });

  it("refuses when there are no members", () => {
    const result = checkLockout(defaultPolicy(), []);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^This policy would lock every admin out: .*the organisation has no members\./);
  });

  it("refuses an empty editors list while parsing", () => {
    expect(onlyError(yaml("version: 1", "administration: { editors: [] }", "rules:", ...RULE))).toEqual({ at: "2:28", message: "Write at least one editor role, e.g. [admin]; an empty list would never match." });
  });
});
