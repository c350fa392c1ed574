import { scheduleSyncs } from "./functions/schedule-syncs";
import { syncConnection } from "./functions/sync-connection";

/** The functions /api/inngest serves. */
export const functions = [syncConnection, scheduleSyncs];
