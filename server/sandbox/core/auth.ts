import { type Context } from "hono";
import { type IssuedToken } from "./oauth-state";
import { type SandboxStore } from "./store";
import { type SandboxTool } from "./types";

export type AuthFailure = "missing" | "invalid" | "expired" | "revoked";

/**
 * Resolves the request's credentials for `tool`: `Authorization: Bearer <token>` (OAuth access
 * tokens and API tokens) or, for Jira, `Basic base64(email:apiToken)`. Tools turn a failure into
 * their own error shape.
 */
export function authenticate(store: SandboxStore, tool: SandboxTool, c: Context): { ok: true; token: IssuedToken } | { ok: false; reason: AuthFailure } {
  const header = c.req.header("authorization") ?? "";
  let value: string | null = null;
  if (/^bearer\s+/i.test(header)) value = header.replace(/^bearer\s+/i, "").trim();
  else if (/^token\s+/i.test(header)) value = header.replace(/^token\s+/i, "").trim();
  else if (/^basic\s+/i.test(header) && tool === "jira") {
    const decoded = Buffer.from(header.replace(/^basic\s+/i, ""), "base64").toString("utf8");
    value = decoded.slice(decoded.indexOf(":") + 1);
  }
  if (!value) return { ok: false, reason: "missing" };
  const token = store.state.oauth.tokens.find((t) => t.token === value && t.tool === tool && t.kind !== "refresh");
  if (!token) return { ok: false, reason: "invalid" };
  if (token.revoked) return { ok: false, reason: "revoked" };
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now()) return { ok: false, reason: "expired" };
  return { ok: true, token };
}

/** Whether the token carries `scope` (API tokens carry "*"). */
export function hasScope(token: IssuedToken, scope: string): boolean {
  return token.scopes.includes("*") || token.scopes.includes(scope);
}
