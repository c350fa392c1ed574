import { tool } from "ai";
import { z } from "zod";
import { FORECAST_SEED, forecastCompletion, teamThroughput } from "@/server/planning/engine";
import { forecastView } from "@/server/planning/engine/throughput";
import { dayKey } from "@/server/planning/engine/calendar";
import { type AgentContext } from "../context";
import { engineOutput, teamSnapshot } from "./engine";

export const forecastCompletionTool = (ctx: AgentContext) =>
  tool({
    description:
      "Monte Carlo forecast (10,000 trials over the team's weekly throughput) of when a number of items, or a list of issues, will be done: P50, P85 and P95 dates, and the chance of meeting a target date.",
    inputSchema: z
      .object({
        teamKey: z.string().min(1).max(20),
        remainingItems: z.number().int().min(0).max(100_000).optional(),
        issueKeys: z.array(z.string().max(30)).max(500).optional().describe("Issues whose unfinished ones are forecast"),
        targetDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      })
      .refine((v) => v.remainingItems !== undefined || (v.issueKeys?.length ?? 0) > 0, "Give remainingItems or issueKeys."),
    async execute({ teamKey, remainingItems, issueKeys, targetDate }) {
      const snapshot = await teamSnapshot(ctx, teamKey);
      const keys = new Set((issueKeys ?? []).map((k) => k.toUpperCase()));
      const open = snapshot.items.filter((i) => keys.has(i.key) && i.statusCategory !== "done");
      const remaining = remainingItems ?? open.length;
      const throughput = teamThroughput(snapshot);
      const forecast = forecastCompletion({ samples: throughput.samples, rateHistory: throughput.rateHistory, remaining, start: snapshot.now, periodDays: 7, seed: FORECAST_SEED });
      const label = issueKeys?.length ? `${remaining} unfinished of ${keys.size} named issues` : `${remaining} items of ${snapshot.team.name}`;
      const view = forecastView(label, targetDate ?? null, forecast, throughput, snapshot.team.timezone);
      const byTarget = targetDate ? (forecast.curve.filter((c) => dayKey(c.date, snapshot.team.timezone) <= targetDate).at(-1)?.probability ?? 0) : null;
      ctx.ledger.forecast = view;
      return engineOutput(ctx, { forecast: view, probabilityByTarget: byTarget, counted: open.map((i) => ({ key: i.key, url: i.url })), sources: throughput.sources });
    },
  });
