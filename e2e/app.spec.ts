import { expect, test } from "@playwright/test";
import { signInAs } from "./fixtures";

test("an anonymous visitor is sent to sign-in", async ({ page }) => {
  await page.goto("/metrics");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in to Lumen" })).toBeVisible();
});

test("an unknown URL answers a real 404 page", async ({ page }) => {
  const response = await page.goto("/this/does/not/exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page doesn't exist" })).toBeVisible();
  await page.getByRole("link", { name: "Back to Lumen" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("malformed procedure input answers 400 with field errors, and an anonymous call 401", async ({ page }) => {
  const anonymous = await page.request.post("/api/trpc/organization.rename", { data: { json: { name: "" } } });
  expect(anonymous.status()).toBe(401);

  await signInAs(page, "ADMIN");
  const response = await page.request.post("/api/trpc/organization.rename", { data: { json: { name: "" } } });
  expect(response.status()).toBe(400);
  const body = (await response.json()) as { error: { json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> } } } };
  expect(body.error.json.data.code).toBe("BAD_REQUEST");
  expect(body.error.json.data.fieldErrors).toEqual({ name: ["Use at least 2 characters."] });
  expect(response.headers()["x-request-id"]).toBeTruthy();
});

test("a denied procedure answers 403 naming the missing scope", async ({ page }) => {
  await signInAs(page, "ENGINEER");
  const response = await page.request.get(`/api/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 5 } }))}`);
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain('Missing scope \\"audit:view\\"');
});

test("the keyboard reaches everything: command palette and go-to shortcuts", async ({ page }) => {
  await signInAs(page, "ADMIN");
  await page.keyboard.press("ControlOrMeta+k");
  const palette = page.getByRole("dialog", { name: "Command menu" });
  await expect(palette).toBeVisible();
  await page.keyboard.type("audit");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/audit$/);
  await expect(palette).toBeHidden();

  await page.locator("body").click({ position: { x: 900, y: 500 } });
  await page.keyboard.press("g");
  await page.keyboard.press("p");
  await expect(page).toHaveURL(/\/policies$/);

  // The first Tab offers a skip link past the navigation, then Tab walks the sidebar.
  await page.reload();
  await page.locator("[data-shell-ready]").waitFor();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveAttribute("href", "/");
});

test("the theme switches to dark and stays dark after a reload", async ({ page }) => {
  await signInAs(page, "PM");
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).not.toBe("rgb(255, 255, 255)");
});

test("the page has a favicon and a title", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page).toHaveTitle(/Sign in · Lumen/);
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  const res = await page.request.get(icon!);
  expect(res.status()).toBe(200);
});
