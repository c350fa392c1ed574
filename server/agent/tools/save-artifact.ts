import { tool } from "ai";
import { z } from "zod";
import { ARTIFACT_KINDS, artifactSectionSchema } from "@/server/planning/artifact";
import { saveGeneratedArtifact } from "@/server/planning/artifacts";
import { type AgentContext } from "../context";
import { teamKeyInput } from "./shared";

/**
 * Delivers a plan, report or register. The model writes the Markdown; the server attaches the
 * sources the Markdown cites (only those the tools returned in this request) and the forecast
 * the engine computed, so neither can be made up.
 */
export const saveArtifactTool = (ctx: AgentContext) =>
  tool({
    description:
      "Save the sprint plan, release plan, status report or risk register as an artifact the user can open, edit and export. Markdown sections; cite sources as links the tools returned.",
    inputSchema: z.object({
      kind: z.enum(ARTIFACT_KINDS),
      teamKey: z.string().min(1).max(20).nullable(),
      title: z.string().min(1).max(200),
      sections: z.array(artifactSectionSchema).min(1).max(40),
    }),
    async execute({ kind, teamKey, title, sections }) {
      const markdown = sections.map((s) => s.markdown).join("\n\n");
      const saved = await saveGeneratedArtifact(ctx.db, {
        organizationId: ctx.organizationId,
        kind,
        teamKey: teamKey ? teamKeyInput(teamKey) : null,
        body: { title, sections, forecast: ctx.ledger.forecast, sources: ctx.ledger.citedIn(markdown) },
        conversationId: ctx.conversationId,
        userId: ctx.userId,
        origin: ctx.scheduleRunId ? "SCHEDULE" : "AGENT",
      });
      ctx.artifactId = saved.artifactId;
      const base = (process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
      return { ...saved, url: `${base}/artifacts/${saved.artifactId}` };
    },
  });
