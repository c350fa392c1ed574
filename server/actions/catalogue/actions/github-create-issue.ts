import { z } from "zod";
import { type ActionDefinition, type DiffField, type GithubRepositoryState, type ValidationIssue } from "../types";
import { GITHUB_BODY_LIMIT, repoSchema } from "./github-comment-on-pull-request";

export const githubCreateIssueInput = z.object({
  repo: repoSchema,
  title: z.string().trim().min(1, { error: "Write a title." }).max(256, { error: "Keep the title under 256 characters." }),
  /** GitHub-flavoured Markdown. */
  body: z.string().max(GITHUB_BODY_LIMIT, { error: "GitHub issue bodies hold at most 65,536 characters. Shorten it." }).optional(),
  labels: z.array(z.string().trim().min(1)).optional(),
  assignees: z.array(z.string().trim().min(1)).max(10, { error: "GitHub allows at most 10 assignees." }).optional(),
});

export type GithubCreateIssueInput = z.infer<typeof githubCreateIssueInput>;

/** What GitHub returns for a created issue. */
export interface GithubCreateIssueResult {
  number: number;
  url: string;
}

export const githubCreateIssue: ActionDefinition<GithubCreateIssueInput, GithubRepositoryState, GithubCreateIssueResult> = {
  kind: "github.createIssue",
  tool: "GITHUB",
  label: "Create GitHub issue",
  inputSchema: githubCreateIssueInput,
  describe: (input) => `Open an issue in ${input.repo}: ${input.title}`,
  validate(input, state) {
    const repo = state.repository;
    if (!repo) return [{ path: "repo", message: `${input.repo} was not found, or the GitHub connection cannot see it. Check the name.` }];
    if (repo.archived) return [{ path: "repo", message: `${repo.fullName} is archived and read-only. Pick an active repository.` }];
    if (!repo.hasIssues) return [{ path: "repo", message: `Issues are turned off for ${repo.fullName}. Turn them on in the repository settings, or pick another repository.` }];
    const issues: ValidationIssue[] = [];
    for (const [i, login] of (input.assignees ?? []).entries()) {
      if (!state.assignableLogins.includes(login)) {
        issues.push({ path: `assignees.${i}`, message: `@${login} cannot be assigned in ${repo.fullName} (not a collaborator). Remove them or pick a collaborator.` });
      }
    }
    return issues;
  },
  preview(input) {
    const fields: DiffField[] = [
      { field: "title", label: "Title", before: null, after: input.title },
      { field: "body", label: "Body", before: null, after: input.body ?? "" },
    ];
    if (input.labels?.length) fields.push({ field: "labels", label: "Labels", before: null, after: input.labels });
    if (input.assignees?.length) fields.push({ field: "assignees", label: "Assignees", before: null, after: input.assignees });
    return { type: "diff", fields };
  },
  inverse(input, _before, result) {
    // The API cannot delete issues, and closing one is not in the catalogue.
    return {
      irreversible: true,
      reason: `GitHub does not let apps delete issues. If ${input.repo}#${result.number} is unwanted, close it as "not planned" on GitHub: ${result.url}`,
    };
  },
};
