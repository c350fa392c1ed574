import { type inferRouterOutputs } from "@trpc/server";
import { type AppRouter } from "@/server/api/root";

/** What the `policies` procedures return, as the page's components receive it. */
export type PolicyOutputs = inferRouterOutputs<AppRouter>["policies"];

/** The policy in force, with what it lets the caller's role propose. */
export type CurrentPolicy = PolicyOutputs["current"];

/** One row of the simulator's result: an action whose decision the draft would change. */
export type SimulatedChange = PolicyOutputs["simulate"]["changes"][number];
