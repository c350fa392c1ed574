import { describe, expect, it } from "vitest";
import { renderWithQueries } from "@/components/approvals/test-render";
import { definitionOf } from "@/server/actions/catalogue/registry";
import { type ActionKind } from "@/server/actions/catalogue/types";
import { DEFAULT_POLICY_YAML } from "@/server/policies/default-policy";
import { loadPolicy, summarisePolicy } from "@/server/policies/parse";
import { PoliciesBoard } from "./policies-board";
import { SimulationTable } from "./simulation-table";
import { type CurrentPolicy, type PolicyOutputs } from "./types";

const actions = (...kinds: ActionKind[]) => kinds.map((kind) => ({ kind, label: definitionOf(kind).label, tool: definitionOf(kind).tool }));

const DEFAULT: CurrentPolicy = {
  version: null,
  text: DEFAULT_POLICY_YAML,
  rules: summarisePolicy(loadPolicy(DEFAULT_POLICY_YAML)),
  publishedAt: null,
  publishedBy: null,
  yourActions: actions("jira.comment", "github.commentOnPullRequest"),
};

const PUBLISHED: CurrentPolicy = { ...DEFAULT, version: 3, publishedAt: new Date("2026-03-02T14:05:00Z"), publishedBy: "Ada Nakamura", yourActions: actions("slack.postMessage", "jira.createIssue", "jira.transition") };

const VERSIONS: PolicyOutputs["versions"] = [
  { number: 3, note: "Engineers comment without approval", createdAt: new Date("2026-03-02T14:05:00Z"), createdBy: "Ada Nakamura" },
  { number: 2, note: null, createdAt: new Date("2026-02-20T09:00:00Z"), createdBy: null },
];

function render(canEdit: boolean, current?: CurrentPolicy, versions?: PolicyOutputs["versions"]) {
  return renderWithQueries(<PoliciesBoard canEdit={canEdit} />, (trpc, queryClient) => {
    if (current) queryClient.setQueryData(trpc.policies.current.queryKey(), current);
    if (versions) queryClient.setQueryData(trpc.policies.versions.queryKey(), versions);
  });
}

const count = (html: string, text: string) => html.split(text).length - 1;
/** The opening tag of the button whose text ends with `label`. */
const buttonTag = (html: string, label: string) => {
  const at = html.indexOf(`${label}</button>`);
  expect(at, `button ${label}`).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf("<button", at), html.indexOf(">", html.lastIndexOf("<button", at)) + 1);
};

describe("policies board", () => {
  it("shows everyone the default policy with what their role may do, and no editor without policies:edit", () => {
    const html = render(false, DEFAULT, []);
    expect(html).toContain('data-testid="policy-current"');
    expect(html).toContain('data-version="0"');
    expect(html).toContain("Default policy");
    expect(html).toContain("What you may do");
    expect(html).toContain(">Jira<");
    expect(html).toContain(">GitHub<");
    expect(html).toContain(definitionOf("github.commentOnPullRequest").label);
    expect(count(html, "<li class=\"flex gap-2\">")).toBe(DEFAULT.rules.length);
    expect(html).toContain("PMs and admins plan in Jira: </span>");
    expect(html).not.toContain('data-testid="policy-editor"');
    expect(html).not.toContain("Publish…");
    expect(html).toContain("No versions yet");
    expect(html).toContain("When an admin publishes a change");
  });

  it("says so when the reader's role proposes nothing", () => {
    const html = render(false, { ...DEFAULT, yourActions: [] }, []);
    expect(html).toContain("Your role proposes no changes");
  });

  it("gives admins the editor with Check, Simulate and Publish…, publishing disabled until the draft changes", () => {
    const html = render(true, PUBLISHED, VERSIONS);
    expect(html).toContain('data-version="3"');
    expect(html).toContain("Published by Ada Nakamura on Mar 2, 2026");
    expect(html).toContain('data-testid="policy-editor"');
    expect(buttonTag(html, "Check")).not.toContain(' disabled=""');
    expect(buttonTag(html, "Simulate")).not.toContain(' disabled=""');
    expect(buttonTag(html, "Publish…")).toContain(' disabled=""');
    expect(buttonTag(html, "Discard changes")).toContain(' disabled=""');
    expect(html).toContain("No problems found");
    expect(html).toContain("A policy is limited to 256 KB.");
    // The versions list, with the one in force marked.
    expect(count(html, 'data-testid="policy-version"')).toBe(2);
    expect(html).toContain("Engineers comment without approval");
    expect(html).toContain("No note");
    expect(count(html, "In force")).toBe(1);
  });

  it("shows skeletons, not an empty card, while the policy loads", () => {
    const html = render(true);
    expect(html).not.toContain('data-testid="policy-current"');
    expect(html).toContain('aria-busy="true"');
  });
});

describe("simulation table", () => {
  const change = (id: string, before: { effect: "allow" | "deny"; requiresApproval: boolean; autoApply: boolean }, after: typeof before, reason: string): PolicyOutputs["simulate"]["changes"][number] => ({
    proposalId: `p-${id}`,
    title: `Plan the ${id} sprint`,
    createdAt: new Date("2026-03-01T10:00:00Z"),
    actionId: `a-${id}`,
    summary: `Move PAY-${id} to Sprint 12`,
    before: { ...before, reason: "Allowed by the old rule." },
    after: { ...after, reason },
  });

  it("lists each changed decision with before → after badges and the draft's reason", () => {
    const html = renderWithQueries(
      <SimulationTable
        stale={false}
        result={{
          proposals: 4,
          actions: 9,
          changes: [
            change("1", { effect: "allow", requiresApproval: true, autoApply: false }, { effect: "deny", requiresApproval: false, autoApply: false }, "Denied: no rule lets engineers move Jira issues."),
            change("2", { effect: "allow", requiresApproval: true, autoApply: false }, { effect: "allow", requiresApproval: false, autoApply: true }, "Allowed by “Small moves apply”."),
          ],
        }}
      />,
    );
    expect(html).toContain('data-testid="policy-simulation"');
    expect(count(html, 'data-testid="simulation-row"')).toBe(2);
    expect(html).toContain("Replayed 9 actions from the last 4 proposals: 2 decisions would change.");
    expect(html).toContain("Plan the 1 sprint");
    expect(html).toContain("Move PAY-2 to Sprint 12");
    expect(count(html, ">Needs approval<")).toBe(2);
    expect(html).toContain(">Denied<");
    expect(html).toContain(">Auto-applies<");
    expect(html).toContain("Denied: no rule lets engineers move Jira issues.");
    expect(html).not.toContain("has changed since");
  });

  it("has an empty state when no decision would change, and says when the draft moved on", () => {
    const html = renderWithQueries(<SimulationTable stale result={{ proposals: 3, actions: 5, changes: [] }} />);
    expect(html).toContain('data-testid="policy-simulation"');
    expect(html).toContain("No recent decision would change");
    expect(html).not.toContain('data-testid="simulation-row"');
    expect(html).toContain("The draft has changed since this simulation.");
  });
});
