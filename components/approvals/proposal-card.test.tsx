import { type inferRouterOutputs } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { type AppRouter } from "@/server/api/root";
import { definitionOf } from "@/server/actions/catalogue/registry";
import { type ActionKind } from "@/server/actions/catalogue/types";
import { ProposalCard } from "./proposal-card";
import { renderWithQueries } from "./test-render";

type Outputs = inferRouterOutputs<AppRouter>["actions"];
type ProposalView = NonNullable<Outputs["proposal"]>;
type ActionView = ProposalView["actions"][number];

const CREATED = new Date(Date.now() - 5 * 60_000);

function action(id: string, kind: ActionKind, input: Record<string, unknown>, extra: Partial<ActionView> = {}): ActionView {
  const definition = definitionOf(kind);
  return {
    id,
    position: 0,
    kind,
    tool: definition.tool,
    label: definition.label,
    summary: definition.describe(input),
    input: input as ActionView["input"],
    originalInput: input as ActionView["originalInput"],
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
    ...extra,
  };
}

function proposal(actions: ActionView[], extra: Partial<ProposalView> = {}): ProposalView {
  return {
    id: "prop_1",
    title: "Start PAY Sprint 24",
    rationale: "The plan commits **two** items; move them and announce the sprint.",
    model: "builtin-planner-1",
    modelLabel: "the built-in planner",
    status: "PENDING",
    createdAt: CREATED,
    createdBy: "Ada Nakamura",
    sources: [{ kind: "work_item", id: "PAY-12", label: "PAY-12", url: "https://jira.example.com/browse/PAY-12" }] as unknown as ProposalView["sources"],
    conversation: { id: "conv_1", title: "Plan next sprint" },
    decisions: [],
    actions: actions.map((a, i) => ({ ...a, position: i })),
    ...extra,
  };
}

const move = action("a1", "jira.moveToSprint", { issueKey: "PAY-12", sprintId: "24", sprintName: "PAY Sprint 24", baseUpdated: "2026-01-05T10:00:00Z", baseFields: { sprintId: null } });
const post = action("a2", "slack.postMessage", { channelId: "C0PAY", text: "**Sprint 24** starts today." });
const transition = action("a3", "jira.transition", { issueKey: "PAY-14", toStatus: "In Progress" });

function render(p: ProposalView | null, options: { canDecide?: boolean; variant?: "page" | "inline"; check?: Outputs["check"]; highlight?: string } = {}) {
  return renderWithQueries(<ProposalCard proposalId="prop_1" variant={options.variant ?? "page"} canDecide={options.canDecide ?? true} highlightActionId={options.highlight ?? null} />, (trpc, queryClient) => {
    queryClient.setQueryData(trpc.actions.proposal.queryKey({ id: "prop_1" }), p);
    if (options.check) queryClient.setQueryData(trpc.actions.check.queryKey({ id: "prop_1" }), options.check);
  });
}

const CHECK: Outputs["check"] = {
  a1: {
    issues: [
      {
        path: "",
        message: "PAY-12 changed since this was proposed (Sprint). Review the new values, edit the action if needed, then apply again.",
        changes: [{ field: "sprintId", label: "Sprint", proposedAgainst: null, now: "23" }],
      },
    ],
    preview: { type: "diff", fields: [{ field: "sprint", label: "Sprint", before: "PAY Sprint 23", after: "PAY Sprint 24" }] },
    state: null,
    unavailable: null,
  },
  a2: { issues: [], preview: { type: "message", channel: "#team-payments", text: "*Sprint 24* starts today." }, state: null, unavailable: null },
  a3: { issues: [], preview: null, state: null, unavailable: "Jira is failing repeatedly. You can still apply; it runs when Jira recovers." },
};

describe("ProposalCard, waiting for a decision", () => {
  const html = render(proposal([move, post, transition]), { check: CHECK });

  it("carries the ids the browser tests rely on", () => {
    expect(html).toContain('data-testid="proposal-card"');
    expect(html).toContain('data-proposal-id="prop_1"');
    expect(html.match(/data-testid="action-row"/g)).toHaveLength(3);
    expect(html).toContain('data-action-id="a1" data-kind="jira.moveToSprint" data-status="PROPOSED"');
    expect(html).toContain('data-action-id="a2" data-kind="slack.postMessage" data-status="PROPOSED"');
  });

  it("offers a real checkbox per action, named after it", () => {
    expect(html).toContain('type="checkbox"');
    expect(html).toContain('aria-label="Include Move PAY-12 to PAY Sprint 24"');
    expect(html).toContain('aria-label="Include Move PAY-14 to In Progress"');
  });

  it("shows the header: title, who proposed, the model, the sources and the conversation", () => {
    expect(html).toMatch(/<h1[^>]*>Start PAY Sprint 24<\/h1>/);
    expect(html).toContain("Proposed by the built-in planner for Ada Nakamura");
    expect(html).toMatch(/<strong[^>]*>two<\/strong>/);
    expect(html).toContain('href="https://jira.example.com/browse/PAY-12"');
    expect(html).toContain('href="/chat/conv_1"');
  });

  it("shows the check: what changed since, the before/after, Slack's text, and a tool that is down", () => {
    expect(html).toContain("PAY-12 changed since this was proposed");
    expect(html).toContain("Proposed against");
    expect(html).toMatch(/<td[^>]*>—<\/td><td[^>]*>23<\/td>/);
    expect(html).toContain("PAY Sprint 23");
    expect(html).toContain("#team-payments");
    expect(html).toMatch(/<strong[^>]*>Sprint 24<\/strong> starts today\./);
    expect(html).toContain('data-testid="action-unavailable"');
    expect(html).toContain("You can still apply; it runs when Jira recovers.");
  });

  it("renders a local preview when the check has no preview, with the before column not read yet", () => {
    expect(html).toContain("In Progress");
    expect(html).toContain("not read yet");
  });

  it("puts the decision under the actions with the buttons named as the tests expect", () => {
    expect(html).toContain('data-testid="decision-bar"');
    expect(html).toMatch(/<button[^>]*>(<svg[\s\S]*?<\/svg>)?\s*Apply all<\/button>/);
    expect(html).toMatch(/<button[^>]*>(<svg[\s\S]*?<\/svg>)\s*Reject<\/button>/);
    expect(html).toMatch(/<button[^>]*>(<svg[\s\S]*?<\/svg>)\s*Edit<\/button>/);
    expect(html).toContain("Keep as draft");
    // Nothing is ticked and nothing edited yet.
    expect(html).not.toContain("Apply selected");
    expect(html).not.toContain("Apply edited");
  });
});

describe("ProposalCard, read-only and inline", () => {
  it("shows everything without the controls to a role that may only view", () => {
    const html = render(proposal([move, post]), { canDecide: false, check: CHECK });
    expect(html).not.toContain('type="checkbox"');
    expect(html).not.toContain('data-testid="decision-bar"');
    expect(html).not.toMatch(/>\s*Edit<\/button>/);
    expect(html).toContain("applying or rejecting it needs a PM or an admin");
    expect(html).toContain("PAY Sprint 23");
  });

  it("links to the approvals page from the chat, and keeps the title out of the page outline", () => {
    const html = render(proposal([move]), { variant: "inline", check: CHECK });
    expect(html).toContain('href="/approvals/prop_1"');
    expect(html).toContain("Open in Approvals");
    expect(html).not.toMatch(/<h1/);
    expect(html).not.toContain('href="/chat/conv_1"');
  });

  it("says clearly when the proposal does not exist", () => {
    expect(render(null)).toContain("This proposal does not exist");
    expect(render(null, { variant: "inline" })).toContain("This proposal is no longer available.");
  });
});

describe("ProposalCard, after the decision", () => {
  const succeeded = action("a1", "jira.moveToSprint", move.input as Record<string, unknown>, {
    status: "SUCCEEDED",
    result: { url: "https://jira.example.com/browse/PAY-12", ref: "PAY-12" },
    verification: { consistent: true, mismatches: [], recovered: false },
    undo: { available: true, note: null, label: "Move PAY-12 to the backlog" },
    edited: true,
    input: { ...(move.input as Record<string, string>), sprintId: "25", sprintName: "PAY Sprint 25" },
  });
  const commented = action("a4", "jira.comment", { issueKey: "PAY-12", body: "Moved into Sprint 24." }, {
    status: "SUCCEEDED",
    result: { url: null, ref: "PAY-12" },
    verification: { consistent: false, mismatches: ["the comment body differs"], recovered: false },
    undo: { available: false, note: "Watchers of PAY-12 were notified when the comment was posted." },
  });
  const failed = action("a2", "slack.postMessage", post.input as Record<string, unknown>, { status: "FAILED", error: "The app is not in #team-payments. Invite it there, then retry." });
  const waiting = action("a3", "jira.transition", transition.input as Record<string, unknown>, {
    status: "APPROVED",
    waitingReason: "Jira is unavailable; Lumen retries automatically.",
    nextAttemptAt: new Date(Date.now() + 2 * 60_000),
  });
  const running = action("a5", "jira.assign", { issueKey: "PAY-15", accountId: null }, { status: "EXECUTING" });
  const decided = proposal([succeeded, failed, waiting, commented, running], {
    status: "DECIDED",
    decisions: [
      {
        id: "d1",
        kind: "EDIT_THEN_APPLY",
        user: "Ada Nakamura",
        at: new Date(Date.now() - 60_000),
        appliedIds: ["a1", "a2", "a3", "a4", "a5"],
        reason: null,
        edits: [{ actionId: "a1", diff: [{ type: "CHANGE", path: ["sprintId"], oldValue: "24", value: "25" }] }],
      },
    ],
  });
  const html = render(decided, { check: { a2: { issues: [], preview: null, state: null, unavailable: null } }, highlight: "a2" });

  it("links to what changed and says whether reading it back matched", () => {
    expect(html).toMatch(/<a[^>]*href="https:\/\/jira\.example\.com\/browse\/PAY-12"[^>]*data-testid="action-result-link"/);
    expect(html).toContain("Verified");
    expect(html).toContain("Read back with differences: the comment body differs");
    expect(html).toContain('data-testid="action-edited"');
  });

  it("offers undo where it exists, and explains where it does not", () => {
    expect(html).toMatch(/<button[^>]*>(<svg[\s\S]*?<\/svg>)\s*Undo<\/button>/);
    expect(html).toMatch(/<button[^>]*aria-disabled="true"[^>]*>(<svg[\s\S]*?<\/svg>)\s*Undo<\/button>/);
  });

  it("shows failures with retry and cancel, and waiting actions with their reason", () => {
    expect(html).toContain('data-status="FAILED"');
    expect(html).toContain("The app is not in #team-payments");
    expect(html).toMatch(/>\s*Retry<\/button>/);
    expect(html).toContain("Edit and retry");
    expect(html).toMatch(/>\s*Cancel<\/button>/);
    expect(html).toContain("Waiting");
    expect(html).toContain("Jira is unavailable; Lumen retries automatically.");
    expect(html).toContain("next attempt in 2 minutes");
    expect(html).toContain("Executing");
  });

  it("marks the action from the link", () => {
    expect(html).toMatch(/data-action-id="a2"[^>]*data-highlighted=""/);
  });

  it("keeps the decision history, with the edited fields", () => {
    expect(html).toContain('data-testid="decision-history"');
    expect(html).toContain("applied all 5 actions, after editing Sprint");
    expect(html).not.toContain('data-testid="decision-bar"');
  });
});
