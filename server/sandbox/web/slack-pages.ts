import { Hono } from "hono";
import { html } from "hono/html";
import { type SandboxStore } from "../core/store";
import { type SlackMessage } from "../slack/state";
import { notFoundPage, page } from "./layout";

/** Slack's permalinks: `/archives/<channel>/p<ts without the dot>`, showing the message in its thread. */
export function slackPages(store: SandboxStore): Hono {
  const app = new Hono();
  app.get("/archives/:channel/:p", (c) => {
    const slack = store.state.slack;
    const channel = slack.channels.find((ch) => ch.id === c.req.param("channel"));
    const digits = c.req.param("p").match(/^p(\d{7,})$/)?.[1];
    const ts = digits ? `${digits.slice(0, -6)}.${digits.slice(-6)}` : "";
    const message = channel && slack.messages.find((m) => m.channel === channel.id && m.ts === ts);
    if (!channel || !message) return notFoundPage(c, "Slack", "message at this link");
    const author = (m: SlackMessage) => {
      const u = m.user ? slack.users.find((x) => x.id === m.user) : undefined;
      return u ? u.realName || u.name : (m.username ?? m.user ?? "unknown");
    };
    const time = (m: SlackMessage) => `${new Date(Number(m.ts) * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
    const rootTs = message.threadTs ?? message.ts;
    const thread = slack.messages.filter((m) => m.channel === channel.id && (m.ts === rootTs || m.threadTs === rootTs)).sort((a, b) => Number(a.ts) - Number(b.ts));
    const card = (m: SlackMessage) =>
      html`<div class="card${m.ts === message.ts ? " here" : ""}" id="p${m.ts.replace(".", "")}"><div class="meta"><strong>${author(m)}</strong> · ${time(m)}${m.edited ? " (edited)" : ""}</div><div class="text">${m.text}</div></div>`;
    const [root, ...replies] = thread.length ? thread : [message];
    const body = html`
      <p class="meta">#${channel.name}${channel.topic ? ` · ${channel.topic}` : ""}</p>
      ${card(root!)}
      ${replies.length ? html`<h2>${replies.length} ${replies.length === 1 ? "reply" : "replies"}</h2>${replies.map(card)}` : ""}`;
    return page(c, "Slack", `#${channel.name}`, body);
  });
  return app;
}
