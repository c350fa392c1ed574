import { expect, test } from "@playwright/test";
import { signInAs } from "./fixtures";

test("on a phone the navigation lives in a drawer", async ({ page }) => {
  await signInAs(page, "LEADERSHIP");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await page.getByRole("button", { name: "Open navigation" }).click();
  const drawer = page.getByRole("dialog", { name: "Navigation" });
  await drawer.getByRole("link", { name: "Audit" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(drawer).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Audit" })).toBeVisible();
});
