import { describe, expect, it } from "vitest";
import { groupConversations } from "./conversation-list";

// Local wall-clock times, so the test means the same in every time zone.
const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).toISOString();

describe("groupConversations", () => {
  const now = new Date(2026, 2, 10, 9, 30); // 10 Mar 2026, 09:30 local

  it("splits by calendar day: today, the 7 days before, older", () => {
    const rows = [
      { id: "a", updatedAt: at(2026, 3, 10, 0, 5) }, // just after midnight today
      { id: "b", updatedAt: at(2026, 3, 9, 23, 59) }, // yesterday late
      { id: "c", updatedAt: at(2026, 3, 3, 8) }, // 7 days ago
      { id: "d", updatedAt: at(2026, 3, 2, 23) }, // 8 days ago
      { id: "e", updatedAt: at(2026, 3, 10, 9) },
    ];
    expect(groupConversations(rows, now).map((g) => [g.label, g.items.map((r) => r.id)])).toEqual([
      ["Today", ["e", "a"]],
      ["Previous 7 days", ["b", "c"]],
      ["Older", ["d"]],
    ]);
  });

  it("leaves out empty groups and files unreadable dates under Older, last", () => {
    const rows = [
      { id: "x", updatedAt: "not a date" },
      { id: "y", updatedAt: at(2025, 12, 1) },
    ];
    expect(groupConversations(rows, now)).toEqual([{ label: "Older", items: [rows[1], rows[0]] }]);
  });

  it("treats a clock running slightly ahead as today", () => {
    expect(groupConversations([{ id: "f", updatedAt: at(2026, 3, 10, 9, 45) }], now)[0]!.label).toBe("Today");
  });

  it("returns nothing for no conversations", () => {
    expect(groupConversations([], now)).toEqual([]);
  });
});
