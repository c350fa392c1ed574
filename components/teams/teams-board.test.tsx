import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { renderToStaticMarkup } from "react-dom/server";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { TooltipProvider } from "@/components/ui/tooltip";
import { TRPCProvider } from "@/lib/trpc/react";
import { type AppRouter } from "@/server/api/root";
import {
  dayLabel,
  errorText,
  formatRunAt,
  isTimeZone,
  percentToFraction,
  scheduleWhen,
  TeamsBoard,
  type TeamView,
  toPercent,
  todayIn,
  upcomingWorkingDaysOff,
  workflowLabel,
  zoneName,
} from "./teams-board";

describe("schedule wording", () => {
  it("names the weekly slot with its zone, and falls back to the cron for other shapes", () => {
    expect(scheduleWhen({ weekly: { weekday: 5, time: "15:00" }, cron: "0 15 * * 5", timezone: "Europe/Berlin" })).toBe("Fridays 15:00 Europe/Berlin");
    expect(scheduleWhen({ weekly: { weekday: 0, time: "08:30" }, cron: "30 8 * * 0", timezone: "UTC" })).toBe("Sundays 08:30 UTC");
    expect(scheduleWhen({ weekly: null, cron: "0 9 1 * *", timezone: "UTC" })).toBe("0 9 1 * * (cron) UTC");
  });

  it("labels the four workflows as the picker does", () => {
    expect(workflowLabel("status_report")).toBe("Weekly status report");
    expect(workflowLabel("risk_register")).toBe("Risk register");
    expect(workflowLabel("sprint_plan")).toBe("Sprint plan");
    expect(workflowLabel("release_plan")).toBe("Release plan");
  });

  it("shows a run in the viewer's zone, named, with how far away it is", () => {
    // Friday 27 Nov 2026 14:00 UTC is 15:00 in Berlin (CET, UTC+1) and 09:00 in New York (EST, UTC−5).
    const at = new Date("2026-11-27T14:00:00Z");
    const now = new Date("2026-11-24T14:00:00Z");
    expect(formatRunAt(at, now, "Europe/Berlin", "en-GB")).toBe("Fri 27 Nov, 15:00 CET (in 3 days)");
    expect(formatRunAt(at, now, "America/New_York", "en-US")).toBe("Fri 27 Nov, 09:00 EST (in 3 days)");
    expect(formatRunAt(now, at, "UTC", "en-GB")).toBe("Tue 24 Nov, 14:00 UTC (3 days ago)");
  });

  it("names summer time when the run falls in it", () => {
    // 3 July 2026 13:00 UTC is 15:00 in Berlin under CEST (UTC+2).
    expect(zoneName(new Date("2026-07-03T13:00:00Z"), "Europe/Berlin", "en-GB")).toBe("CEST");
    expect(zoneName(new Date("2026-07-03T13:00:00Z"), "Asia/Kolkata", "en-GB")).toBe("GMT+5:30");
  });
});

describe("error text", () => {
  it("shows the first field's message for invalid input, else the server's message", () => {
    const zod = { message: '[{"path":["availability"],"message":"Availability is between 0% and 100%."}]', data: { fieldErrors: { availability: ["Availability is between 0% and 100%."] }, formErrors: [] } };
    expect(errorText(zod)).toBe("Availability is between 0% and 100%.");
    expect(errorText({ message: "raw", data: { fieldErrors: {}, formErrors: ["Pick a provider."] } })).toBe("Pick a provider.");
    expect(errorText({ message: "This workflow is already scheduled for that team at that time.", data: { fieldErrors: null, formErrors: null } })).toBe(
      "This workflow is already scheduled for that team at that time.",
    );
  });
});

describe("availability", () => {
  it("shows fractions as whole percentages", () => {
    expect(toPercent(0.8)).toBe(80);
    expect(toPercent(1)).toBe(100);
    expect(toPercent(0.333)).toBe(33);
  });

  it("reads typed percentages as fractions, leaving the range check to the server", () => {
    expect(percentToFraction("80")).toBe(0.8);
    expect(percentToFraction(" 80% ")).toBe(0.8);
    expect(percentToFraction("12.5")).toBe(0.125);
    expect(percentToFraction("0")).toBe(0);
    expect(percentToFraction("150")).toBe(1.5);
    expect(percentToFraction("")).toBeNull();
    expect(percentToFraction("lots")).toBeNull();
  });
});

describe("days off", () => {
  it("counts upcoming weekdays only", () => {
    // 24 Nov 2026 is a Tuesday: the 20th (Fri) is past, the 28th is a Saturday.
    const daysOff = ["2026-11-20", "2026-11-24", "2026-11-26", "2026-11-28", "2026-12-01"];
    expect(upcomingWorkingDaysOff(daysOff, "2026-11-24")).toBe(3);
    expect(upcomingWorkingDaysOff(daysOff, "2026-11-25")).toBe(2);
    expect(upcomingWorkingDaysOff([], "2026-11-24")).toBe(0);
  });

  it("takes today from the team's zone", () => {
    const lateEvening = new Date("2026-11-24T23:30:00Z");
    expect(todayIn("Europe/Berlin", lateEvening)).toBe("2026-11-25");
    expect(todayIn("America/Los_Angeles", lateEvening)).toBe("2026-11-24");
  });

  it("labels a day as that calendar day", () => {
    expect(dayLabel("2026-11-24")).toBe("Tue 24 Nov");
    expect(dayLabel("2026-12-31")).toBe("Thu 31 Dec");
  });

  it("accepts IANA zones only", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone(" ")).toBe(false);
  });
});

const PAY: TeamView = {
  id: "t1",
  key: "PAY",
  name: "Payments",
  timezone: "Europe/Berlin",
  sprintLengthDays: 10,
  channel: "#payments",
  repos: ["northwind/payments-api"],
  leadName: "Lena Fischer",
  members: [
    { id: "m1", name: "Ana Costa", availability: 0.8, daysOff: ["2099-03-02", "2099-03-07"] },
    { id: "m2", name: "Ben Ito", availability: 1, daysOff: [] },
  ],
  schedules: [
    {
      id: "s1",
      kind: "status_report",
      cron: "0 15 * * 5",
      weekly: { weekday: 5, time: "15:00" },
      timezone: "Europe/Berlin",
      enabled: false,
      nextRunAt: new Date("2099-03-06T14:00:00Z"),
      lastRunAt: null,
    },
  ],
};

/** Renders the board over a cache that already holds `teams`, as the page shows it once loaded. */
function render(teams: TeamView[], canManage: boolean): string {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  const trpcClient = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "http://localhost/api/trpc", transformer: superjson })] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  queryClient.setQueryData(trpc.planning.teams.queryKey(), teams);
  return renderToStaticMarkup(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <TooltipProvider>
          <TeamsBoard canManage={canManage} />
        </TooltipProvider>
      </TRPCProvider>
    </QueryClientProvider>,
  );
}

describe("teams board", () => {
  it("points to Jira syncing when there are no teams", () => {
    const html = render([], true);
    expect(html).toContain("No teams yet");
    expect(html).toContain("each Jira project becomes a team");
    expect(html).toContain('href="/connections"');
  });

  it("lets a manager edit time zone, sprint length, availability, days off and schedules", () => {
    const html = render([PAY], true);
    expect(html).toContain('value="Europe/Berlin"');
    expect(html).toContain('value="10"');
    expect(html).toContain('aria-label="Ana Costa&#x27;s availability in percent"');
    expect(html).toContain('value="80"');
    // Mon 2 Mar 2099 counts; Sat 7 Mar does not.
    expect(html).toContain("Mon 2 Mar");
    expect(html).toContain('aria-label="Remove Sat 7 Mar from Ana Costa&#x27;s days off"');
    expect(html.match(/data-testid="member-row"/g)).toHaveLength(2);
    expect(html).toContain("Weekly status report");
    expect(html).toContain("Fridays 15:00 Europe/Berlin");
    expect(html).toContain("Run now");
    expect(html).toContain("Add schedule");
    expect(html).toContain('role="switch"');
    expect(html).toContain('aria-checked="false"');
  });

  it("is read-only without teams:manage", () => {
    const html = render([PAY], false);
    expect(html).toContain("Payments");
    expect(html).toContain("Lena Fischer");
    expect(html).toContain("payments-api");
    expect(html).toContain("80%");
    expect(html).toContain("Paused");
    expect(html).not.toContain("<input");
    expect(html).not.toContain("Run now");
    expect(html).not.toContain("Add schedule");
    expect(html).not.toContain('role="switch"');
  });

  it("counts each member's upcoming working days off", () => {
    const html = render([PAY], false);
    const cells = [...html.matchAll(/<td class="[^"]*text-right[^"]*"><span[^>]*>(\d+)<\/span><\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual(["1", "0"]);
  });
});
