import { type SandboxStore } from "../core/store";
import { BadRequest, jqlContext, pageToken, wireOf, type JiraContext } from "./http";
import { DEFAULT_SORT, RANK_SORT, compileJql } from "./jql-eval";
import { type JiraIssue } from "./state";
import { issueJson, namesFor, schemaFor, selectFields } from "./wire";

/**
 * Token-paginated JQL search, shared by the platform's enhanced search (/rest/api/3/search/jql)
 * and the Software API's board, backlog, sprint and epic issue lists.
 */
export interface SearchRequest {
  jql: string;
  nextPageToken?: string;
  maxResults?: number;
  fields?: string[];
  expand?: string[];
  /** Entity properties to include with each issue (`*all`, keys, `-key`); at most five keys. */
  properties?: string[];
}

export interface SearchOptions {
  /** Restricts the candidates before JQL applies (board, sprint, backlog membership). */
  scope?: (issue: JiraIssue) => boolean;
  /** Enhanced search refuses queries without a restriction; the Software API does not. */
  requireBounded: boolean;
  defaultFields: "none" | "navigable";
  agile: boolean;
}

const UNBOUNDED = "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.";

/** Matching issues in query order (validates the JQL; throws JqlError with Jira's messages). */
export function searchIssues(c: JiraContext, store: SandboxStore, jql: string, opts: Pick<SearchOptions, "scope" | "requireBounded" | "agile">): JiraIssue[] {
  const compiled = compileJql(jql, jqlContext(c, store), opts.agile ? RANK_SORT : DEFAULT_SORT);
  if (opts.requireBounded && !compiled.bounded) throw new BadRequest(UNBOUNDED);
  const scope = opts.scope;
  return store.state.jira.issues.filter((i) => (!scope || scope(i)) && compiled.matches(i)).sort(compiled.compare);
}

/** One page of results in Jira's enhanced-search shape. */
export function searchPage(c: JiraContext, store: SandboxStore, req: SearchRequest, opts: SearchOptions) {
  if ((req.properties ?? []).filter((p) => !p.startsWith("-") && p !== "*all").length > 5) throw new BadRequest("A maximum of 5 issue properties can be requested.");
  const all = searchIssues(c, store, req.jql, opts);
  const selection = selectFields(req.fields, opts.defaultFields === "none" ? "none" : "navigable");
  const idsOnly = selection.ids.size === 0;
  const max = Math.min(req.maxResults && req.maxResults > 0 ? req.maxResults : 50, idsOnly ? 5000 : 100);
  const fingerprint = JSON.stringify([req.jql, [...selection.ids].sort(), opts.agile]);
  const offset = pageToken.decode(req.nextPageToken, fingerprint);
  const slice = all.slice(offset, offset + max);
  const expand = new Set(req.expand ?? []);
  const w = wireOf(c, store);
  const issues = slice.map((i) => issueJson(w, i, { fields: selection, expand: new Set([...expand].filter((e) => e !== "names" && e !== "schema")), agile: opts.agile, changelogLimit: 40, properties: req.properties }));
  const more = offset + slice.length < all.length;
  const fieldIds = [...selection.ids, ...(opts.agile && selection.ids.size ? ["sprint", "closedSprints", "flagged", "epic"] : [])];
  return {
    issues,
    ...(more ? { nextPageToken: pageToken.encode(offset + slice.length, fingerprint) } : {}),
    isLast: !more,
    ...(expand.has("names") ? { names: namesFor(fieldIds) } : {}),
    ...(expand.has("schema") ? { schema: schemaFor(fieldIds) } : {}),
  };
}
