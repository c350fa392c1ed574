import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TooltipProvider } from "@/components/ui/tooltip";
import { type ArtifactSource } from "@/server/planning/artifact";
import { Markdown, type MarkdownProps, findSource, inferCitation, plainText } from "./markdown";

const sources: ArtifactSource[] = [
  { kind: "work_item", id: "PAY-12", label: "PAY-12", url: "https://acme.atlassian.net/browse/PAY-12" },
  { kind: "pull_request", id: "payments-service#41", label: "payments-service#41", url: "https://github.com/acme/payments-service/pull/41" },
  { kind: "message", id: "1700000000.0001", label: "#team-payments 14 Nov", url: null },
];

function render(markdown: string, withSources?: ArtifactSource[]) {
  return renderToStaticMarkup(createElement(TooltipProvider, null, createElement(Markdown, { sources: withSources } as MarkdownProps, markdown)));
}

describe("plainText", () => {
  it("joins strings and numbers and refuses elements", () => {
    expect(plainText(["PAY", "-", 12])).toBe("PAY-12");
    expect(plainText(null)).toBe("");
    expect(plainText(createElement("strong", null, "x"))).toBeNull();
    expect(plainText(["a", createElement("em", null, "b")])).toBeNull();
  });
});

describe("findSource", () => {
  it("matches by label first, then by address", () => {
    expect(findSource(sources, " PAY-12 ", "https://elsewhere")?.id).toBe("PAY-12");
    expect(findSource(sources, "the checkout PR", "https://github.com/acme/payments-service/pull/41")?.id).toBe("payments-service#41");
    expect(findSource(sources, "PAY-99", "https://acme.atlassian.net/browse/PAY-99")).toBeNull();
    expect(findSource(sources, null, undefined)).toBeNull();
  });
});

describe("inferCitation", () => {
  it("recognises issue keys and pull request references", () => {
    expect(inferCitation("PAY-12", "https://x/browse/PAY-12")).toEqual({ kind: "work_item", label: "PAY-12", url: "https://x/browse/PAY-12" });
    expect(inferCitation("payments-service#41", "https://github.com/a/b/pull/41")?.kind).toBe("pull_request");
  });

  it("recognises item pages of the connected tools", () => {
    expect(inferCitation("refund bug", "https://acme.atlassian.net/browse/PAY-7")?.kind).toBe("work_item");
    expect(inferCitation("the PR", "https://github.com/acme/api/pull/9")?.kind).toBe("pull_request");
    expect(inferCitation("thread", "https://acme.slack.com/archives/C1/p170000")?.kind).toBe("message");
    expect(inferCitation("spec", "https://www.notion.so/acme/Checkout-v2-abc")?.kind).toBe("document");
  });

  it("leaves ordinary links alone", () => {
    expect(inferCitation("the docs", "https://example.com/guide")).toBeNull();
    expect(inferCitation("PAY-12", undefined)).toBeNull();
    expect(inferCitation("x", "not a url")).toBeNull();
    expect(inferCitation("see", "javascript:alert(1)")).toBeNull();
  });
});

describe("Markdown", () => {
  it("never renders raw HTML", () => {
    const html = render('Hello <script>alert(1)</script><b onclick="x()">bold</b> world');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<b ");
    expect(html).not.toContain("onclick");
    expect(html).toContain("Hello");
  });

  it("drops javascript: links and opens web links in a new tab", () => {
    const html = render("[click](javascript:alert(1)) and [site](https://example.com)");
    expect(html).not.toContain("javascript:");
    expect(html).toMatch(/<a[^>]*href="https:\/\/example.com"[^>]*target="_blank"[^>]*rel="noopener noreferrer"|<a[^>]*target="_blank"[^>]*rel="noopener noreferrer"[^>]*href="https:\/\/example.com"/);
  });

  it("renders cited sources as chips, including sources without a link", () => {
    const html = render("Blocked by [PAY-12](https://acme.atlassian.net/browse/PAY-12), see [#team-payments 14 Nov](https://acme.slack.com/x).", sources);
    expect(html).toContain('aria-label="PAY-12 (Issue, opens in a new tab)"');
    // The source has no url of its own, so the link's address is used.
    expect(html).toContain('aria-label="#team-payments 14 Nov (Message, opens in a new tab)"');
  });

  it("does not guess chips for an artifact's links that are not its sources", () => {
    const html = render("[PAY-99](https://acme.atlassian.net/browse/PAY-99)", sources);
    expect(html).not.toContain("opens in a new tab)");
    expect(html).toContain('href="https://acme.atlassian.net/browse/PAY-99"');
  });

  it("renders GFM tables in a scrollable frame", () => {
    const html = render("| Item | Points |\n| --- | ---: |\n| PAY-1 | 3 |");
    expect(html).toContain('<div class="my-3 overflow-x-auto rounded-lg border"><table');
    expect(html).toContain("<th");
    expect(html).toContain(">3</td>");
  });

  it("shows images as links instead of loading them", () => {
    const html = render("![chart](https://tracker.example/pixel.png)");
    expect(html).not.toContain("<img");
    expect(html).toContain('href="https://tracker.example/pixel.png"');
  });
});
