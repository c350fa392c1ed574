/**
 * Starts the embedded job engine (pg-boss on the app's Postgres) inside the Next.js server, unless
 * the deployment uses Inngest.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (!process.env.DATABASE_URL || process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV || process.env.JOBS_ENGINE === "none") return;
  const [{ getDb }, { startEmbeddedJobs }, { setEmbeddedDispatcher }, { scheduleDueSyncs }, { logger }] = await Promise.all([
    import("@/server/db/client"),
    import("@/server/jobs/pg-boss"),
    import("@/server/jobs/dispatcher"),
    import("@/server/jobs/sync-jobs"),
    import("@/server/log/logger"),
  ]);
  const url = process.env.DATABASE_URL;
  // The embedded PGlite server cannot deliver NOTIFY between connections: poll there.
  const listen = process.env.EMBEDDED_DATABASE !== "1";
  const jobs = await startEmbeddedJobs(getDb(), { connectionString: url, listen });
  setEmbeddedDispatcher(jobs);
  // Catch up at start: a first sync for new connections, an incremental one after downtime.
  const queued = await scheduleDueSyncs(getDb(), jobs);
  logger.info({ listen, queued }, "job engine started");
}
