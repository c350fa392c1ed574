import { Hono } from "hono";
import { type SandboxStore } from "../core/store";
import { type Person } from "../core/types";
import { requestOrigin, webBases } from "../web/links";
import { DEFAULT_PRIORITY_ID, FIELDS, ISSUE_TYPES, LINK_TYPES, PRIORITIES, RESOLUTIONS, SCREEN_FIELDS, STATUSES, STATUS_CATEGORIES, issueTypeById, type IssueTypeDef, type ScreenFieldDef } from "./catalog";
import { intParam, jiraError, listParam, lookupOf, page, pageBean, requireScope, wireOf, type JiraContext, type JiraEnv } from "./http";
import { findIssue, findProject, sandboxNow } from "./lookup";
import { type JiraProject, type JiraVersion } from "./state";
import { componentJson, fieldDefJson, fullUserJson, issueTypeJson, priorityJson, projectJson, projectRefJson, resolutionJson, statusCategoryJson, statusJson, versionJson, type Wire } from "./wire";

const FIELD_BY_ID = new Map(FIELDS.map((f) => [f.id, f]));

/** Jira reports the parent field's type as an issue link, though /field lists no schema for it. */
const PARENT_SCHEMA = { type: "issuelink", system: "parent" };

/**
 * One field of createmeta or editmeta: name, schema, operations, whether it is required, and the
 * values to pick from for project, issue type and priority.
 */
function screenFieldJson(w: Wire, def: ScreenFieldDef, ctx: { create: boolean; project: JiraProject; type: IssueTypeDef }) {
  const field = FIELD_BY_ID.get(def.id)!;
  const required = ctx.create ? def.requiredOnCreate || (def.id === "parent" && ctx.type.subtask) : def.id === "summary";
  const allowedValues =
    def.id === "project"
      ? [projectRefJson(w, ctx.project)]
      : def.id === "issuetype"
        ? [issueTypeJson(w, ctx.type.id)]
        : def.id === "priority"
          ? PRIORITIES.map((p) => priorityJson(w, p.id))
          : undefined;
  return {
    required,
    schema: field.schema ?? PARENT_SCHEMA,
    name: field.name,
    key: field.id,
    ...(ctx.create ? { fieldId: field.id } : {}),
    operations: [...def.operations],
    ...(allowedValues ? { allowedValues } : {}),
    ...(def.id === "priority" ? { hasDefaultValue: true, defaultValue: priorityJson(w, DEFAULT_PRIORITY_ID) } : { hasDefaultValue: false }),
  };
}

/** The issue types a project offers for creation, as createmeta lists them. */
function createMetaTypeJson(w: Wire, type: IssueTypeDef) {
  const { self, id, description, iconUrl, name, subtask, avatarId, hierarchyLevel } = issueTypeJson(w, type.id);
  return { self, id, description, iconUrl, name, subtask, avatarId, hierarchyLevel };
}

/**
 * Jira platform routes for everything around issues: projects and their versions and components,
 * users, fields, statuses, priorities, issue types, resolutions, link types, labels, server info.
 */
export function metaRoutes(store: SandboxStore) {
  const app = new Hono<JiraEnv>();
  const read = requireScope("read:jira-work");
  const readUser = requireScope("read:jira-user");

  const projectOr404 = (c: JiraContext) => {
    const key = c.req.param("projectIdOrKey") ?? "";
    const project = findProject(lookupOf(c, store), key);
    if (!project) return { error: jiraError(c, 404, [`No project could be found with key '${key}'.`]) };
    return { project };
  };

  // ---------- projects ----------

  app.get("/rest/api/3/project/search", read, (c) => {
    const w = wireOf(c, store);
    const query = (c.req.query("query") ?? "").toLowerCase();
    const keys = new Set((listParam(c, "keys") ?? []).map((k) => k.toUpperCase()));
    const ids = new Set(listParam(c, "id") ?? []);
    const expand = new Set(listParam(c, "expand") ?? []);
    const orderBy = c.req.query("orderBy") ?? "key";
    const desc = orderBy.startsWith("-");
    const by = orderBy.replace(/^[-+]/, "");
    const projects = store.state.jira.projects
      .filter((p) => (!query || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query)) && (!keys.size || keys.has(p.key)) && (!ids.size || ids.has(p.id)))
      .sort((a, b) => (by === "name" ? a.name.localeCompare(b.name) : by === "id" ? Number(a.id) - Number(b.id) : a.key.localeCompare(b.key)) * (desc ? -1 : 1));
    const p = page(projects, intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 50), 100));
    const self = `${w.base}/rest/api/3/project/search`;
    return c.json(pageBean(self, p, (project) => projectJson(w, project, expand, false)));
  });
  app.get("/rest/api/3/project", read, (c) => {
    const w = wireOf(c, store);
    const expand = new Set(listParam(c, "expand") ?? []);
    return c.json(store.state.jira.projects.map((p) => projectJson(w, p, expand, false)));
  });
  app.get("/rest/api/3/project/:projectIdOrKey", read, (c) => {
    const { project, error } = projectOr404(c);
    if (error) return error;
    return c.json(projectJson(wireOf(c, store), project, new Set(listParam(c, "expand") ?? []), true));
  });
  app.get("/rest/api/3/project/:projectIdOrKey/versions", read, (c) => {
    const { project, error } = projectOr404(c);
    if (error) return error;
    const w = wireOf(c, store);
    return c.json(store.state.jira.versions.filter((v) => v.projectId === project.id).map((v) => versionJson(w, v)));
  });
  app.get("/rest/api/3/project/:projectIdOrKey/version", read, (c) => {
    const { project, error } = projectOr404(c);
    if (error) return error;
    const w = wireOf(c, store);
    const statuses = new Set(listParam(c, "status") ?? []);
    const query = (c.req.query("query") ?? "").toLowerCase();
    const matchesStatus = (v: JiraVersion) => !statuses.size || (statuses.has("released") && v.released) || (statuses.has("unreleased") && !v.released && !v.archived) || (statuses.has("archived") && v.archived);
    const orderBy = c.req.query("orderBy") ?? "sequence";
    const desc = orderBy.startsWith("-");
    const by = orderBy.replace(/^[-+]/, "");
    const versions = store.state.jira.versions
      .filter((v) => v.projectId === project.id && matchesStatus(v) && (!query || v.name.toLowerCase().includes(query) || v.description.toLowerCase().includes(query)))
      .sort((a, b) => (by === "name" ? a.name.localeCompare(b.name) : by === "releaseDate" ? (a.releaseDate ?? "9999").localeCompare(b.releaseDate ?? "9999") : Number(a.id) - Number(b.id)) * (desc ? -1 : 1));
    const p = page(versions, intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 50), 50));
    const self = `${w.base}/rest/api/3/project/${project.key}/version`;
    return c.json(pageBean(self, p, (v) => versionJson(w, v)));
  });
  app.get("/rest/api/3/version/:id", read, (c) => {
    const v = store.state.jira.versions.find((x) => x.id === c.req.param("id"));
    if (!v) return jiraError(c, 404, [`Could not find version for id '${c.req.param("id")}'`]);
    return c.json(versionJson(wireOf(c, store), v));
  });
  app.get("/rest/api/3/project/:projectIdOrKey/components", read, (c) => {
    const { project, error } = projectOr404(c);
    if (error) return error;
    const w = wireOf(c, store);
    return c.json(project.components.map((comp) => componentJson(w, comp, project)));
  });
  app.get("/rest/api/3/project/:projectIdOrKey/statuses", read, (c) => {
    const { error } = projectOr404(c);
    if (error) return error;
    const w = wireOf(c, store);
    return c.json(
      ISSUE_TYPES.map((t) => ({ self: `${w.base}/rest/api/3/issuetype/${t.id}`, id: t.id, name: t.name, subtask: t.subtask, statuses: STATUSES.map((s) => statusJson(w, s.id)) })),
    );
  });

  // ---------- create and edit metadata ----------

  app.get("/rest/api/3/issue/createmeta/:projectIdOrKey/issuetypes", read, (c) => {
    const { error } = projectOr404(c);
    if (error) return error;
    const w = wireOf(c, store);
    const p = page([...ISSUE_TYPES], intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 50), 200));
    return c.json({ maxResults: p.maxResults, startAt: p.startAt, total: p.total, issueTypes: p.values.map((t) => createMetaTypeJson(w, t)) });
  });
  app.get("/rest/api/3/issue/createmeta/:projectIdOrKey/issuetypes/:issueTypeId", read, (c) => {
    const { project, error } = projectOr404(c);
    if (error) return error;
    const type = issueTypeById(c.req.param("issueTypeId"));
    if (!type) return jiraError(c, 404, [`Issue type with id '${c.req.param("issueTypeId")}' does not exist or is not available in project ${project.key}.`]);
    const w = wireOf(c, store);
    const p = page([...SCREEN_FIELDS], intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 50), 200));
    return c.json({ maxResults: p.maxResults, startAt: p.startAt, total: p.total, fields: p.values.map((def) => screenFieldJson(w, def, { create: true, project, type })) });
  });
  app.get("/rest/api/3/issue/:issueIdOrKey/editmeta", read, (c) => {
    const lookup = lookupOf(c, store);
    const issue = findIssue(lookup, c.req.param("issueIdOrKey"));
    if (!issue) return jiraError(c, 404, ["Issue does not exist or you do not have permission to see it."]);
    const w = wireOf(c, store);
    const ctx = { create: false, project: lookup.projectById.get(issue.projectId)!, type: issueTypeById(issue.issueTypeId)! };
    return c.json({ fields: Object.fromEntries(SCREEN_FIELDS.filter((def) => !def.createOnly).map((def) => [def.id, screenFieldJson(w, def, ctx)])) });
  });

  // ---------- users ----------

  const people = () => store.state.company.people;
  const userOf = (c: JiraContext, person: Person) => fullUserJson(wireOf(c, store), person, new Set(listParam(c, "expand") ?? []));
  const plainUser = (c: JiraContext, person: Person) => {
    const { groups: _g, applicationRoles: _r, expand: _e, ...user } = userOf(c, person);
    return user;
  };

  app.get("/rest/api/3/myself", readUser, (c) => c.json(userOf(c, c.get("person"))));
  app.get("/rest/api/3/user", readUser, (c) => {
    const accountId = c.req.query("accountId");
    if (!accountId) return jiraError(c, 400, ["The query parameter 'accountId' is required."]);
    const person = people().find((p) => p.jiraAccountId === accountId);
    if (!person) return jiraError(c, 404, ["Specified user does not exist or you do not have required permissions"]);
    return c.json(userOf(c, person));
  });
  const allUsers = (c: JiraContext) => {
    const p = page(people(), intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 50), 1000));
    return c.json(p.values.map((person) => plainUser(c, person)));
  };
  app.get("/rest/api/3/users/search", readUser, allUsers);
  app.get("/rest/api/3/users", readUser, allUsers);
  app.get("/rest/api/3/user/search", readUser, (c) => {
    const query = c.req.query("query")?.toLowerCase();
    const accountId = c.req.query("accountId");
    if (!query && !accountId) return jiraError(c, 400, ["One of the query parameters 'query', 'accountId', or 'property' is required."]);
    const matches = people().filter(
      (p) => (!accountId || p.jiraAccountId === accountId) && (!query || p.email.toLowerCase().startsWith(query) || p.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(query)) || p.name.toLowerCase().startsWith(query)),
    );
    const p = page(matches, intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 50), 1000));
    return c.json(p.values.map((person) => plainUser(c, person)));
  });
  app.get("/rest/api/3/user/assignable/search", readUser, (c) => {
    const projectKey = c.req.query("project");
    const issueRef = c.req.query("issueKey") ?? c.req.query("issueId");
    const query = c.req.query("query")?.toLowerCase();
    const lookup = lookupOf(c, store);
    if (!projectKey && !issueRef) return jiraError(c, 400, ["The project, issueKey or issueId parameter is required."]);
    const issue = issueRef ? findIssue(lookup, issueRef) : undefined;
    if (issueRef && !issue) return jiraError(c, 404, [`Issue '${issueRef}' does not exist or you do not have permission to see it.`]);
    const project = issue ? lookup.projectById.get(issue.projectId) : findProject(lookup, projectKey!);
    if (!project) return jiraError(c, 404, [`No project could be found with key '${projectKey}'.`]);
    const team = store.state.company.teams.find((t) => t.id === project.teamId);
    const matches = people().filter((p) => (!team || team.memberIds.includes(p.id)) && (!query || p.name.toLowerCase().includes(query) || p.email.toLowerCase().startsWith(query)));
    const p = page(matches, intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 50), 1000));
    return c.json(p.values.map((person) => plainUser(c, person)));
  });
  app.get("/rest/api/3/user/bulk", readUser, (c) => {
    const ids = new Set(listParam(c, "accountId") ?? []);
    const w = wireOf(c, store);
    const p = page(people().filter((x) => ids.has(x.jiraAccountId)), intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 10), 200));
    return c.json({ self: `${w.base}/rest/api/3/user/bulk`, maxResults: p.maxResults, startAt: p.startAt, total: p.total, isLast: p.isLast, values: p.values.map((person) => plainUser(c, person)) });
  });

  // ---------- site configuration ----------

  app.get("/rest/api/3/field", read, (c) => c.json(FIELDS.map(fieldDefJson)));
  app.get("/rest/api/3/status", read, (c) => {
    const w = wireOf(c, store);
    return c.json(STATUSES.map((s) => statusJson(w, s.id)));
  });
  app.get("/rest/api/3/status/:idOrName", read, (c) => {
    const v = c.req.param("idOrName").toLowerCase();
    const s = STATUSES.find((x) => x.id === v || x.name.toLowerCase() === v);
    if (!s) return jiraError(c, 404, [`The status with id '${c.req.param("idOrName")}' does not exist.`]);
    return c.json(statusJson(wireOf(c, store), s.id));
  });
  app.get("/rest/api/3/statuscategory", read, (c) => {
    const w = wireOf(c, store);
    return c.json(STATUS_CATEGORIES.map((s) => statusCategoryJson(w, s.id)));
  });
  app.get("/rest/api/3/statuscategory/:idOrKey", read, (c) => {
    const v = c.req.param("idOrKey");
    const s = STATUS_CATEGORIES.find((x) => String(x.id) === v || x.key === v);
    if (!s) return jiraError(c, 404, [`The status category with id or key '${v}' does not exist.`]);
    return c.json(statusCategoryJson(wireOf(c, store), s.id));
  });
  app.get("/rest/api/3/priority", read, (c) => {
    const w = wireOf(c, store);
    return c.json(PRIORITIES.map((p) => priorityJson(w, p.id, true)));
  });
  app.get("/rest/api/3/priority/search", read, (c) => {
    const w = wireOf(c, store);
    const ids = new Set(listParam(c, "id") ?? []);
    const p = page(PRIORITIES.filter((x) => !ids.size || ids.has(x.id)), intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 50), 50));
    return c.json({ self: `${w.base}/rest/api/3/priority/search`, maxResults: p.maxResults, startAt: p.startAt, total: p.total, isLast: p.isLast, values: p.values.map((x) => priorityJson(w, x.id, true)) });
  });
  app.get("/rest/api/3/priority/:id", read, (c) => {
    if (!PRIORITIES.some((p) => p.id === c.req.param("id"))) return jiraError(c, 404, [`The priority with ID ${c.req.param("id")} does not exist.`]);
    return c.json(priorityJson(wireOf(c, store), c.req.param("id"), true));
  });
  app.get("/rest/api/3/issuetype", read, (c) => {
    const w = wireOf(c, store);
    return c.json(ISSUE_TYPES.map((t) => issueTypeJson(w, t.id)));
  });
  app.get("/rest/api/3/issuetype/:id", read, (c) => {
    if (!ISSUE_TYPES.some((t) => t.id === c.req.param("id"))) return jiraError(c, 404, ["The issue type with id '" + c.req.param("id") + "' does not exist."]);
    return c.json(issueTypeJson(wireOf(c, store), c.req.param("id")));
  });
  app.get("/rest/api/3/resolution", read, (c) => {
    const w = wireOf(c, store);
    return c.json(RESOLUTIONS.map((r) => resolutionJson(w, r.id)));
  });
  app.get("/rest/api/3/resolution/:id", read, (c) => {
    if (!RESOLUTIONS.some((r) => r.id === c.req.param("id"))) return jiraError(c, 404, [`The resolution with ID ${c.req.param("id")} does not exist.`]);
    return c.json(resolutionJson(wireOf(c, store), c.req.param("id")));
  });
  app.get("/rest/api/3/issueLinkType", read, (c) => {
    const base = wireOf(c, store).base;
    return c.json({ issueLinkTypes: LINK_TYPES.map((t) => ({ id: t.id, name: t.name, inward: t.inward, outward: t.outward, self: `${base}/rest/api/3/issueLinkType/${t.id}` })) });
  });
  app.get("/rest/api/3/label", read, (c) => {
    const labels = [...new Set(store.state.jira.issues.flatMap((i) => i.labels))].sort();
    const p = page(labels, intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 1000), 1000));
    return c.json({ maxResults: p.maxResults, startAt: p.startAt, total: p.total, isLast: p.isLast, values: p.values });
  });
  app.get("/rest/api/3/serverInfo", (c) => {
    // The site's clock: the sandbox's logical now, which every write moves on.
    const now = sandboxNow(store.state).toISOString().replace(/Z$/, "+0000");
    return c.json({
      baseUrl: webBases(requestOrigin(c)).jira,
      displayUrl: webBases(requestOrigin(c)).jira,
      version: "1001.0.0-SNAPSHOT",
      versionNumbers: [1001, 0, 0],
      deploymentType: "Cloud",
      buildNumber: 100296,
      buildDate: "2026-11-18T04:12:07.000+0000",
      serverTime: now,
      scmInfo: "2f9b0f1c6e0a4c5b9a7d3e1f8c2b4a6d5e7f9a1b",
      serverTitle: "Jira",
      defaultLocale: { locale: "en_US" },
      serverTimeZone: "Etc/UTC",
    });
  });

  return app;
}
