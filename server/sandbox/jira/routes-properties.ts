import { Hono } from "hono";
import { type SandboxStore } from "../core/store";
import { BadRequest, lookupOf, requireScope, wireOf, type JiraContext, type JiraEnv } from "./http";
import { findIssue } from "./lookup";
import { JiraRequestError } from "./mutations";
import { checkProperty, type PropertyHolder } from "./properties";
import { type JiraComment, type JiraIssue } from "./state";

/**
 * Issue and comment entity properties one by one: list keys, get, set (201 when new, 200 when
 * replaced) and delete, under /issue/{issueIdOrKey}/properties and /comment/{commentId}/properties.
 * Properties are not fields: none of these moves the issue's `updated` or writes its changelog.
 */
export function propertyRoutes(store: SandboxStore) {
  const app = new Hono<JiraEnv>();
  const read = requireScope("read:jira-work");
  const write = requireScope("write:jira-work");

  const issueOr404 = (c: JiraContext): JiraIssue => {
    const issue = findIssue(lookupOf(c, store), c.req.param("issueIdOrKey") ?? "");
    if (!issue) throw new JiraRequestError(404, ["Issue does not exist or you do not have permission to see it."]);
    return issue;
  };
  const commentOr404 = (c: JiraContext): JiraComment => {
    const id = c.req.param("commentId") ?? "";
    for (const issue of store.state.jira.issues) {
      const comment = issue.comments.find((x) => x.id === id);
      if (comment) return comment;
    }
    throw new JiraRequestError(404, [`Can not find a comment for the id: ${id}.`]);
  };

  /** A property's value is any non-empty JSON document (not only objects). */
  const valueOf = async (c: JiraContext): Promise<unknown> => {
    const text = await c.req.text();
    if (!text.trim()) throw new BadRequest("The property value must be a valid, non-empty JSON value.");
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new BadRequest("The property value must be a valid, non-empty JSON value.");
    }
  };

  const routes = (path: string, holderOf: (c: JiraContext) => PropertyHolder) => {
    app.get(path, read, (c) => {
      const holder = holderOf(c);
      const self = `${wireOf(c, store).base}${c.req.path.replace(/^\/ex\/jira\/[^/]+/, "")}`;
      return c.json({ keys: Object.keys(holder.properties ?? {}).map((key) => ({ self: `${self}/${encodeURIComponent(key)}`, key })) });
    });
    app.get(`${path}/:propertyKey`, read, (c) => {
      const holder = holderOf(c);
      const key = c.req.param("propertyKey");
      if (!holder.properties || !(key in holder.properties)) throw new JiraRequestError(404, [`The property with key '${key}' does not exist.`]);
      return c.json({ key, value: holder.properties[key] });
    });
    app.put(`${path}/:propertyKey`, write, async (c) => {
      const holder = holderOf(c);
      const key = c.req.param("propertyKey");
      const value = await valueOf(c);
      checkProperty(key, value);
      const existed = Boolean(holder.properties && key in holder.properties);
      holder.properties = { ...holder.properties, [key]: value };
      return c.body(null, existed ? 200 : 201);
    });
    app.delete(`${path}/:propertyKey`, write, (c) => {
      const holder = holderOf(c);
      const key = c.req.param("propertyKey");
      if (!holder.properties || !(key in holder.properties)) throw new JiraRequestError(404, [`The property with key '${key}' does not exist.`]);
      const { [key]: _removed, ...rest } = holder.properties;
      holder.properties = rest;
      return c.body(null, 204);
    });
  };
  routes("/rest/api/3/issue/:issueIdOrKey/properties", issueOr404);
  routes("/rest/api/3/comment/:commentId/properties", commentOr404);

  return app;
}
