import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { type inferRouterOutputs } from "@trpc/server";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { renderToStaticMarkup } from "react-dom/server";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { TRPCProvider } from "@/lib/trpc/react";
import { type AppRouter } from "@/server/api/root";
import { MembersBoard } from "./members-board";

type Outputs = inferRouterOutputs<AppRouter>["members"];

const MEMBERS: Outputs["list"] = [
  { id: "m-ada", role: "ADMIN", title: null, createdAt: new Date("2026-01-05T10:00:00Z"), lastActiveAt: new Date("2026-03-10T09:00:00Z"), user: { id: "u-ada", name: "Ada Nakamura", email: "ada@northwind.example", image: null } },
  { id: "m-eli", role: "ENGINEER", title: null, createdAt: new Date("2026-02-01T10:00:00Z"), lastActiveAt: null, user: { id: "u-eli", name: "Eli Brooks", email: "eli@northwind.example", image: null } },
];

const INVITATIONS: Outputs["invitations"] = [
  { id: "inv-1", email: "new.person@northwind.example", role: "PM", createdAt: new Date("2026-03-09T10:00:00Z"), expiresAt: new Date("2026-03-23T10:00:00Z"), invitedBy: { id: "u-ada", name: "Ada Nakamura", email: "ada@northwind.example" } },
];

const noopRouter: AppRouterInstance = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {}, bfcacheId: "b_test_" };

/** The board as the server renders it, with the members and invitations already in the cache. */
function render(opts: { canManage: boolean; members?: Outputs["list"]; invitations?: Outputs["invitations"] }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  const trpcClient = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "http://localhost/api/trpc", transformer: superjson })] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  if (opts.members) queryClient.setQueryData(trpc.members.list.queryKey(), opts.members);
  if (opts.invitations) queryClient.setQueryData(trpc.members.invitations.queryKey(), opts.invitations);
  return renderToStaticMarkup(
    <AppRouterContext.Provider value={noopRouter}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <MembersBoard canManage={opts.canManage} currentUserId="u-ada" organizationName="Northwind" />
        </TRPCProvider>
      </QueryClientProvider>
    </AppRouterContext.Provider>,
  );
}

const count = (html: string, text: string) => html.split(text).length - 1;

describe("members board", () => {
  it("shows admins a role menu and a Remove per member, and the open invitations with Revoke", () => {
    const html = render({ canManage: true, members: MEMBERS, invitations: INVITATIONS });
    expect(count(html, 'data-testid="member-row"')).toBe(2);
    expect(html).toContain('aria-label="Role of Eli Brooks: Engineer. Change role"');
    expect(html).toContain("Remove Eli Brooks");
    // Your own row offers to leave rather than to remove someone.
    expect(html).toContain("Leave the organisation");
    expect(html).toContain(">You<");
    expect(count(html, 'data-testid="invitation-row"')).toBe(1);
    expect(html).toContain("new.person@northwind.example");
    expect(html).toContain("Product manager");
    expect(html).toContain("Revoke");
  });

  it("is read-only for roles that may only view members", () => {
    const html = render({ canManage: false, members: MEMBERS });
    expect(count(html, 'data-testid="member-row"')).toBe(2);
    expect(html).toContain("Engineer");
    expect(html).not.toContain("Change role");
    expect(html).not.toContain("Remove");
    expect(html).not.toContain("Open invitations");
    expect(html).toContain("Admins invite people and change roles.");
  });

  it("shows skeletons while loading, and says what to do when there are no invitations", () => {
    const loading = render({ canManage: true });
    expect(loading).toContain('aria-busy="true"');
    expect(count(loading, 'data-testid="member-row"')).toBe(0);
    const empty = render({ canManage: true, members: MEMBERS, invitations: [] });
    expect(empty).toContain("No open invitations. Use Invite to add someone by email");
  });
});
