import { createHash } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signInAs } from "./fixtures";

/** The sandbox company the app is connected to (see playwright.config.ts). */
const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? "4110"}`;

interface SandboxState {
  jira: { issues: { key: string; sprintIds: number[]; statusId: string; assigneeAccountId?: string | null; summary: string }[]; sprints: { id: number; state: string }[] };
  slack: { messages: { channel: string; text: string; metadata?: { event_type: string; event_payload: Record<string, unknown> } }[] };
}

async function sandboxState(page: Page): Promise<SandboxState> {
  const res = await page.request.get(`${SANDBOX}/_sandbox/state`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as SandboxState;
}

/** The open sprint an issue is in (null: the backlog), as Jira's sprint field reports it. */
function openSprintOf(state: SandboxState, key: string): number | null {
  const open = new Set(state.jira.sprints.filter((s) => s.state !== "closed").map((s) => s.id));
  const issue = state.jira.issues.find((i) => i.key === key)!;
  return [...issue.sprintIds].reverse().find((id) => open.has(id)) ?? null;
}

/** A hash of what a planner sees of an issue: its open sprint, status, assignee and summary. */
function issueHash(state: SandboxState, key: string): string {
  const issue = state.jira.issues.find((i) => i.key === key)!;
  return createHash("sha256")
    .update(JSON.stringify([key, openSprintOf(state, key), issue.statusId, issue.assigneeAccountId ?? null, issue.summary]))
    .digest("hex");
}

const rows = (card: Locator) => card.getByTestId("action-row");

test.describe("Actions", () => {
  test("a PM applies a sprint plan's changes — one edited, one left out — and undoes a move", async ({ page }) => {
    test.setTimeout(180_000);
    await signInAs(page, "PM");
    await page.goto("/chat");
    const starters = page.getByTestId("workflow-starters");
    await starters.getByRole("radio", { name: "Payments" }).click();
    await starters.getByTestId("starter-sprint_plan").click();

    // The plan arrives with a proposal: the sprint's Jira moves and a Slack announcement.
    const card = page.getByTestId("proposal-card").first();
    await expect(card).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("message-assistant")).toContainText("Nothing changes in Jira or Slack until you apply");
    const moves = rows(card).and(page.locator('[data-kind="jira.moveToSprint"]'));
    const post = rows(card).and(page.locator('[data-kind="slack.postMessage"]'));
    await expect(post).toHaveCount(1);
    expect(await moves.count()).toBeGreaterThanOrEqual(2);
    const moveSummaries = await moves.evaluateAll((els) => els.map((e) => e.querySelector('input[type="checkbox"], [role="checkbox"]')?.getAttribute("aria-label") ?? ""));
    const keys = moveSummaries.map((s) => /\b([A-Z][A-Z0-9]+-\d+)\b/.exec(s)![1]!);
    const before = await sandboxState(page);
    const hashes = Object.fromEntries(keys.map((k) => [k, issueHash(before, k)]));
    const messagesBefore = before.slack.messages.length;

    // Edit the announcement, leave the last move out, apply the rest.
    await post.getByRole("button", { name: "Edit" }).click();
    const form = post.getByTestId("action-form");
    const message = form.getByRole("textbox", { name: "Message" });
    const edited = `${await message.inputValue()}\n\nDemo on Friday at 15:00.`;
    await message.fill(edited);
    await form.getByRole("button", { name: "Done editing" }).click();
    await expect(post).toContainText("Edited");
    const left = keys.at(-1)!;
    const applied = keys.slice(0, -1);
    for (let i = 0; i < keys.length - 1; i++) await moves.nth(i).getByRole("checkbox").check();
    await post.getByRole("checkbox").check();
    await card.getByRole("button", { name: "Apply edited" }).click();

    for (let i = 0; i < keys.length - 1; i++) await expect(moves.nth(i)).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 60_000 });
    await expect(post).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 60_000 });
    await expect(moves.last()).toHaveAttribute("data-status", "REJECTED");
    await expect(post.getByTestId("action-result-link")).toBeVisible();

    // The sandbox holds exactly the expected issues and message.
    const after = await sandboxState(page);
    const target = openSprintOf(after, applied[0]!);
    expect(target).not.toBeNull();
    for (const key of applied) expect(openSprintOf(after, key)).toBe(target);
    expect(issueHash(after, left)).toBe(hashes[left]);
    const postId = await post.getAttribute("data-action-id");
    const posted = after.slack.messages.filter((m) => m.metadata?.event_payload.action_id === postId);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toContain("Demo on Friday at 15:00.");
    expect(after.slack.messages.length).toBe(messagesBefore + 1);

    // Undo one move: its inverse arrives as a proposal; approving it restores the issue.
    const undone = applied[0]!;
    await moves.first().getByRole("button", { name: "Undo" }).click();
    const undoCard = page.getByRole("region", { name: new RegExp(`^Undo: Move ${undone} `) });
    await expect(undoCard).toBeVisible({ timeout: 15_000 });
    await undoCard.getByRole("button", { name: "Apply all" }).click();
    await expect(rows(undoCard).first()).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 60_000 });
    expect(issueHash(await sandboxState(page), undone)).toBe(hashes[undone]);

    // The queue shows the decided proposals under Done.
    await page.goto("/approvals?tab=done");
    await expect(page.getByRole("link", { name: /Apply the PAY Sprint \d+ plan for Payments/ })).toBeVisible();
  });
});
