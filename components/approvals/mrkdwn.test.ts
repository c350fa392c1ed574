import { describe, expect, it } from "vitest";
import { markdownToMrkdwn } from "@/server/actions/catalogue/markdown";
import { mrkdwnToMarkdown } from "./mrkdwn";

describe("mrkdwnToMarkdown", () => {
  it("turns Slack emphasis into Markdown emphasis", () => {
    expect(mrkdwnToMarkdown("*Sprint 24* starts _today_, ~not tomorrow~.")).toBe("**Sprint 24** starts *today*, ~~not tomorrow~~.");
  });

  it("leaves snake_case and arithmetic alone", () => {
    expect(mrkdwnToMarkdown("set max_retry_count to 2*3")).toBe("set max_retry_count to 2*3");
  });

  it("names links, channels, people and special mentions", () => {
    expect(mrkdwnToMarkdown("See <https://jira.example.com/browse/PAY-12|PAY-12> in <#C0PAY|team-payments>, cc <@U123|ada> <!here>")).toBe(
      "See [PAY-12](https://jira.example.com/browse/PAY-12) in #team-payments, cc @ada @here",
    );
    expect(mrkdwnToMarkdown("<https://example.com> and <@U999>")).toBe("<https://example.com> and @U999");
    expect(mrkdwnToMarkdown("<javascript:alert(1)|click>")).toBe("click");
  });

  it("decodes Slack's escapes and keeps quotes", () => {
    expect(mrkdwnToMarkdown("&gt; Fees &amp; refunds &lt;3")).toBe("> Fees & refunds <3");
  });

  it("keeps Slack's single line breaks, and lists as lists", () => {
    expect(mrkdwnToMarkdown("Line one\nLine two\n\n• first\n• second")).toBe("Line one\\\nLine two\n\n- first\n- second");
  });

  it("leaves code exactly as written", () => {
    expect(mrkdwnToMarkdown("run `*not bold*` now")).toBe("run `*not bold*` now");
    expect(mrkdwnToMarkdown("```a_b_c *x*```")).toBe("\n```\na_b_c *x*\n```\n");
  });

  it("reads back what Lumen converts from Markdown", () => {
    const markdown = "**PAY Sprint 24** starts today: [3 items](https://jira.example.com/issues) _committed_.";
    expect(mrkdwnToMarkdown(markdownToMrkdwn(markdown))).toBe("**PAY Sprint 24** starts today: [3 items](https://jira.example.com/issues) *committed*.");
  });
});
