import { z } from "zod";

/**
 * An artifact is what a planning workflow produces: a sprint plan, a release plan, a status
 * report or a risk register. It is Markdown in sections (so people can edit any of it and export
 * it as is), plus the structured data the app draws (the forecast chart) and the sources every
 * citation in the Markdown points at. Citations in Markdown are ordinary links whose text is the
 * source label, e.g. `[PAY-12](https://…/browse/PAY-12)`; `sources` lists them for chips.
 */

export const ARTIFACT_KINDS = ["sprint_plan", "release_plan", "status_report", "risk_register"] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

export const ARTIFACT_KIND_LABELS: Record<ArtifactKind, string> = {
  sprint_plan: "Sprint plan",
  release_plan: "Release plan",
  status_report: "Status report",
  risk_register: "Risk register",
};

export const sourceRefSchema = z.object({
  kind: z.enum(["work_item", "pull_request", "review", "message", "document", "sprint", "release", "person"]),
  id: z.string(),
  label: z.string(),
  url: z.string().nullable(),
});

export const artifactSectionSchema = z.object({
  /** Stable within an artifact across versions ("summary", "scope", "risks"…). */
  id: z.string().min(1).max(64),
  heading: z.string().min(1).max(200),
  markdown: z.string().max(100_000),
});

/** One point of a forecast chart: the probability of being done by `date` (completion curve). */
export const forecastSchema = z.object({
  /** What is being forecast, e.g. "Remaining scope of Payments 2.4 (23 items)". */
  label: z.string(),
  /** The target date, when there is one (yyyy-MM-dd). */
  targetDate: z.string().nullable(),
  percentiles: z.object({ p50: z.string(), p85: z.string(), p95: z.string() }),
  /** Cumulative probability of completion by date, ascending dates, probability 0..1. */
  curve: z.array(z.object({ date: z.string(), probability: z.number().min(0).max(1) })),
  /** Throughput history the forecast sampled (items finished per week), oldest first. */
  history: z.array(z.object({ weekStart: z.string(), finished: z.number() })),
  trials: z.number().int(),
});

export const artifactBodySchema = z.object({
  title: z.string().min(1).max(200),
  sections: z.array(artifactSectionSchema).min(1).max(40),
  forecast: forecastSchema.nullable(),
  sources: z.array(sourceRefSchema),
});

export type ArtifactSection = z.infer<typeof artifactSectionSchema>;
export type ArtifactForecast = z.infer<typeof forecastSchema>;
export type ArtifactBody = z.infer<typeof artifactBodySchema>;
export type ArtifactSource = z.infer<typeof sourceRefSchema>;

/** The whole artifact as one Markdown document (export, and the "copy" button). */
export function artifactToMarkdown(body: ArtifactBody): string {
  const parts = [`# ${body.title}`];
  if (body.forecast) {
    const f = body.forecast;
    parts.push(
      `> Forecast — ${f.label}: 50% by ${f.percentiles.p50}, 85% by ${f.percentiles.p85}, 95% by ${f.percentiles.p95}` +
        (f.targetDate ? ` (target ${f.targetDate})` : "") +
        ` · ${f.trials.toLocaleString("en")} Monte Carlo trials`,
    );
  }
  for (const s of body.sections) parts.push(`## ${s.heading}\n\n${s.markdown.trim()}`);
  if (body.sources.length) {
    parts.push(`## Sources\n\n${body.sources.map((s) => (s.url ? `- [${s.label}](${s.url})` : `- ${s.label}`)).join("\n")}`);
  }
  return parts.join("\n\n") + "\n";
}
