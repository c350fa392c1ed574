import { Inngest } from "inngest";

/**
 * The Inngest client: Inngest Cloud or a self-hosted Inngest server, configured by INNGEST_EVENT_KEY,
 * INNGEST_SIGNING_KEY and (self-hosted) INNGEST_BASE_URL, which the SDK reads from the environment.
 */
export const inngest = new Inngest({ id: "lumen" });
