import { serve, type ServerType } from "@hono/node-server";
import { type AddressInfo } from "node:net";
import { createSandboxApp, sandboxUrls, type SandboxRequestRecord } from "./app";
import { FaultInjector } from "./faults";
import { SandboxStore } from "./store";

export interface RunningSandbox {
  origin: string;
  urls: ReturnType<typeof sandboxUrls>;
  store: SandboxStore;
  faults: FaultInjector;
  requests: SandboxRequestRecord[];
  close: () => Promise<void>;
}

/** Starts the sandbox company on 127.0.0.1 (port 0 picks a free one). */
export async function startSandboxServer(options: { port?: number; host?: string; seed?: number; store?: SandboxStore } = {}): Promise<RunningSandbox> {
  const store = options.store ?? new SandboxStore(options.seed ?? 1);
  const faults = new FaultInjector();
  const requests: SandboxRequestRecord[] = [];
  const app = createSandboxApp(store, faults, requests);
  const host = options.host ?? "127.0.0.1";
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    urls: sandboxUrls(origin, store.state.company.cloudId),
    store,
    faults,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        if ("closeAllConnections" in server) (server as { closeAllConnections: () => void }).closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
