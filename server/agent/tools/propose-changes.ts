import { tool } from "ai";
import { z } from "zod";
import { ACTION_KINDS } from "@/server/actions/catalogue/types";
import { createProposal, decideProposal, ProposalError } from "@/server/actions/proposals";
import { getDispatcher } from "@/server/jobs/dispatcher";
import { consume, RateLimitedError } from "@/server/ratelimit/limiter";
import { type AgentContext } from "../context";
import { ToolFailure } from "./guard";

const SLACK_CHANNEL_ID = /^[CGD][A-Z0-9]+$/;

/**
 * Slack actions may name a channel ("#team-payments") the way people do; the synced messages say
 * which id it has. Anything else is left for the catalogue's validation to refuse with a reason.
 */
async function resolveChannels(ctx: AgentContext, actions: { kind: string; input: Record<string, unknown> }[]) {
  for (const a of actions) {
    if (!a.kind.startsWith("slack.")) continue;
    const channel = typeof a.input.channelId === "string" ? a.input.channelId.trim() : "";
    if (!channel || SLACK_CHANNEL_ID.test(channel)) continue;
    const name = channel.replace(/^#/, "");
    const known = await ctx.db.message.findFirst({ where: { channelName: name }, select: { channelId: true } });
    if (!known) throw new ToolFailure(`There is no synced Slack channel called #${name}. Use a channel from the search results (its id looks like C0123ABCD).`);
    a.input = { ...a.input, channelId: known.channelId };
  }
}

/** The organisation's policy, in one sentence per reason, for the kinds this person may not have proposed. */
function withheldNote(ctx: AgentContext): string {
  const reasons = [...new Set((ctx.withheld ?? []).map((w) => w.reason))];
  return reasons.length ? ` The organisation's policy withholds other changes from this user; if asked for one, say so with the reason: ${reasons.join(" ")}` : "";
}

/**
 * The agent's only way to change anything outside Lumen: it proposes. The proposal (a batch of
 * typed actions with a rationale and the sources behind it) waits for a person to apply, edit or
 * reject it; nothing here reaches a tool.
 */
export const proposeChangesTool = (ctx: AgentContext) =>
  tool({
    description:
      "Propose changes to Jira, GitHub, Notion or Slack (move issues into a sprint, update fields, transition, assign, comment, create issues or pages, post or edit Slack messages). " +
      "Nothing is executed: the user reviews each action and applies, edits or rejects it. Give a short title, a rationale grounded in tool results, and the source ids that led to it." +
      withheldNote(ctx),
    inputSchema: z.object({
      title: z.string().min(1).max(200),
      rationale: z.string().min(1).max(2000),
      actions: z
        .array(z.object({ kind: z.enum((ctx.offeredKinds.length ? ctx.offeredKinds : ACTION_KINDS) as [string, ...string[]]), input: z.record(z.string(), z.unknown()), draft: z.boolean().optional() }))
        .min(1)
        .max(50),
      /** Ids of sources (issue keys, PR references, document ids) the tools returned. */
      sourceIds: z.array(z.string()).max(100).optional(),
    }),
    async execute({ title, rationale, actions, sourceIds }) {
      try {
        await consume("agentProposals", { organizationId: ctx.organizationId });
      } catch (e) {
        if (e instanceof RateLimitedError) throw new ToolFailure(`The proposal was not saved. ${e.message}`, { cause: e });
        throw e;
      }
      await resolveChannels(ctx, actions);
      const known = ctx.ledger.all();
      const wanted = new Set(sourceIds ?? []);
      const sources = wanted.size ? known.filter((s) => wanted.has(s.id) || wanted.has(s.label)) : [];
      try {
        const proposal = await createProposal(ctx.db, {
          organizationId: ctx.organizationId,
          conversationId: ctx.conversationId,
          artifactId: ctx.artifactId ?? null,
          createdById: ctx.userId,
          model: ctx.modelId ?? null,
          title,
          rationale,
          sources,
          actions,
        });
        // Low-risk actions the policy lets apply by themselves go straight to execution.
        if (proposal.autoApply && ctx.userId) {
          await decideProposal(ctx.db, { organizationId: ctx.organizationId, proposalId: proposal.id, userId: ctx.userId, kind: "APPLY_ALL" });
          try {
            await getDispatcher().executeActions({ organizationId: ctx.organizationId, proposalId: proposal.id });
          } catch {
            // No engine reachable right now: the minute sweep starts approved actions nobody carries.
          }
          return {
            proposalId: proposal.id,
            title: proposal.title,
            actions: proposal.actions.length,
            status: "applying",
            note: "The organisation's policy lets these low-risk actions apply without approval; they are being applied now.",
          };
        }
        return {
          proposalId: proposal.id,
          title: proposal.title,
          actions: proposal.actions.length,
          status: "awaiting approval",
          note: "Nothing has changed yet. The user applies, edits or rejects each action in the approval card.",
        };
      } catch (e) {
        if (e instanceof ProposalError) {
          const detail = e.issues.map((i) => `action ${i.action}: ${i.issues.map((x) => `${x.path ? `${x.path}: ` : ""}${x.message}`).join("; ")}`).join(" | ");
          throw new ToolFailure(`The proposal was not saved. ${e.message}${detail ? ` (${detail})` : ""} Fix the actions and propose again.`);
        }
        throw e;
      }
    },
  });
