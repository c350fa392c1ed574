import { tool } from "ai";
import { z } from "zod";
import { planRelease } from "@/server/planning/engine";
import { type AgentContext } from "../context";
import { engineOutput, teamSnapshot } from "./engine";

export const planReleaseTool = (ctx: AgentContext) =>
  tool({
    description:
      "Plan a release (a Jira fix version): scope done and remaining, milestones per epic, the critical path, a Monte Carlo forecast against the target date, and what to cut to make the date. Without a name it takes the next unreleased version.",
    inputSchema: z.object({
      teamKey: z.string().min(1).max(20),
      release: z.string().max(100).optional().describe("Release name or part of it"),
      targetDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe("Judge against this date instead of the release's own"),
    }),
    async execute({ teamKey, release, targetDate }) {
      const snapshot = await teamSnapshot(ctx, teamKey);
      const plan = planRelease(snapshot, { releaseName: release, targetDate: targetDate ? new Date(`${targetDate}T23:59:59Z`) : undefined });
      if (plan.ok) ctx.ledger.forecast = plan.forecast;
      return engineOutput(ctx, plan);
    },
  });
