import { describe, expect, it } from "vitest";
import { readIntent } from "./intent";

const TEAMS = [
  { key: "PAY", name: "Payments" },
  { key: "MOB", name: "Mobile" },
];

describe("readIntent", () => {
  it.each([
    ["Plan next sprint for Payments", "sprint_plan", "PAY"],
    ["What can MOB commit to given capacity?", "sprint_plan", "MOB"],
    ["Summarize sprint progress for mobile", "status_report", "MOB"],
    ["Weekly status report please", "status_report", null],
    ["Generate a risk register for PAY", "risk_register", "PAY"],
    ["Plan a Q3 release for Feature X and what to cut", "release_plan", null],
  ])("%s → %s / %s", (text, kind, team) => {
    const intent = readIntent(text, TEAMS);
    expect(intent.kind).toBe(kind);
    expect(intent.teamKey).toBe(team);
  });

  it("reads a named release", () => {
    expect(readIntent("Plan the release Payments 2.4 for PAY", TEAMS).release).toBe("Payments 2.4");
    expect(readIntent("Can we ship 3.1 on time?", TEAMS).release).toBe("3.1");
  });

  it("leaves free-form questions without a workflow", () => {
    expect(readIntent("Who reviewed the checkout PR?", TEAMS)).toEqual({ kind: null, teamKey: null, release: null });
  });

  it("does not match a team key inside another word", () => {
    expect(readIntent("Plan the next sprint for PAYROLL", TEAMS).teamKey).toBeNull();
  });
});
