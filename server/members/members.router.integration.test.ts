import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { resolveMembership } from "@/server/auth/session";
import { type Role } from "@/server/db/generated/enums";
import { callerFor, createOrg, sessionFor, testDb } from "@/test/db";
import { LAST_ADMIN_MESSAGE } from "./rules";

type Org = Awaited<ReturnType<typeof createOrg>>;
type Member = Org["members"][number];

const NON_MANAGERS: Role[] = ["PM", "ENGINEER", "LEADERSHIP"];
const LAST_ADMIN = new RegExp(LAST_ADMIN_MESSAGE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

function callerAs(org: Org, member: Member) {
  return callerFor(sessionFor(org.org, member.user, member.role));
}

async function errorOf(p: Promise<unknown>): Promise<TRPCError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected the call to be refused").toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

async function expectRefused(p: Promise<unknown>, code: TRPCError["code"], message?: RegExp) {
  const error = await errorOf(p);
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
}

function auditRows(org: Org, action: string) {
  return testDb().auditEvent.findMany({ where: { organizationId: org.org.id, action }, orderBy: { createdAt: "asc" } });
}

const address = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}@example.test`;

describe("members.list", () => {
  it("returns each member's last activity, null until they are seen", async () => {
    const org = await createOrg(["ADMIN", "ENGINEER"]);
    const seen = new Date("2026-03-10T09:00:00.000Z");
    await testDb().membership.update({ where: { id: org.member("ENGINEER").membership.id }, data: { lastActiveAt: seen } });
    const rows = await (await callerAs(org, org.member("ENGINEER"))).members.list();
    expect(rows.find((r) => r.id === org.member("ENGINEER").membership.id)?.lastActiveAt).toEqual(seen);
    expect(rows.find((r) => r.id === org.member("ADMIN").membership.id)?.lastActiveAt).toBeNull();
  });
});

describe("members.invite", () => {
  it("stores the address lower-cased with the role and a 14-day expiry, lists it and records it", async () => {
    const org = await createOrg(["ADMIN"]);
    const admin = org.member("ADMIN");
    const caller = await callerAs(org, admin);
    const email = address("new.person");
    const before = Date.now();
    const invitation = await caller.members.invite({ email: `  ${email.toUpperCase()} `, role: "PM" });
    expect(invitation).toMatchObject({ email, role: "PM" });
    const days = (invitation.expiresAt.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(13.99);
    expect(days).toBeLessThan(14.01);

    const open = await caller.members.invitations();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ id: invitation.id, email, role: "PM", invitedBy: { id: admin.user.id } });

    const events = await auditRows(org, "member.invited");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.user.id, targetType: "Invitation", targetId: invitation.id, metadata: { email, role: "PM" } });
  });

  it("rejects an invalid address or role with a field error and writes nothing", async () => {
    const org = await createOrg(["ADMIN"]);
    const caller = await callerAs(org, org.member("ADMIN"));
    const badEmail = await errorOf(caller.members.invite({ email: "not-an-email", role: "PM" }));
    expect(badEmail.code).toBe("BAD_REQUEST");
    expect(badEmail.message).toMatch(/Enter an email address/);
    await expectRefused(caller.members.invite({ email: address("x"), role: "OWNER" as Role }), "BAD_REQUEST", /Choose one of the roles/);
    expect(await testDb().invitation.count({ where: { organizationId: org.org.id } })).toBe(0);
    expect(await auditRows(org, "member.invited")).toHaveLength(0);
  });

  it("refuses an address that already belongs to a member, whatever its case", async () => {
    const org = await createOrg(["ADMIN", "ENGINEER"]);
    const caller = await callerAs(org, org.member("ADMIN"));
    const email = org.member("ENGINEER").user.email!;
    await expectRefused(caller.members.invite({ email: email.toUpperCase(), role: "PM" }), "CONFLICT", /is already a member\. Change their role/);
  });

  it("refuses a second invitation while the first is open, naming its role", async () => {
    const org = await createOrg(["ADMIN"]);
    const caller = await callerAs(org, org.member("ADMIN"));
    const email = address("twice");
    await caller.members.invite({ email, role: "LEADERSHIP" });
    await expectRefused(caller.members.invite({ email, role: "PM" }), "CONFLICT", /already has an open invitation as Leadership\. Revoke it first/);
    expect(await testDb().invitation.count({ where: { organizationId: org.org.id, email } })).toBe(1);
  });

  it("lets exactly one of two simultaneous invitations for one address through", async () => {
    const org = await createOrg(["ADMIN", "ADMIN"]);
    const [a, b] = await Promise.all(org.members.map((m) => callerAs(org, m)));
    const email = address("race");
    const results = await Promise.allSettled([a!.members.invite({ email, role: "PM" }), b!.members.invite({ email, role: "ENGINEER" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected!.reason as TRPCError).code).toBe("CONFLICT");
    expect((rejected!.reason as TRPCError).message).toMatch(/already has an open invitation/);
    expect(await testDb().invitation.count({ where: { organizationId: org.org.id, email } })).toBe(1);
  });

  it("renews an expired invitation with the new role instead of refusing", async () => {
    const org = await createOrg(["ADMIN"]);
    const admin = org.member("ADMIN");
    const email = address("expired");
    const stale = await testDb().invitation.create({
      data: { organizationId: org.org.id, email, role: "ENGINEER", invitedById: admin.user.id, createdAt: new Date("2020-01-01"), expiresAt: new Date("2020-01-15") },
    });
    const caller = await callerAs(org, admin);
    expect(await caller.members.invitations()).toEqual([]);
    const renewed = await caller.members.invite({ email, role: "PM" });
    expect(renewed.id).toBe(stale.id);
    expect(renewed.role).toBe("PM");
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect((await caller.members.invitations()).map((i) => i.id)).toEqual([stale.id]);
    expect((await auditRows(org, "member.invited"))[0]!.metadata).toMatchObject({ email, role: "PM", renewed: true });
  });

  it("allows inviting again once the earlier invitation is revoked", async () => {
    const org = await createOrg(["ADMIN"]);
    const caller = await callerAs(org, org.member("ADMIN"));
    const email = address("again");
    const first = await caller.members.invite({ email, role: "PM" });
    await caller.members.revokeInvitation({ id: first.id });
    const second = await caller.members.invite({ email, role: "ENGINEER" });
    expect(second.id).not.toBe(first.id);
    expect((await caller.members.invitations()).map((i) => [i.id, i.role])).toEqual([[second.id, "ENGINEER"]]);
  });
});

describe("members.revokeInvitation", () => {
  it("closes the invitation, drops it from the list and records it", async () => {
    const org = await createOrg(["ADMIN"]);
    const admin = org.member("ADMIN");
    const caller = await callerAs(org, admin);
    const email = address("revoked");
    const invitation = await caller.members.invite({ email, role: "PM" });
    await expect(caller.members.revokeInvitation({ id: invitation.id })).resolves.toEqual({ id: invitation.id, email });
    expect(await caller.members.invitations()).toEqual([]);
    expect((await testDb().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt).toBeInstanceOf(Date);
    const events = await auditRows(org, "member.invitation_revoked");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.user.id, targetId: invitation.id, metadata: { email, role: "PM" } });
  });

  it("says what happened when the invitation is already revoked, accepted or unknown", async () => {
    const org = await createOrg(["ADMIN"]);
    const caller = await callerAs(org, org.member("ADMIN"));
    const revoked = await caller.members.invite({ email: address("r"), role: "PM" });
    await caller.members.revokeInvitation({ id: revoked.id });
    await expectRefused(caller.members.revokeInvitation({ id: revoked.id }), "CONFLICT", /already revoked/);

    const accepted = await caller.members.invite({ email: address("a"), role: "PM" });
    await testDb().invitation.update({ where: { id: accepted.id }, data: { acceptedAt: new Date() } });
    await expectRefused(caller.members.revokeInvitation({ id: accepted.id }), "CONFLICT", /already accepted this invitation\. Remove them/);

    await expectRefused(caller.members.revokeInvitation({ id: "no-such-invitation" }), "NOT_FOUND", /does not exist\. Reload/);
    await expectRefused(caller.members.revokeInvitation({ id: "" }), "BAD_REQUEST");
    expect(await auditRows(org, "member.invitation_revoked")).toHaveLength(1);
  });
});

describe("members.changeRole", () => {
  it("changes the role and records from and to", async () => {
    const org = await createOrg(["ADMIN", "PM"]);
    const admin = org.member("ADMIN");
    const pm = org.member("PM");
    const caller = await callerAs(org, admin);
    await expect(caller.members.changeRole({ membershipId: pm.membership.id, role: "ENGINEER" })).resolves.toEqual({ id: pm.membership.id, role: "ENGINEER", changed: true });
    expect((await testDb().membership.findUniqueOrThrow({ where: { id: pm.membership.id } })).role).toBe("ENGINEER");
    const events = await auditRows(org, "member.role_changed");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.user.id, targetType: "Membership", targetId: pm.membership.id, metadata: { userId: pm.user.id, from: "PM", to: "ENGINEER" } });
  });

  it("records nothing when the role is already the one asked for", async () => {
    const org = await createOrg(["ADMIN", "PM"]);
    const caller = await callerAs(org, org.member("ADMIN"));
    await expect(caller.members.changeRole({ membershipId: org.member("PM").membership.id, role: "PM" })).resolves.toMatchObject({ changed: false });
    expect(await auditRows(org, "member.role_changed")).toHaveLength(0);
  });

  it("rejects an unknown role and an unknown member", async () => {
    const org = await createOrg(["ADMIN", "PM"]);
    const caller = await callerAs(org, org.member("ADMIN"));
    await expectRefused(caller.members.changeRole({ membershipId: org.member("PM").membership.id, role: "OWNER" as Role }), "BAD_REQUEST", /Choose one of the roles/);
    await expectRefused(caller.members.changeRole({ membershipId: "no-such-member", role: "PM" }), "NOT_FOUND", /no longer a member/);
    expect((await testDb().membership.findUniqueOrThrow({ where: { id: org.member("PM").membership.id } })).role).toBe("PM");
  });

  it("never demotes the last admin, not even at their own request", async () => {
    const org = await createOrg(["ADMIN", "PM"]);
    const admin = org.member("ADMIN");
    const caller = await callerAs(org, admin);
    await expectRefused(caller.members.changeRole({ membershipId: admin.membership.id, role: "PM" }), "CONFLICT", LAST_ADMIN);
    expect((await testDb().membership.findUniqueOrThrow({ where: { id: admin.membership.id } })).role).toBe("ADMIN");
    expect(await auditRows(org, "member.role_changed")).toHaveLength(0);

    // With a second admin, the first may step down.
    await caller.members.changeRole({ membershipId: org.member("PM").membership.id, role: "ADMIN" });
    await expect(caller.members.changeRole({ membershipId: admin.membership.id, role: "LEADERSHIP" })).resolves.toMatchObject({ role: "LEADERSHIP" });
  });

  it("lets only one of two admins demoting each other at the same moment succeed", async () => {
    for (let round = 0; round < 5; round++) {
      const org = await createOrg(["ADMIN", "ADMIN"]);
      const [a, b] = org.members as [Member, Member];
      const [callerA, callerB] = await Promise.all([callerAs(org, a), callerAs(org, b)]);
      const results = await Promise.allSettled([
        callerA.members.changeRole({ membershipId: b.membership.id, role: "PM" }),
        callerB.members.changeRole({ membershipId: a.membership.id, role: "ENGINEER" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected")!.reason as TRPCError;
      expect(refused.code).toBe("CONFLICT");
      expect(refused.message).toBe(LAST_ADMIN_MESSAGE);
      expect(await testDb().membership.count({ where: { organizationId: org.org.id, role: "ADMIN" } })).toBe(1);
      expect(await auditRows(org, "member.role_changed")).toHaveLength(1);
    }
  });
});

describe("members.remove", () => {
  it("removes the membership, keeps the account, ends access and records it", async () => {
    const org = await createOrg(["ADMIN", "ENGINEER"]);
    const admin = org.member("ADMIN");
    const engineer = org.member("ENGINEER");
    const caller = await callerAs(org, admin);
    await expect(caller.members.remove({ membershipId: engineer.membership.id })).resolves.toEqual({ id: engineer.membership.id, self: false });
    expect(await testDb().membership.findUnique({ where: { id: engineer.membership.id } })).toBeNull();
    expect(await testDb().user.findUnique({ where: { id: engineer.user.id } })).not.toBeNull();
    expect(await resolveMembership(testDb(), engineer.user.id)).toBeNull();
    expect((await caller.members.list()).map((m) => m.id)).toEqual([admin.membership.id]);
    const events = await auditRows(org, "member.removed");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.user.id, targetId: engineer.membership.id, metadata: { userId: engineer.user.id, email: engineer.user.email, role: "ENGINEER" } });
  });

  it("refuses to remove the last admin, including themselves", async () => {
    const org = await createOrg(["ADMIN", "PM"]);
    const admin = org.member("ADMIN");
    const caller = await callerAs(org, admin);
    await expectRefused(caller.members.remove({ membershipId: admin.membership.id }), "CONFLICT", LAST_ADMIN);
    expect(await testDb().membership.findUnique({ where: { id: admin.membership.id } })).not.toBeNull();
    expect(await auditRows(org, "member.removed")).toHaveLength(0);
  });

  it("lets an admin leave when another admin remains", async () => {
    const org = await createOrg(["ADMIN", "ADMIN"]);
    const [leaving, staying] = org.members as [Member, Member];
    const caller = await callerAs(org, leaving);
    await expect(caller.members.remove({ membershipId: leaving.membership.id })).resolves.toEqual({ id: leaving.membership.id, self: true });
    expect(await testDb().membership.findMany({ where: { organizationId: org.org.id }, select: { id: true } })).toEqual([{ id: staying.membership.id }]);
    expect((await auditRows(org, "member.removed"))[0]!.metadata).toMatchObject({ self: true, role: "ADMIN" });
  });

  it("keeps one admin when two admins remove, or demote and remove, each other at once", async () => {
    for (const mode of ["remove", "demote"] as const) {
      const org = await createOrg(["ADMIN", "ADMIN"]);
      const [a, b] = org.members as [Member, Member];
      const [callerA, callerB] = await Promise.all([callerAs(org, a), callerAs(org, b)]);
      const results = await Promise.allSettled([
        callerA.members.remove({ membershipId: b.membership.id }),
        mode === "remove" ? callerB.members.remove({ membershipId: a.membership.id }) : callerB.members.changeRole({ membershipId: a.membership.id, role: "PM" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled"), mode).toHaveLength(1);
      expect((results.find((r) => r.status === "rejected")!.reason as TRPCError).message).toBe(LAST_ADMIN_MESSAGE);
      expect(await testDb().membership.count({ where: { organizationId: org.org.id, role: "ADMIN" } }), mode).toBe(1);
    }
  });

  it("reports a member who is already gone", async () => {
    const org = await createOrg(["ADMIN", "PM"]);
    const caller = await callerAs(org, org.member("ADMIN"));
    await caller.members.remove({ membershipId: org.member("PM").membership.id });
    await expectRefused(caller.members.remove({ membershipId: org.member("PM").membership.id }), "NOT_FOUND", /no longer a member\. Reload/);
  });
});

describe("permissions", () => {
  it("denies every change and the invitation list to roles without members:manage, and writes nothing", async () => {
    const org = await createOrg(["ADMIN", "PM", "ENGINEER", "LEADERSHIP"]);
    const admin = org.member("ADMIN");
    const invitation = await (await callerAs(org, admin)).members.invite({ email: address("pending"), role: "PM" });
    const target = org.member("ENGINEER").membership.id;
    for (const role of NON_MANAGERS) {
      const caller = await callerAs(org, org.member(role));
      const denied = /Missing scope "members:manage"/;
      await expectRefused(caller.members.invitations(), "FORBIDDEN", denied);
      await expectRefused(caller.members.invite({ email: address(role.toLowerCase()), role: "ADMIN" }), "FORBIDDEN", denied);
      await expectRefused(caller.members.revokeInvitation({ id: invitation.id }), "FORBIDDEN", denied);
      await expectRefused(caller.members.changeRole({ membershipId: org.member(role).membership.id, role: "ADMIN" }), "FORBIDDEN", denied);
      await expectRefused(caller.members.remove({ membershipId: target }), "FORBIDDEN", denied);
      // Viewing stays open to them.
      expect(await caller.members.list()).toHaveLength(4);
    }
    expect(await testDb().invitation.count({ where: { organizationId: org.org.id } })).toBe(1);
    expect((await testDb().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt).toBeNull();
    expect(await testDb().membership.count({ where: { organizationId: org.org.id, role: "ADMIN" } })).toBe(1);
    expect(await testDb().membership.count({ where: { organizationId: org.org.id } })).toBe(4);
    expect(await testDb().auditEvent.count({ where: { organizationId: org.org.id, action: { not: "member.invited" } } })).toBe(0);
  });
});

describe("tenant isolation", () => {
  it("neither shows nor changes another organisation's members and invitations", async () => {
    const a = await createOrg(["ADMIN"]);
    const b = await createOrg(["ADMIN", "PM"]);
    const callerA = await callerAs(a, a.member("ADMIN"));
    const callerB = await callerAs(b, b.member("ADMIN"));
    const email = address("shared");
    const invitationB = await callerB.members.invite({ email, role: "PM" });

    // The same address may be invited by both organisations, each seeing only its own.
    const invitationA = await callerA.members.invite({ email, role: "ENGINEER" });
    expect((await callerA.members.invitations()).map((i) => i.id)).toEqual([invitationA.id]);
    expect((await callerB.members.invitations()).map((i) => i.id)).toEqual([invitationB.id]);

    await expectRefused(callerA.members.revokeInvitation({ id: invitationB.id }), "NOT_FOUND");
    await expectRefused(callerA.members.changeRole({ membershipId: b.member("PM").membership.id, role: "ADMIN" }), "NOT_FOUND");
    await expectRefused(callerA.members.remove({ membershipId: b.member("PM").membership.id }), "NOT_FOUND");
    // B's only admin is not A's last admin either: A cannot remove or demote them.
    await expectRefused(callerA.members.remove({ membershipId: b.member("ADMIN").membership.id }), "NOT_FOUND");

    expect((await testDb().invitation.findUniqueOrThrow({ where: { id: invitationB.id } })).revokedAt).toBeNull();
    expect(await testDb().membership.findUniqueOrThrow({ where: { id: b.member("PM").membership.id } })).toMatchObject({ role: "PM" });
    expect(await testDb().auditEvent.count({ where: { organizationId: b.org.id, action: { in: ["member.invitation_revoked", "member.role_changed", "member.removed"] } } })).toBe(0);
    expect((await callerA.members.list()).map((m) => m.id)).toEqual([a.member("ADMIN").membership.id]);
  });
});
