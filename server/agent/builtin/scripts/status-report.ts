import { type StatusNotFound, type StatusReport } from "@/server/planning/engine";
import { type ScriptRequest, type ToolResults, type WorkflowScript } from "./index";
import { cite, day, esc, list, num, orNone, pct, plural, table } from "./format";
import { resultOf } from "./results";
import { risksTable } from "./risks-table";

/** Red / amber / green from the forecast of finishing the sprint and from blockers. */
function rag(report: StatusReport): { label: string; reason: string } {
  const p = report.forecast?.probabilityByEnd ?? null;
  const high = report.risks.filter((r) => r.severity === "high").length;
  if (p !== null && p < 0.5) return { label: "Red", reason: `only ${pct(p)} likely to finish the remaining work by the sprint end` };
  if ((p !== null && p < 0.85) || report.blocked.length > 0 || high > 0) {
    const why = [p !== null && p < 0.85 ? `${pct(p)} likely to finish by the sprint end` : "", report.blocked.length ? plural(report.blocked.length, "blocked item") : "", high ? plural(high, "high-severity risk") : ""].filter(Boolean);
    return { label: "Amber", reason: why.join(", ") };
  }
  return { label: "Green", reason: p !== null ? `${pct(p)} likely to finish by the sprint end, nothing blocked` : "nothing blocked" };
}

export const statusReportScript: WorkflowScript = {
  gather: (r) => [{ toolName: "getStatusReport", input: { teamKey: r.teamKey } }],

  write(r: ScriptRequest, results: ToolResults) {
    const report = resultOf<StatusReport | StatusNotFound>(results, "getStatusReport");
    if (!report) return { reply: "The status report could not be computed. Try again." };
    if (!report.ok) return { reply: `${esc(report.reason, 300)}` };
    const status = rag(report);
    const s = report.sprint;
    const unit = report.committed.points > 0 ? "points" : "items";
    const amount = (t: { points: number; items: number }) => (unit === "points" ? `${num(t.points)} points (${plural(t.items, "item")})` : plural(t.items, "item"));

    const summary = [
      `**${status.label}** — ${status.reason}.`,
      `${cite(s.source)}, day ${report.days.elapsed} of ${report.days.total} (${day(s.start)} – ${day(s.end)})${s.goal ? `. Goal: “${esc(s.goal, 200)}”` : ""}.`,
      `Completed **${amount(report.completed)}** of ${amount({ points: report.committed.points + report.added.points - report.removed.points, items: report.committed.items + report.added.items - report.removed.items })} in scope — **${pct(report.progress)}** done; ${amount(report.remaining)} remain.`,
    ].join("\n\n");
    const warnings = report.warnings.length ? `\n\n${list(report.warnings.map((w) => esc(w, 300)))}` : "";

    const progress = [
      table(
        ["", "Points", "Items"],
        [
          ["Committed at start", num(report.committed.points), String(report.committed.items)],
          ["Added after start", num(report.added.points), String(report.added.items)],
          ["Removed", num(report.removed.points), String(report.removed.items)],
          ["Completed", num(report.completed.points), String(report.completed.items)],
          ["Remaining", num(report.remaining.points), String(report.remaining.items)],
        ],
      ),
      report.scopeChange.added.length ? `Added after the sprint started: ${report.scopeChange.added.map((k) => esc(k)).join(", ")}.` : "No scope was added after the sprint started.",
      report.forecast ? `Forecast: **${pct(report.forecast.probabilityByEnd)}** chance of finishing the remaining items by ${day(s.end)}; 85% by ${day(report.forecast.view.percentiles.p85)}. ${esc(report.forecast.basis, 300)}` : "",
    ]
      .filter(Boolean)
      .join("\n\n");

    const itemRows = (items: StatusReport["inProgress"], extra?: (i: StatusReport["blocked"][number]) => string) =>
      items.map((i) => [cite(i.source), esc(i.title, 90), esc(i.assigneeName ?? "Unassigned", 40), num(i.points), extra ? extra(i as StatusReport["blocked"][number]) : esc(i.status, 20)]);
    const done = orNone(table(["Issue", "Title", "Assignee", "Points", "Finished"], report.completedThisWeek.map((i) => [cite(i.source), esc(i.title, 90), esc(i.assigneeName ?? "—", 40), num(i.points), day(i.finished)])), "Nothing was finished this week.");
    const inProgress = orNone(table(["Issue", "Title", "Assignee", "Points", "Status"], itemRows(report.inProgress)), "Nothing is in progress.");
    const blocked = orNone(table(["Issue", "Title", "Assignee", "Points", "Why"], itemRows(report.blocked, (i) => esc(i.reason, 160))), "Nothing is blocked.");
    const prs = [
      table(["Pull request", "Title", "Merged", "Issues"], report.pullRequests.merged.map((p) => [cite(p.source), esc(p.title, 90), day(p.day), p.workItemKeys.map((k) => esc(k)).join(", ")])),
      table(["Pull request", "Title", "Opened", "Issues"], report.pullRequests.opened.map((p) => [cite(p.source), esc(p.title, 90), day(p.day), p.workItemKeys.map((k) => esc(k)).join(", ")])),
    ];
    const prText = [
      prs[0] ? `**Merged this week**\n\n${prs[0]}` : "_No pull requests merged this week._",
      prs[1] ? `**Opened this week**\n\n${prs[1]}` : "_No pull requests opened this week._",
    ].join("\n\n");
    const asks = report.risks.filter((x) => x.severity !== "low");
    const next = [
      report.blocked.length ? `Unblock ${report.blocked.slice(0, 3).map((b) => cite(b.source)).join(", ")}.` : "",
      report.inProgress.length ? `Finish the ${plural(report.inProgress.length, "item")} in progress before starting new work.` : "",
      report.forecast && report.forecast.probabilityByEnd < 0.85 ? `Agree with the team what moves to the next sprint if the ${amount(report.remaining)} remaining do not fit.` : "",
    ].filter(Boolean);

    return {
      artifact: {
        kind: "status_report",
        teamKey: r.teamKey,
        title: `${s.name} status — ${r.teamName}, ${day(report.burnUp.at(-1)?.date ?? s.start)}`,
        sections: [
          { id: "summary", heading: "Summary", markdown: summary + warnings },
          { id: "progress", heading: "Progress", markdown: progress },
          { id: "done", heading: "Done this week", markdown: done },
          { id: "in-progress", heading: "In progress", markdown: inProgress },
          { id: "blocked", heading: "Blocked", markdown: blocked },
          { id: "pull-requests", heading: "Pull requests", markdown: prText },
          { id: "risks", heading: "Risks and asks", markdown: orNone(risksTable(asks, 6), "No medium or high risks.") },
          { id: "next", heading: "Next week", markdown: orNone(list(next), "Keep going: nothing needs a decision.") },
        ],
      },
    };
  },

  summarize(r: ScriptRequest, results: ToolResults) {
    const report = resultOf<StatusReport | StatusNotFound>(results, "getStatusReport");
    if (!report || !report.ok) return "The status report is saved.";
    const status = rag(report);
    return [
      `**${r.teamName}, ${esc(report.sprint.name)}: ${status.label}** — ${status.reason}.`,
      `${pct(report.progress)} done on day ${report.days.elapsed} of ${report.days.total}; ${plural(report.completedThisWeek.length, "item")} finished this week${report.blocked.length ? `, ${plural(report.blocked.length, "item")} blocked (${report.blocked.slice(0, 3).map((b) => cite(b.source)).join(", ")})` : ""}.`,
      "The report is open beside the chat: edit it before you share it.",
    ].join(" ");
  },
};
