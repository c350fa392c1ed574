import { tool } from "ai";
import { z } from "zod";
import { suggestBreakdowns } from "@/server/planning/engine";
import { type AgentContext } from "../context";
import { engineOutput, teamSnapshot } from "./engine";

export const breakdownWorkTool = (ctx: AgentContext) =>
  tool({
    description: "Stories too large for a sprint and epics whose remaining scope exceeds a sprint, with suggested child issues (from the description where it lists them).",
    inputSchema: z.object({ teamKey: z.string().min(1).max(20) }),
    async execute({ teamKey }) {
      const snapshot = await teamSnapshot(ctx, teamKey);
      return engineOutput(ctx, suggestBreakdowns(snapshot));
    },
  });
