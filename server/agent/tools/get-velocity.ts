import { tool } from "ai";
import { z } from "zod";
import { velocityHistory } from "@/server/planning/engine";
import { type AgentContext } from "../context";
import { engineOutput, teamSnapshot } from "./engine";

export const getVelocityTool = (ctx: AgentContext) =>
  tool({
    description: "The team's velocity over its last closed sprints: committed, added, completed and carried-over points and items per sprint, with mean, median and spread.",
    inputSchema: z.object({ teamKey: z.string().min(1).max(20), sprints: z.number().int().min(1).max(12).default(6) }),
    async execute({ teamKey, sprints }) {
      const snapshot = await teamSnapshot(ctx, teamKey);
      return engineOutput(ctx, velocityHistory(snapshot, { limit: sprints }));
    },
  });
