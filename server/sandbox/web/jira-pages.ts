import { Hono } from "hono";
import { html } from "hono/html";
import { type SandboxStore } from "../core/store";
import { adfToText } from "../jira/adf";
import { ISSUE_TYPES, STATUSES } from "../jira/catalog";
import { buildLookup, findIssue } from "../jira/lookup";
import { notFoundPage, page, when } from "./layout";

/** Jira's browse pages: `/browse/KEY`, the target of `${serverInfo.baseUrl}/browse/${key}`. */
export function jiraPages(store: SandboxStore): Hono {
  const app = new Hono();
  app.get("/browse/:key", (c) => {
    const lookup = buildLookup(store.state);
    const issue = findIssue(lookup, c.req.param("key"));
    if (!issue) return notFoundPage(c, "Jira", `issue ${c.req.param("key")}`);
    const person = (accountId: string | null) => (accountId ? (lookup.personByAccountId.get(accountId)?.name ?? accountId) : "Unassigned");
    const sprint = issue.sprintIds.length ? lookup.sprintById.get(issue.sprintIds.at(-1)!) : undefined;
    const status = STATUSES.find((s) => s.id === issue.statusId)?.name ?? issue.statusId;
    const type = ISSUE_TYPES.find((t) => t.id === issue.issueTypeId)?.name ?? issue.issueTypeId;
    const history = issue.changelog.flatMap((h) => h.items.filter((i) => i.field === "status").map((i) => ({ at: h.created, who: h.authorAccountId, from: i.fromString, to: i.toString })));
    const body = html`
      <p class="meta">${issue.key} · <span class="badge">${type}</span><span class="badge">${status}</span></p>
      <h1>${issue.summary}</h1>
      <dl>
        <dt>Assignee</dt><dd>${person(issue.assigneeAccountId)}</dd>
        <dt>Reporter</dt><dd>${person(issue.reporterAccountId)}</dd>
        <dt>Story points</dt><dd>${issue.storyPoints ?? "None"}</dd>
        <dt>Sprint</dt><dd>${sprint ? `${sprint.name} (${sprint.state})` : "None"}</dd>
        <dt>Labels</dt><dd>${issue.labels.join(", ") || "None"}</dd>
        <dt>Created</dt><dd>${when(issue.created)}</dd>
        <dt>Updated</dt><dd>${when(issue.updated)}</dd>
      </dl>
      <h2>Description</h2>
      <div class="text">${adfToText(issue.description) || "No description."}</div>
      <h2>Comments (${issue.comments.length})</h2>
      ${issue.comments.map((cm) => html`<div class="card"><div class="meta">${person(cm.authorAccountId)} · ${when(cm.created)}</div><div class="text">${adfToText(cm.body)}</div></div>`)}
      <h2>Status history</h2>
      ${history.length
        ? html`<ul class="plain">${history.map((h) => html`<li><span class="meta">${when(h.at)}</span> ${person(h.who)}: ${h.from ?? "—"} → ${h.to ?? "—"}</li>`)}</ul>`
        : html`<p class="meta">No status changes.</p>`}`;
    return page(c, "Jira", `${issue.key}: ${issue.summary}`, body);
  });
  app.get("/", (c) => page(c, "Jira", "Jira", html`<h1>${store.state.company.name}</h1><p class="meta">Open an issue at /web/jira/browse/KEY.</p>`));
  return app;
}
