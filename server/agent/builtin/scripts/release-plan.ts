import { type ReleasePlan, type Risk } from "@/server/planning/engine";
import { type ReleaseNotFound } from "@/server/planning/engine/release-plan";
import { type ScriptRequest, type ToolResults, type WorkflowScript } from "./index";
import { cite, day, esc, list, num, orNone, plural, prose, table } from "./format";
import { resultOf } from "./results";
import { risksTable } from "./risks-table";

const STATUS: Record<string, string> = {
  done: "Done",
  on_track: "On track",
  at_risk: "At risk",
  late: "Late",
  no_target: "No target date",
  unknown: "Cannot forecast",
};

export const releasePlanScript: WorkflowScript = {
  gather: (r) => [
    { toolName: "planRelease", input: { teamKey: r.teamKey, ...(r.release ? { release: r.release } : {}) } },
    { toolName: "detectRisks", input: { teamKey: r.teamKey } },
  ],

  write(r: ScriptRequest, results: ToolResults) {
    const plan = resultOf<ReleasePlan | ReleaseNotFound>(results, "planRelease");
    if (!plan) return { reply: "The release plan could not be computed. Try again." };
    if (!plan.ok) {
      const options = plan.candidates.filter((c) => !c.released).map((c) => `**${esc(c.name)}**${c.releaseDate ? ` (${day(c.releaseDate)})` : ""}`);
      return { reply: `${esc(plan.reason, 300)} ${options.length ? `Unreleased versions of ${r.teamName}: ${options.join(", ")}. Ask again with one of them, e.g. “Plan the release ${plan.candidates.find((c) => !c.released)?.name ?? ""}”.` : "Create a fix version in Jira first."}` };
    }
    const risks = resultOf<{ risks: Risk[] }>(results, "detectRisks")?.risks ?? [];
    const scopeKeys = new Set([...plan.scope.keys.remaining, ...plan.scope.keys.done]);
    const relevant = risks.filter((risk) => risk.category === "release_forecast" || risk.sources.some((s) => scopeKeys.has(s.id)));
    const f = plan.forecast;
    const target = plan.targetDate ? day(plan.targetDate) : "no target date";

    const summary = [
      `**${STATUS[plan.status] ?? plan.status}** — ${prose(plan.statusReason)}`,
      `${cite(plan.release.source)} targets **${target}**. ${num(plan.scope.done.items)} of ${plural(plan.scope.total.items, "item")} are done; ${plural(plan.scope.remaining.items, "item")} (${num(plan.scope.remaining.points)} points) remain${plan.scope.remainingUnestimated ? `, ${plan.scope.remainingUnestimated} of them unestimated` : ""}.`,
      f.unreachable
        ? "There is no throughput history to forecast with: the team finished nothing in the last 12 weeks."
        : `Forecast from the last 12 weeks of throughput (${f.trials.toLocaleString("en")} trials): **50% by ${day(f.percentiles.p50)}, 85% by ${day(f.percentiles.p85)}, 95% by ${day(f.percentiles.p95)}**.`,
    ].join("\n\n");
    const warnings = plan.warnings.length ? `\n\n**Warnings**\n\n${list(plan.warnings.map((w) => esc(w, 300)))}` : "";

    const milestones = orNone(
      table(
        ["Milestone", "Done", "Remaining", "Remaining points", "50% by", "85% by"],
        plan.milestones.map((m) => [
          m.epicKey ? `${cite(m.sources[0])} ${esc(m.title, 70)}` : esc(m.title, 70),
          String(m.done),
          String(m.remaining),
          num(m.remainingPoints),
          day(m.p50),
          day(m.p85),
        ]),
      ),
      "No epics in this release.",
    );
    const cp = plan.criticalPath;
    const critical = orNone(
      cp.path.length
        ? `${table(
            ["#", "Issue", "Title", "Points", "Working days", "Starts after"],
            cp.path.map((s, i) => [String(i + 1), cite(s.source), esc(s.title, 80), num(s.points), num(s.days), `${num(s.offsetDays)} days`]),
          )}\n\nThe chain takes **${num(cp.totalDays)} working days**${cp.finish ? ` and ends ${day(cp.finish)} at the earliest` : ""}. ${esc(cp.basis, 300)}${cp.cycles.length ? `\n\n**Circular dependencies:**: ${cp.cycles.map((c) => c.map((k) => esc(k)).join(" → ")).join("; ")}. Fix these links in Jira.` : ""}`
        : "",
      "No dependency chains among the remaining items.",
    );
    const cuts = plan.cuts
      ? orNone(
          `${table(
            ["Issue", "Title", "Priority", "Points", "Blocks", "Why cut"],
            plan.cuts.items.map((c) => [cite(c.source), esc(c.title, 80), esc(c.priority ?? "—"), num(c.points), String(c.dependents), esc(c.reason, 160)]),
          )}\n\n${esc(plan.cuts.basis, 300)}${plan.cuts.afterCut ? ` After these cuts: ${plural(plan.cuts.afterCut.remaining, "item")} remain, 85% by ${day(plan.cuts.afterCut.p85)}.` : ""}`,
          "Nothing needs to be cut.",
        )
      : "_Nothing needs to be cut: the 85% forecast meets the target._";
    const remaining = orNone(
      table(
        ["Issue"],
        plan.scope.keys.remaining.slice(0, 40).map((k) => [cite({ kind: "work_item", id: k, label: k, url: null })]),
      ),
      "Nothing remains.",
    );

    return {
      artifact: {
        kind: "release_plan",
        teamKey: r.teamKey,
        title: `${plan.release.name} release plan — ${r.teamName}`,
        sections: [
          { id: "summary", heading: "Summary", markdown: summary + warnings },
          { id: "milestones", heading: "Milestones", markdown: milestones },
          { id: "critical-path", heading: "Critical path", markdown: critical },
          { id: "cuts", heading: "What to cut to make the date", markdown: cuts },
          { id: "risks", heading: "Risks", markdown: orNone(risksTable(relevant, 8), "No risks touch this release.") },
          { id: "remaining", heading: "Remaining scope", markdown: remaining },
          { id: "assumptions", heading: "Assumptions", markdown: orNone(list(plan.assumptions.map((a) => esc(a, 300))), "None.") },
        ],
      },
    };
  },

  summarize(r: ScriptRequest, results: ToolResults) {
    const plan = resultOf<ReleasePlan | ReleaseNotFound>(results, "planRelease");
    if (!plan || !plan.ok) return "The release plan is saved.";
    const f = plan.forecast;
    return [
      `**${esc(plan.release.name)}** (${r.teamName}) is **${(STATUS[plan.status] ?? plan.status).toLowerCase()}**: ${prose(plan.statusReason)}`,
      f.unreachable ? "" : `85% likely by ${day(f.percentiles.p85)}${plan.targetDate ? ` against a target of ${day(plan.targetDate)}` : ""}.`,
      plan.cuts?.items.length ? `Cutting ${plural(plan.cuts.items.length, "item")} (${plan.cuts.items.slice(0, 3).map((c) => cite(c.source)).join(", ")}${plan.cuts.items.length > 3 ? ", …" : ""}) makes the date at 85%.` : "",
      plan.criticalPath.path.length ? `The critical path is ${plural(plan.criticalPath.path.length, "item")} long (${num(plan.criticalPath.totalDays)} working days).` : "",
      "The plan is open beside the chat.",
    ]
      .filter(Boolean)
      .join(" ");
  },
};
