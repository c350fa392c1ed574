import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./fixtures";

/** Replaces the editor's text with `change(policy in force)`, as an admin typing would. */
async function editPolicy(page: Page, change: (text: string) => string) {
  const editor = page.getByTestId("policy-editor");
  const content = editor.locator(".cm-content");
  await expect(content).toBeVisible();
  // The policy in force as the API returns it (the editor renders only the lines in view).
  const res = await page.request.get("/api/trpc/policies.current");
  expect(res.ok()).toBe(true);
  const current = ((await res.json()) as { result: { data: { json: { text: string } } } }).result.data.json.text;
  await content.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(change(current));
}

async function publish(page: Page, note: string) {
  const before = Number(await page.getByTestId("policy-current").getAttribute("data-version"));
  await page.getByRole("button", { name: "Publish…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("What changed, in a few words").fill(note);
  await dialog.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("policy-current")).toHaveAttribute("data-version", String(before + 1));
}

async function riskRegister(page: Page) {
  await page.goto("/chat");
  const starters = page.getByTestId("workflow-starters");
  await starters.getByRole("radio", { name: "Payments" }).click();
  await starters.getByTestId("starter-risk_register").click();
  await expect(page.getByTestId("artifact-card")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("message-assistant").last()).toContainText("It is open beside the chat", { timeout: 30_000 });
}

const ENGINEERS_PLAN = `
  - name: Engineers split work in Jira
    roles: [engineer]
    tools: [jira]
    actions: [create, comment]
    approval:
      approver_roles: [pm, admin]
`;

test.describe("Policies", () => {
  test("an admin limits engineers to comments, sees what changes before publishing, and an engineer's issue is refused with the reason", async ({ browser }) => {
    test.setTimeout(240_000);
    const admin = await browser.newPage();
    await signInAs(admin, "ADMIN");
    await admin.goto("/policies");
    // Engineers may create issues under this version, so there is something for the next one to change.
    await editPolicy(admin, (text) => text.replace("rules:\n", `rules:\n${ENGINEERS_PLAN}\n`));
    await expect(admin.getByText("No problems found")).toBeVisible();
    await publish(admin, "Engineers may split work in Jira");

    const engineer = await browser.newPage();
    await signInAs(engineer, "ENGINEER");
    await riskRegister(engineer);
    const card = engineer.getByTestId("proposal-card").last();
    await expect(card).toBeVisible();
    await expect(card.locator('[data-kind="jira.createIssue"]').first()).toBeVisible();

    // Engineers may only comment: the simulator shows the engineer's new issues turning to denied.
    await admin.goto("/policies");
    await editPolicy(admin, (text) => text.replace("    actions: [create, comment]\n", "    actions: [comment]\n"));
    await admin.getByRole("button", { name: "Simulate" }).click();
    const simulation = admin.getByTestId("policy-simulation");
    await expect(simulation.getByTestId("simulation-row").first()).toBeVisible();
    await expect(simulation.getByTestId("simulation-row").filter({ hasText: "Create Task in PAY" }).first()).toContainText("Denied");
    await publish(admin, "Engineers may only comment");

    // The engineer asks again: creating issues is refused, with the policy's reason.
    await riskRegister(engineer);
    await expect(engineer.getByTestId("message-assistant").last()).toContainText("Denied: no rule lets engineers create Jira issues");
  });
});
