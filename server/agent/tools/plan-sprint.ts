import { tool } from "ai";
import { z } from "zod";
import { planSprint } from "@/server/planning/engine";
import { type AgentContext } from "../context";
import { engineOutput, teamSnapshot } from "./engine";

export const planSprintTool = (ctx: AgentContext) =>
  tool({
    description:
      "Propose the team's next sprint: carry-over first, then the backlog by priority and rank within capacity, respecting blockers; with stretch, deferred items and reasons, load per person, assumptions and warnings.",
    inputSchema: z.object({
      teamKey: z.string().min(1).max(20),
      sprintId: z.string().max(40).optional(),
      capacityPoints: z.number().min(0).max(10_000).optional().describe("Commit to this many points instead of the computed capacity"),
    }),
    async execute({ teamKey, sprintId, capacityPoints }) {
      const snapshot = await teamSnapshot(ctx, teamKey);
      return engineOutput(ctx, planSprint(snapshot, { sprintId, capacityOverride: capacityPoints }));
    },
  });
