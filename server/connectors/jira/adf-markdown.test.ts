import { describe, expect, it } from "vitest";
import { markdownToAdf } from "@/server/actions/catalogue/markdown";
import { adfToMarkdown } from "./adf-markdown";

const roundTrips = [
  "Payouts that fail with a **transient** bank error should be _retried_ three times.",
  "## Why\n\nSee [the runbook](https://wiki.example.com/payouts) and `retry_policy.max`.",
  "- first\n- second with ~~old~~ text\n- third",
  "3. three\n4. four",
  "```ts\nconst x = 1;\n```",
  "> quoted advice\n>\n> second paragraph",
  "before\n\n---\n\nafter",
  "line one\\\nline two",
  "Literal *stars*, _underscores_ and [brackets] stay text: \\*x\\*",
  "- outer\n  - inner one\n  - inner two",
];

describe("adfToMarkdown", () => {
  it.each(roundTrips)("reads back what markdownToAdf wrote: %j", (markdown) => {
    const adf = markdownToAdf(markdown);
    expect(markdownToAdf(adfToMarkdown(adf))).toEqual(adf);
  });

  it("keeps text that only looks like Markdown as text", () => {
    const adf = {
      type: "doc",
      version: 1,
      content: [
        { type: "paragraph", content: [{ type: "text", text: "# not a heading" }] },
        { type: "paragraph", content: [{ type: "text", text: "1. not a list, *not bold*" }] },
      ],
    };
    expect(markdownToAdf(adfToMarkdown(adf))).toEqual(adf);
  });

  it("keeps the text of nodes Markdown has no syntax for", () => {
    const adf = {
      type: "doc",
      version: 1,
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Ask " }, { type: "mention", attrs: { id: "5f1", text: "@Ada" } }, { type: "text", text: " today" }] },
        { type: "mediaSingle", content: [{ type: "media", attrs: { id: "x" } }] },
      ],
    };
    expect(adfToMarkdown(adf)).toBe("Ask @Ada today");
    expect(adfToMarkdown(null)).toBe("");
  });
});
