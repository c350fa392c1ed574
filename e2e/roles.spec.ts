import { expect, test } from "@playwright/test";
import { DEMO, signInAs, type DemoRole } from "./fixtures";

const ALL = ["Chat", "Teams", "Approvals", "Connections", "Policies", "Members", "Metrics", "Training", "Audit"];

const EXPECTED: Record<DemoRole, { home: string; nav: string[]; denied: { path: string; page: string; scope: string }[] }> = {
  PM: { home: "/chat", nav: ["Chat", "Teams", "Approvals", "Connections", "Policies", "Members", "Metrics", "Training"], denied: [{ path: "/audit", page: "Audit", scope: "audit:view" }] },
  ENGINEER: {
    home: "/chat",
    nav: ["Chat", "Teams", "Approvals", "Connections", "Policies", "Members"],
    denied: [
      { path: "/metrics", page: "Metrics", scope: "metrics:view" },
      { path: "/training", page: "Training", scope: "training:view" },
      { path: "/audit", page: "Audit", scope: "audit:view" },
    ],
  },
  ADMIN: { home: "/chat", nav: ALL, denied: [] },
  LEADERSHIP: { home: "/metrics", nav: ["Approvals", "Connections", "Policies", "Members", "Metrics", "Training", "Audit"], denied: [{ path: "/chat", page: "Chat", scope: "chat:use" }] },
};

for (const role of Object.keys(EXPECTED) as DemoRole[]) {
  test.describe(`${DEMO[role].role}`, () => {
    test("signs in, lands on their home and sees only what the role allows", async ({ page }) => {
      const expected = EXPECTED[role];
      await signInAs(page, role);
      await expect(page).toHaveURL(new RegExp(`${expected.home}$`));
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link")).toHaveText(expected.nav);

      for (const label of expected.nav) {
        await nav.getByRole("link", { name: label }).click();
        await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
        await expect(page.getByTestId("forbidden")).toHaveCount(0);
      }
    });

    if (EXPECTED[role].denied.length > 0) {
      test("is shown a clear message on a page the role may not open", async ({ page }) => {
        await signInAs(page, role);
        for (const denied of EXPECTED[role].denied) {
          const response = await page.goto(denied.path);
          expect(response?.status()).toBe(200);
          const message = page.getByTestId("forbidden");
          await expect(message.getByRole("heading")).toHaveText(`You don't have access to ${denied.page}`);
          await expect(message).toContainText(denied.scope);
          await expect(message).toContainText(`${DEMO[role].role} role`);
          await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
        }
      });
    }
  });
}

test("the admin sees real data: members, the role matrix, and their own sign-in in the audit trail and metrics", async ({ page }) => {
  await signInAs(page, "ADMIN");
  await page.goto("/members");
  await expect(page.getByTestId("member-row")).toHaveCount(6);
  await page.goto("/policies");
  await expect(page.getByTestId("role-matrix")).toContainText("policies:edit");
  await page.goto("/audit");
  await expect(page.getByTestId("audit-row").filter({ hasText: "auth.signed_in" }).filter({ hasText: "Ada Nakamura" }).first()).toBeVisible();
  await page.goto("/metrics");
  await expect(page.getByTestId("kpi-active")).not.toHaveText("0");
  await expect(page.getByTestId("adoption-chart").locator("svg.recharts-surface")).toBeVisible();
});

test("signing out returns to the sign-in page and protects the app again", async ({ page }) => {
  await signInAs(page, "PM");
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);
  await page.goto("/chat");
  await expect(page).toHaveURL(/\/sign-in/);
});
