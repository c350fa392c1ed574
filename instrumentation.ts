/**
 * Starts the embedded job engine (pg-boss on the app's Postgres) inside the Next.js server, unless
 * the deployment uses Inngest.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (!process.env.DATABASE_URL || process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV || process.env.JOBS_ENGINE === "none") return;
  const [{ getDb }, { startEmbeddedJobs }, { setEmbeddedDispatcher }, { logger }] = await Promise.all([
    import("@/server/db/client"),
    import("@/server/jobs/pg-boss"),
    import("@/server/jobs/dispatcher"),
    import("@/server/log/logger"),
  ]);
  const url = process.env.DATABASE_URL;
  // The embedded PGlite server cannot deliver NOTIFY between connections: poll there.
  const listen = process.env.EMBEDDED_DATABASE !== "1";
  const jobs = await startEmbeddedJobs(getDb(), { connectionString: url, listen });
  setEmbeddedDispatcher(jobs);
  logger.info({ listen }, "job engine started");
}
