import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandboxServer, type RunningSandbox } from "./server";
import { SandboxStore } from "./store";

describe("sandbox state", () => {
  it("is the same world for the same seed and a different one for another", () => {
    expect(new SandboxStore(9).hash()).toBe(new SandboxStore(9).hash());
    expect(new SandboxStore(9).hash()).not.toBe(new SandboxStore(10).hash());
  });

  it("snapshots, restores and resets, and the hash follows", () => {
    const store = new SandboxStore(3);
    const seeded = store.hash();
    const snap = store.snapshot();
    store.state.jira.issues[0]!.summary = "Changed in an episode";
    store.tick();
    expect(store.hash()).not.toBe(seeded);
    store.restore(snap.id);
    expect(store.hash()).toBe(seeded);
    store.state.slack.messages.pop();
    store.reset();
    expect(store.hash()).toBe(seeded);
    expect(() => store.restore("snap-404")).toThrow(/No sandbox snapshot/);
  });

  it("leaves credentials out of the hash", () => {
    const store = new SandboxStore(3);
    const before = store.hash();
    store.state.oauth.tokens.push({ tool: "slack", token: "xoxb-x", kind: "access", clientId: null, personId: "p1", scopes: [], expiresAt: null, revoked: false });
    expect(store.hash()).toBe(before);
  });

  it("keeps a logical clock so the same writes give the same timestamps", () => {
    const a = new SandboxStore(1);
    const b = new SandboxStore(1);
    expect(a.tick().toISOString()).toBe(b.tick().toISOString());
    expect(a.tick().getTime() - new Date(a.state.company.now).getTime()).toBe(2000);
  });
});

describe("the control API", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandboxServer({ seed: 4 });
  });
  afterAll(async () => {
    await sandbox.close();
  });
  const control = (path: string, init?: RequestInit) => fetch(`${sandbox.origin}/_sandbox${path}`, { ...init, headers: { "content-type": "application/json" } });

  it("hashes, snapshots, restores and resets over HTTP", async () => {
    const { hash } = (await (await control("/hash")).json()) as { hash: string };
    expect(hash).toBe(sandbox.store.hash());
    const { id } = (await (await control("/snapshot", { method: "POST" })).json()) as { id: string };
    sandbox.store.state.jira.issues[0]!.summary = "edited";
    const restored = (await (await control("/restore", { method: "POST", body: JSON.stringify({ id }) })).json()) as { hash: string };
    expect(restored.hash).toBe(hash);
    const bad = await control("/restore", { method: "POST", body: "{}" });
    expect(bad.status).toBe(400);
    const reset = (await (await control("/reset", { method: "POST", body: JSON.stringify({ seed: 5 }) })).json()) as { seed: number; hash: string };
    expect(reset).toMatchObject({ seed: 5, hash: new SandboxStore(5).hash() });
  });

  it("adds, lists and clears faults, and refuses a malformed rule", async () => {
    const added = await control("/faults", { method: "POST", body: JSON.stringify({ kind: "rate_limit", tool: "slack", retryAfterSeconds: 2 }) });
    expect(added.status).toBe(201);
    const res = await fetch(`${sandbox.urls.slackApiUrl}auth.test`, { method: "POST", headers: { authorization: "Bearer xoxb-sandbox-bot-token" } });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    const listed = (await (await control("/faults")).json()) as { faults: { fired: number }[] };
    expect(listed.faults[0]!.fired).toBe(1);
    expect((await control("/faults", { method: "POST", body: JSON.stringify({ kind: "meteor_strike" }) })).status).toBe(400);
    await control("/faults", { method: "DELETE" });
    expect(((await (await control("/faults")).json()) as { faults: unknown[] }).faults).toEqual([]);
  });
});
