import { type Context } from "hono";
import { authenticate, hasScope, type AuthFailure } from "../core/auth";
import { type IssuedToken } from "../core/oauth-state";
import { type SandboxStore } from "../core/store";
import { SlackError } from "./errors";
import { str, type SlackParams } from "./params";
import { type SlackChannel, type SlackState } from "./state";

/** Every scope the sandbox knows; API tokens ("*") are reported as holding all of them. */
export const SLACK_SCOPES = [
  "channels:history",
  "channels:read",
  "groups:history",
  "groups:read",
  "im:history",
  "im:read",
  "mpim:history",
  "mpim:read",
  "users:read",
  "users:read.email",
  "chat:write",
  "chat:write.public",
  "team:read",
] as const;

/** User tokens (xoxp-) act as their person; every other token acts as the app's bot user. */
export const USER_TOKEN_PREFIX = "xoxp-";

const FAILURES: Record<AuthFailure, string> = { missing: "not_authed", invalid: "invalid_auth", expired: "token_expired", revoked: "token_revoked" };

/**
 * Resolves the caller's token: the Authorization header first, then a `token` argument (the Web
 * API accepts both); failures become not_authed / invalid_auth / token_expired / token_revoked.
 */
export function slackToken(store: SandboxStore, c: Context, params: SlackParams): IssuedToken {
  const header = authenticate(store, "slack", c);
  if (header.ok) return header.token;
  const value = header.reason === "missing" ? str(params, "token") : undefined;
  if (!value) throw new SlackError(FAILURES[header.reason]);
  const token = store.state.oauth.tokens.find((t) => t.token === value && t.tool === "slack" && t.kind !== "refresh");
  if (!token) throw new SlackError("invalid_auth");
  if (token.revoked) throw new SlackError("token_revoked");
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now()) throw new SlackError("token_expired");
  return token;
}

/**
 * One call's caller: who it acts as, which scopes it holds, and what it may see — channel
 * lookups answer channel_not_found for channels the caller cannot see, as Slack does.
 */
export class SlackAccess {
  readonly userId: string;
  readonly isBot: boolean;
  /** Scopes a method accepted, for the x-accepted-oauth-scopes header. */
  accepted: string[] = [];

  constructor(
    readonly store: SandboxStore,
    readonly token: IssuedToken,
    /** The workspace's web root (the sandbox's Slack pages on the caller's origin), for `url` and permalinks. */
    readonly web: string,
  ) {
    this.isBot = !token.token.startsWith(USER_TOKEN_PREFIX);
    this.userId = this.isBot ? this.state.app.botUserId : (store.state.company.people.find((p) => p.id === token.personId)?.slackUserId ?? "");
  }

  get state(): SlackState {
    return this.store.state.slack;
  }

  provided(): string[] {
    return this.token.scopes.includes("*") ? [...SLACK_SCOPES] : this.token.scopes;
  }

  has(scope: string): boolean {
    return hasScope(this.token, scope);
  }

  /** Requires one of `scopes`; missing_scope names the first as needed, as Slack does. */
  require(...scopes: string[]): void {
    this.accepted = scopes;
    if (scopes.some((s) => this.has(s))) return;
    throw new SlackError("missing_scope", { needed: scopes.join(","), provided: this.provided().join(",") });
  }

  isMember(channel: SlackChannel): boolean {
    return channel.memberIds.includes(this.userId);
  }

  /** Public channels are visible to all; private channels and DMs only to their members. */
  canSee(channel: SlackChannel): boolean {
    return channel.kind === "public" || this.isMember(channel);
  }

  /** A channel by id, or by name ("#general" / "general") where `byName` allows. */
  channel(raw: string | undefined, byName = false): SlackChannel {
    if (!raw) throw new SlackError("channel_not_found");
    const name = raw.replace(/^#/, "");
    const found = this.state.channels.find((c) => c.id === raw) ?? (byName ? this.state.channels.find((c) => c.kind !== "im" && c.name === name) : undefined);
    if (!found || !this.canSee(found)) throw new SlackError("channel_not_found");
    return found;
  }

  readScope(channel: SlackChannel): string {
    return channel.kind === "public" ? "channels:read" : channel.kind === "private" ? "groups:read" : "im:read";
  }

  historyScope(channel: SlackChannel): string {
    return channel.kind === "public" ? "channels:history" : channel.kind === "private" ? "groups:history" : "im:history";
  }
}
