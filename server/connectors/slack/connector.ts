import { WebClient, WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import { createToolCall } from "../call";
import { ConnectorError } from "../errors";
import { type ConnectionCheck, type Connector, type ConnectorContext, type NormalizedMessage, type SyncBatch, type SyncRequest } from "../types";
import { createSlackWriters } from "./writes";

export const SLACK_READ_SCOPES = ["channels:read", "channels:history", "users:read"];
const DEFAULT_HISTORY_DAYS = 90;

function mapError(e: unknown): ConnectorError {
  if (e instanceof ConnectorError) return e;
  if (e instanceof WebAPIRateLimitedError) return new ConnectorError("rate_limited", "Slack rate limit", { status: 429, retryAfterMs: e.retryAfter * 1000, cause: e });
  if (e instanceof WebAPIPlatformError) {
    const code = e.data.error;
    if (["not_authed", "invalid_auth", "token_revoked", "token_expired", "account_inactive"].includes(code)) return new ConnectorError("auth", `Slack: ${code}`, { cause: e });
    if (code === "missing_scope") return new ConnectorError("scope", `Slack needs ${(e.data as { needed?: string }).needed ?? "another scope"}`, { cause: e });
    if (code === "channel_not_found" || code === "thread_not_found") return new ConnectorError("not_found", `Slack: ${code}`, { cause: e });
    if (code === "ratelimited") return new ConnectorError("rate_limited", "Slack rate limit", { cause: e });
    if (code === "internal_error" || code === "fatal_error" || code === "service_unavailable") return new ConnectorError("unavailable", `Slack: ${code}`, { cause: e });
    return new ConnectorError("invalid_request", `Slack: ${code}`, { cause: e });
  }
  if (e instanceof WebAPIHTTPError) {
    if (e.statusCode === 401) return new ConnectorError("auth", "Slack rejected the token", { status: 401, cause: e });
    if (e.statusCode >= 500) return new ConnectorError("unavailable", `Slack answered ${e.statusCode}`, { status: e.statusCode, cause: e });
    return new ConnectorError("bad_response", `Slack answered HTTP ${e.statusCode}`, { status: e.statusCode, cause: e });
  }
  if (e instanceof WebAPIRequestError) {
    return /JSON|Unexpected token/i.test(e.original.message)
      ? new ConnectorError("bad_response", "Slack sent invalid JSON", { cause: e })
      : new ConnectorError("network", e.original.message, { cause: e });
  }
  return new ConnectorError("network", e instanceof Error ? e.message : String(e), { cause: e });
}

function tsToDate(ts: string): Date {
  return new Date(Math.round(Number(ts) * 1000));
}

/**
 * Slack through @slack/web-api: the channels the token can read (and DMs where the token may),
 * their history since the cursor and the replies of every thread in it.
 */
export function createSlackConnector(ctx: ConnectorContext): Connector {
  const apiUrl = ctx.connection.baseUrl.endsWith("/") ? ctx.connection.baseUrl : `${ctx.connection.baseUrl}/`;
  const slack = new WebClient(undefined, { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 30_000, logger: { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => "error" as never, setName() {} } });
  const call = createToolCall(ctx, mapError);
  let workspaceUrl = "";

  return {
    tool: "SLACK",
    writers: createSlackWriters(ctx, slack, mapError),

    async test(): Promise<ConnectionCheck> {
      const token = await ctx.accessToken();
      const res = await call("auth.test", () => slack.auth.test({ token }));
      workspaceUrl = res.url ?? "";
      const scopes = String((res.response_metadata as { scopes?: string[] } | undefined)?.scopes?.join(",") ?? "")
        .split(",")
        .filter(Boolean);
      return { account: { id: String(res.team_id), name: String(res.team ?? res.team_id) }, scopes, missingScopes: scopes.length ? SLACK_READ_SCOPES.filter((s) => !scopes.includes(s)) : [] };
    },

    async *sync({ since }: SyncRequest): AsyncIterable<SyncBatch> {
      const token = () => ctx.accessToken();
      const auth = await call("auth.test", async () => slack.auth.test({ token: await token() }));
      workspaceUrl = (auth.url ?? "").replace(/\/$/, "");
      const granted = (auth.response_metadata as { scopes?: string[] } | undefined)?.scopes ?? [];
      // Direct messages only where the workspace granted reading them.
      const readDms = granted.includes("*") || (granted.includes("im:read") && granted.includes("im:history"));

      const users = new Map<string, string>();
      const people = [];
      let cursor: string | undefined;
      do {
        const page = await call("users.list", async () => slack.users.list({ token: await token(), limit: 200, cursor }));
        for (const m of page.members ?? []) {
          if (!m.id) continue;
          const name = m.profile?.real_name || m.real_name || m.name || m.id;
          users.set(m.id, name);
          people.push({ sourceId: m.id, displayName: name, email: m.profile?.email ?? null, url: workspaceUrl ? `${workspaceUrl}/team/${m.id}` : null, avatarUrl: m.profile?.image_72 ?? null, active: !m.deleted });
        }
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      yield { kind: "people", resource: "slack:users", progress: { done: people.length, total: people.length }, rows: people };

      const wanted = ctx.connection.settings.channels ?? [];
      const channels: { id: string; name: string | null }[] = [];
      cursor = undefined;
      do {
        const page = await call("conversations.list", async () => slack.conversations.list({ token: await token(), types: readDms ? "public_channel,private_channel,im" : "public_channel,private_channel", exclude_archived: true, limit: 200, cursor }));
        for (const c of page.channels ?? []) {
          if (!c.id || (c.is_member === false && !c.is_im)) continue;
          if (wanted.length && !wanted.includes(c.id) && !wanted.includes(c.name ?? "")) continue;
          channels.push({ id: c.id, name: c.is_im ? `DM with ${(c.user && users.get(c.user)) || c.user || "a member"}` : (c.name ?? null) });
        }
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);

      const oldest = since ?? new Date(Date.now() - (ctx.connection.settings.historyDays ?? DEFAULT_HISTORY_DAYS) * 86_400_000);
      for (const channel of channels) {
        let done = 0;
        cursor = undefined;
        do {
          const page = await call("conversations.history", async () =>
            slack.conversations.history({ token: await token(), channel: channel.id, oldest: (oldest.getTime() / 1000).toFixed(6), limit: 200, cursor }),
          );
          const rows: NormalizedMessage[] = [];
          for (const m of page.messages ?? []) {
            if (!m.ts) continue;
            rows.push(toMessage(channel, m, users));
            if (m.thread_ts === m.ts && (m.reply_count ?? 0) > 0) {
              let replyCursor: string | undefined;
              do {
                const replies = await call("conversations.replies", async () => slack.conversations.replies({ token: await token(), channel: channel.id, ts: m.ts!, limit: 200, cursor: replyCursor }));
                for (const r of replies.messages ?? []) if (r.ts && r.ts !== m.ts) rows.push(toMessage(channel, r, users));
                replyCursor = replies.response_metadata?.next_cursor || undefined;
              } while (replyCursor);
            }
          }
          done += rows.length;
          yield { kind: "messages", resource: `slack:channel:${channel.id}`, progress: { done, total: null }, rows };
          cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
        } while (cursor);
      }

      function toMessage(channel: { id: string; name: string | null }, m: { ts?: string; thread_ts?: string; user?: string; bot_id?: string; username?: string; text?: string; reply_count?: number }, names: Map<string, string>): NormalizedMessage {
        const ts = m.ts!;
        return {
          sourceId: `${channel.id}:${ts}`,
          channelId: channel.id,
          channelName: channel.name,
          threadTs: m.thread_ts && m.thread_ts !== ts ? m.thread_ts : null,
          ts,
          authorId: m.user ?? m.bot_id ?? null,
          authorName: (m.user && names.get(m.user)) || m.username || null,
          text: m.text ?? "",
          url: workspaceUrl ? `${workspaceUrl}/archives/${channel.id}/p${ts.replace(".", "")}` : null,
          replyCount: m.reply_count ?? 0,
          postedAt: tsToDate(ts),
        };
      }
    },
  };
}
