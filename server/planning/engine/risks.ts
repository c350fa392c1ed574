import { windowCapacity } from "./capacity";
import { workingDaysBetween } from "./calendar";
import {
  activeSprint,
  buildBlockGraph,
  compareKeys,
  futureSprints,
  isDone,
  isWorkItem,
  itemIndex,
  medianEstimate,
  priorityRank,
} from "./items";
import { planRelease } from "./release-plan";
import { documentSource, itemSource, messageSource, pullRequestLabel, pullRequestSource, sprintSource, uniqueSources } from "./sources";
import { round } from "./stats";
import { type EngineDocument, type EngineItem, type EngineMessage, type EnginePullRequest, type SourceRef, type TeamSnapshot } from "./types";
import { sprintScope } from "./velocity";

/**
 * The risk register: things likely to hurt the active sprint or a release, each with an owner,
 * a mitigation and the sources it was read from. Detection is rules over the snapshot; message
 * and page text is only matched against patterns and quoted, never followed as instructions.
 */

export type RiskCategory =
  | "blocked"
  | "stale_pr"
  | "stale_review"
  | "scope_added"
  | "overloaded"
  | "unassigned_priority"
  | "cross_team"
  | "release_forecast"
  | "open_question";

export type Severity = "low" | "medium" | "high";

/** Who should act: the assignee, else the team's PM when known, else nobody (id null). */
export interface RiskOwner {
  id: string | null;
  name: string;
  /** Why this person, e.g. "assignee of PAY-12". */
  reason: string;
}

/**
 * One risk. `title` and `detail` are plain text that may quote people's messages verbatim:
 * escape them before rendering as Markdown or HTML.
 */
export interface Risk {
  /** Stable across runs for the same cause, e.g. "blocked:PAY-12", "stale-pr:acme/api#41". */
  id: string;
  category: RiskCategory;
  title: string;
  detail: string;
  /** 1 (rare) … 5 (almost certain). */
  likelihood: number;
  /** 1 (minor) … 5 (severe). */
  impact: number;
  /** likelihood × impact. */
  score: number;
  /** high: score ≥ 12; medium: ≥ 6; low below. */
  severity: Severity;
  owner: RiskOwner;
  mitigation: string;
  sources: SourceRef[];
}

export interface RiskOptions {
  /** The team's PM, who owns risks without an assignee. */
  pm?: { id: string | null; name: string };
  /** An open pull request without activity for more working days than this is stale (default 3). */
  stalePrDays?: number;
  /** A review outstanding for more working days than this is stale (default 2). */
  reviewDays?: number;
  /** Slack messages older than this many calendar days are not scanned for questions (default 14). */
  questionWindowDays?: number;
  /** Monte Carlo trials for release forecasts (default as in planRelease). */
  trials?: number;
}

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

export function severityOf(likelihood: number, impact: number): Severity {
  const score = likelihood * impact;
  return score >= 12 ? "high" : score >= 6 ? "medium" : "low";
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const clamp = (n: number) => Math.min(5, Math.max(1, Math.round(n)));

/** Highest 5 … Lowest 1; no priority counts as Medium. */
function priorityImpact(item: EngineItem): number {
  return clamp(5 - Math.min(4, Math.floor(priorityRank(item.priority))));
}

type Draft = Omit<Risk, "score" | "severity">;

function finish(d: Draft): Risk {
  const likelihood = clamp(d.likelihood);
  const impact = clamp(d.impact);
  return { ...d, likelihood, impact, score: likelihood * impact, severity: severityOf(likelihood, impact), sources: uniqueSources(d.sources) };
}

interface Ctx {
  snapshot: TeamSnapshot;
  opts: RiskOptions;
  index: Map<string, EngineItem>;
  /** Keys of unfinished work in the active sprint and in the next one. */
  activeKeys: Set<string>;
  nextKeys: Set<string>;
}

function ownerOf(ctx: Ctx, item: EngineItem | null): RiskOwner {
  if (item?.assigneeId) return { id: item.assigneeId, name: item.assigneeName ?? item.assigneeId, reason: `assignee of ${item.key}` };
  return pmOwner(ctx);
}

function pmOwner(ctx: Ctx): RiskOwner {
  const pm = ctx.opts.pm;
  return pm ? { id: pm.id, name: pm.name, reason: "team PM" } : { id: null, name: "Unowned", reason: "no assignee and no team PM known" };
}

/** Plain text for quoting: no control characters, collapsed whitespace, at most `max` characters. */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function inFocus(ctx: Ctx, key: string): "active" | "next" | null {
  return ctx.activeKeys.has(key) ? "active" : ctx.nextKeys.has(key) ? "next" : null;
}

function blockedRisks(ctx: Ctx): Risk[] {
  const graph = buildBlockGraph([...ctx.snapshot.items, ...ctx.snapshot.linkedItems]);
  const risks: Risk[] = [];
  for (const item of ctx.snapshot.items.filter((i) => inFocus(ctx, i.key))) {
    const blockers = graph
      .blockersOf(item.key)
      .map((k) => ctx.index.get(k))
      .filter((b): b is EngineItem => b !== undefined && !isDone(b));
    if (!item.flagged && blockers.length === 0) continue;
    const where = inFocus(ctx, item.key) === "active" ? "the active sprint" : "the next sprint";
    const parts = [
      item.flagged ? "Flagged as an impediment." : null,
      blockers.length ? `Blocked by ${blockers.map((b) => `${b.key} (${b.status}${b.assigneeName ? `, ${b.assigneeName}` : ""})`).join(", ")}.` : null,
    ].filter(Boolean);
    risks.push(
      finish({
        id: `blocked:${item.key}`,
        category: "blocked",
        title: `${item.key} is blocked in ${where}`,
        detail: `${item.title}. ${parts.join(" ")}`,
        likelihood: item.flagged && blockers.length ? 5 : 4,
        impact: priorityImpact(item) - (where === "the next sprint" ? 1 : 0),
        owner: ownerOf(ctx, item),
        mitigation: blockers.length
          ? `Get a date for ${blockers.map((b) => b.key).join(", ")}, or swap ${item.key} out for unblocked work.`
          : `Find out what the impediment on ${item.key} is and who can clear it; escalate if it is outside the team.`,
        sources: [itemSource(item), ...blockers.map(itemSource)],
      }),
    );
  }
  return risks;
}

function linkedItemsOf(ctx: Ctx, pr: EnginePullRequest): EngineItem[] {
  return pr.workItemKeys
    .map((k) => ctx.index.get(k))
    .filter((i): i is EngineItem => i !== undefined && i.projectKey === ctx.snapshot.team.key)
    .sort((a, b) => compareKeys(a.key, b.key));
}

function prOwner(ctx: Ctx, pr: EnginePullRequest, items: EngineItem[]): RiskOwner {
  const assigned = items.find((i) => i.assigneeId);
  if (assigned) return ownerOf(ctx, assigned);
  if (pr.authorLogin) return { id: null, name: pr.authorLogin, reason: `author of ${pullRequestLabel(pr)}` };
  return pmOwner(ctx);
}

function prRisks(ctx: Ctx): Risk[] {
  const { snapshot } = ctx;
  const tz = snapshot.team.timezone;
  const staleDays = ctx.opts.stalePrDays ?? 3;
  const reviewDays = ctx.opts.reviewDays ?? 2;
  const risks: Risk[] = [];
  const open = snapshot.pullRequests.filter((pr) => pr.state === "open").sort((a, b) => compareKeys(`${a.repo}#${a.number}`, `${b.repo}#${b.number}`));
  for (const pr of open) {
    const items = linkedItemsOf(ctx, pr);
    const inSprint = items.some((i) => inFocus(ctx, i.key) === "active");
    const sources = [pullRequestSource(pr), ...items.map(itemSource)];
    const label = pullRequestLabel(pr);
    const idle = workingDaysBetween(pr.updatedAt, snapshot.now, tz);
    if (idle > staleDays) {
      risks.push(
        finish({
          id: `stale-pr:${pr.repo}#${pr.number}`,
          category: "stale_pr",
          title: `${label} has had no activity for ${idle} working days`,
          detail: `"${excerpt(pr.title, 100)}"${pr.draft ? " (draft)" : ""}${items.length ? `, for ${items.map((i) => i.key).join(", ")}` : ""}.`,
          likelihood: pr.draft ? 2 : 3,
          impact: inSprint ? 3 : 2,
          owner: prOwner(ctx, pr, items),
          mitigation: `Ask whether ${label} is still needed; finish, hand over or close it.`,
          sources,
        }),
      );
      continue; // a stale pull request's review is part of the same problem
    }
    if (pr.draft) continue;
    const reviews = pr.reviews
      .filter((r) => r.submittedAt && r.state !== "PENDING")
      .sort((a, b) => a.submittedAt!.getTime() - b.submittedAt!.getTime());
    const decisive = reviews.filter((r) => r.state === "APPROVED" || r.state === "CHANGES_REQUESTED").at(-1);
    let problem: { title: string; mitigation: string; review?: SourceRef } | null = null;
    const waiting = workingDaysBetween(pr.createdAt, snapshot.now, tz);
    if (reviews.length === 0 && waiting > reviewDays) {
      problem = { title: `${label} has waited ${waiting} working days for a first review`, mitigation: `Assign a reviewer for ${label} today.` };
    } else if (decisive?.state === "CHANGES_REQUESTED" && pr.updatedAt.getTime() <= decisive.submittedAt!.getTime() + 3_600_000) {
      const since = workingDaysBetween(decisive.submittedAt!, snapshot.now, tz);
      if (since > reviewDays) {
        problem = {
          title: `Changes requested on ${label} ${since} working days ago, not answered`,
          mitigation: `Ask ${pr.authorLogin ?? "the author"} to address the requested changes or discuss them with ${decisive.authorLogin ?? "the reviewer"}.`,
          review: { kind: "review", id: `${pr.repo}#${pr.number}:${decisive.submittedAt!.toISOString()}`, label: `Review on ${label}`, url: decisive.url },
        };
      }
    }
    if (!problem) continue;
    risks.push(
      finish({
        id: `stale-review:${pr.repo}#${pr.number}`,
        category: "stale_review",
        title: problem.title,
        detail: `"${excerpt(pr.title, 100)}"${items.length ? `, for ${items.map((i) => i.key).join(", ")}` : ""}.`,
        likelihood: 3,
        impact: inSprint ? 3 : 2,
        owner: prOwner(ctx, pr, items),
        mitigation: problem.mitigation,
        sources: problem.review ? [...sources, problem.review] : sources,
      }),
    );
  }
  return risks;
}

function scopeRisks(ctx: Ctx): Risk[] {
  const sprint = activeSprint(ctx.snapshot);
  const scope = sprint ? sprintScope(ctx.snapshot, sprint, ctx.snapshot.now) : null;
  if (!sprint || !scope || scope.added.length === 0) return [];
  const added = scope.added.reduce((s, i) => s + (i.storyPoints ?? 0), 0);
  const committed = scope.committed.reduce((s, i) => s + (i.storyPoints ?? 0), 0);
  const share = committed > 0 ? added / committed : 1;
  const unestimated = scope.added.filter((i) => i.storyPoints === null).length;
  return [
    finish({
      id: `scope-added:${sprint.id}`,
      category: "scope_added",
      title: `${scope.added.length} item${scope.added.length === 1 ? "" : "s"} added to ${sprint.name} after it started`,
      detail:
        `${added} points added to ${committed} committed (${Math.round(share * 100)}%)` +
        `${unestimated ? `; ${unestimated} added item${unestimated === 1 ? " has" : "s have"} no estimate` : ""}: ${scope.added.map((i) => i.key).join(", ")}.`,
      likelihood: share >= 0.2 ? 4 : share >= 0.1 ? 3 : 2,
      impact: 3,
      owner: pmOwner(ctx),
      mitigation: "Agree what leaves the sprint for each addition, or move the additions to the next sprint.",
      sources: [sprintSource(sprint), ...scope.added.map(itemSource)],
    }),
  ];
}

function overloadRisks(ctx: Ctx): Risk[] {
  const { snapshot } = ctx;
  const sprint = activeSprint(snapshot);
  if (!sprint?.endDate || snapshot.now >= sprint.endDate) return [];
  const start = new Date(Math.max(snapshot.now.getTime(), sprint.startDate?.getTime() ?? 0));
  const capacity = windowCapacity(snapshot, { start, end: sprint.endDate });
  // On the sprint's last afternoon everyone with open work is "over capacity"; that is carry-over, not overload.
  if (capacity.pointsPerPersonDay === null || capacity.workingDays === 0) return [];
  const median = medianEstimate(snapshot.items);
  const remaining = snapshot.items.filter((i) => ctx.activeKeys.has(i.key));
  const risks: Risk[] = [];
  for (const member of capacity.members) {
    const mine = remaining.filter((i) => i.assigneeId === member.memberId);
    const points = mine.reduce((s, i) => s + (i.storyPoints ?? median), 0);
    const cap = member.points ?? 0;
    if (points <= cap) continue;
    const ratio = cap > 0 ? points / cap : Number.POSITIVE_INFINITY;
    const excess = points - cap;
    const unestimated = mine.filter((i) => i.storyPoints === null).length;
    risks.push(
      finish({
        id: `overloaded:${member.memberId}`,
        category: "overloaded",
        title: `${member.name} has ${plural(round(points), "point")} left against ${plural(cap, "point")} of capacity`,
        detail:
          `${capacity.workingDays} working days left in ${sprint.name}${member.daysOff.length ? ` (${member.daysOff.length} off)` : ""} at ${Math.round(member.availability * 100)}% availability; ` +
          `open work: ${mine.map((i) => i.key).join(", ")}${unestimated ? ` (${unestimated} unestimated, counted at ${median} points)` : ""}.`,
        likelihood: ratio >= 1.5 ? 5 : ratio >= 1.2 ? 4 : 3,
        // Over by less than one typical item is a nuisance; more than that slips real work.
        impact: excess > median ? 3 : 2,
        owner: ctx.opts.pm ? pmOwner(ctx) : { id: member.memberId, name: member.name, reason: "the overloaded person (no team PM known)" },
        mitigation: `Move some of ${member.name}'s open items to someone with room, or out of the sprint.`,
        sources: [sprintSource(sprint), member.source, ...mine.map(itemSource)],
      }),
    );
  }
  return risks;
}

function unassignedRisks(ctx: Ctx): Risk[] {
  return ctx.snapshot.items
    .filter((i) => inFocus(ctx, i.key) && !i.assigneeId && priorityRank(i.priority) <= 1)
    .map((item) => {
      const active = inFocus(ctx, item.key) === "active";
      return finish({
        id: `unassigned:${item.key}`,
        category: "unassigned_priority",
        title: `${item.priority} priority ${item.key} has no assignee in the ${active ? "active" : "next"} sprint`,
        detail: `${item.title} (${item.status}).`,
        likelihood: active ? 4 : 3,
        impact: priorityImpact(item),
        owner: pmOwner(ctx),
        mitigation: `Assign ${item.key} to someone with capacity, or take it out of the sprint deliberately.`,
        sources: [itemSource(item)],
      });
    });
}

const WAITS_ON = new Set(["is blocked by", "depends on"]);
const WAITED_ON = new Set(["blocks", "is depended on by"]);

function crossTeamRisks(ctx: Ctx, alreadyBlocked: Set<string>): Risk[] {
  const { snapshot } = ctx;
  const risks: Risk[] = [];
  for (const item of snapshot.items.filter((i) => isWorkItem(i) && !isDone(i))) {
    for (const link of item.links) {
      const phrase = link.type.toLowerCase();
      const other = ctx.index.get(link.key);
      if (!other || other.projectKey === snapshot.team.key || isDone(other)) continue;
      const weWait = WAITS_ON.has(phrase);
      if (!weWait && !WAITED_ON.has(phrase)) continue;
      if (weWait && alreadyBlocked.has(item.key)) continue; // the blocked risk already names the other team's item
      const focus = inFocus(ctx, item.key);
      risks.push(
        finish({
          id: `cross-team:${item.key}:${other.key}`,
          category: "cross_team",
          title: weWait ? `${item.key} waits on ${other.projectKey}'s ${other.key}` : `${other.projectKey}'s ${other.key} waits on ${item.key}`,
          detail: `${item.key} ${phrase} ${other.key} "${excerpt(other.title, 100)}" (${other.status}${other.assigneeName ? `, ${other.assigneeName}` : ""}).`,
          likelihood: weWait ? 3 : 2,
          impact: weWait ? priorityImpact(item) - (focus ? 0 : 1) : 2,
          owner: ownerOf(ctx, item),
          mitigation: weWait
            ? `Agree a date for ${other.key} with ${other.projectKey}${other.assigneeName ? ` (${other.assigneeName})` : ""} and plan ${item.key} after it.`
            : `Tell ${other.projectKey} when ${item.key} will land so they can plan ${other.key}.`,
          sources: [itemSource(item), itemSource(other)],
        }),
      );
    }
  }
  return risks;
}

function releaseRisks(ctx: Ctx): Risk[] {
  const risks: Risk[] = [];
  for (const release of ctx.snapshot.releases.filter((r) => !r.released && r.releaseDate)) {
    const plan = planRelease(ctx.snapshot, { releaseId: release.id, trials: ctx.opts.trials });
    if (!plan.ok || (plan.status !== "late" && plan.status !== "at_risk")) continue;
    const cuts = plan.cuts?.items ?? [];
    risks.push(
      finish({
        id: `release:${release.id}`,
        category: "release_forecast",
        title: `${release.name} is ${plan.status === "late" ? "likely late" : "at risk"}: 85% date ${plan.forecast.percentiles.p85}, target ${plan.targetDate}`,
        detail: `${plan.scope.remaining.items} of ${plan.scope.total.items} items remain. ${plan.statusReason}`,
        likelihood: plan.status === "late" ? 5 : 3,
        impact: 4,
        owner: pmOwner(ctx),
        mitigation: cuts.length
          ? `Cut ${cuts.length} item${cuts.length === 1 ? "" : "s"} (${cuts.map((c) => c.key).join(", ")}) or move the date to ${plan.forecast.percentiles.p85}.`
          : `Move the date to ${plan.forecast.percentiles.p85} or add capacity.`,
        sources: [plan.release.source, ...cuts.map((c) => c.source)],
      }),
    );
  }
  return risks;
}

const QUESTION_WORDS = /\b(open questions?|blocked|blocker|tbd|who owns)\b/i;
const URL = /https?:\/\/\S+/g;
const ISSUE_KEY = /\b[A-Z][A-Z0-9]+-\d+\b/g;

function mentionedItems(ctx: Ctx, text: string): EngineItem[] {
  const keys = [...new Set(text.match(ISSUE_KEY) ?? [])];
  return keys.map((k) => ctx.index.get(k)).filter((i): i is EngineItem => i !== undefined);
}

function isThreadStart(m: EngineMessage): boolean {
  return m.threadTs === null || m.threadTs === m.ts;
}

function slackRisks(ctx: Ctx): Risk[] {
  const { snapshot } = ctx;
  const since = snapshot.now.getTime() - (ctx.opts.questionWindowDays ?? 14) * 86_400_000;
  const risks: Risk[] = [];
  for (const m of snapshot.messages) {
    if (!isThreadStart(m) || m.postedAt.getTime() < since || m.postedAt > snapshot.now) continue;
    const text = m.text.replace(URL, " ");
    const asks = text.includes("?");
    const words = QUESTION_WORDS.exec(text)?.[0] ?? null;
    const unanswered = m.replyCount === 0;
    if (!(asks && unanswered) && !words) continue;
    const items = mentionedItems(ctx, text);
    const blocking = /\bblock/i.test(text) || items.some((i) => ctx.activeKeys.has(i.key));
    const where = m.channelName ? `#${m.channelName}` : "Slack";
    risks.push(
      finish({
        id: `question:slack:${m.ts}`,
        category: "open_question",
        title: unanswered ? `Unanswered ${asks ? "question" : `"${words}" message`} in ${where}` : `"${words}" raised in ${where}`,
        detail: `${m.authorName ?? "Someone"} wrote: "${excerpt(m.text)}"${unanswered ? " (no replies)" : ` (${m.replyCount} repl${m.replyCount === 1 ? "y" : "ies"})`}.`,
        likelihood: unanswered ? 3 : 2,
        impact: blocking ? 3 : 2,
        owner: ownerOf(ctx, items.find((i) => i.assigneeId) ?? null),
        mitigation: unanswered ? "Answer in the thread, or name who decides and by when." : "Confirm in the thread that it is settled, or record the decision.",
        sources: [messageSource(m, snapshot.team.timezone), ...items.map(itemSource)],
      }),
    );
  }
  return risks;
}

const LIST_ITEM = /^\s*(?:[-*•+]|\d+[.)])\s+(?:\[( |x|X)\]\s+)?(.+)$/;
/** Markdown heading marks, bold and a trailing colon around a line's words. */
const HEADING_MARKS = /^[\s#*]+|[\s*:]+$/g;

/**
 * The unchecked list items under an "Open questions" heading (the list ends at the next line
 * that is not a list item), and the other lines that say TBD.
 */
export function openQuestionsIn(text: string): { questions: string[]; tbd: string[] } {
  const questions: string[] = [];
  const tbd: string[] = [];
  let inSection = false;
  for (const line of text.split(/\r?\n/)) {
    const list = LIST_ITEM.exec(line);
    if (!list && line.trim() !== "") inSection = /^open questions?$/i.test(line.replace(HEADING_MARKS, ""));
    else if (list && inSection) {
      if (list[1]?.toLowerCase() !== "x") questions.push(excerpt(list[2]!, 140));
      continue;
    }
    if (/\bTBD\b/i.test(line)) tbd.push(excerpt(line.replace(/^\s*(?:[-*•+]|\d+[.)]|#{1,6})\s+/, ""), 140));
  }
  return { questions, tbd };
}

function documentRisks(ctx: Ctx): Risk[] {
  const risks: Risk[] = [];
  for (const doc of [...ctx.snapshot.documents].sort((a: EngineDocument, b: EngineDocument) => compareKeys(a.id, b.id))) {
    const { questions, tbd } = openQuestionsIn(doc.text);
    const count = questions.length + tbd.length;
    if (count === 0) continue;
    const items = mentionedItems(ctx, doc.text).filter((i) => !isDone(i));
    const parts = [
      questions.length ? `${questions.length} open question${questions.length === 1 ? "" : "s"}` : null,
      tbd.length ? `${tbd.length} TBD${tbd.length === 1 ? "" : "s"}` : null,
    ].filter(Boolean);
    risks.push(
      finish({
        id: `question:doc:${doc.id}`,
        category: "open_question",
        title: `${doc.title} has ${parts.join(" and ")}`,
        detail: [...questions, ...tbd]
          .slice(0, 3)
          .map((q) => `"${q}"`)
          .join("; ") + (count > 3 ? `; and ${count - 3} more.` : "."),
        likelihood: 3,
        impact: count >= 3 || items.some((i) => ctx.activeKeys.has(i.key)) ? 3 : 2,
        owner: pmOwner(ctx),
        mitigation: `Resolve the open points in ${doc.title} with their owners before the work they shape starts.`,
        sources: [documentSource(doc), ...items.map(itemSource)],
      }),
    );
  }
  return risks;
}

function compareRisks(a: Risk, b: Risk): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Every risk found in the snapshot, most severe first. Never throws on missing data. */
export function detectRisks(snapshot: TeamSnapshot, opts: RiskOptions = {}): Risk[] {
  const active = activeSprint(snapshot);
  const next = futureSprints(snapshot)[0] ?? null;
  const unfinishedIn = (sprintId: string | undefined) =>
    new Set(snapshot.items.filter((i) => sprintId && isWorkItem(i) && !isDone(i) && i.sprintIds.includes(sprintId)).map((i) => i.key));
  const ctx: Ctx = { snapshot, opts, index: itemIndex(snapshot), activeKeys: unfinishedIn(active?.id), nextKeys: unfinishedIn(next?.id) };
  const blocked = blockedRisks(ctx);
  const risks = [
    ...blocked,
    ...prRisks(ctx),
    ...scopeRisks(ctx),
    ...overloadRisks(ctx),
    ...unassignedRisks(ctx),
    ...crossTeamRisks(ctx, new Set(blocked.map((r) => r.id.slice("blocked:".length)))),
    ...releaseRisks(ctx),
    ...slackRisks(ctx),
    ...documentRisks(ctx),
  ];
  const unique = new Map(risks.map((r) => [r.id, r]));
  return [...unique.values()].sort(compareRisks);
}
