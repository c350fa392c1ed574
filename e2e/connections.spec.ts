import { expect, test } from "@playwright/test";
import { signInAs } from "./fixtures";

test.describe("Connections", () => {
  test("the admin sees the four sandbox connections, syncs one with progress, and browses synced items with source links", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, "ADMIN");
    await page.goto("/connections");
    for (const tool of ["jira", "github", "notion", "slack"]) {
      const card = page.getByTestId(`connection-${tool}`);
      await expect(card).toBeVisible();
      await expect(card.getByTestId("connection-status")).toHaveText("Connected");
    }
    // The first sync starts with the app; wait for it to finish everywhere.
    for (const tool of ["jira", "github", "notion", "slack"]) {
      await expect(page.getByTestId(`connection-${tool}`).getByTestId("last-sync")).toContainText("Synced", { timeout: 90_000 });
    }

    const jira = page.getByTestId("connection-jira");
    await jira.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByText(/Sync started|A sync is already running/)).toBeVisible();
    await expect(jira.getByTestId("last-sync")).toContainText(/Synced (\d+ seconds?|0 seconds) ago/, { timeout: 60_000 });

    const items = page.getByTestId("synced-item");
    await expect(items.first()).toBeVisible();
    expect(await items.count()).toBeGreaterThan(5);
    const link = items.first().getByRole("link");
    const href = await link.getAttribute("href");
    expect(href).toMatch(/\/browse\/[A-Z]+-\d+$/);
    // The source opens: the sandbox company serves its own issue page.
    const key = href!.split("/").pop()!;
    const [source] = await Promise.all([page.waitForEvent("popup"), link.click()]);
    await expect(source.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(source.locator("main")).toContainText(key);
    await source.close();

    await page.getByRole("tab", { name: "Pull requests" }).click();
    await expect(items.first()).toContainText("#");
    await page.getByRole("tab", { name: "Messages" }).click();
    await expect(items.first()).toBeVisible();

  });

  test("a PM sees the connections but cannot change them", async ({ page }) => {
    await signInAs(page, "PM");
    await page.goto("/connections");
    await expect(page.getByTestId("connection-jira")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Connect a tool" })).toHaveCount(0);
    const denied = await page.request.post("/api/trpc/connections.syncNow", { data: { json: { connectionId: "x" } } });
    expect(denied.status()).toBe(403);
  });

  test("a wrong API token is refused with a clear message and nothing is stored", async ({ page }) => {
    await signInAs(page, "ADMIN");
    await page.goto("/connections");
    await page.getByRole("button", { name: "Connect a tool" }).click();
    const dialog = page.getByRole("dialog", { name: "Connect a tool" });
    await dialog.getByRole("radio", { name: /Slack/ }).click();
    await dialog.getByRole("button", { name: "Use an API token" }).click();
    await dialog.getByLabel("API URL").fill(`${new URL(page.url()).protocol}//127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? "4110"}/slack/api/`);
    await dialog.getByLabel("API token").fill("xoxb-not-a-real-token");
    await dialog.getByLabel("Team name or id").fill("Northwind");
    await dialog.getByRole("button", { name: "Test and connect" }).click();
    await expect(dialog.getByRole("alert")).toContainText("Slack rejected the connection's credentials");
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(page.getByTestId("connection-slack")).toHaveCount(1);
  });
});

test("the admin connects the sandbox company's Slack by OAuth: consent, callback, first sync", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAs(page, "ADMIN");
  await page.goto("/connections");
  await page.getByRole("button", { name: "Connect a tool" }).click();
  const dialog = page.getByRole("dialog", { name: "Connect a tool" });
  await dialog.getByRole("radio", { name: /Slack/ }).click();
  await dialog.getByRole("button", { name: "Connect the sandbox company's Slack" }).click();
  // The sandbox approves at once and sends the browser back to our callback.
  await page.waitForURL(/\/connections$/);
  await expect(page.getByText("Slack connected. The first sync has started.")).toBeVisible();
  const cards = page.getByTestId("connection-slack");
  await expect(cards).toHaveCount(2);
  const connected = cards.filter({ hasText: "Slack · " });
  await expect(connected).toHaveCount(1);
  await expect(connected.getByTestId("last-sync")).toContainText("Synced", { timeout: 60_000 });
});
