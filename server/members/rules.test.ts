import { describe, expect, it } from "vitest";
import { INVITATION_TTL_DAYS, invitationExpiry, isInvitationOpen, leavesNoAdmin, normalizeEmail } from "./rules";

describe("normalizeEmail", () => {
  it("trims and lower-cases, so any spelling of an address matches its invitation", () => {
    expect(normalizeEmail("  Ada.Nakamura@Northwind.EXAMPLE ")).toBe("ada.nakamura@northwind.example");
  });
});

describe("invitationExpiry", () => {
  it("is fourteen days after the invitation is sent", () => {
    expect(INVITATION_TTL_DAYS).toBe(14);
    expect(invitationExpiry(new Date("2026-03-01T09:30:00.000Z")).toISOString()).toBe("2026-03-15T09:30:00.000Z");
  });
});

describe("isInvitationOpen", () => {
  const now = new Date("2026-03-10T12:00:00.000Z");
  const open = { acceptedAt: null, revokedAt: null, expiresAt: new Date("2026-03-11T00:00:00.000Z") };

  it("is open until accepted, revoked or expired", () => {
    expect(isInvitationOpen(open, now)).toBe(true);
    expect(isInvitationOpen({ ...open, acceptedAt: now }, now)).toBe(false);
    expect(isInvitationOpen({ ...open, revokedAt: now }, now)).toBe(false);
    expect(isInvitationOpen({ ...open, expiresAt: new Date("2026-03-09T00:00:00.000Z") }, now)).toBe(false);
  });

  it("is closed at the very moment it expires", () => {
    expect(isInvitationOpen({ ...open, expiresAt: now }, now)).toBe(false);
  });
});

describe("leavesNoAdmin", () => {
  it("is true only for the one remaining admin", () => {
    expect(leavesNoAdmin(["a"], "a")).toBe(true);
    expect(leavesNoAdmin(["a", "b"], "a")).toBe(false);
  });

  it("never stops a change to someone who is not an admin", () => {
    expect(leavesNoAdmin(["a"], "pm")).toBe(false);
    expect(leavesNoAdmin([], "pm")).toBe(false);
  });
});
