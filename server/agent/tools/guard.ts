import { type Tool } from "ai";
import { logger } from "@/server/log/logger";
import { TeamNotFoundError } from "@/server/planning/snapshot";

/** A tool failure whose message is written for the person reading the chat. */
export class ToolFailure extends Error {
  readonly userFacing = true;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ToolFailure";
  }
}

export function isUserFacing(error: unknown): error is Error {
  return error instanceof ToolFailure || error instanceof TeamNotFoundError || Boolean(error && typeof error === "object" && (error as { userFacing?: unknown }).userFacing === true);
}

/**
 * Wraps a tool so that what it throws reaches the model and the person as a sentence they can
 * act on: domain errors pass through, anything else (a database or engine fault) is logged and
 * replaced by a message without internals.
 */
export function guarded<T extends Tool>(name: string, t: T): T {
  const execute = t.execute;
  if (!execute) return t;
  return {
    ...t,
    execute: async (input: unknown, options: unknown) => {
      try {
        return await (execute as (i: unknown, o: unknown) => Promise<unknown>)(input, options);
      } catch (error) {
        if (isUserFacing(error)) throw error;
        logger.error({ err: error, tool: name }, "tool failed");
        throw new ToolFailure(`${name} could not read the synced data just now. Try again in a moment; if it keeps failing, check the team's connections.`, { cause: error });
      }
    },
  } as T;
}
