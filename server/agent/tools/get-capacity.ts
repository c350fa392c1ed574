import { tool } from "ai";
import { z } from "zod";
import { planSprint } from "@/server/planning/engine";
import { type AgentContext } from "../context";
import { engineOutput, teamSnapshot } from "./engine";

export const getCapacityTool = (ctx: AgentContext) =>
  tool({
    description:
      "The team's capacity for its next sprint: working days, each member's availability and days off, person-days, and the points and items that fit at the team's historical rate.",
    inputSchema: z.object({ teamKey: z.string().min(1).max(20) }),
    async execute({ teamKey }) {
      const snapshot = await teamSnapshot(ctx, teamKey);
      const plan = planSprint(snapshot);
      return engineOutput(ctx, { sprint: plan.sprint, capacity: plan.capacity, warnings: plan.warnings });
    },
  });
