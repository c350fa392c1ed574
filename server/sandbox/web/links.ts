/**
 * Where the sandbox's human-facing links lead: pages it serves itself under `/web`, on the origin
 * the request came in on. State keeps the cloud-style URLs it was seeded with (so the seed and its
 * hash do not depend on the port); links are rendered against the request's origin on the way out.
 */
import { type Context } from "hono";

/** The `/web` base for each tool on `origin` (e.g. http://127.0.0.1:4010). */
export function webBases(origin: string) {
  const web = `${origin.replace(/\/$/, "")}/web`;
  return {
    /** Jira's site base: `${jira}/browse/KEY`. */
    jira: `${web}/jira`,
    /** GitHub's web root: `${github}/<org>/<repo>/pull/<n>`, `${github}/<login>`. */
    github: `${web}/github`,
    /** Notion's page root: `${notion}/<slug>-<hex>`. */
    notion: `${web}/notion`,
    /** Slack's workspace root: `${slack}/archives/<channel>/p<ts>`. */
    slack: `${web}/slack`,
  };
}

/** The origin a request came in on. */
export function requestOrigin(c: Context): string {
  return new URL(c.req.url).origin;
}

/** The cloud hosts seeded state uses in stored links (page urls, links inside texts). */
export const STORED_HOSTS = { github: "https://github.com", notion: "https://www.notion.so" } as const;

/**
 * Rewrites stored cloud-style links in a response body to the sandbox's own pages: the Jira site
 * (links to issues inside texts of every tool), the GitHub organisation's pages (pull request links
 * inside Jira and Slack texts) and Notion page urls (stored on pages, databases and mentions). The
 * Jira site and the GitHub organisation are fictional, and every notion.so page url in the sandbox
 * names one of its own pages, so the rewrite never breaks a link that led somewhere (links to real
 * projects, e.g. kubernetes/enhancements, are left alone).
 */
export function localizeLinks(body: string, origin: string, company: { jiraSite: string; githubOrg: string }): string {
  const web = webBases(origin);
  return body
    .replaceAll(company.jiraSite.replace(/\/$/, ""), web.jira)
    .replaceAll(`${STORED_HOSTS.github}/${company.githubOrg}/`, `${web.github}/${company.githubOrg}/`)
    .replaceAll(`${STORED_HOSTS.notion}/`, `${web.notion}/`);
}
