import { z } from "zod";
import { recordAudit } from "@/server/audit/record";
import { orgProcedure, router, scopedProcedure } from "@/server/api/trpc";
import { encryptJson } from "@/server/connectors/crypto";
import { describeModel } from "./registry";

export const setModelInput = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("BUILTIN") }),
  z.object({
    provider: z.literal("OPENAI"),
    modelId: z.string().trim().min(1, "Name the model, e.g. gpt-4.1.").max(100),
    /** Empty keeps the stored key (or uses OPENAI_API_KEY). */
    apiKey: z.string().trim().max(400).optional(),
  }),
  z.object({
    provider: z.literal("OPENAI_COMPATIBLE"),
    modelId: z.string().trim().min(1, "Name the model the server serves.").max(200),
    baseUrl: z.url({ protocol: /^https?$/, error: "Use the server's base URL, e.g. http://vllm.internal:8000/v1." }),
    apiKey: z.string().trim().max(400).optional(),
  }),
]);

/** The organisation's language model: everyone sees which one answers; admins choose it. */
export const modelsRouter = router({
  current: orgProcedure.query(async ({ ctx }) => {
    const config = await ctx.db.modelConfig.findFirst();
    const { info, freeForm } = describeModel(config, { OPENAI_API_KEY: process.env.OPENAI_API_KEY });
    return {
      provider: config?.provider ?? "BUILTIN",
      modelId: config?.modelId ?? null,
      baseUrl: config?.baseUrl ?? null,
      hasApiKey: Boolean(config?.encryptedApiKey) || (config?.provider === "OPENAI" && Boolean(process.env.OPENAI_API_KEY)),
      label: info.label,
      freeForm,
      updatedAt: config?.updatedAt ?? null,
    };
  }),

  set: scopedProcedure("models:manage")
    .input(setModelInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.db.modelConfig.findFirst();
      if (input.provider === "BUILTIN") {
        if (existing) await ctx.db.modelConfig.delete({ where: { id: existing.id } });
      } else {
        const keepKey = existing && existing.provider === input.provider ? existing.encryptedApiKey : null;
        const data = {
          provider: input.provider,
          modelId: input.modelId,
          baseUrl: input.provider === "OPENAI_COMPATIBLE" ? input.baseUrl : null,
          encryptedApiKey: input.apiKey ? encryptJson({ apiKey: input.apiKey }) : keepKey,
          updatedById: ctx.session.user.id,
        };
        await ctx.db.modelConfig.upsert({ where: { organizationId: ctx.organization.id }, create: { organizationId: ctx.organization.id, ...data }, update: data });
      }
      await recordAudit(ctx.db, {
        organizationId: ctx.organization.id,
        actorId: ctx.session.user.id,
        action: "model.changed",
        targetType: "ModelConfig",
        metadata: { provider: input.provider, modelId: "modelId" in input ? input.modelId : null, keyChanged: "apiKey" in input && Boolean(input.apiKey) },
        requestId: ctx.requestId,
      });
      return { provider: input.provider };
    }),
});
