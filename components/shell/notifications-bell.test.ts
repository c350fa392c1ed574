import { describe, expect, it } from "vitest";
import { badgeText, bellLabel, markedRead } from "./notifications-bell";

const at = new Date("2026-11-27T14:00:00Z");
const item = (id: string, read: boolean) => ({ id, kind: "report.ready", title: `Report ${id}`, body: null, href: `/artifacts/${id}`, read, createdAt: at });

describe("notifications bell", () => {
  it("names the unread count for screen readers", () => {
    expect(bellLabel(0)).toBe("Notifications");
    expect(bellLabel(2)).toBe("Notifications, 2 unread");
  });

  it("shows no badge at zero and caps it at 9+", () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(3)).toBe("3");
    expect(badgeText(9)).toBe("9");
    expect(badgeText(10)).toBe("9+");
  });

  it("marks one item read and lowers the count by one", () => {
    // 5 unread in all: a and b are listed, three more are beyond the list.
    const list = { unread: 5, items: [item("a", false), item("b", false), item("c", true)] };
    const after = markedRead(list, ["a"]);
    expect(after.unread).toBe(4);
    expect(after.items.map((n) => n.read)).toEqual([true, false, true]);
    expect(list.items[0]!.read).toBe(false);
  });

  it("does not count an item that was already read", () => {
    const list = { unread: 1, items: [item("a", false), item("c", true)] };
    expect(markedRead(list, ["c"]).unread).toBe(1);
  });

  it("clears everything, listed or not, on mark all", () => {
    const list = { unread: 5, items: [item("a", false), item("b", false)] };
    const after = markedRead(list);
    expect(after.unread).toBe(0);
    expect(after.items.every((n) => n.read)).toBe(true);
  });
});
