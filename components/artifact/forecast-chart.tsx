"use client";

import { format, isValid, parseISO } from "date-fns";
import { useId } from "react";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { cn } from "@/lib/utils";
import { type ArtifactForecast } from "@/server/planning/artifact";

function day(value: string): Date | null {
  const d = parseISO(value);
  return isValid(d) ? d : null;
}

/** "2027-01-12" → "12 Jan 2027" (unparseable input is shown as is). */
export function longDate(value: string): string {
  const d = day(value);
  return d ? format(d, "d MMM yyyy") : value;
}

function shortDate(ms: number): string {
  return format(new Date(ms), "d MMM");
}

/** The chart's one-line reading: "85% likely by 12 Jan 2027 · 10,000 trials". */
export function forecastCaption(f: Pick<ArtifactForecast, "percentiles" | "trials">): string {
  return `85% likely by ${longDate(f.percentiles.p85)} · ${f.trials.toLocaleString("en")} ${f.trials === 1 ? "trial" : "trials"}`;
}

/**
 * The probability of being done by `date` read off the completion curve: the probability at the
 * last curve date on or before it, 0 before the curve starts. Dates are yyyy-MM-dd, which sort as
 * strings.
 */
export function probabilityBy(curve: ArtifactForecast["curve"], date: string): number {
  let p = 0;
  for (const point of curve) {
    if (point.date.slice(0, 10) <= date.slice(0, 10)) p = point.probability;
    else break;
  }
  return p;
}

/** Up to `count` evenly spaced values from a sorted list, always including both ends. */
export function evenTicks(values: readonly number[], count: number): number[] {
  if (values.length <= count) return [...values];
  const step = (values.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => values[Math.round(i * step)]!);
}

const AXIS_TICK = { fill: "var(--color-muted-foreground)", fontSize: 11 };
const TOOLTIP_STYLE = {
  background: "var(--color-popover)",
  border: "1px solid var(--color-border)",
  borderRadius: 8,
  fontSize: 12,
  color: "var(--color-popover-foreground)",
  boxShadow: "0 4px 12px rgb(0 0 0 / 0.12)",
};

function Stat({ label, value, tone }: { label: string; value: string; tone?: "primary" | "warning" | "success" }) {
  return (
    <div className="min-w-0">
      <dt className="text-[11px] text-muted-foreground">{label}</dt>
      <dd className={cn("truncate text-sm font-medium tabular-nums", tone === "primary" && "text-primary", tone === "warning" && "text-warning", tone === "success" && "text-success")}>{value}</dd>
    </div>
  );
}

export interface ForecastChartProps {
  forecast: ArtifactForecast;
  className?: string;
}

/**
 * A Monte Carlo forecast: the cumulative chance of being done by each date, the P50/P85/P95 dates
 * and the target as labelled lines, and the weekly throughput the simulation sampled from.
 */
export function ForecastChart({ forecast, className }: ForecastChartProps) {
  const gradientId = `forecast-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const points = forecast.curve.flatMap((p) => {
    const d = day(p.date);
    return d ? [{ t: d.getTime(), pct: Math.round(p.probability * 1000) / 10 }] : [];
  });
  const history = forecast.history.map((h) => ({ week: h.weekStart, finished: h.finished }));
  const avgThroughput = history.length ? history.reduce((n, h) => n + h.finished, 0) / history.length : null;
  const target = forecast.targetDate ? day(forecast.targetDate) : null;
  const targetOdds = forecast.targetDate ? probabilityBy(forecast.curve, forecast.targetDate) : null;
  const targetAtRisk = targetOdds != null && targetOdds < 0.85;
  const percentileLines = (
    [
      ["50%", forecast.percentiles.p50, 0],
      ["85%", forecast.percentiles.p85, 13],
      ["95%", forecast.percentiles.p95, 26],
    ] as const
  ).flatMap(([label, date, dy]) => {
    const d = day(date);
    return d ? [{ label, t: d.getTime(), dy }] : [];
  });
  const ticks = evenTicks(
    points.map((p) => p.t),
    5,
  );
  const summary =
    `Completion forecast for ${forecast.label}: 50% likely by ${longDate(forecast.percentiles.p50)}, 85% by ${longDate(forecast.percentiles.p85)}, ` +
    `95% by ${longDate(forecast.percentiles.p95)}` +
    (forecast.targetDate && targetOdds != null ? `; ${Math.round(targetOdds * 100)}% likely by the target date ${longDate(forecast.targetDate)}.` : ".");

  return (
    <section className={cn("rounded-xl border bg-card p-4 shadow-xs", className)} aria-label="Forecast" data-testid="forecast-chart">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        <div className="min-w-0">
          <h3 className="text-sm font-semibold">Forecast</h3>
          <p className="truncate text-xs text-muted-foreground" title={forecast.label}>
            {forecast.label}
          </p>
        </div>
        <p className="text-xs font-medium text-foreground tabular-nums" data-testid="forecast-caption">
          {forecastCaption(forecast)}
        </p>
      </div>

      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="50% likely" value={longDate(forecast.percentiles.p50)} />
        <Stat label="85% likely" value={longDate(forecast.percentiles.p85)} tone="primary" />
        <Stat label="95% likely" value={longDate(forecast.percentiles.p95)} />
        {forecast.targetDate ? (
          <Stat
            label={`Target${targetOdds != null ? ` · ${Math.round(targetOdds * 100)}% likely` : ""}`}
            value={longDate(forecast.targetDate)}
            tone={targetAtRisk ? "warning" : "success"}
          />
        ) : null}
      </dl>

      {points.length > 1 ? (
        <div className="mt-3 h-52" role="img" aria-label={summary}>
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <defs>
                <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
                  <stop offset="0%" stopColor="var(--color-primary)" stopOpacity={0.28} />
                  <stop offset="100%" stopColor="var(--color-primary)" stopOpacity={0.02} />
                </linearGradient>
              </defs>
              <CartesianGrid vertical={false} stroke="var(--color-border)" strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={["dataMin", "dataMax"]}
                ticks={ticks}
                tickFormatter={shortDate}
                tick={AXIS_TICK}
                tickLine={false}
                axisLine={{ stroke: "var(--color-border)" }}
                minTickGap={16}
              />
              <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} tick={AXIS_TICK} tickLine={false} axisLine={false} width={44} />
              <Tooltip
                cursor={{ stroke: "var(--color-muted-foreground)", strokeDasharray: "3 3" }}
                contentStyle={TOOLTIP_STYLE}
                labelFormatter={(v) => (typeof v === "number" ? format(new Date(v), "EEE d MMM yyyy") : String(v))}
                formatter={(v) => [`${v}%`, "Chance of being done"]}
              />
              <Area type="stepAfter" dataKey="pct" stroke="var(--color-primary)" strokeWidth={2} fill={`url(#${gradientId})`} isAnimationActive={false} />
              {percentileLines.map((l) => (
                <ReferenceLine
                  key={l.label}
                  x={l.t}
                  ifOverflow="extendDomain"
                  stroke={l.label === "85%" ? "var(--color-primary)" : "var(--color-muted-foreground)"}
                  strokeOpacity={l.label === "85%" ? 0.9 : 0.6}
                  strokeDasharray="4 3"
                  label={{ value: l.label, position: "insideTopLeft", dy: l.dy, fontSize: 10, fill: "var(--color-muted-foreground)" }}
                />
              ))}
              {target ? (
                <ReferenceLine
                  x={target.getTime()}
                  ifOverflow="extendDomain"
                  stroke={targetAtRisk ? "var(--color-warning)" : "var(--color-success)"}
                  strokeWidth={1.5}
                  label={{ value: "Target", position: "insideBottomRight", fontSize: 10, fontWeight: 600, fill: targetAtRisk ? "var(--color-warning)" : "var(--color-success)" }}
                />
              ) : null}
            </AreaChart>
          </ResponsiveContainer>
        </div>
      ) : (
        <p className="mt-3 rounded-lg border border-dashed px-3 py-6 text-center text-xs text-muted-foreground">Not enough history to draw the completion curve.</p>
      )}

      {history.length ? (
        <div className="mt-4 border-t pt-3">
          <div className="flex items-baseline justify-between gap-2">
            <h4 className="text-xs font-medium">Weekly throughput</h4>
            <p className="text-[11px] text-muted-foreground tabular-nums">
              {avgThroughput != null ? `avg ${avgThroughput.toLocaleString("en", { maximumFractionDigits: 1 })} items/week · ` : ""}
              {history.length} {history.length === 1 ? "week" : "weeks"} sampled
            </p>
          </div>
          <div
            className="mt-1.5 h-20"
            role="img"
            aria-label={`Items finished per week, oldest first: ${history.map((h) => `${longDate(h.week)} ${h.finished}`).join(", ")}`}
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={history} margin={{ top: 4, right: 0, bottom: 0, left: 0 }} barCategoryGap="18%">
                <XAxis dataKey="week" hide />
                <YAxis hide allowDecimals={false} />
                <Tooltip
                  cursor={{ fill: "var(--color-muted)" }}
                  contentStyle={TOOLTIP_STYLE}
                  labelFormatter={(v) => `Week of ${longDate(String(v))}`}
                  formatter={(v) => [v, "Items finished"]}
                />
                <Bar dataKey="finished" fill="var(--color-muted-foreground)" fillOpacity={0.45} radius={[3, 3, 0, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </div>
      ) : null}
    </section>
  );
}
