import { describe, expect, it } from "vitest";
import { jqlDate } from "./connector";

describe("jqlDate", () => {
  const at = new Date("2026-11-20T23:30:00Z");
  it("writes the cursor in the Jira user's time zone", () => {
    expect(jqlDate(at)).toBe("2026-11-20 23:30");
    expect(jqlDate(at, "Europe/Berlin")).toBe("2026-11-21 00:30");
    expect(jqlDate(at, "America/Los_Angeles")).toBe("2026-11-20 15:30");
  });
});
