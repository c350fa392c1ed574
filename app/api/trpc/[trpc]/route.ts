import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { randomUUID } from "node:crypto";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { getServerAuthSession } from "@/server/auth/options";
import { retryAfterMeta } from "@/server/ratelimit/trpc";

async function handler(req: Request) {
  const headers = new Headers(req.headers);
  if (!headers.get("x-request-id")) headers.set("x-request-id", randomUUID());
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => createTRPCContext({ session: await getServerAuthSession(), headers }),
    responseMeta: retryAfterMeta,
  });
  response.headers.set("x-request-id", headers.get("x-request-id")!);
  return response;
}

export { handler as GET, handler as POST };
