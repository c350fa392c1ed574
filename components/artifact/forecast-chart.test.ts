import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { type ArtifactForecast } from "@/server/planning/artifact";
import { ForecastChart, evenTicks, forecastCaption, longDate, probabilityBy } from "./forecast-chart";

const forecast: ArtifactForecast = {
  label: "Remaining scope of Payments 2.4 (23 items)",
  targetDate: "2027-01-08",
  percentiles: { p50: "2026-12-18", p85: "2027-01-12", p95: "2027-01-26" },
  curve: [
    { date: "2026-12-04", probability: 0.1 },
    { date: "2026-12-18", probability: 0.5 },
    { date: "2027-01-01", probability: 0.72 },
    { date: "2027-01-12", probability: 0.85 },
    { date: "2027-01-26", probability: 0.95 },
  ],
  history: [
    { weekStart: "2026-10-05", finished: 4 },
    { weekStart: "2026-10-12", finished: 6 },
    { weekStart: "2026-10-19", finished: 5 },
  ],
  trials: 10_000,
};

describe("forecast helpers", () => {
  it("captions the P85 date and the number of trials", () => {
    expect(forecastCaption(forecast)).toBe("85% likely by 12 Jan 2027 · 10,000 trials");
    expect(forecastCaption({ ...forecast, trials: 1 })).toBe("85% likely by 12 Jan 2027 · 1 trial");
  });

  it("reads the chance of being done by a date off the curve", () => {
    expect(probabilityBy(forecast.curve, "2027-01-08")).toBe(0.72); // between 1 Jan and 12 Jan
    expect(probabilityBy(forecast.curve, "2026-12-18")).toBe(0.5); // on a curve date
    expect(probabilityBy(forecast.curve, "2026-11-30")).toBe(0); // before the curve
    expect(probabilityBy(forecast.curve, "2027-06-01")).toBe(0.95); // after it
    expect(probabilityBy([], "2027-01-01")).toBe(0);
  });

  it("picks evenly spaced ticks including both ends", () => {
    expect(evenTicks([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(evenTicks([0, 1, 2, 3, 4, 5, 6, 7, 8], 5)).toEqual([0, 2, 4, 6, 8]);
    expect(evenTicks([0, 1, 2, 3, 4, 5], 3)).toEqual([0, 3, 5]); // steps of 2.5 rounded
  });

  it("formats dates long, leaving other text alone", () => {
    expect(longDate("2026-12-18")).toBe("18 Dec 2026");
    expect(longDate("soon")).toBe("soon");
  });
});

describe("ForecastChart", () => {
  it("states the forecast in text as well as in the chart", () => {
    const html = renderToStaticMarkup(createElement(ForecastChart, { forecast }));
    expect(html).toContain("85% likely by 12 Jan 2027 · 10,000 trials");
    // The target (8 Jan) falls before the P85 date: 72% likely, shown as at risk.
    expect(html).toContain("Target · 72% likely");
    expect(html).toContain("text-warning");
    expect(html).toContain(
      'aria-label="Completion forecast for Remaining scope of Payments 2.4 (23 items): 50% likely by 18 Dec 2026, 85% by 12 Jan 2027, 95% by 26 Jan 2027; 72% likely by the target date 8 Jan 2027."',
    );
    expect(html).toContain("avg 5 items/week · 3 weeks sampled");
  });

  it("says so when there is no curve to draw, and omits what it does not have", () => {
    const html = renderToStaticMarkup(createElement(ForecastChart, { forecast: { ...forecast, curve: [], history: [], targetDate: null } }));
    expect(html).toContain("Not enough history to draw the completion curve.");
    expect(html).not.toContain("Target");
    expect(html).not.toContain("Weekly throughput");
  });
});
