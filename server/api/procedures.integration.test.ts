import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { hasScope, type Scope } from "@/server/auth/scopes";
import { callerFor, createOrg, sessionFor, testDb } from "@/test/db";

type Org = Awaited<ReturnType<typeof createOrg>>;
let org: Org;

beforeAll(async () => {
  org = await createOrg();
});

async function expectTrpcError(p: Promise<unknown>, code: TRPCError["code"], message?: RegExp) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  if (message) expect((error as TRPCError).message).toMatch(message);
}

describe("procedure kinds", () => {
  it("rejects anonymous callers with UNAUTHORIZED", async () => {
    const caller = await callerFor(null);
    await expectTrpcError(caller.organization.me(), "UNAUTHORIZED");
    await expectTrpcError(caller.members.list(), "UNAUTHORIZED");
  });

  it("rejects signed-in users without an organisation with FORBIDDEN", async () => {
    const lone = await testDb().user.create({ data: { email: `lone-${Date.now()}@example.test`, name: "Lone" } });
    const caller = await callerFor({ user: { id: lone.id, name: lone.name, email: lone.email, image: null }, organization: null, role: null, scopes: [], expires: new Date().toISOString() });
    expect((await caller.organization.me()).organization).toBeNull();
    await expectTrpcError(caller.organization.get(), "FORBIDDEN", /not a member/);
  });

  it("denies a role without the scope, naming the scope and the role", async () => {
    const engineer = org.member("ENGINEER");
    const caller = await callerFor(sessionFor(org.org, engineer.user, "ENGINEER"));
    await expectTrpcError(caller.audit.list({ limit: 10 }), "FORBIDDEN", /Missing scope "audit:view".*Engineer/);
    await expectTrpcError(caller.metrics.adoption({ days: 7 }), "FORBIDDEN", /metrics:view/);
    await expectTrpcError(caller.organization.rename({ name: "Renamed" }), "FORBIDDEN", /organization:manage/);
  });

  it("lets a role with the scope through and records the change in the audit trail", async () => {
    const admin = org.member("ADMIN");
    const caller = await callerFor(sessionFor(org.org, admin.user, "ADMIN"));
    const result = await caller.organization.rename({ name: "  Renamed Co  " });
    expect(result.name).toBe("Renamed Co");
    const events = await caller.audit.list({ action: "organization.renamed", limit: 10 });
    expect(events.items[0]).toMatchObject({ actorId: admin.user.id, metadata: { to: "Renamed Co" } });
  });

  it("pages the audit trail by cursor without repeats", async () => {
    const admin = org.member("ADMIN");
    const caller = await callerFor(sessionFor(org.org, admin.user, "ADMIN"));
    for (let i = 0; i < 5; i++) await caller.organization.rename({ name: `Name ${i}` });
    const first = await caller.audit.list({ action: "organization.renamed", limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = await caller.audit.list({ action: "organization.renamed", limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((e) => e.id)).not.toContain(first.items[0]!.id);
    expect(second.items.map((e) => e.id)).not.toContain(first.items[1]!.id);
  });
});

describe("input validation over HTTP", () => {
  async function post(path: string, body: unknown) {
    const admin = org.member("ADMIN");
    const session = sessionFor(org.org, admin.user, "ADMIN");
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      router: appRouter,
      req: new Request(`http://localhost/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      createContext: () => createTRPCContext({ session, db: testDb() }),
    });
    return { status: res.status, body: (await res.json()) as { error: { json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> } } } } };
  }

  it("answers malformed input with 400 and field errors", async () => {
    const { status, body } = await post("organization.rename", { json: { name: "x" } });
    expect(status).toBe(400);
    expect(body.error.json.data.code).toBe("BAD_REQUEST");
    expect(body.error.json.data.fieldErrors.name).toEqual(["Use at least 2 characters."]);
  });

  it("names every invalid field", async () => {
    const { status, body } = await post("organization.rename", { json: { name: 42 } });
    expect(status).toBe(400);
    expect(Object.keys(body.error.json.data.fieldErrors)).toEqual(["name"]);
  });

  it("leaves the data untouched when input is rejected", async () => {
    const before = await testDb().organization.findUniqueOrThrow({ where: { id: org.org.id } });
    await post("organization.rename", { json: { name: "" } });
    const after = await testDb().organization.findUniqueOrThrow({ where: { id: org.org.id } });
    expect(after.name).toBe(before.name);
  });
});

describe("members procedures by role", () => {
  type Outcome = "allowed" | "FORBIDDEN";
  const manage = { PM: "FORBIDDEN", ENGINEER: "FORBIDDEN", LEADERSHIP: "FORBIDDEN", ADMIN: "allowed" } as const satisfies Record<string, Outcome>;
  const view = { PM: "allowed", ENGINEER: "allowed", LEADERSHIP: "allowed", ADMIN: "allowed" } as const satisfies Record<string, Outcome>;

  /** Each procedure with a valid call against a fresh organisation, so an allowed call succeeds. */
  const calls: { name: string; expected: Record<"PM" | "ENGINEER" | "LEADERSHIP" | "ADMIN", Outcome>; run: (caller: Awaited<ReturnType<typeof callerFor>>, o: Org) => Promise<unknown> }[] = [
    { name: "members.list", expected: view, run: (c) => c.members.list() },
    { name: "members.invitations", expected: manage, run: (c) => c.members.invitations() },
    { name: "members.invite", expected: manage, run: (c) => c.members.invite({ email: `matrix-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`, role: "ENGINEER" }) },
    {
      name: "members.revokeInvitation",
      expected: manage,
      run: async (c, o) => {
        const invitation = await testDb().invitation.create({ data: { organizationId: o.org.id, email: `revoke-${Math.random().toString(36).slice(2)}@example.test`, role: "PM", expiresAt: new Date(Date.now() + 86_400_000) } });
        return c.members.revokeInvitation({ id: invitation.id });
      },
    },
    { name: "members.changeRole", expected: manage, run: (c, o) => c.members.changeRole({ membershipId: o.member("ENGINEER").membership.id, role: "PM" }) },
    { name: "members.remove", expected: manage, run: (c, o) => c.members.remove({ membershipId: o.member("LEADERSHIP").membership.id }) },
  ];

  for (const call of calls) {
    for (const role of ["PM", "ENGINEER", "LEADERSHIP", "ADMIN"] as const) {
      it(`${call.name} as ${role}: ${call.expected[role]}`, async () => {
        const fresh = await createOrg();
        const caller = await callerFor(sessionFor(fresh.org, fresh.member(role).user, role));
        if (call.expected[role] === "allowed") await expect(call.run(caller, fresh)).resolves.toBeDefined();
        else await expectTrpcError(call.run(caller, fresh), "FORBIDDEN", /Missing scope "members:manage"/);
      });
    }
  }
});

describe("every procedure × every role", () => {
  it("allows exactly the roles whose scopes include the procedure's, and denies the rest naming the scope", async () => {
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string; meta?: { scope?: Scope }; inputs: unknown[] } }>);
    expect(procedures.length).toBeGreaterThan(50);
    const roles = ["PM", "ENGINEER", "ADMIN", "LEADERSHIP"] as const;
    let checked = 0;
    for (const role of roles) {
      const caller = (await callerFor(sessionFor(org.org, org.member(role).user, role))) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
      for (const [path, procedure] of procedures) {
        const scope = procedure._def.meta?.scope;
        const allowed = scope === undefined || hasScope(role, scope);
        // A mutation without input would really run: only its denial is exercised.
        if (allowed && procedure._def.type === "mutation" && procedure._def.inputs.length === 0) continue;
        const [ns, name] = path.split(".") as [string, string];
        // An input no procedure accepts: allowed callers get past the scope check and stop at
        // validation, so nothing changes; denied callers are stopped before it.
        const outcome = await caller[ns]![name]!("not a valid input").then(
          () => ({ code: "ran", message: "" }),
          (e: unknown) => (e instanceof TRPCError ? { code: e.code, message: e.message } : { code: "error", message: String(e) }),
        );
        if (allowed) expect(outcome.code, `${path} as ${role}`).not.toBe("FORBIDDEN");
        else expect(outcome, `${path} as ${role} (needs ${scope})`).toEqual({ code: "FORBIDDEN", message: expect.stringContaining(`"${scope}"`) });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});
