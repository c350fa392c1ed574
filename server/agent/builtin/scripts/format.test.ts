import { describe, expect, it } from "vitest";
import { cite, day, esc, prose, table } from "./format";

describe("Markdown helpers for tool text", () => {
  it("escapes links, emphasis, HTML and table breaks from data", () => {
    expect(esc("Fix [login](javascript:alert(1)) | *now* <script>")).toBe("Fix \\[login\\]\\(javascript:alert\\(1\\)\\) \\| \\*now\\* \\<script\\>");
  });

  it("clips long text and collapses whitespace", () => {
    expect(esc("a\n\n b", 10)).toBe("a b");
    expect(esc("x".repeat(20), 5)).toBe("xxxx…");
  });

  it("cites a source as its label linked to it, or the bare label without a URL", () => {
    expect(cite({ kind: "work_item", id: "PAY-1", label: "PAY-1", url: "https://x/browse/PAY-1" })).toBe("[PAY-1](https://x/browse/PAY-1)");
    expect(cite({ kind: "work_item", id: "PAY-1", label: "PAY-1", url: null })).toBe("PAY-1");
  });

  it("formats dates without time-zone drift, and empty tables as nothing", () => {
    expect(day("2026-12-24")).toBe("24 Dec 2026");
    expect(day(null)).toBe("—");
    expect(table(["A"], [])).toBe("");
    expect(table(["A", "B"], [["1", "2"]])).toBe("| A | B |\n| --- | --- |\n| 1 | 2 |");
  });

  it("writes engine dates in prose the way people read them", () => {
    expect(prose("50% likely by 2026-12-09, target 2026-12-11.")).toBe("50% likely by 9 Dec 2026, target 11 Dec 2026.");
  });
});
