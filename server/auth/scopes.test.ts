import { describe, expect, it } from "vitest";
import { navFor, homeFor, NAV_ITEMS } from "@/components/shell/nav";
import { hasScope, ROLE_SCOPES, SCOPES } from "./scopes";

describe("roles and scopes", () => {
  it("maps every role only to scopes that exist", () => {
    for (const scopes of Object.values(ROLE_SCOPES)) for (const s of scopes) expect(Object.keys(SCOPES)).toContain(s);
  });

  it("gives admins every scope and keeps decisions and policy edits away from engineers", () => {
    expect(ROLE_SCOPES.ADMIN).toHaveLength(Object.keys(SCOPES).length);
    expect(hasScope("ENGINEER", "approvals:decide")).toBe(false);
    expect(hasScope("ENGINEER", "policies:edit")).toBe(false);
    expect(hasScope("PM", "approvals:decide")).toBe(true);
    expect(hasScope("LEADERSHIP", "chat:use")).toBe(false);
  });

  it("shows each role the sections it may open and lands it on a sensible home", () => {
    expect(navFor(ROLE_SCOPES.ADMIN).map((n) => n.label)).toEqual(NAV_ITEMS.map((n) => n.label));
    expect(navFor(ROLE_SCOPES.ENGINEER).map((n) => n.label)).toEqual(["Chat", "Teams", "Approvals", "Connections", "Policies", "Members"]);
    expect(navFor(ROLE_SCOPES.LEADERSHIP).map((n) => n.label)).not.toContain("Chat");
    expect(homeFor("LEADERSHIP", ROLE_SCOPES.LEADERSHIP)).toBe("/metrics");
    expect(homeFor("PM", ROLE_SCOPES.PM)).toBe("/chat");
  });

  it("gives every section a distinct shortcut key", () => {
    const keys = NAV_ITEMS.map((n) => n.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
