import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Loads env.js (and next.config.js, which imports it) in a fresh process with exactly `vars`. */
function load(file: "env.js" | "next.config.js", vars: Record<string, string>) {
  const { PATH, HOME } = process.env;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", `await import("./${file}")`], {
    env: { PATH, HOME, ...vars } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

const SECRET = "s".repeat(40);
const KEY = Buffer.alloc(32, 7).toString("base64");
const PROD = { NODE_ENV: "production", NEXTAUTH_SECRET: SECRET, TOKEN_ENCRYPTION_KEY: KEY };

describe("environment validation", () => {
  it("accepts a minimal development environment", () => {
    expect(load("env.js", {}).ok).toBe(true);
  });

  it("accepts a production environment with a secret and a database", () => {
    expect(load("env.js", { ...PROD, DATABASE_URL: "postgresql://u@db:5432/pm" }).ok).toBe(true);
  });

  it("names the variable when the database URL is not a Postgres URL", () => {
    const r = load("next.config.js", { DATABASE_URL: "mysql://localhost/pm" });
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/DATABASE_URL: DATABASE_URL must start with postgres/);
  });

  it("requires a long enough NEXTAUTH_SECRET in production", () => {
    const r = load("env.js", { NODE_ENV: "production", NEXTAUTH_SECRET: "short" });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("NEXTAUTH_SECRET");
  });

  it("requires a 32-byte token encryption key in production", () => {
    const r = load("env.js", { ...PROD, TOKEN_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("TOKEN_ENCRYPTION_KEY must be 32 bytes");
  });

  it("requires both halves of an OAuth client", () => {
    const r = load("env.js", { AUTH_GITHUB_ID: "abc" });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("AUTH_GITHUB_SECRET is required when AUTH_GITHUB_ID is set");
  });

  it("refuses the demo sign-in in a production build with real providers", () => {
    const r = load("env.js", { ...PROD, AUTH_DEMO_LOGIN: "true", AUTH_GOOGLE_ID: "g", AUTH_GOOGLE_SECRET: "s" });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("AUTH_DEMO_LOGIN must be off");
  });

  it("allows the demo sign-in for a local production build without real providers", () => {
    expect(load("env.js", { ...PROD, AUTH_DEMO_LOGIN: "true" }).ok).toBe(true);
  });
});
