import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TooltipProvider } from "@/components/ui/tooltip";
import { type ArtifactBody } from "@/server/planning/artifact";
import { ArtifactPanel, type ArtifactPanelProps, artifactFileName, validateDraft } from "./artifact-panel";

const body: ArtifactBody = {
  title: "PAY Sprint 26",
  sections: [
    { id: "summary", heading: "Summary", markdown: "Commit 9 items; [PAY-12](https://acme.atlassian.net/browse/PAY-12) is the riskiest." },
    { id: "scope", heading: "Scope", markdown: "| Item | Points |\n| --- | --- |\n| PAY-12 | 5 |" },
  ],
  forecast: null,
  sources: [
    { kind: "work_item", id: "PAY-12", label: "PAY-12", url: "https://acme.atlassian.net/browse/PAY-12" },
    { kind: "document", id: "doc1", label: "Checkout v2 spec", url: null },
  ],
};

function render(overrides: Partial<ArtifactPanelProps> = {}) {
  const props: ArtifactPanelProps = {
    artifact: { id: "art_1", kind: "sprint_plan", title: "PAY Sprint 26", teamKey: "PAY" },
    versions: [
      { number: 1, createdAt: "2026-03-01T10:00:00Z", authorName: null, origin: "agent" },
      { number: 2, createdAt: "2026-03-02T10:00:00Z", authorName: "Ana", origin: "edit" },
    ],
    current: { number: 2, body },
    latestNumber: 2,
    onSelectVersion: () => {},
    onSave: async () => {},
    onClose: () => {},
    ...overrides,
  };
  return renderToStaticMarkup(createElement(TooltipProvider, null, createElement(ArtifactPanel, props)));
}

describe("artifactFileName", () => {
  it("slugs the title", () => {
    expect(artifactFileName("PAY Sprint 26: plan / draft")).toBe("pay-sprint-26-plan-draft.md");
    expect(artifactFileName("Café — Q3 release")).toBe("cafe-q3-release.md");
    expect(artifactFileName("  ***  ")).toBe("artifact.md");
  });

  it("keeps names short without a trailing dash", () => {
    const name = artifactFileName(`${"a".repeat(79)} b`);
    expect(name).toBe(`${"a".repeat(79)}.md`);
  });
});

describe("validateDraft", () => {
  it("keeps the forecast and sources and trims the title and headings", () => {
    const result = validateDraft(body, { title: "  New title ", sections: [{ id: "summary", heading: " Summary ", markdown: "Changed" }] });
    expect(result).toEqual({ ok: true, body: { ...body, title: "New title", sections: [{ id: "summary", heading: "Summary", markdown: "Changed" }] } });
  });

  it("reports errors by field", () => {
    const result = validateDraft(body, {
      title: "   ",
      sections: [
        { id: "summary", heading: "", markdown: "ok" },
        { id: "scope", heading: "Scope", markdown: "x".repeat(100_001) },
      ],
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        title: "The title can't be empty.",
        sections: { 0: { heading: "The heading can't be empty." }, 1: { markdown: "This section is too long (at most 100,000 characters)." } },
      },
    });
  });

  it("reports a missing section as a form error", () => {
    expect(validateDraft(body, { title: "T", sections: [] })).toEqual({ ok: false, errors: { sections: {}, form: "An artifact needs at least one section." } });
  });
});

describe("ArtifactPanel", () => {
  it("shows the latest version with its sections and source chips", () => {
    const html = render();
    expect(html).toContain("Sprint plan");
    expect(html).toContain("PAY Sprint 26");
    expect(html).toContain(">Summary</h2>");
    expect(html).toContain('aria-label="PAY-12 (Issue, opens in a new tab)"');
    expect(html).toContain('title="Document (no link available)"');
    expect(html).not.toContain('data-testid="old-version-notice"');
    expect(html).not.toContain('data-testid="forecast-chart"');
  });

  it("warns when an older version is on screen and offers to restore it", () => {
    const html = render({ current: { number: 1, body }, latestNumber: 2 });
    expect(html).toContain('data-testid="old-version-notice"');
    expect(html).toContain("You&#x27;re viewing version 1. The latest is version 2.");
    expect(html).toContain("Restore as new version");
  });

  it("draws the forecast when the body has one", () => {
    const html = render({
      current: {
        number: 2,
        body: { ...body, forecast: { label: "Scope", targetDate: null, percentiles: { p50: "2026-03-20", p85: "2026-03-27", p95: "2026-04-03" }, curve: [], history: [], trials: 500 } },
      },
    });
    expect(html).toContain('data-testid="forecast-chart"');
    expect(html).toContain("85% likely by 27 Mar 2026 · 500 trials");
  });
});
