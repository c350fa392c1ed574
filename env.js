// @ts-check
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

/**
 * The environment, validated once. next.config.js imports this file, so a bad environment fails
 * `next build` and `next start` with a message naming the variable.
 * Every variable is documented in .env.example.
 */

const optionalUrl = z.url().optional();
const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => v === "true" || v === "1");

/** OAuth client id/secret pairs: both or neither. */
const pairs = /** @type {const} */ ([
  ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
  ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
  ["AUTH_OIDC_ID", "AUTH_OIDC_SECRET"],
  ["ATLASSIAN_CLIENT_ID", "ATLASSIAN_CLIENT_SECRET"],
  ["GITHUB_CONNECT_CLIENT_ID", "GITHUB_CONNECT_CLIENT_SECRET"],
  ["NOTION_CLIENT_ID", "NOTION_CLIENT_SECRET"],
  ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"],
]);

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .url({ message: "DATABASE_URL must be a postgres:// or postgresql:// URL" })
      .refine((v) => /^postgres(ql)?:\/\//.test(v), "DATABASE_URL must start with postgres:// or postgresql://")
      .optional(),
    NEXTAUTH_SECRET:
      process.env.NODE_ENV === "production"
        ? z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters (generate one with `openssl rand -base64 32`)")
        : z.string().min(32).optional(),
    NEXTAUTH_URL: optionalUrl,
    AUTH_DEMO_LOGIN: flag,
    AUTH_GITHUB_ID: z.string().min(1).optional(),
    AUTH_GITHUB_SECRET: z.string().min(1).optional(),
    AUTH_GOOGLE_ID: z.string().min(1).optional(),
    AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_ISSUER: optionalUrl,
    AUTH_OIDC_ID: z.string().min(1).optional(),
    AUTH_OIDC_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_NAME: z.string().min(1).default("Single sign-on"),
    TOKEN_ENCRYPTION_KEY:
      process.env.NODE_ENV === "production"
        ? z
            .string()
            .refine((v) => Buffer.from(v, "base64").length === 32, "TOKEN_ENCRYPTION_KEY must be 32 bytes encoded as base64 (generate one with `openssl rand -base64 32`)")
        : z.string().optional(),
    TOKEN_ENCRYPTION_PREVIOUS_KEYS: z.string().optional(),
    SANDBOX_URL: optionalUrl,
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, { message: "REDIS_URL must be a redis:// or rediss:// URL (or unset, to keep rate limits in Postgres)" })
      .optional(),
    SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    SANDBOX_SEED: z.coerce.number().int().optional(),
    ATLASSIAN_CLIENT_ID: z.string().min(1).optional(),
    ATLASSIAN_CLIENT_SECRET: z.string().min(1).optional(),
    GITHUB_CONNECT_CLIENT_ID: z.string().min(1).optional(),
    GITHUB_CONNECT_CLIENT_SECRET: z.string().min(1).optional(),
    NOTION_CLIENT_ID: z.string().min(1).optional(),
    NOTION_CLIENT_SECRET: z.string().min(1).optional(),
    SLACK_CLIENT_ID: z.string().min(1).optional(),
    SLACK_CLIENT_SECRET: z.string().min(1).optional(),
    // The organisation's model choice (Connections → Language model) can use this key for OpenAI.
    OPENAI_API_KEY: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
  createFinalSchema: (shape) =>
    z.object(shape).superRefine((e, ctx) => {
      for (const [id, secret] of pairs) {
        if (Boolean(e[id]) !== Boolean(e[secret])) {
          const missing = e[id] ? secret : id;
          ctx.addIssue({ code: "custom", path: [missing], message: `${missing} is required when ${missing === id ? secret : id} is set` });
        }
      }
      if (e.AUTH_OIDC_ID && !e.AUTH_OIDC_ISSUER) {
        ctx.addIssue({ code: "custom", path: ["AUTH_OIDC_ISSUER"], message: "AUTH_OIDC_ISSUER is required when AUTH_OIDC_ID is set" });
      }
      const realProvider = Boolean(e.AUTH_GITHUB_ID || e.AUTH_GOOGLE_ID || e.AUTH_OIDC_ID);
      if (e.AUTH_DEMO_LOGIN && realProvider && e.NODE_ENV === "production") {
        ctx.addIssue({
          code: "custom",
          path: ["AUTH_DEMO_LOGIN"],
          message: "AUTH_DEMO_LOGIN must be off in a production build with real sign-in providers: anyone could sign in as a demo user",
        });
      }
    }),
  onValidationError: (issues) => {
    const lines = issues.map((i) => {
      const key = i.path?.map((p) => (typeof p === "object" ? p.key : p)).join(".") ?? "environment";
      return `  - ${key}: ${i.message}`;
    });
    console.error(`❌ Invalid environment variables:\n${lines.join("\n")}\nSee .env.example for what each variable means.`);
    throw new Error(`Invalid environment variables: ${issues.map((i) => i.path?.map((p) => (typeof p === "object" ? p.key : p)).join(".")).join(", ")}`);
  },
});
