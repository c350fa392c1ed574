import { performance } from "node:perf_hooks";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { createProposal, decideProposal } from "@/server/actions/proposals";
import { executeProposal, type ExecutorOptions } from "@/server/actions/execution/executor";
import { connectSandbox } from "@/server/connections/sandbox-connections";
import { type ResilienceOptions } from "@/server/connectors/resilience";
import { tenantDb } from "@/server/db/tenant";
import { type FaultRuleInput } from "@/server/sandbox/core/faults";
import { type SandboxStore } from "@/server/sandbox/core/store";
import { withBenchWorkspace } from "./workspace";

/**
 * `npm run bench -- exactly-once`: ≥ 500 approved actions executed by concurrent workers while the
 * sandbox injects random faults into the writes — 429s, 5xx before the write, timeouts, and writes
 * that land but whose response is lost or late. Afterwards every action id is looked up in the
 * tools' own state: `lost` counts actions with no object, `duplicated` actions with more than one.
 */

const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 520);
const PER_PROPOSAL = 10;
const WORKERS = 4;
const FAULT_RATE = 0.3;
/** Short timeouts so the timeout faults cost little; everything else as in production. */
const RESILIENCE: ResilienceOptions = { timeoutMs: 800, maxAttempts: 3, maxRetryAfterMs: 2_000, breakerThreshold: 8, halfOpenAfterMs: 300, initialDelayMs: 20 };
const RETRY_BASE_MS = 2 * RESILIENCE.timeoutMs + 400;

type Kind = "slack.postMessage" | "jira.createIssue" | "jira.comment" | "github.createIssue" | "github.commentOnPullRequest" | "notion.createPage";
const MIX: Kind[] = ["slack.postMessage", "slack.postMessage", "slack.postMessage", "jira.createIssue", "jira.createIssue", "jira.comment", "github.createIssue", "github.commentOnPullRequest", "notion.createPage"];

/** Where each kind writes, as the fault injector matches it (tool, method, path regex). */
const WRITE_PATHS: Record<Kind, { tool: FaultRuleInput["tool"]; method: string; path: string }> = {
  "slack.postMessage": { tool: "slack", method: "POST", path: "chat\\.postMessage" },
  "jira.createIssue": { tool: "jira", method: "POST", path: "/rest/api/3/issue$" },
  "jira.comment": { tool: "jira", method: "POST", path: "/rest/api/3/issue/[^/]+/comment$" },
  "github.createIssue": { tool: "github", method: "POST", path: "/repos/[^/]+/[^/]+/issues$" },
  "github.commentOnPullRequest": { tool: "github", method: "POST", path: "/repos/[^/]+/[^/]+/issues/\\d+/comments$" },
  "notion.createPage": { tool: "notion", method: "POST", path: "/v1/pages$" },
};

const FAULTS: FaultRuleInput["kind"][] = ["rate_limit", "server_error", "lost_response", "slow_response", "slow", "html_error_page"];

function inputFor(kind: Kind, store: SandboxStore, i: number): unknown {
  const s = store.state;
  switch (kind) {
    case "slack.postMessage": {
      const channel = s.slack.channels.find((c) => !c.isArchived && c.memberIds.includes(s.slack.app.botUserId))!;
      return { channelId: channel.id, text: `Bench message ${i}: the sprint commits ${(i % 30) + 10} points.` };
    }
    case "jira.createIssue":
      return { projectKey: s.jira.projects[i % s.jira.projects.length]!.key, issueType: "Task", summary: `Bench task ${i}: reconcile ledger batch ${i}` };
    case "jira.comment": {
      const open = s.jira.issues.filter((x) => !x.resolutionId);
      return { issueKey: open[i % open.length]!.key, body: `Bench comment ${i}: moved to the next sprint after planning.` };
    }
    case "github.createIssue": {
      const repo = s.github.repos.find((r) => !r.archived)!;
      return { repo: `${s.github.org.login}/${repo.name}`, title: `Bench issue ${i}`, body: `Follow-up ${i} from sprint planning.` };
    }
    case "github.commentOnPullRequest": {
      const pulls = s.github.pulls.filter((p) => p.state === "open" && !p.locked);
      const pull = pulls[i % pulls.length]!;
      const repo = s.github.repos.find((r) => r.id === pull.repoId)!;
      return { repo: `${s.github.org.login}/${repo.name}`, number: pull.number, body: `Bench summary ${i}: this PR is in the sprint plan.` };
    }
    case "notion.createPage": {
      const parent = s.notion.pages.find((p) => p.parent.type === "workspace" && !p.in_trash)!;
      return { parentId: parent.id, parentType: "page", title: `Bench notes ${i}`, markdown: `Notes for bench page ${i}.\n\n- one\n- two` };
    }
  }
}

/** How many objects in the tool carry this action's id: what the action created, counted at the source. */
function objectsFor(kind: Kind, store: SandboxStore, actionId: string): number {
  const s = store.state;
  const has = (o: unknown) => JSON.stringify(o).includes(actionId);
  switch (kind) {
    case "slack.postMessage":
      return s.slack.messages.filter(has).length;
    case "jira.createIssue":
      return s.jira.issues.filter((x) => has({ ...x, comments: [] })).length;
    case "jira.comment":
      return s.jira.issues.flatMap((x) => x.comments).filter(has).length;
    case "github.createIssue":
      return s.github.issues.filter(has).length;
    case "github.commentOnPullRequest":
      return s.github.issueComments.filter(has).length;
    case "notion.createPage":
      // The provenance paragraph at the end of each created page links to the approval.
      return s.notion.blocks.filter((b) => b.type === "paragraph" && has(b)).length;
  }
}

export async function exactlyOnceBenchmark(): Promise<Record<string, unknown>> {
  return withBenchWorkspace(async ({ db, sandbox, dbName }) => {
    const org = await db.organization.create({ data: { name: "Exactly-once bench", slug: dbName } });
    const user = await db.user.create({ data: { email: `bench-${dbName}@example.test`, name: "Bench PM" } });
    await db.membership.create({ data: { organizationId: org.id, userId: user.id, role: "PM" } });
    await connectSandbox(db, { organizationId: org.id, origin: sandbox.origin, company: sandbox.store.state.company });
    const tdb = tenantDb(db, org.id);

    const rng = xoroshiro128plus(20261125);
    const next = (n: number) => uniformInt(rng, 0, n - 1);

    const kinds = new Map<string, Kind>();
    const proposals: string[] = [];
    for (let p = 0; p * PER_PROPOSAL < ACTIONS; p++) {
      const actions = Array.from({ length: Math.min(PER_PROPOSAL, ACTIONS - p * PER_PROPOSAL) }, (_, j) => {
        const kind = MIX[next(MIX.length)]!;
        return { kind, input: inputFor(kind, sandbox.store, p * PER_PROPOSAL + j) };
      });
      const proposal = await createProposal(tdb, { organizationId: org.id, createdById: user.id, title: `Bench ${p}`, rationale: "Exactly-once benchmark.", sources: [], actions });
      proposal.actions.forEach((a) => kinds.set(a.id, a.kind as Kind));
      await decideProposal(tdb, { organizationId: org.id, proposalId: proposal.id, userId: user.id, kind: "APPLY_ALL" });
      proposals.push(proposal.id);
    }

    // Random faults on the write paths, renewed every round: each rule fires once, after a random
    // number of matching writes, so about FAULT_RATE of the writes in flight meet one.
    let injected = 0;
    const inject = async () => {
      const open = await tdb.proposedAction.findMany({ where: { status: { in: ["APPROVED", "EXECUTING"] } }, select: { kind: true } });
      for (const kind of Object.keys(WRITE_PATHS) as Kind[]) {
        const n = open.filter((a) => a.kind === kind).length;
        for (let k = 0; k < n; k++) {
          if (next(1000) >= FAULT_RATE * 1000) continue;
          const fault = FAULTS[next(FAULTS.length)]!;
          sandbox.faults.add({
            ...WRITE_PATHS[kind],
            kind: fault,
            after: next(Math.max(1, n)),
            times: 1,
            retryAfterSeconds: 0.05,
            delayMs: fault === "slow" || fault === "slow_response" ? RESILIENCE.timeoutMs + 200 : 0,
            status: 500 + next(4),
          });
          injected++;
        }
      }
    };

    // Real time throughout: a retry waits RETRY_BASE_MS (longer than a call's timeout plus the
    // slowest fault), as production waits 30 s, so a late write has landed before anyone looks for it.
    const options: ExecutorOptions = { resilience: RESILIENCE, appUrl: "https://lumen.bench", retryBaseMs: RETRY_BASE_MS };
    const started = performance.now();
    let rounds = 0;
    for (; rounds < 5_000 && performance.now() - started < 10 * 60_000; rounds++) {
      const open = await tdb.proposedAction.groupBy({ by: ["proposalId"], where: { status: { in: ["APPROVED", "EXECUTING"] } } });
      if (open.length === 0) break;
      if (rounds < 6) await inject();
      const queue = open.map((o) => o.proposalId);
      // Several workers per round, overlapping on the same proposals (as duplicate events would).
      await Promise.all(
        Array.from({ length: WORKERS }, async (_, w) => {
          for (let i = w % 2; i < queue.length; i++) {
            const proposalId = queue[(i + w * 7) % queue.length]!;
            await executeProposal(db, { organizationId: org.id, proposalId }, options);
          }
        }),
      );
      await new Promise((r) => setTimeout(r, 250));
    }
    sandbox.faults.clear();
    const elapsedMs = Math.round(performance.now() - started);

    const actions = await tdb.proposedAction.findMany({ select: { id: true, status: true, attempts: true } });
    let succeeded = 0;
    let lost = 0;
    let duplicated = 0;
    let recoveredRetries = 0;
    const byStatus: Record<string, number> = {};
    for (const a of actions) {
      byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
      const count = objectsFor(kinds.get(a.id)!, sandbox.store, a.id);
      if (a.status === "SUCCEEDED") succeeded++;
      if (count === 0) lost++;
      if (count > 1) {
        duplicated++;
        console.log(`duplicated: ${kinds.get(a.id)} ${a.id} (${count} objects, ${a.attempts} attempts)`);
      }
      if (count === 0) console.log(`lost: ${kinds.get(a.id)} ${a.id} (${a.status}, ${a.attempts} attempts)`);
      if (a.attempts > 1) recoveredRetries++;
    }
    const figures = { actions: actions.length, succeeded, lost, duplicated, faultsInjected: injected, retriedActions: recoveredRetries, rounds, byStatus, elapsedMs };
    console.log(`exactly-once: ${succeeded}/${actions.length} succeeded under ${injected} injected faults; lost ${lost}, duplicated ${duplicated} (${rounds} rounds, ${elapsedMs} ms)`);
    return figures;
  });
}
