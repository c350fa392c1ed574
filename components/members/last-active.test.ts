import { describe, expect, it } from "vitest";
import { lastActiveLabel } from "./last-active";

describe("lastActiveLabel", () => {
  const now = new Date("2026-03-10T12:00:00.000Z");
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

  it("says never for someone who has not used Lumen", () => {
    expect(lastActiveLabel(null, now)).toBe("never");
  });

  it("says just now within the five minutes activity is refreshed in", () => {
    expect(lastActiveLabel(ago(0), now)).toBe("just now");
    expect(lastActiveLabel(ago(4.9), now)).toBe("just now");
  });

  it("says how long ago otherwise", () => {
    expect(lastActiveLabel(ago(5), now)).toBe("5 minutes ago");
    expect(lastActiveLabel(ago(3 * 60), now)).toBe("3 hours ago");
    expect(lastActiveLabel(ago(3 * 24 * 60), now)).toBe("3 days ago");
  });
});
