import { randomUUID } from "node:crypto";
import { Hono, type Context } from "hono";
import { type SandboxStore } from "../core/store";
import { requestOrigin, webBases } from "../web/links";
import { SlackAccess, slackToken } from "./access";
import { chatDelete, chatGetPermalink, chatPostMessage, chatUpdate } from "./chat";
import { conversationsHistory, conversationsInfo, conversationsList, conversationsMembers, conversationsReplies, type SlackMethod } from "./conversations";
import { SlackError } from "./errors";
import { oauthV2Access, slackAuthorize } from "./oauth";
import { readParams } from "./params";
import { authTest, usersInfo, usersList } from "./users";

const METHODS: Record<string, SlackMethod> = {
  "auth.test": authTest,
  "conversations.list": conversationsList,
  "conversations.info": conversationsInfo,
  "conversations.history": conversationsHistory,
  "conversations.replies": conversationsReplies,
  "conversations.members": conversationsMembers,
  "users.list": usersList,
  "users.info": usersInfo,
  "chat.postMessage": chatPostMessage,
  "chat.update": chatUpdate,
  "chat.delete": chatDelete,
  "chat.getPermalink": chatGetPermalink,
};

function answer(c: Context, body: Record<string, unknown>, access?: SlackAccess) {
  c.header("x-slack-req-id", randomUUID().replace(/-/g, ""));
  if (access) {
    c.header("x-oauth-scopes", access.provided().join(","));
    if (access.accepted.length) c.header("x-accepted-oauth-scopes", access.accepted.join(","));
  }
  return c.json(body, 200);
}

/**
 * The Slack Web API, mounted under /slack: POST (form or JSON) and GET on /api/<method>, always
 * HTTP 200 with {ok: true, ...} or {ok: false, error}; 429 with Retry-After comes only from the
 * fault injector. OAuth: GET /oauth/v2/authorize and the oauth.v2.access method.
 */
export function slackRoutes(store: SandboxStore): Hono {
  const app = new Hono();

  app.get("/oauth/v2/authorize", (c) => slackAuthorize(store, c));

  app.on(["GET", "POST"], "/api/:method", async (c) => {
    const name = c.req.param("method");
    let access: SlackAccess | undefined;
    try {
      const params = await readParams(c);
      if (name === "oauth.v2.access") return answer(c, { ok: true, ...oauthV2Access(store, c, params) });
      const method = METHODS[name];
      if (!method) throw new SlackError("unknown_method");
      access = new SlackAccess(store, slackToken(store, c, params), webBases(requestOrigin(c)).slack);
      return answer(c, { ok: true, ...method(access, params) }, access);
    } catch (err) {
      if (err instanceof SlackError) return answer(c, { ok: false, error: err.error, ...err.extra }, access);
      console.error("slack sandbox error", err);
      return answer(c, { ok: false, error: "internal_error" }, access);
    }
  });

  return app;
}
