import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCOptionsProxy, type TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import superjson from "superjson";
import { TooltipProvider } from "@/components/ui/tooltip";
import { TRPCProvider } from "@/lib/trpc/react";
import { type AppRouter } from "@/server/api/root";

/**
 * Renders components that read tRPC queries to HTML, for tests: the real providers and client,
 * with the query cache filled by `seed` beforehand so nothing is fetched.
 */
export function renderWithQueries(node: ReactNode, seed: (trpc: TRPCOptionsProxy<AppRouter>, queryClient: QueryClient) => void = () => {}): string {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  const trpcClient = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "http://localhost/api/trpc", transformer: superjson })] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  seed(trpc, queryClient);
  return renderToStaticMarkup(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <TooltipProvider>{node}</TooltipProvider>
      </TRPCProvider>
    </QueryClientProvider>,
  );
}
