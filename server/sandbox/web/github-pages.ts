import { Hono, type Context } from "hono";
import { html } from "hono/html";
import { type SandboxStore } from "../core/store";
import { type GithubRepo } from "../github/state";
import { findUser } from "../github/wire";
import { notFoundPage, page, when } from "./layout";

/** GitHub's web pages for the html_url links: pull requests, issues, repositories and people. */
export function githubPages(store: SandboxStore): Hono {
  const app = new Hono();
  const gh = () => store.state.github;
  const repoOf = (c: Context): GithubRepo | undefined =>
    c.req.param("org")?.toLowerCase() === gh().org.login.toLowerCase() ? gh().repos.find((r) => r.name.toLowerCase() === c.req.param("repo")?.toLowerCase()) : undefined;
  const conversation = (repo: GithubRepo, n: number) =>
    gh()
      .issueComments.filter((x) => x.repoId === repo.id && x.issueNumber === n)
      .map((x) => html`<div class="card" id="issuecomment-${x.id}"><div class="meta">${x.authorLogin} commented · ${when(x.createdAt)}</div><div class="text">${x.body}</div></div>`);

  app.get("/apps/:slug", (c) => {
    const user = findUser(store.state, `${c.req.param("slug")}[bot]`);
    if (!user) return notFoundPage(c, "GitHub", `app ${c.req.param("slug")}`);
    return page(c, "GitHub", user.login, html`<h1>${user.name ?? user.login}</h1><p class="meta">GitHub App · @${user.login}</p>`);
  });

  app.get("/:org/:repo/pull/:n", (c) => {
    const repo = repoOf(c);
    const pull = repo && gh().pulls.find((p) => p.repoId === repo.id && p.number === Number(c.req.param("n")));
    if (!repo || !pull) return notFoundPage(c, "GitHub", `pull request ${c.req.param("org")}/${c.req.param("repo")}#${c.req.param("n")}`);
    const shas = new Set(pull.commitShas);
    const files = new Map<string, { additions: number; deletions: number; status: string }>();
    for (const f of gh().commits.filter((x) => shas.has(x.sha)).flatMap((x) => x.files)) {
      const seen = files.get(f.filename);
      files.set(f.filename, { additions: (seen?.additions ?? 0) + f.additions, deletions: (seen?.deletions ?? 0) + f.deletions, status: seen?.status ?? f.status });
    }
    const reviews = gh().reviews.filter((r) => r.repoId === repo.id && r.pullNumber === pull.number);
    const comments = gh().reviewComments.filter((r) => r.repoId === repo.id && r.pullNumber === pull.number);
    const state = pull.mergedAt ? "merged" : pull.draft ? "draft" : pull.state;
    const body = html`
      <p class="meta">${gh().org.login}/${repo.name} · #${pull.number} · <span class="badge">${state}</span></p>
      <h1>${pull.title}</h1>
      <p class="meta">${pull.authorLogin} wants to merge ${pull.headRef} into ${pull.baseRef} · opened ${when(pull.createdAt)}${pull.mergedAt ? ` · merged ${when(pull.mergedAt)}` : ""}</p>
      <div class="card text">${pull.body || "No description provided."}</div>
      <h2>Files changed (${files.size})</h2>
      <ul class="plain">${[...files].map(([name, f]) => html`<li><code>${name}</code> <span class="meta">${f.status} +${f.additions} −${f.deletions}</span></li>`)}</ul>
      <h2>Reviews (${reviews.length})</h2>
      ${reviews.map(
        (r) => html`<div class="card" id="pullrequestreview-${r.id}"><div class="meta">${r.authorLogin} · <span class="badge">${r.state}</span> ${when(r.submittedAt)}</div>${r.body ? html`<div class="text">${r.body}</div>` : ""}
          ${comments.filter((x) => x.reviewId === r.id).map((x) => html`<div class="card" id="discussion_r${x.id}"><div class="meta">${x.authorLogin} on <code>${x.path}:${x.line}</code></div><div class="text">${x.body}</div></div>`)}</div>`,
      )}
      <h2>Conversation</h2>
      ${conversation(repo, pull.number)}`;
    return page(c, "GitHub", `${pull.title} · #${pull.number}`, body);
  });

  app.get("/:org/:repo/issues/:n", (c) => {
    const repo = repoOf(c);
    const n = Number(c.req.param("n"));
    if (repo && gh().pulls.some((p) => p.repoId === repo.id && p.number === n)) return c.redirect(`../pull/${n}`);
    const issue = repo && gh().issues.find((i) => i.repoId === repo.id && i.number === n);
    if (!repo || !issue) return notFoundPage(c, "GitHub", `issue ${c.req.param("org")}/${c.req.param("repo")}#${c.req.param("n")}`);
    const labels = gh().labels.filter((l) => issue.labelIds.includes(l.id));
    const body = html`
      <p class="meta">${gh().org.login}/${repo.name} · #${issue.number} · <span class="badge">${issue.state}</span>${labels.map((l) => html`<span class="badge">${l.name}</span>`)}</p>
      <h1>${issue.title}</h1>
      <p class="meta">${issue.authorLogin} opened ${when(issue.createdAt)}${issue.assigneeLogins.length ? ` · assigned to ${issue.assigneeLogins.join(", ")}` : ""}</p>
      <div class="card text">${issue.body || "No description provided."}</div>
      <h2>Conversation</h2>
      ${conversation(repo, issue.number)}`;
    return page(c, "GitHub", `${issue.title} · #${issue.number}`, body);
  });

  app.get("/:org/:repo", (c) => {
    const repo = repoOf(c);
    if (!repo) return notFoundPage(c, "GitHub", `repository ${c.req.param("org")}/${c.req.param("repo")}`);
    const open = gh().pulls.filter((p) => p.repoId === repo.id && p.state === "open");
    const body = html`<h1>${gh().org.login}/${repo.name}</h1><p class="meta">${repo.description}</p>
      <h2>Open pull requests (${open.length})</h2>
      <ul class="plain">${open.map((p) => html`<li><a href="${repo.name}/pull/${p.number}">#${p.number}</a> ${p.title}</li>`)}</ul>`;
    return page(c, "GitHub", `${gh().org.login}/${repo.name}`, body);
  });

  app.get("/:login", (c) => {
    const login = c.req.param("login");
    const org = gh().org;
    if (login.toLowerCase() === org.login.toLowerCase()) {
      return page(c, "GitHub", org.name, html`<h1>${org.name}</h1><p class="meta">${org.description}</p><ul class="plain">${gh().repos.map((r) => html`<li><a href="${org.login}/${r.name}">${r.name}</a> <span class="meta">${r.description}</span></li>`)}</ul>`);
    }
    const user = findUser(store.state, login);
    if (!user) return notFoundPage(c, "GitHub", `user ${login}`);
    return page(c, "GitHub", user.login, html`<h1>${user.name ?? user.login}</h1><p class="meta">@${user.login}${user.bio ? ` · ${user.bio}` : ""}</p>`);
  });
  return app;
}
