import { Hono } from "hono";
import { type SandboxStore } from "../core/store";
import { githubPages } from "./github-pages";
import { jiraPages } from "./jira-pages";
import { notFoundPage } from "./layout";
import { notionPages } from "./notion-pages";
import { slackPages } from "./slack-pages";

/**
 * The read-only pages behind the sandbox's human-facing links (mounted at /web): what a person
 * sees after clicking a synced item's source link. No auth — the sandbox is local — and every
 * value from state is escaped (the seed holds hostile text).
 */
export function webRoutes(store: SandboxStore): Hono {
  const app = new Hono();
  app.route("/jira", jiraPages(store));
  app.route("/github", githubPages(store));
  app.route("/notion", notionPages(store));
  app.route("/slack", slackPages(store));
  app.get("*", (c) => notFoundPage(c, c.req.path.includes("/web/github") ? "GitHub" : c.req.path.includes("/web/notion") ? "Notion" : c.req.path.includes("/web/slack") ? "Slack" : "Jira", "page at this link"));
  return app;
}
