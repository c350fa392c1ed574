import { Hono } from "hono";
import { type SandboxStore } from "../core/store";
import { adfToText, parseAdf, wikiToAdf } from "./adf";
import { BadRequest, intParam, jiraError, jsonBody, listParam, listValue, lookupOf, page, pageBean, pageToken, requireScope, wireOf, type JiraContext, type JiraEnv } from "./http";
import { findIssue } from "./lookup";
import { propertyList, setProperties } from "./properties";
import { JiraRequestError, addComment, allocate, assignIssue, createIssue, editIssue, linkIssues, transitionIssue, updateComment, type FieldContext } from "./mutations";
import { searchIssues, searchPage } from "./search";
import { type JiraIssue } from "./state";
import { availableTransitions, commentJson, historyJson, issueJson, issueLinkJson, issueRefJson, selectFields, transitionJson } from "./wire";

/**
 * Jira platform routes for issues: enhanced JQL search, get/create/edit, comments, transitions,
 * assignment, changelogs, issue links and remote links. v3 speaks ADF; the v2 variants jira.js
 * uses for wiki-markup strings are here too.
 */

const NOT_FOUND = "Issue does not exist or you do not have permission to see it.";
const REMOVED = "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046";

const adfOnly: FieldContext["richText"] = (v) => parseAdf(v) ?? "invalid";
const wikiOrAdf: FieldContext["richText"] = (v) => (typeof v === "string" ? wikiToAdf(v) : (parseAdf(v) ?? "invalid"));

export function issueRoutes(store: SandboxStore) {
  const app = new Hono<JiraEnv>();
  const read = requireScope("read:jira-work");
  const write = requireScope("write:jira-work");

  const issueOr404 = (c: JiraContext): JiraIssue => {
    const issue = findIssue(lookupOf(c, store), c.req.param("issueIdOrKey") ?? "");
    if (!issue) throw new JiraRequestError(404, [NOT_FOUND]);
    return issue;
  };
  const expandParam = (c: JiraContext) => new Set(listParam(c, "expand") ?? []);

  // ---------- search ----------

  app.get("/rest/api/3/search/jql", read, (c) =>
    c.json(
      searchPage(
        c,
        store,
        {
          jql: c.req.query("jql") ?? "",
          nextPageToken: c.req.query("nextPageToken"),
          maxResults: intParam(c, "maxResults", 50),
          fields: listParam(c, "fields"),
          expand: listParam(c, "expand"),
          properties: listParam(c, "properties"),
        },
        { requireBounded: true, defaultFields: "none", agile: false },
      ),
    ),
  );
  app.post("/rest/api/3/search/jql", read, async (c) => {
    const body = await jsonBody(c);
    const maxResults = body.maxResults === undefined ? 50 : Number(body.maxResults);
    if (!Number.isInteger(maxResults)) throw new BadRequest("The 'maxResults' parameter must be an integer.");
    return c.json(
      searchPage(
        c,
        store,
        {
          jql: typeof body.jql === "string" ? body.jql : "",
          nextPageToken: typeof body.nextPageToken === "string" ? body.nextPageToken : undefined,
          maxResults,
          fields: listValue(body.fields),
          expand: listValue(body.expand),
          properties: listValue(body.properties),
        },
        { requireBounded: true, defaultFields: "none", agile: false },
      ),
    );
  });
  app.post("/rest/api/3/search/approximate-count", read, async (c) => {
    const body = await jsonBody(c);
    return c.json({ count: searchIssues(c, store, typeof body.jql === "string" ? body.jql : "", { requireBounded: true, agile: false }).length });
  });
  for (const version of ["2", "3"]) {
    app.on(["GET", "POST"], `/rest/api/${version}/search`, (c) => jiraError(c, 410, [REMOVED]));
  }

  // ---------- issues ----------

  app.get("/rest/api/3/issue/:issueIdOrKey", read, (c) => {
    const issue = issueOr404(c);
    return c.json(issueJson(wireOf(c, store), issue, { fields: selectFields(listParam(c, "fields"), "all"), expand: expandParam(c), properties: listParam(c, "properties") }));
  });

  const create = (richText: FieldContext["richText"]) => async (c: JiraContext) => {
    const body = await jsonBody(c);
    const fields = body.fields;
    if (!fields || typeof fields !== "object") return jiraError(c, 400, [], { project: "Specify a valid project ID or key", issuetype: "Specify an issue type", summary: "You must specify a summary of the issue." });
    const properties = propertyList(body.properties);
    const issue = createIssue(store, lookupOf(c, store), c.get("person").jiraAccountId, { fields: fields as Record<string, unknown>, update: (body.update ?? {}) as Record<string, unknown> }, richText);
    setProperties(issue, properties);
    const base = wireOf(c, store).base;
    return c.json({ id: issue.id, key: issue.key, self: `${base}/rest/api/3/issue/${issue.id}` }, 201);
  };
  app.post("/rest/api/3/issue", write, create(adfOnly));
  app.post("/rest/api/2/issue", write, create(wikiOrAdf));

  const edit = (richText: FieldContext["richText"]) => async (c: JiraContext) => {
    const issue = issueOr404(c);
    const body = await jsonBody(c);
    const properties = propertyList(body.properties);
    editIssue(store, lookupOf(c, store), issue, c.get("person").jiraAccountId, (body.fields ?? {}) as Record<string, unknown>, (body.update ?? {}) as Record<string, unknown>, richText);
    setProperties(issue, properties);
    if (c.req.query("returnIssue") === "true") {
      c.set("lookup", undefined);
      return c.json(issueJson(wireOf(c, store), issue, { fields: selectFields(undefined, "all"), expand: expandParam(c) }), 200);
    }
    return c.body(null, 204);
  };
  app.put("/rest/api/3/issue/:issueIdOrKey", write, edit(adfOnly));
  app.put("/rest/api/2/issue/:issueIdOrKey", write, edit(wikiOrAdf));

  app.put("/rest/api/3/issue/:issueIdOrKey/assignee", write, async (c) => {
    const issue = issueOr404(c);
    const body = await jsonBody(c);
    if (!("accountId" in body)) throw new BadRequest("Specify the accountId of the user to assign, or null to unassign.");
    assignIssue(store, lookupOf(c, store), issue, c.get("person").jiraAccountId, body.accountId === null ? null : String(body.accountId));
    return c.body(null, 204);
  });

  // ---------- transitions ----------

  app.get("/rest/api/3/issue/:issueIdOrKey/transitions", read, (c) => {
    const issue = issueOr404(c);
    const w = wireOf(c, store);
    const only = c.req.query("transitionId");
    const transitions = availableTransitions(issue).filter((t) => !only || t.id === only);
    return c.json({ expand: "transitions", transitions: transitions.map((t) => transitionJson(w, t)) });
  });
  app.post("/rest/api/3/issue/:issueIdOrKey/transitions", write, async (c) => {
    const issue = issueOr404(c);
    const body = await jsonBody(c);
    const transition = body.transition as { id?: unknown } | undefined;
    if (!transition || (typeof transition.id !== "string" && typeof transition.id !== "number")) return jiraError(c, 400, ["Missing 'transition' identifier"]);
    const person = c.get("person").jiraAccountId;
    const lookup = lookupOf(c, store);
    transitionIssue(store, lookup, issue, person, String(transition.id), (body.fields ?? {}) as Record<string, unknown>, wikiOrAdf);
    const update = (body.update ?? {}) as { comment?: { add?: { body?: unknown } }[] };
    for (const op of update.comment ?? []) {
      const doc = op.add ? wikiOrAdf(op.add.body) : null;
      if (doc && doc !== "invalid") addComment(store, issue, person, doc, issue.updated);
    }
    return c.body(null, 204);
  });

  // ---------- changelogs ----------

  app.get("/rest/api/3/issue/:issueIdOrKey/changelog", read, (c) => {
    const issue = issueOr404(c);
    const w = wireOf(c, store);
    const startAt = intParam(c, "startAt", 0);
    const maxResults = Math.min(intParam(c, "maxResults", 100), 100);
    const p = page(issue.changelog, startAt, maxResults);
    const self = `${w.base}/rest/api/3/issue/${issue.key}/changelog`;
    return c.json(pageBean(self, p, (h) => historyJson(w, h)));
  });
  app.post("/rest/api/3/issue/:issueIdOrKey/changelog/list", read, async (c) => {
    const issue = issueOr404(c);
    const body = await jsonBody(c);
    const ids = new Set((Array.isArray(body.changelogIds) ? body.changelogIds : []).map(String));
    const histories = issue.changelog.filter((h) => ids.has(h.id));
    const w = wireOf(c, store);
    return c.json({ startAt: 0, maxResults: histories.length, total: histories.length, histories: histories.map((h) => historyJson(w, h)) });
  });
  app.post("/rest/api/3/changelog/bulkfetch", read, async (c) => {
    const body = await jsonBody(c);
    const refs = listValue(body.issueIdsOrKeys) ?? [];
    if (!refs.length || refs.length > 1000) throw new BadRequest("issueIdsOrKeys must contain between 1 and 1000 issue ids or keys.");
    const fieldIds = new Set(listValue(body.fieldIds) ?? []);
    const max = Math.min(Number(body.maxResults ?? 1000) || 1000, 10000);
    const lookup = lookupOf(c, store);
    const w = wireOf(c, store);
    const entries = refs
      .map((r) => findIssue(lookup, r))
      .filter((i): i is JiraIssue => Boolean(i))
      .flatMap((issue) => issue.changelog.filter((h) => !fieldIds.size || h.items.some((it) => fieldIds.has(it.fieldId))).map((h) => ({ issue, h })));
    const fingerprint = JSON.stringify([refs, [...fieldIds]]);
    const offset = pageToken.decode(typeof body.nextPageToken === "string" ? body.nextPageToken : undefined, fingerprint);
    const slice = entries.slice(offset, offset + max);
    const grouped = new Map<string, unknown[]>();
    for (const { issue, h } of slice) grouped.set(issue.id, [...(grouped.get(issue.id) ?? []), historyJson(w, h)]);
    const more = offset + slice.length < entries.length;
    return c.json({
      issueChangeLogs: [...grouped].map(([issueId, changeHistories]) => ({ issueId, changeHistories })),
      ...(more ? { nextPageToken: pageToken.encode(offset + slice.length, fingerprint) } : {}),
    });
  });

  // ---------- comments ----------

  app.get("/rest/api/3/issue/:issueIdOrKey/comment", read, (c) => {
    const issue = issueOr404(c);
    const w = wireOf(c, store);
    const order = c.req.query("orderBy");
    const comments = order === "-created" || order === "-updated" ? [...issue.comments].reverse() : issue.comments;
    const p = page(comments, intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 100), 5000));
    const expand = expandParam(c);
    return c.json({ startAt: p.startAt, maxResults: p.maxResults, total: p.total, comments: p.values.map((cm) => commentJson(w, issue, cm, expand)) });
  });
  const addCommentRoute = (richText: FieldContext["richText"], v2: boolean) => async (c: JiraContext) => {
    const issue = issueOr404(c);
    const body = await jsonBody(c);
    const doc = body.body === undefined || body.body === "" ? null : richText(body.body);
    if (!doc || doc === "invalid" || !adfToText(doc)) return jiraError(c, 400, [], { comment: "Comment body can not be empty!" });
    const properties = propertyList(body.properties);
    const comment = addComment(store, issue, c.get("person").jiraAccountId, doc);
    setProperties(comment, properties);
    const json = commentJson(wireOf(c, store), issue, comment, expandParam(c));
    return c.json(v2 ? { ...json, self: String(json.self).replace("/rest/api/3/", "/rest/api/2/"), body: typeof body.body === "string" ? body.body : adfToText(doc) } : json, 201);
  };
  app.post("/rest/api/3/issue/:issueIdOrKey/comment", write, addCommentRoute(adfOnly, false));
  app.post("/rest/api/2/issue/:issueIdOrKey/comment", write, addCommentRoute(wikiOrAdf, true));

  const commentOr404 = (c: JiraContext, issue: JiraIssue) => {
    const comment = issue.comments.find((x) => x.id === c.req.param("id"));
    if (!comment) throw new JiraRequestError(404, [`Can not find a comment for the id: ${c.req.param("id")}.`]);
    return comment;
  };
  app.get("/rest/api/3/issue/:issueIdOrKey/comment/:id", read, (c) => {
    const issue = issueOr404(c);
    return c.json(commentJson(wireOf(c, store), issue, commentOr404(c, issue), expandParam(c)));
  });
  const putComment = (richText: FieldContext["richText"]) => async (c: JiraContext) => {
    const issue = issueOr404(c);
    const comment = commentOr404(c, issue);
    const body = await jsonBody(c);
    const doc = richText(body.body);
    if (!doc || doc === "invalid" || !adfToText(doc)) return jiraError(c, 400, [], { comment: "Comment body can not be empty!" });
    const properties = propertyList(body.properties);
    updateComment(store, issue, comment, c.get("person").jiraAccountId, doc);
    setProperties(comment, properties);
    return c.json(commentJson(wireOf(c, store), issue, comment, expandParam(c)));
  };
  app.put("/rest/api/3/issue/:issueIdOrKey/comment/:id", write, putComment(adfOnly));
  app.put("/rest/api/2/issue/:issueIdOrKey/comment/:id", write, putComment(wikiOrAdf));
  app.delete("/rest/api/3/issue/:issueIdOrKey/comment/:id", write, (c) => {
    const issue = issueOr404(c);
    const comment = commentOr404(c, issue);
    issue.comments = issue.comments.filter((x) => x !== comment);
    issue.updated = store.tick().toISOString();
    return c.body(null, 204);
  });

  // ---------- links ----------

  app.post("/rest/api/3/issueLink", write, async (c) => {
    const body = await jsonBody(c);
    const lookup = lookupOf(c, store);
    const ref = (v: unknown) => {
      const o = (v ?? {}) as { key?: unknown; id?: unknown };
      return findIssue(lookup, String(o.key ?? o.id ?? ""));
    };
    const outward = ref(body.outwardIssue);
    const inward = ref(body.inwardIssue);
    if (!outward || !inward) return jiraError(c, 404, ["Issue does not exist or you do not have permission to see it."]);
    const type = (body.type ?? {}) as { id?: unknown; name?: unknown };
    linkIssues(store, lookup, c.get("person").jiraAccountId, { id: type.id === undefined ? undefined : String(type.id), name: typeof type.name === "string" ? type.name : undefined }, outward, inward);
    const comment = (body.comment ?? null) as { body?: unknown } | null;
    const doc = comment ? wikiOrAdf(comment.body) : null;
    if (doc && doc !== "invalid") addComment(store, outward, c.get("person").jiraAccountId, doc, outward.updated);
    return c.body(null, 201);
  });
  app.get("/rest/api/3/issueLink/:linkId", read, (c) => {
    const lookup = lookupOf(c, store);
    const link = store.state.jira.links.find((l) => l.id === c.req.param("linkId"));
    if (!link) return jiraError(c, 404, ["No issue link with id '" + c.req.param("linkId") + "' exists."]);
    const w = wireOf(c, store);
    const type = (issueLinkJson(w, link, lookup.issueById.get(link.sourceId)!) as { type: unknown }).type;
    // As in POST /issueLink: the outward issue is the one the link goes from ("A blocks B").
    return c.json({
      id: link.id,
      self: `${w.base}/rest/api/3/issueLink/${link.id}`,
      type,
      outwardIssue: issueRefJson(w, lookup.issueById.get(link.sourceId)!),
      inwardIssue: issueRefJson(w, lookup.issueById.get(link.targetId)!),
    });
  });

  // ---------- remote links ----------

  app.get("/rest/api/3/issue/:issueIdOrKey/remotelink", read, (c) => {
    const issue = issueOr404(c);
    const base = wireOf(c, store).base;
    return c.json(
      issue.remoteLinks.map((l) => ({
        id: l.id,
        self: `${base}/rest/api/3/issue/${issue.key}/remotelink/${l.id}`,
        globalId: l.globalId,
        application: { name: l.application },
        object: { url: l.url, title: l.title, icon: {} },
      })),
    );
  });
  app.post("/rest/api/3/issue/:issueIdOrKey/remotelink", write, async (c) => {
    const issue = issueOr404(c);
    const body = await jsonBody(c);
    const object = (body.object ?? {}) as { url?: unknown; title?: unknown };
    if (typeof object.url !== "string" || typeof object.title !== "string") return jiraError(c, 400, [], { object: "'url' and 'title' are required." });
    const globalId = typeof body.globalId === "string" ? body.globalId : `system=${object.url}`;
    const existing = issue.remoteLinks.find((l) => l.globalId === globalId);
    const application = ((body.application ?? {}) as { name?: unknown }).name;
    const link = existing ?? { id: allocate(store, "remoteLink"), globalId, url: "", title: "", application: "" };
    Object.assign(link, { url: object.url, title: object.title, application: typeof application === "string" ? application : "" });
    if (!existing) issue.remoteLinks.push(link);
    issue.updated = store.tick().toISOString();
    return c.json({ id: link.id, self: `${wireOf(c, store).base}/rest/api/3/issue/${issue.key}/remotelink/${link.id}` }, existing ? 200 : 201);
  });

  return app;
}
