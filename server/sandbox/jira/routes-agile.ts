import { Hono } from "hono";
import { type SandboxStore } from "../core/store";
import { CF, STATUSES, statusCategoryKey } from "./catalog";
import { change } from "./changelog";
import { BadRequest, intParam, jiraError, jsonBody, listParam, listValue, lookupOf, page, requireScope, wireOf, type JiraContext, type JiraEnv } from "./http";
import { findIssue } from "./lookup";
import { JiraRequestError, issuesByRefs, moveIssuesToSprint, rankByRequest, recordChange, type RankRequest } from "./mutations";
import { searchIssues, searchPage, type SearchOptions } from "./search";
import { type JiraBoard, type JiraIssue, type JiraSprint } from "./state";
import { agileSprintJson, boardJson, epicJson, issueJson, selectFields } from "./wire";

/**
 * The Jira Software API: boards, sprints, backlogs and epics under /rest/agile/1.0 (startAt
 * pagination), and the token-paginated issue lists under /rest/software/1.0 that jira.js 6 calls.
 * Boards hold their project's issues except epics; the backlog holds unfinished issues in no open
 * sprint (subtasks travel with their parents).
 */
const rankRequest = (body: Record<string, unknown>): RankRequest => ({
  ...(typeof body.rankBeforeIssue === "string" ? { rankBeforeIssue: body.rankBeforeIssue } : {}),
  ...(typeof body.rankAfterIssue === "string" ? { rankAfterIssue: body.rankAfterIssue } : {}),
});

export function agileRoutes(store: SandboxStore) {
  const app = new Hono<JiraEnv>();
  const read = requireScope("read:jira-work");
  const write = requireScope("write:jira-work");

  const boardOr404 = (c: JiraContext): JiraBoard => {
    const board = lookupOf(c, store).boardById.get(Number(c.req.param("boardId")));
    if (!board) throw new JiraRequestError(404, ["Board does not exist or you do not have permission to see it."]);
    return board;
  };
  const sprintOr404 = (c: JiraContext): JiraSprint => {
    const sprint = lookupOf(c, store).sprintById.get(Number(c.req.param("sprintId")));
    if (!sprint) throw new JiraRequestError(404, [`Sprint with id ${c.req.param("sprintId")} does not exist or you do not have permission to see it.`]);
    return sprint;
  };
  const epicOr404 = (c: JiraContext): JiraIssue => {
    const epic = findIssue(lookupOf(c, store), c.req.param("epicIdOrKey") ?? c.req.param("epicId") ?? "");
    if (!epic || epic.issueTypeId !== "10000") throw new JiraRequestError(404, [`Epic does not exist or you do not have permission to see it.`]);
    return epic;
  };

  const onBoard = (board: JiraBoard) => (i: JiraIssue) => i.projectId === board.projectId && i.issueTypeId !== "10000";
  const inOpenSprint = (c: JiraContext, i: JiraIssue) => i.sprintIds.some((id) => lookupOf(c, store).sprintById.get(id)?.state !== "closed");
  const inBacklog = (c: JiraContext, board: JiraBoard) => (i: JiraIssue) => onBoard(board)(i) && i.issueTypeId !== "10003" && statusCategoryKey(i.statusId) !== "done" && !inOpenSprint(c, i);
  const epicOf = (c: JiraContext, i: JiraIssue) => {
    const parent = i.parentId ? lookupOf(c, store).issueById.get(i.parentId) : undefined;
    return parent?.issueTypeId === "10000" ? parent : undefined;
  };

  /** Legacy /rest/agile/1.0 issue lists: startAt, maxResults and total. */
  const legacyList = (c: JiraContext, scope: (i: JiraIssue) => boolean) => {
    const issues = searchIssues(c, store, c.req.query("jql") ?? "", { scope, requireBounded: false, agile: true });
    const p = page(issues, intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 50), 100));
    const w = wireOf(c, store);
    const fields = selectFields(listParam(c, "fields"), "navigable");
    const expand = new Set(listParam(c, "expand") ?? []);
    return c.json({ expand: "schema,names", startAt: p.startAt, maxResults: p.maxResults, total: p.total, issues: p.values.map((i) => issueJson(w, i, { fields, expand, agile: true })) });
  };

  /** Software 1.0 issue lists: nextPageToken pagination. */
  const tokenList = (c: JiraContext, scope: (i: JiraIssue) => boolean) => {
    const opts: SearchOptions = { scope, requireBounded: false, defaultFields: "navigable", agile: true };
    return c.json(
      searchPage(c, store, { jql: c.req.query("jql") ?? "", nextPageToken: c.req.query("nextPageToken"), maxResults: intParam(c, "maxResults", 50), fields: listParam(c, "fields"), expand: listParam(c, "expand") }, opts),
    );
  };
  const countOf = (c: JiraContext, scope: (i: JiraIssue) => boolean) => c.json({ count: searchIssues(c, store, c.req.query("jql") ?? "", { scope, requireBounded: false, agile: true }).length });

  // ---------- boards ----------

  app.get("/rest/agile/1.0/board", read, (c) => {
    const w = wireOf(c, store);
    const type = listParam(c, "type");
    const name = c.req.query("name")?.toLowerCase();
    const projectRef = c.req.query("projectKeyOrId")?.toUpperCase();
    const boards = store.state.jira.boards.filter((b) => {
      const project = lookupOf(c, store).projectById.get(b.projectId)!;
      return (!type || type.includes(b.type)) && (!name || b.name.toLowerCase().includes(name)) && (!projectRef || project.key === projectRef || project.id === projectRef);
    });
    const p = page(boards, intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 50), 50));
    return c.json({ maxResults: p.maxResults, startAt: p.startAt, total: p.total, isLast: p.isLast, values: p.values.map((b) => boardJson(w, b)) });
  });
  app.get("/rest/agile/1.0/board/:boardId", read, (c) => c.json(boardJson(wireOf(c, store), boardOr404(c))));
  app.get("/rest/agile/1.0/board/:boardId/configuration", read, (c) => {
    const board = boardOr404(c);
    const w = wireOf(c, store);
    const project = lookupOf(c, store).projectById.get(board.projectId)!;
    const column = (name: string, ids: string[]) => ({ name, statuses: ids.map((id) => ({ id, self: `${w.base}/rest/api/3/status/${id}` })) });
    return c.json({
      id: board.id,
      name: board.name,
      type: board.type,
      self: `${w.base}/rest/agile/1.0/board/${board.id}/configuration`,
      location: { type: "project", key: project.key, id: project.id, self: `${w.base}/rest/api/3/project/${project.id}`, name: project.name },
      filter: { id: String(10000 + board.id), self: `${w.base}/rest/api/3/filter/${10000 + board.id}` },
      columnConfig: { columns: STATUSES.map((s) => column(s.name, [s.id])), constraintType: "none" },
      estimation: { type: "field", field: { fieldId: CF.storyPoints, displayName: "Story point estimate" } },
      ranking: { rankCustomFieldId: Number(CF.rank.slice(12)) },
    });
  });
  app.get("/rest/agile/1.0/board/:boardId/sprint", read, (c) => {
    const board = boardOr404(c);
    const states = listParam(c, "state");
    const sprints = store.state.jira.sprints.filter((s) => s.boardId === board.id && (!states || states.includes(s.state)));
    const p = page(sprints, intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 50), 50));
    const w = wireOf(c, store);
    return c.json({ maxResults: p.maxResults, startAt: p.startAt, isLast: p.isLast, values: p.values.map((s) => agileSprintJson(w, s)) });
  });
  app.get("/rest/agile/1.0/board/:boardId/epic", read, (c) => {
    const board = boardOr404(c);
    const done = c.req.query("done");
    const epics = store.state.jira.issues.filter((i) => i.projectId === board.projectId && i.issueTypeId === "10000" && (done === undefined || (statusCategoryKey(i.statusId) === "done") === (done === "true")));
    const p = page(epics, intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 50), 50));
    const w = wireOf(c, store);
    return c.json({ maxResults: p.maxResults, startAt: p.startAt, isLast: p.isLast, values: p.values.map((e) => epicJson(w, e)) });
  });
  app.get("/rest/agile/1.0/board/:boardId/version", read, (c) => {
    const board = boardOr404(c);
    const released = c.req.query("released");
    const versions = store.state.jira.versions.filter((v) => v.projectId === board.projectId && (released === undefined || v.released === (released === "true")));
    const p = page(versions, intParam(c, "startAt", 0), Math.min(intParam(c, "maxResults", 50), 50));
    const base = wireOf(c, store).base;
    return c.json({
      maxResults: p.maxResults,
      startAt: p.startAt,
      isLast: p.isLast,
      values: p.values.map((v) => ({ self: `${base}/rest/agile/1.0/version/${v.id}`, id: Number(v.id), projectId: Number(v.projectId), name: v.name, description: v.description, archived: v.archived, released: v.released, ...(v.releaseDate ? { releaseDate: `${v.releaseDate}T00:00:00.000Z` } : {}) })),
    });
  });

  app.get("/rest/agile/1.0/board/:boardId/issue", read, (c) => legacyList(c, onBoard(boardOr404(c))));
  app.get("/rest/agile/1.0/board/:boardId/backlog", read, (c) => legacyList(c, inBacklog(c, boardOr404(c))));
  app.get("/rest/agile/1.0/board/:boardId/sprint/:sprintId/issue", read, (c) => {
    const board = boardOr404(c);
    const sprint = sprintOr404(c);
    return legacyList(c, (i) => onBoard(board)(i) && i.sprintIds.includes(sprint.id));
  });
  app.get("/rest/agile/1.0/board/:boardId/epic/none/issue", read, (c) => {
    const board = boardOr404(c);
    return legacyList(c, (i) => onBoard(board)(i) && !epicOf(c, i));
  });
  app.get("/rest/agile/1.0/board/:boardId/epic/:epicId/issue", read, (c) => {
    const board = boardOr404(c);
    const epic = epicOr404(c);
    return legacyList(c, (i) => onBoard(board)(i) && i.parentId === epic.id);
  });

  app.get("/rest/software/1.0/board/:boardId/issue", read, (c) => tokenList(c, onBoard(boardOr404(c))));
  app.get("/rest/software/1.0/board/:boardId/issue/approximate-count", read, (c) => countOf(c, onBoard(boardOr404(c))));
  app.get("/rest/software/1.0/board/:boardId/backlog", read, (c) => tokenList(c, inBacklog(c, boardOr404(c))));
  app.get("/rest/software/1.0/board/:boardId/backlog/approximate-count", read, (c) => countOf(c, inBacklog(c, boardOr404(c))));
  app.get("/rest/software/1.0/board/:boardId/sprint/:sprintId/issue", read, (c) => {
    const board = boardOr404(c);
    const sprint = sprintOr404(c);
    return tokenList(c, (i) => onBoard(board)(i) && i.sprintIds.includes(sprint.id));
  });
  app.get("/rest/software/1.0/board/:boardId/epic/none/issue", read, (c) => {
    const board = boardOr404(c);
    return tokenList(c, (i) => onBoard(board)(i) && !epicOf(c, i));
  });
  app.get("/rest/software/1.0/board/:boardId/epic/:epicId/issue", read, (c) => {
    const board = boardOr404(c);
    const epic = epicOr404(c);
    return tokenList(c, (i) => onBoard(board)(i) && i.parentId === epic.id);
  });

  // ---------- sprints ----------

  app.get("/rest/agile/1.0/sprint/:sprintId", read, (c) => c.json(agileSprintJson(wireOf(c, store), sprintOr404(c))));
  app.get("/rest/agile/1.0/sprint/:sprintId/issue", read, (c) => {
    const sprint = sprintOr404(c);
    return legacyList(c, (i) => i.sprintIds.includes(sprint.id));
  });
  app.get("/rest/software/1.0/sprint/:sprintId/issue", read, (c) => {
    const sprint = sprintOr404(c);
    return tokenList(c, (i) => i.sprintIds.includes(sprint.id));
  });
  app.post("/rest/agile/1.0/sprint/:sprintId/issue", write, async (c) => {
    const sprint = sprintOr404(c);
    const body = await jsonBody(c);
    const issues = listValue(body.issues) ?? [];
    if (!issues.length) throw new BadRequest("The 'issues' field must list at least one issue.");
    moveIssuesToSprint(store, lookupOf(c, store), issues, sprint, c.get("person").jiraAccountId, rankRequest(body));
    return c.body(null, 204);
  });
  const toBacklog = async (c: JiraContext, board: JiraBoard | null) => {
    const body = await jsonBody(c);
    const refs = listValue(body.issues) ?? [];
    if (!refs.length) throw new BadRequest("The 'issues' field must list at least one issue.");
    const lookup = lookupOf(c, store);
    if (board && refs.some((r) => findIssue(lookup, r)?.projectId !== board.projectId)) throw new JiraRequestError(400, ["Issues can only be moved to the backlog of the board they are on."]);
    moveIssuesToSprint(store, lookup, refs, null, c.get("person").jiraAccountId, rankRequest(body));
    return c.body(null, 204);
  };
  app.put("/rest/agile/1.0/issue/rank", write, async (c) => {
    const body = await jsonBody(c);
    const request = rankRequest(body);
    if (!request.rankBeforeIssue && !request.rankAfterIssue) throw new BadRequest("Specify rankBeforeIssue or rankAfterIssue.");
    const lookup = lookupOf(c, store);
    rankByRequest(store, lookup, issuesByRefs(lookup, listValue(body.issues) ?? []), request);
    return c.body(null, 204);
  });
  app.post("/rest/agile/1.0/backlog/issue", write, (c) => toBacklog(c, null));
  app.post("/rest/agile/1.0/backlog/:boardId/issue", write, (c) => toBacklog(c, boardOr404(c)));

  // ---------- epics and issues ----------

  app.get("/rest/agile/1.0/epic/:epicIdOrKey", read, (c) => c.json(epicJson(wireOf(c, store), epicOr404(c))));
  app.get("/rest/agile/1.0/epic/:epicIdOrKey/issue", read, (c) => {
    const epic = epicOr404(c);
    return legacyList(c, (i) => i.parentId === epic.id);
  });
  app.get("/rest/software/1.0/epic/:epicIdOrKey/issue", read, (c) => {
    const epic = epicOr404(c);
    return tokenList(c, (i) => i.parentId === epic.id);
  });
  app.get("/rest/software/1.0/epic/none/issue", read, (c) => tokenList(c, (i) => i.issueTypeId !== "10000" && i.issueTypeId !== "10003" && !epicOf(c, i)));

  app.get("/rest/agile/1.0/issue/:issueIdOrKey", read, (c) => {
    const issue = findIssue(lookupOf(c, store), c.req.param("issueIdOrKey"));
    if (!issue) return jiraError(c, 404, ["Issue does not exist or you do not have permission to see it."]);
    return c.json(issueJson(wireOf(c, store), issue, { fields: selectFields(listParam(c, "fields"), "navigable"), expand: new Set(listParam(c, "expand") ?? []), agile: true }));
  });
  app.get("/rest/agile/1.0/issue/:issueIdOrKey/estimation", read, (c) => {
    const issue = findIssue(lookupOf(c, store), c.req.param("issueIdOrKey"));
    if (!issue) return jiraError(c, 404, ["Issue does not exist or you do not have permission to see it."]);
    return c.json({ fieldId: CF.storyPoints, value: issue.storyPoints ?? undefined });
  });
  app.put("/rest/agile/1.0/issue/:issueIdOrKey/estimation", write, async (c) => {
    const issue = findIssue(lookupOf(c, store), c.req.param("issueIdOrKey"));
    if (!issue) return jiraError(c, 404, ["Issue does not exist or you do not have permission to see it."]);
    const body = await jsonBody(c);
    const value = body.value === null || body.value === "" || body.value === undefined ? null : Number(body.value);
    if (value !== null && !Number.isFinite(value)) return jiraError(c, 400, ["The estimation value must be a number."]);
    if (value !== issue.storyPoints) {
      recordChange(store, issue, c.get("person").jiraAccountId, [change.storyPoints(issue.storyPoints, value)]);
      issue.storyPoints = value;
    }
    return c.json({ fieldId: CF.storyPoints, value: value ?? undefined });
  });

  return app;
}
