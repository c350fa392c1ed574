import { describe, expect, it } from "vitest";
import { diffLineList, diffPolicies, diffSummary } from "./line-diff";

const lines = (n: number, prefix = "line") => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);
const text = (ls: string[]) => ls.join("\n") + "\n";

describe("policy version diffs", () => {
  it("numbers each line on its side: removed lines keep the old number, added lines get the new one", () => {
    const list = diffLineList("a\nb\nc\n", "a\nB\nc\nd\n");
    expect(list).toEqual([
      { kind: "unchanged", text: "a", oldNumber: 1, newNumber: 1 },
      { kind: "removed", text: "b", oldNumber: 2, newNumber: null },
      { kind: "added", text: "B", oldNumber: null, newNumber: 2 },
      { kind: "unchanged", text: "c", oldNumber: 3, newNumber: 3 },
      { kind: "added", text: "d", oldNumber: null, newNumber: 4 },
    ]);
  });

  it("does not count a missing newline at the end as a change", () => {
    expect(diffPolicies("a\nb", "a\nb\n")).toMatchObject({ added: 0, removed: 0 });
  });

  it("folds long unchanged stretches and keeps three lines of context around a change", () => {
    const before = lines(30);
    const after = [...before];
    after[14] = "changed 15";
    const diff = diffPolicies(text(before), text(after));
    expect(diff).toMatchObject({ added: 1, removed: 1 });
    expect(diff.segments.map((s) => [s.kind, s.lines.length])).toEqual([
      ["folded", 11],
      ["lines", 8],
      ["folded", 12],
    ]);
    const shown = diff.segments[1]!.lines;
    expect(shown[0]!.text).toBe("line 12");
    expect(shown.filter((l) => l.kind !== "unchanged").map((l) => `${l.kind} ${l.text}`)).toEqual(["removed line 15", "added changed 15"]);
    expect(shown.at(-1)!.text).toBe("line 18");
  });

  it("leaves a single unchanged line between two changes open rather than folding it", () => {
    const before = lines(9);
    const after = [...before];
    after[0] = "first";
    after[8] = "last";
    const diff = diffPolicies(text(before), text(after));
    // Lines 2–4 and 6–8 are context; line 5 alone is not worth a fold.
    expect(diff.segments.map((s) => s.kind)).toEqual(["lines"]);
    expect(diff.segments[0]!.lines.filter((l) => l.kind === "unchanged")).toHaveLength(7);
  });

  it("folds everything for identical texts and says there are no differences", () => {
    const diff = diffPolicies(text(lines(10)), text(lines(10)));
    expect(diff.segments.map((s) => [s.kind, s.lines.length])).toEqual([["folded", 10]]);
    expect(diffSummary(diff)).toBe("No differences");
  });

  it("summarises additions and removals in words", () => {
    expect(diffSummary({ added: 1, removed: 0 })).toBe("1 line added");
    expect(diffSummary({ added: 0, removed: 2 })).toBe("2 lines removed");
    expect(diffSummary({ added: 3, removed: 1 })).toBe("3 lines added, 1 removed");
  });
});
