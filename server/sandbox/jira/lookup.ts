import { type Person, type SandboxState } from "../core/types";
import { type JiraBoard, type JiraIssue, type JiraIssueLink, type JiraProject, type JiraSprint, type JiraVersion } from "./state";

/**
 * Lookup tables over the Jira state, built per request. The state is mutated in place by writes
 * and replaced wholesale by restore, so nothing here is cached across requests; building the maps
 * for 10,000 issues takes a few milliseconds.
 */
export interface JiraLookup {
  state: SandboxState;
  issueById: Map<string, JiraIssue>;
  issueByKey: Map<string, JiraIssue>;
  projectById: Map<string, JiraProject>;
  projectByKey: Map<string, JiraProject>;
  sprintById: Map<number, JiraSprint>;
  versionById: Map<string, JiraVersion>;
  boardById: Map<number, JiraBoard>;
  personByAccountId: Map<string, Person>;
  /** Links touching each issue id (either end). */
  linksByIssue: Map<string, JiraIssueLink[]>;
  /** Direct children (epic children and subtasks) of each issue id. */
  childrenByParent: Map<string, JiraIssue[]>;
}

export function buildLookup(state: SandboxState): JiraLookup {
  const jira = state.jira;
  const issueById = new Map<string, JiraIssue>();
  const issueByKey = new Map<string, JiraIssue>();
  const childrenByParent = new Map<string, JiraIssue[]>();
  for (const issue of jira.issues) {
    issueById.set(issue.id, issue);
    issueByKey.set(issue.key.toUpperCase(), issue);
    if (issue.parentId) {
      const list = childrenByParent.get(issue.parentId);
      if (list) list.push(issue);
      else childrenByParent.set(issue.parentId, [issue]);
    }
  }
  const linksByIssue = new Map<string, JiraIssueLink[]>();
  for (const link of jira.links) {
    for (const id of [link.sourceId, link.targetId]) {
      const list = linksByIssue.get(id);
      if (list) list.push(link);
      else linksByIssue.set(id, [link]);
    }
  }
  return {
    state,
    issueById,
    issueByKey,
    projectById: new Map(jira.projects.map((p) => [p.id, p])),
    projectByKey: new Map(jira.projects.map((p) => [p.key.toUpperCase(), p])),
    sprintById: new Map(jira.sprints.map((s) => [s.id, s])),
    versionById: new Map(jira.versions.map((v) => [v.id, v])),
    boardById: new Map(jira.boards.map((b) => [b.id, b])),
    personByAccountId: new Map(state.company.people.map((p) => [p.jiraAccountId, p])),
    linksByIssue,
    childrenByParent,
  };
}

/** An issue by id or key (case-insensitive), as Jira resolves `issueIdOrKey`. */
export function findIssue(lookup: JiraLookup, idOrKey: string): JiraIssue | undefined {
  return lookup.issueById.get(idOrKey) ?? lookup.issueByKey.get(idOrKey.toUpperCase());
}

/** A project by id or key (case-insensitive). */
export function findProject(lookup: JiraLookup, idOrKey: string): JiraProject | undefined {
  return lookup.projectById.get(idOrKey) ?? lookup.projectByKey.get(idOrKey.toUpperCase());
}

/** The logical "now" inside the sandbox: the company's now, advanced by every write's tick. */
export function sandboxNow(state: SandboxState): Date {
  return new Date(new Date(state.company.now).getTime() + (state.counters.clock ?? 0) * 1000);
}
