import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptJson, encryptJson, generateKey } from "@/server/connectors/crypto";
import { type Credentials } from "@/server/connectors/types";
import { type Tool } from "@/server/db/generated/enums";
import { startSandboxServer, type RunningSandbox } from "@/server/sandbox/core/server";
import { createOrg, testDb } from "@/test/db";
import { openConnection, resetResilience } from "../open-connection";
import { completeOAuth, OAuthFlowError, startOAuth } from "./flow";

let sandbox: RunningSandbox;
const APP = "http://localhost:3999";

beforeAll(async () => {
  process.env.TOKEN_ENCRYPTION_KEY ??= generateKey();
  sandbox = await startSandboxServer({ seed: 3 });
  process.env.SANDBOX_URL = sandbox.origin;
});
afterAll(async () => {
  delete process.env.SANDBOX_URL;
  await sandbox.close();
});

/** Plays the browser: opens the authorize URL and reads the code and state from the redirect. */
async function authorize(url: string) {
  const res = await fetch(url, { redirect: "manual" });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location")!);
  expect(location.origin + location.pathname).toBe(`${APP}/api/connections/oauth/callback`);
  return { code: location.searchParams.get("code")!, state: location.searchParams.get("state")! };
}

describe("connecting by OAuth, end to end against the sandbox's OAuth servers", () => {
  for (const tool of ["JIRA", "GITHUB", "NOTION", "SLACK"] as Tool[]) {
    it(`connects ${tool}: authorize, callback, token, a working connector`, async () => {
      const org = await createOrg(["ADMIN"]);
      const admin = org.member("ADMIN").user;
      const url = await startOAuth(testDb(), { organizationId: org.org.id, userId: admin.id, tool, target: "sandbox", appUrl: APP });
      const { code, state } = await authorize(url);
      const connection = await completeOAuth(testDb(), { state, code, userId: admin.id, organizationId: org.org.id });
      expect(connection).toMatchObject({ tool, authKind: "OAUTH", status: "ACTIVE" });
      expect(connection.encryptedCredentials).not.toContain(code);
      const creds = decryptJson<Credentials>(connection.encryptedCredentials);
      expect(creds.kind).toBe("oauth");
      const opened = await openConnection(testDb(), { organizationId: org.org.id, connectionId: connection.id });
      const check = await opened.connector.test();
      expect(check.account.id).toBeTruthy();
      await opened.recorder.flush();
    });
  }

  it("refuses a replayed, foreign or expired state", async () => {
    const org = await createOrg(["ADMIN", "ADMIN"]);
    const [a, b] = org.members.map((m) => m.user);
    const url = await startOAuth(testDb(), { organizationId: org.org.id, userId: a!.id, tool: "SLACK", target: "sandbox", appUrl: APP });
    const { code, state } = await authorize(url);
    await expect(completeOAuth(testDb(), { state, code, userId: b!.id, organizationId: org.org.id })).rejects.toBeInstanceOf(OAuthFlowError);
    await expect(completeOAuth(testDb(), { state, code, userId: a!.id, organizationId: org.org.id })).rejects.toThrow(/unknown or was already used/);
    expect(await testDb().connection.count({ where: { organizationId: org.org.id } })).toBe(0);
  });

  it("refreshes an expired Atlassian token once, persists the rotated refresh token, and keeps working", async () => {
    const org = await createOrg(["ADMIN"]);
    const admin = org.member("ADMIN").user;
    const { code, state } = await authorize(await startOAuth(testDb(), { organizationId: org.org.id, userId: admin.id, tool: "JIRA", target: "sandbox", appUrl: APP }));
    const connection = await completeOAuth(testDb(), { state, code, userId: admin.id, organizationId: org.org.id });
    const original = decryptJson<Extract<Credentials, { kind: "oauth" }>>(connection.encryptedCredentials);
    expect(original.refreshToken).toBeTruthy();
    // Expire the access token on both sides.
    await testDb().connection.update({ where: { id: connection.id }, data: { encryptedCredentials: encryptJson({ ...original, expiresAt: new Date(Date.now() - 1000).toISOString() }) } });
    for (const t of sandbox.store.state.oauth.tokens) if (t.token === original.accessToken) t.expiresAt = new Date(Date.now() - 1000).toISOString();
    resetResilience(connection.id);
    sandbox.requests.length = 0;

    // Two users of the connection at once: one refresh, both get the new token.
    const [one, two] = await Promise.all([
      openConnection(testDb(), { organizationId: org.org.id, connectionId: connection.id }),
      openConnection(testDb(), { organizationId: org.org.id, connectionId: connection.id }),
    ]);
    const [r1, r2] = await Promise.all([one!.connector.test(), two!.connector.test()]);
    expect(r1.account.id).toBe(r2.account.id);
    const stored = decryptJson<Extract<Credentials, { kind: "oauth" }>>((await testDb().connection.findUniqueOrThrow({ where: { id: connection.id } })).encryptedCredentials);
    expect(stored.refreshToken).not.toBe(original.refreshToken);
    expect(stored.accessToken).not.toBe(original.accessToken);
    const usedOld = sandbox.store.state.oauth.tokens.find((t) => t.token === original.refreshToken);
    expect(usedOld?.used).toBe(true);
    const refreshes = sandbox.requests.filter((r) => r.path.endsWith("/oauth/atlassian/token"));
    expect(refreshes.length).toBe(1);
  });
});
