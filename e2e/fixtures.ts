import { expect, type Page } from "@playwright/test";

/** The seeded demo members, one per role, as the sign-in page lists them. */
export const DEMO = {
  PM: { name: "Priya Raman", role: "Product manager" },
  ENGINEER: { name: "Sam Okafor", role: "Engineer" },
  ADMIN: { name: "Ada Nakamura", role: "Admin" },
  LEADERSHIP: { name: "Jordan Ellis", role: "Leadership" },
} as const;

export type DemoRole = keyof typeof DEMO;

/** Signs in through the development sign-in, as a person would, and waits for the landing page. */
export async function signInAs(page: Page, role: DemoRole) {
  await page.goto("/sign-in");
  await page.getByRole("list", { name: "Demo users" }).getByRole("button", { name: new RegExp(DEMO[role].name) }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in") && url.pathname !== "/");
  await page.locator("[data-shell-ready]").waitFor();
  await expect(page.getByTestId("current-role").first()).toHaveText(DEMO[role].role);
}
