/**
 * `npm start`: the whole product on one machine. With DATABASE_URL it uses that Postgres; without
 * it, it runs an embedded Postgres (PGlite) on .data/pglite. Either way it applies migrations,
 * seeds the demo organisation when asked (always on the embedded default), builds when the build is
 * missing or older than the sources, and runs Next.js — stopping everything it started on exit.
 *
 *   npm start            production server (builds first when needed)
 *   npm run dev          next dev with hot reload
 *   npm start -- --rebuild   force a fresh build
 *
 * LUMEN_DATA_DIR moves .data (the embedded database and the local auth secret) elsewhere.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createPrismaClient } from "@/server/db/client";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/server/db/embedded-postgres";
import { applyMigrations } from "@/server/db/migrations";
import { seedDemo } from "@/server/demo/seed-demo";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { SandboxStore } from "@/server/sandbox/core/store";
import { type SandboxState } from "@/server/sandbox/core/types";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const rebuild = process.argv.includes("--rebuild");
const dataDir = path.resolve(process.env.LUMEN_DATA_DIR ?? path.join(root, ".data"));

function say(message: string) {
  console.log(`\x1b[2m[lumen]\x1b[0m ${message}`);
}

function fail(message: string): never {
  console.error(`\x1b[31m[lumen]\x1b[0m ${message}`);
  process.exit(1);
}

if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));

/** A stable local secret, so sessions and stored credentials survive restarts without anyone inventing one. */
function localSecret(name: string, encoding: BufferEncoding): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString(encoding);
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (rebuild || !existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "server", "lib"].map((d) => newestMtime(path.join(root, d)));
  const configs = ["package.json", "next.config.js", "env.js"].map((f) => statSync(path.join(root, f)).mtimeMs);
  return Math.max(...sources, ...configs) > built;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(cmd, args, { stdio: "inherit", env });
}

function nextBin() {
  return path.join(root, "node_modules", "next", "dist", "bin", "next");
}

let embedded: EmbeddedPostgres | null = null;
let sandbox: RunningSandbox | null = null;
const sandboxFile = path.join(dataDir, "sandbox-state.json");
let child: ChildProcess | null = null;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => {
      const t = setTimeout(() => {
        child?.kill("SIGKILL");
        r(null);
      }, 5000);
      child?.once("exit", () => {
        clearTimeout(t);
        r(null);
      });
    });
  }
  if (sandbox) {
    // The sandbox company keeps what happened to it across restarts.
    writeFileSync(sandboxFile, JSON.stringify(sandbox.store.state));
    await sandbox.close();
  }
  if (embedded) {
    say("Stopping the embedded Postgres…");
    await embedded.stop();
  }
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function main() {
  const port = process.env.PORT ?? "3000";
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: port, NEXT_TELEMETRY_DISABLED: "1" };

  if (!env.DATABASE_URL) {
    say(`No DATABASE_URL: starting the embedded Postgres in ${path.relative(root, dataDir) || "."}/pglite`);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pglite") }).catch((e: Error) => fail(e.message));
    env.DATABASE_URL = embedded.url;
    env.EMBEDDED_DATABASE = "1";
    // The embedded server multiplexes one session: keep pools small.
    env.DATABASE_POOL_SIZE ??= "4";
    env.AUTH_DEMO_LOGIN ??= "true";
    env.SEED_DEMO ??= "true";
  }
  env.NEXTAUTH_SECRET ??= localSecret("auth-secret", "base64url");
  env.TOKEN_ENCRYPTION_KEY ??= localSecret("token-key", "base64");
  // This process seals the demo connections' credentials itself.
  process.env.TOKEN_ENCRYPTION_KEY = env.TOKEN_ENCRYPTION_KEY;
  env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  say("Applying database migrations…");
  const { applied } = await applyMigrations(env.DATABASE_URL).catch((e: Error) => fail(`Migrations failed: ${e.message}`));
  say(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");

  if (!env.SANDBOX_URL && (embedded || env.SANDBOX === "true")) {
    const store = new SandboxStore(Number(env.SANDBOX_SEED ?? 1));
    if (existsSync(sandboxFile)) {
      const saved = JSON.parse(readFileSync(sandboxFile, "utf8")) as SandboxState;
      if (saved.version === store.state.version && saved.seed === store.state.seed) store.restore(saved);
    }
    sandbox = await startSandboxServer({ store, port: Number(env.SANDBOX_PORT ?? 4010) }).catch((e: Error) =>
      fail(`The sandbox company could not start (${e.message}). Free port ${env.SANDBOX_PORT ?? 4010} or set SANDBOX_PORT.`),
    );
    env.SANDBOX_URL = sandbox.origin;
    say(`Sandbox company (Jira, GitHub, Notion, Slack APIs) at ${sandbox.origin}`);
  }

  if (env.SEED_DEMO === "true") {
    const db = createPrismaClient(env.DATABASE_URL);
    const seeded = await seedDemo(db);
    if (sandbox) {
      await connectSandbox(db, { organizationId: seeded.organizationId, origin: sandbox.origin, company: sandbox.store.state.company });
    }
    await db.$disconnect();
    say(`Demo organisation ready with ${seeded.users} members${sandbox ? ", connected to the sandbox company" : ""}.`);
  }

  if (dev) {
    child = run(process.execPath, [nextBin(), "dev", "-p", port], { ...env, NODE_ENV: "development" });
  } else {
    if (buildIsStale()) {
      say("Building the app (first start or changed sources; takes a minute or two)…");
      const build = run(process.execPath, [nextBin(), "build"], { ...env, NODE_ENV: "production" });
      const code: number = await new Promise((r) => build.once("exit", (c) => r(c ?? 1)));
      if (code !== 0) {
        await shutdown(code);
        return;
      }
    }
    child = run(process.execPath, [nextBin(), "start", "-p", port], { ...env, NODE_ENV: "production" });
  }
  say(`Lumen is starting on http://localhost:${port}${env.AUTH_DEMO_LOGIN === "true" ? " — sign in as any demo user" : ""}`);
  child.once("exit", (code) => void shutdown(code ?? 0));
}

main().catch(async (e: unknown) => {
  console.error(e);
  await shutdown(1);
});
