import { type Rng } from "../core/rng";
import { patchLines } from "./patch";
import { APPROVAL_BODIES, CHANGES_REQUESTED_BODIES, COMMENTED_BODIES, PR_CONVERSATION, REVIEW_COMMENTS, REVIEW_REPLIES, STALE_PINGS } from "./seed-text";
import { between, DAY, fill, HOUR, isoSeconds, sha } from "./seed-util";
import {
  type GithubCommit,
  type GithubFileChange,
  type GithubIssueComment,
  type GithubPull,
  type GithubReview,
  type GithubReviewComment,
  type GithubReviewState,
} from "./state";

/**
 * Where a pull request stands at the sandbox's "now", which decides its reviews and timeline:
 * merged / closed unmerged, or open and stale (no review for a week or more), with changes
 * requested, approved, commented on, freshly opened, or a draft.
 */
export type PullKind = "merged" | "closed" | "stale" | "changes" | "approved" | "commented" | "fresh" | "draft";

/** A pull request with everything hanging off it. Numbers are 0 until the repository numbers its items. */
export interface PullBundle {
  pull: GithubPull;
  commits: GithubCommit[];
  reviews: GithubReview[];
  reviewComments: GithubReviewComment[];
  comments: GithubIssueComment[];
  /** Commit times (ms), parallel to `commits`. */
  commitTimes: number[];
}

export interface SeedIds {
  pull: (ms: number) => number;
  issue: (ms: number) => number;
  review: (ms: number) => number;
  reviewComment: (ms: number) => number;
  issueComment: (ms: number) => number;
}

export interface PullInput {
  rng: Rng;
  ids: SeedIds;
  repoId: number;
  repoName: string;
  kind: PullKind;
  createdMs: number;
  /** Merge or close time for closed kinds; the sandbox's now for open ones. */
  endMs: number;
  nowMs: number;
  authorLogin: string;
  reviewerLogins: string[];
  title: string;
  body: string;
  headRef: string;
  files: GithubFileChange[];
  labelIds: number[];
  jiraKey: string | null;
  /** First commit message (defaults to the title). */
  firstCommitMessage?: string;
  /** Dependency bumps: at most a bare approval, no review threads or chatter. */
  quiet?: boolean;
}

const FOLLOW_UP_COMMITS = ["Add tests", "Fix lint", "Handle the empty case", "Rename per discussion", "Tidy up logging"];

/** Builds one pull request with commits, reviews, review threads and conversation, in a consistent timeline. */
export function buildPull(input: PullInput): PullBundle {
  const { rng, ids, kind, createdMs, endMs, nowMs, authorLogin } = input;
  const [reviewer, secondReviewer] = input.reviewerLogins;
  const closed = kind === "merged" || kind === "closed";
  const span = Math.max(HOUR, (closed ? endMs : nowMs) - createdMs);
  const at = (fraction: number) => Math.min(createdMs + Math.floor(span * fraction), closed ? endMs - 60_000 : nowMs - 60_000);

  // Commits: the branch's work before the pull request opens; a fix after review if one is needed.
  const wantsFix = !input.quiet && (kind === "merged" || kind === "approved") && rng.datatype.boolean({ probability: 0.45 });
  const nCommits = Math.max(1, Math.min(input.files.length, rng.number.int({ min: 1, max: kind === "draft" || kind === "fresh" ? 2 : 3 })));
  const commitTimes = Array.from({ length: nCommits }, (_, i) => createdMs - (nCommits - i) * between(rng, 20 * 60_000, 5 * HOUR));
  const fixMs = at(0.55);
  if (wantsFix && nCommits > 1) commitTimes[nCommits - 1] = fixMs;
  const commits: GithubCommit[] = commitTimes.map((ms, i) => ({
    sha: sha(rng),
    repoId: input.repoId,
    message:
      i === 0
        ? (input.firstCommitMessage ?? input.title)
        : wantsFix && i === nCommits - 1
          ? "Address review comments"
          : rng.helpers.arrayElement(FOLLOW_UP_COMMITS),
    authorLogin,
    committerLogin: authorLogin,
    authoredAt: isoSeconds(ms),
    committedAt: isoSeconds(ms),
    parents: [],
    treeSha: sha(rng),
    files: input.files.filter((_, f) => f % nCommits === i),
    verified: false,
  }));
  const commitAt = (ms: number) => {
    let found = commits[0]!;
    commitTimes.forEach((t, i) => {
      if (t <= ms) found = commits[i]!;
    });
    return found.sha;
  };

  const reviews: GithubReview[] = [];
  const reviewComments: GithubReviewComment[] = [];
  const comments: GithubIssueComment[] = [];
  const bank = [...(REVIEW_COMMENTS[input.repoName] ?? []), ...(REVIEW_COMMENTS.shared ?? [])];
  const anchors = input.files.flatMap((file) => (file.patch ? patchLines(file.patch).map((line) => ({ file, line })) : []));
  const commentable = anchors.filter((a) => a.line.kind !== "context" || rng.datatype.boolean({ probability: 0.2 }));
  const values = { key: input.jiraKey ?? "a follow-up ticket", ident: "value" };

  const review = (login: string, state: GithubReviewState, body: string, ms: number, threads: number): GithubReviewComment[] => {
    const id = ids.review(ms);
    const commitId = commitAt(ms);
    reviews.push({ id, repoId: input.repoId, pullNumber: 0, authorLogin: login, state, body, commitId, submittedAt: isoSeconds(ms) });
    const roots: GithubReviewComment[] = [];
    for (const anchor of rng.helpers.arrayElements(commentable, Math.min(threads, commentable.length))) {
      const side = anchor.line.kind === "removed" ? "LEFT" : "RIGHT";
      const comment: GithubReviewComment = {
        id: ids.reviewComment(ms),
        repoId: input.repoId,
        pullNumber: 0,
        reviewId: id,
        authorLogin: login,
        body: fill(rng.helpers.arrayElement(bank), values),
        path: anchor.file.filename,
        line: (side === "LEFT" ? anchor.line.oldLine : anchor.line.newLine) ?? 1,
        side,
        position: anchor.line.position,
        diffHunk: anchor.line.diffHunk,
        commitId,
        originalCommitId: commitId,
        inReplyToId: null,
        createdAt: isoSeconds(ms),
        updatedAt: isoSeconds(ms),
      };
      reviewComments.push(comment);
      roots.push(comment);
    }
    return roots;
  };

  // The author answers review threads in one batch, which GitHub records as a COMMENTED review of theirs.
  const reply = (roots: GithubReviewComment[], ms: number, fixSha: string | null) => {
    if (!roots.length) return;
    const id = ids.review(ms);
    const commitId = commitAt(ms);
    reviews.push({ id, repoId: input.repoId, pullNumber: 0, authorLogin, state: "COMMENTED", body: "", commitId, submittedAt: isoSeconds(ms) });
    const pool = fixSha ? REVIEW_REPLIES : REVIEW_REPLIES.filter((r) => !r.includes("{sha}"));
    for (const root of roots) {
      reviewComments.push({
        ...root,
        id: ids.reviewComment(ms),
        reviewId: id,
        authorLogin,
        body: fill(rng.helpers.arrayElement(pool), { ...values, sha: fixSha?.slice(0, 7) ?? "" }),
        inReplyToId: root.id,
        commitId,
        createdAt: isoSeconds(ms),
        updatedAt: isoSeconds(ms),
      });
    }
  };

  const fixSha = wantsFix && nCommits > 1 ? commits[nCommits - 1]!.sha : null;
  if (input.quiet && reviewer && kind === "merged") review(reviewer, "APPROVED", "", at(0.6), 0);
  if (!input.quiet && reviewer) {
    switch (kind) {
      case "merged": {
        const firstState = rng.helpers.weightedArrayElement<GithubReviewState>([
          ...(wantsFix ? [] : [{ value: "APPROVED" as const, weight: 6 }]),
          { value: "CHANGES_REQUESTED", weight: 2 },
          { value: "COMMENTED", weight: 3 },
        ]);
        if (firstState === "APPROVED") {
          review(reviewer, "APPROVED", rng.helpers.arrayElement(APPROVAL_BODIES), at(0.4), rng.number.int({ min: 0, max: 1 }));
        } else {
          const body = firstState === "CHANGES_REQUESTED" ? rng.helpers.arrayElement(CHANGES_REQUESTED_BODIES) : rng.helpers.arrayElement(COMMENTED_BODIES);
          const roots = review(reviewer, firstState, body, at(0.3), rng.number.int({ min: 1, max: 3 }));
          reply(roots, at(0.45), fixSha);
          review(reviewer, "APPROVED", rng.helpers.arrayElement(APPROVAL_BODIES), at(0.75), 0);
        }
        if (secondReviewer && rng.datatype.boolean({ probability: 0.5 })) {
          review(secondReviewer, rng.datatype.boolean({ probability: 0.7 }) ? "APPROVED" : "COMMENTED", rng.helpers.arrayElement(APPROVAL_BODIES), at(0.85), rng.number.int({ min: 0, max: 1 }));
        }
        break;
      }
      case "closed":
        if (rng.datatype.boolean({ probability: 0.5 })) review(reviewer, "COMMENTED", rng.helpers.arrayElement(COMMENTED_BODIES), at(0.4), 1);
        break;
      case "changes": {
        if (secondReviewer && rng.datatype.boolean({ probability: 0.3 })) review(secondReviewer, "COMMENTED", rng.helpers.arrayElement(COMMENTED_BODIES), at(0.2), 1);
        const roots = review(reviewer, "CHANGES_REQUESTED", rng.helpers.arrayElement(CHANGES_REQUESTED_BODIES), at(rng.number.float({ min: 0.25, max: 0.6 })), rng.number.int({ min: 1, max: 3 }));
        if (rng.datatype.boolean({ probability: 0.5 })) reply(roots.slice(0, 1), at(0.8), null);
        break;
      }
      case "approved": {
        if (wantsFix && nCommits > 1) {
          const roots = review(reviewer, "COMMENTED", rng.helpers.arrayElement(COMMENTED_BODIES), at(0.3), rng.number.int({ min: 1, max: 2 }));
          reply(roots, at(0.45), fixSha);
        }
        review(reviewer, "APPROVED", rng.helpers.arrayElement(APPROVAL_BODIES), at(0.7), 0);
        break;
      }
      case "commented":
        review(reviewer, "COMMENTED", rng.helpers.arrayElement(COMMENTED_BODIES), at(0.5), rng.number.int({ min: 1, max: 2 }));
        break;
      default:
        break;
    }
  }

  // Conversation on the pull request (issue comments).
  const talk = (login: string, body: string, ms: number) =>
    comments.push({ id: ids.issueComment(ms), repoId: input.repoId, issueNumber: 0, authorLogin: login, body, createdAt: isoSeconds(ms), updatedAt: isoSeconds(ms) });
  if (!input.quiet) {
    const chatter = kind === "draft" || kind === "fresh" || kind === "stale" ? 0 : rng.number.int({ min: 0, max: 2 });
    for (let i = 0; i < chatter; i++) {
      const who = rng.helpers.arrayElement([authorLogin, ...input.reviewerLogins]);
      const other = input.reviewerLogins.find((l) => l !== who) ?? authorLogin;
      talk(who, fill(rng.helpers.arrayElement(PR_CONVERSATION), { login: other }), at(rng.number.float({ min: 0.1, max: 0.9 })));
    }
    if (kind === "stale" && reviewer && rng.datatype.boolean({ probability: 0.5 })) {
      const days = Math.max(5, Math.floor((nowMs - createdMs) / DAY) - 1);
      talk(authorLogin, fill(rng.helpers.arrayElement(STALE_PINGS), { login: reviewer, key: input.jiraKey ?? "the release", days }), createdMs + days * DAY);
    }
    if (kind === "closed") talk(authorLogin, input.jiraKey ? `Closing — ${input.jiraKey} was descoped for this release.` : "Closing in favour of #{other}.", endMs);
  }
  comments.sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  const requested =
    kind === "stale" || kind === "fresh"
      ? input.reviewerLogins
      : kind === "changes" || kind === "commented"
        ? input.reviewerLogins.filter((l) => !reviews.some((r) => r.authorLogin === l))
        : [];
  const times = [createdMs, ...commitTimes, ...reviews.map((r) => Date.parse(r.submittedAt)), ...comments.map((c) => Date.parse(c.createdAt)), ...(closed ? [endMs] : [])];
  const last = commits[commits.length - 1]!;
  const pull: GithubPull = {
    id: ids.pull(createdMs),
    issueId: ids.issue(createdMs),
    repoId: input.repoId,
    number: 0,
    title: input.title,
    body: input.body,
    state: closed ? "closed" : "open",
    draft: kind === "draft",
    locked: false,
    authorLogin,
    assigneeLogins: rng.datatype.boolean({ probability: 0.6 }) ? [authorLogin] : [],
    requestedReviewerLogins: requested,
    labelIds: input.labelIds,
    headRef: input.headRef,
    headSha: last.sha,
    baseRef: "main",
    baseSha: "",
    commitShas: commits.map((c) => c.sha),
    createdAt: isoSeconds(createdMs),
    updatedAt: isoSeconds(Math.max(...times)),
    closedAt: closed ? isoSeconds(endMs) : null,
    mergedAt: kind === "merged" ? isoSeconds(endMs) : null,
    mergedByLogin: kind === "merged" ? (rng.datatype.boolean({ probability: 0.7 }) || !reviewer ? authorLogin : reviewer) : null,
    // Open and closed pull requests carry the sha of GitHub's last test merge; merged ones get the squash commit later.
    mergeCommitSha: kind === "merged" ? null : sha(rng),
    jiraKey: input.jiraKey,
  };
  return { pull, commits, reviews, reviewComments, comments, commitTimes };
}
