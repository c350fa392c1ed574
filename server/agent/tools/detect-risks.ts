import { tool } from "ai";
import { z } from "zod";
import { detectRisks } from "@/server/planning/engine";
import { type AgentContext } from "../context";
import { engineOutput, teamSnapshot } from "./engine";

export const detectRisksTool = (ctx: AgentContext) =>
  tool({
    description:
      "The team's risks now: blocked work, stale PRs and reviews, scope added mid-sprint, overloaded people, unassigned high-priority work, cross-team dependencies, late release forecasts and open questions in Slack and Notion; each with likelihood, impact, owner, mitigation and sources.",
    inputSchema: z.object({ teamKey: z.string().min(1).max(20), limit: z.number().int().min(1).max(50).default(25) }),
    async execute({ teamKey, limit }) {
      const snapshot = await teamSnapshot(ctx, teamKey);
      const lead = await ctx.db.team.findFirst({ where: { key: snapshot.team.key }, select: { leadName: true } });
      const risks = detectRisks(snapshot, lead?.leadName ? { pm: { id: null, name: lead.leadName } } : {});
      return engineOutput(ctx, { total: risks.length, risks: risks.slice(0, limit) });
    },
  });
