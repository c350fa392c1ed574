import { type SlackMethod } from "./conversations";
import { cursorPage } from "./cursor";
import { SlackError } from "./errors";
import { bool, int, str } from "./params";
import { renderUser, slackbot } from "./render";

export const authTest: SlackMethod = (access) => {
  const state = access.state;
  const me = state.users.find((u) => u.id === access.userId);
  return {
    url: `${access.web}/`,
    team: state.team.name,
    user: me?.name ?? "unknown",
    team_id: state.team.id,
    user_id: access.userId,
    ...(access.isBot ? { bot_id: state.app.botId } : {}),
    is_enterprise_install: false,
  };
};

export const usersList: SlackMethod = (access, params) => {
  access.require("users:read");
  const includeLocale = bool(params, "include_locale");
  const members = [...access.state.users.map((u) => renderUser(access, u, includeLocale)), slackbot(access)];
  const { page, nextCursor } = cursorPage(members, "user", str(params, "cursor"), int(params, "limit", 1000, 1000), (u) => u.id);
  return { members: page, cache_ts: Math.floor(new Date(access.store.state.company.now).getTime() / 1000), response_metadata: { next_cursor: nextCursor } };
};

export const usersInfo: SlackMethod = (access, params) => {
  access.require("users:read");
  const id = str(params, "user");
  if (id === "USLACKBOT") return { user: slackbot(access) };
  const user = access.state.users.find((u) => u.id === id);
  if (!user) throw new SlackError("user_not_found");
  return { user: renderUser(access, user, bool(params, "include_locale")) };
};
