import { tool } from "ai";
import { z } from "zod";
import { statusReport } from "@/server/planning/engine";
import { type AgentContext } from "../context";
import { engineOutput, teamSnapshot } from "./engine";

export const getStatusReportTool = (ctx: AgentContext) =>
  tool({
    description:
      "The figures of a weekly status report for the team's active sprint: days elapsed, committed vs completed, scope change, done this week, in progress, blocked, PRs merged and opened, burn-up, the forecast of finishing by the sprint end, and the top risks.",
    inputSchema: z.object({ teamKey: z.string().min(1).max(20), sprintId: z.string().max(40).optional() }),
    async execute({ teamKey, sprintId }) {
      const snapshot = await teamSnapshot(ctx, teamKey);
      const lead = await ctx.db.team.findFirst({ where: { key: snapshot.team.key }, select: { leadName: true } });
      const report = statusReport(snapshot, { sprintId, ...(lead?.leadName ? { pm: { id: null, name: lead.leadName } } : {}) });
      if (report.ok && report.forecast) ctx.ledger.forecast = report.forecast.view;
      return engineOutput(ctx, report);
    },
  });
