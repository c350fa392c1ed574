import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./fixtures";

/** Starts a workflow from the empty chat for a team and waits for its artifact beside the chat. */
async function startWorkflow(page: Page, kind: string, team: string) {
  await page.goto("/chat");
  const starters = page.getByTestId("workflow-starters");
  await starters.getByRole("radio", { name: team }).click();
  await starters.getByTestId(`starter-${kind}`).click();
  // The stream shows the engine's tool steps as they run, then the artifact card and the answer.
  await expect(page.getByTestId("tool-row").first()).toBeVisible();
  await expect(page.getByTestId("artifact-card")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("model-badge")).toContainText("Built-in planner");
  const panel = page.getByTestId("artifact-panel");
  await expect(panel).toBeVisible();
  await expect(page).toHaveURL(/\/chat\/[\w-]+$/);
  return panel;
}

/**
 * The whole flow for one workflow: it streams, the artifact opens, a citation leads to the source
 * item in the sandbox company's Jira, and an edit saves a new version while the first stays readable.
 */
async function planFollowEditSave(page: Page, kind: string, team: string, project: string, heading: string, expected: RegExp) {
  const panel = await startWorkflow(page, kind, team);
  await expect(panel.getByRole("heading", { level: 2, name: heading, exact: true })).toBeVisible();
  await expect(panel.getByTestId("artifact-body")).toContainText(expected);
  await expect(panel).toHaveAttribute("data-version", "1");

  const chip = panel.getByTestId("artifact-body").getByRole("link", { name: new RegExp(`^${project}-\\d+ \\(`) }).first();
  const key = (await chip.innerText()).trim();
  expect(key).toMatch(new RegExp(`^${project}-\\d+$`));
  const [source] = await Promise.all([page.waitForEvent("popup"), chip.click()]);
  await expect(source.locator("main")).toContainText(key);
  await source.close();

  const note = `Reviewed with the ${team} team on Monday.`;
  await panel.getByTestId("artifact-edit").click();
  await panel.getByRole("textbox", { name: "Summary (Markdown)" }).fill(note);
  await panel.getByTestId("artifact-save").click();
  await expect(panel).toHaveAttribute("data-version", "2");
  await expect(panel.getByTestId("artifact-body")).toContainText(note);
  await panel.getByTestId("version-picker").click();
  await page.getByRole("menuitemradio", { name: /Version 1/ }).click();
  await expect(panel.getByTestId("old-version-notice")).toBeVisible();
  await expect(panel.getByTestId("artifact-body")).not.toContainText(note);
}

test.describe("Planning chat", () => {
  test("a PM plans next sprint: streams, opens the plan, follows a citation, edits and saves a new version", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, "PM");
    await planFollowEditSave(page, "sprint_plan", "Payments", "PAY", "Committed scope", /Commit \d+(\.\d)? points/);
    // The conversation reopens with its messages.
    await page.reload();
    await expect(page.getByTestId("message-assistant")).toContainText("Here is the plan for");
  });

  test("the same for the weekly status report", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, "PM");
    await planFollowEditSave(page, "status_report", "Mobile", "MOB", "Progress", /(Green|Amber|Red) —/);
  });

  test("the same for a risk register", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, "PM");
    await planFollowEditSave(page, "risk_register", "Platform", "PLAT", "Register", /\d+ risks?/);
  });

  test("free-form questions get a plain answer about the built-in planner, and the release plan shows its forecast", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, "PM");
    await page.goto("/chat");
    await page.getByRole("textbox", { name: "Message" }).fill("Who reviewed the checkout PR?");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("message-assistant")).toContainText("Free-form chat needs a configured language model");

    const release = await startWorkflow(page, "release_plan", "Mobile");
    await expect(release.getByRole("heading", { level: 2, name: "Critical path", exact: true })).toBeVisible();
    await expect(release.getByText(/85% likely by/).first()).toBeVisible();
  });
});

test.describe("Scheduled workflows", () => {
  test("a PM schedules the weekly status report, runs it now, and opens it from the notification", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, "PM");
    await page.goto("/teams");
    const team = page.getByTestId("team-PAY");
    await team.getByRole("button", { name: "Add schedule" }).click();
    const form = page.getByRole("form", { name: "Add a schedule for Payments" });
    await expect(form.getByLabel("At", { exact: true })).toHaveValue("15:00");
    await form.getByRole("button", { name: "Schedule", exact: true }).click();
    const row = team.getByTestId("schedule-row").filter({ hasText: "Weekly status report" });
    await expect(row).toContainText("Fridays 15:00");
    await expect(row).toContainText("Next run");

    // Earlier work (applied proposals, say) may already have notified this PM.
    const bell = page.getByTestId("notifications-bell").first();
    const unread = async () => Number(/(\d+) unread/.exec((await bell.getAttribute("aria-label")) ?? "")?.[1] ?? 0);
    const before = await unread();
    await row.getByRole("button", { name: "Run now" }).click();
    // The run happens in the background; its notification arrives in the bell.
    await expect.poll(unread, { timeout: 45_000 }).toBe(before + 1);
    await bell.click();
    const note = page.getByTestId("notification").filter({ hasText: "Status report for Payments is ready for review" });
    await note.click();
    await expect(page).toHaveURL(/\/artifacts\/\w+/);
    const panel = page.getByTestId("artifact-panel");
    await expect(panel.getByRole("heading", { level: 2, name: "Summary", exact: true })).toBeVisible();
    await expect(panel.getByTestId("artifact-body")).toContainText(/(Green|Amber|Red) —/);
  });
});
