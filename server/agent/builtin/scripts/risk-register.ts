import { type BreakdownResult, type Risk } from "@/server/planning/engine";
import { type ScriptRequest, type ToolResults, type WorkflowScript } from "./index";
import { cite, esc, list, num, orNone, plural, table } from "./format";
import { resultOf } from "./results";
import { risksTable } from "./risks-table";

const CATEGORY: Record<string, string> = {
  blocked: "Blocked work",
  stale_pr: "Stale pull requests",
  stale_review: "Waiting reviews",
  scope_added: "Scope added mid-sprint",
  overloaded: "Overloaded people",
  unassigned_priority: "Unassigned priority work",
  cross_team: "Cross-team dependencies",
  release_forecast: "Release forecasts",
  open_question: "Open questions",
};

export const riskRegisterScript: WorkflowScript = {
  gather: (r) => [
    { toolName: "detectRisks", input: { teamKey: r.teamKey, limit: 50 } },
    { toolName: "breakdownWork", input: { teamKey: r.teamKey } },
  ],

  write(r: ScriptRequest, results: ToolResults) {
    const found = resultOf<{ total: number; risks: Risk[] }>(results, "detectRisks");
    if (!found) return { reply: "The risk register could not be computed. Try again." };
    const breakdown = resultOf<BreakdownResult>(results, "breakdownWork");
    const { risks } = found;
    const count = (s: string) => risks.filter((x) => x.severity === s).length;
    const byCategory = Object.entries(
      risks.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x.category]: (acc[x.category] ?? 0) + 1 }), {}),
    ).map(([c, n]) => `${CATEGORY[c] ?? c}: ${n}`);

    const summary = risks.length
      ? `**${plural(risks.length, "risk")}**: ${count("high")} high, ${count("medium")} medium, ${count("low")} low. ${byCategory.join(" · ")}.`
      : "**No risks found** in the team's synced work, pull requests and conversations.";
    const register = orNone(risksTable(risks.filter((x) => x.severity !== "low"), 30), "No medium or high risks.");
    const watch = orNone(risksTable(risks.filter((x) => x.severity === "low"), 20), "Nothing on the watch list.");
    const oversized = breakdown
      ? orNone(
          breakdown.suggestions
            .slice(0, 10)
            .map((s) =>
              [
                `**${cite(s.sources[0])} ${esc(s.title, 90)}** — ${num(s.points)} points${s.sprintsNeeded ? `, about ${plural(s.sprintsNeeded, "sprint")} of work` : ""}. ${s.reasons.map((x) => esc(x, 200)).join(" ")}`,
                s.children.length ? list(s.children.map((c) => `${esc(c.summary, 120)}${c.origin === "template" ? " _(suggested slice)_" : ""}`)) : "",
              ]
                .filter(Boolean)
                .join("\n\n"),
            )
            .join("\n\n") + (breakdown.suggestions.length ? `\n\n${esc(breakdown.basis, 300)}` : ""),
          "No item is too large for a sprint.",
        )
      : "_Work breakdown unavailable._";

    return {
      artifact: {
        kind: "risk_register",
        teamKey: r.teamKey,
        title: `Risk register — ${r.teamName}`,
        sections: [
          { id: "summary", heading: "Summary", markdown: summary },
          { id: "register", heading: "Register", markdown: register },
          { id: "oversized", heading: "Oversized work", markdown: oversized },
          { id: "watch", heading: "Watch list", markdown: watch },
          {
            id: "method",
            heading: "How risks are scored",
            markdown: table(["Score (likelihood × impact)", "Severity"], [["12–25", "High"], ["6–11", "Medium"], ["1–5", "Low"]]),
          },
        ],
      },
    };
  },

  propose(r: ScriptRequest, results: ToolResults) {
    // Risks nobody tracks in Jira yet — raised in a Slack thread, a Notion spec or a pull request,
    // with no issue among their sources — become tasks in the team's project, so they get an owner
    // on the board. The largest ones first, at most five.
    const found = resultOf<{ risks: Risk[] }>(results, "detectRisks");
    const untracked = (found?.risks ?? [])
      .filter((x) => x.severity !== "low" && x.sources.length > 0 && !x.sources.some((s) => s.kind === "work_item"))
      .slice(0, 5);
    if (untracked.length === 0) return null;
    const link = (s: Risk["sources"][number]) => (s.url ? `[${s.label}](${s.url})` : s.label);
    return {
      title: `Track ${plural(untracked.length, "untracked risk")} for ${r.teamName} in Jira`,
      rationale: `${plural(untracked.length, "risk")} in the register ${untracked.length === 1 ? "has" : "have"} no Jira issue: ${untracked.map((x) => x.title).join("; ")}. A task each gives them an owner and a place on the board.`,
      actions: untracked.map((x) => ({
        kind: "jira.createIssue",
        input: {
          projectKey: r.teamKey,
          issueType: "Task",
          summary: `Risk: ${x.title}`.slice(0, 250),
          description: [`**${x.severity === "high" ? "High" : "Medium"} risk** (likelihood ${x.likelihood}/5, impact ${x.impact}/5).`, x.detail, `**Mitigation:** ${x.mitigation}`, `Sources: ${x.sources.map(link).join(", ")}`].join("\n\n"),
          labels: ["risk"],
        },
      })),
      sourceIds: untracked.flatMap((x) => x.sources.map((s) => s.id)),
    };
  },

  summarize(r: ScriptRequest, results: ToolResults) {
    const found = resultOf<{ risks: Risk[] }>(results, "detectRisks");
    if (!found) return "The risk register is saved.";
    const high = found.risks.filter((x) => x.severity === "high");
    return [
      `The risk register for ${r.teamName} lists **${plural(found.risks.length, "risk")}**, ${high.length} high.`,
      high.length ? `Most severe: ${high.slice(0, 3).map((x) => `${esc(x.title, 100)} (${x.sources.slice(0, 1).map(cite).join("")}, owner ${esc(x.owner.name, 40)})`).join("; ")}.` : "",
      "It is open beside the chat.",
      (results.proposeChanges as { actions?: number } | undefined)?.actions ? "I also proposed Jira tasks for the risks nobody tracks there yet (below); nothing changes in Jira until you apply them." : "",
    ]
      .filter(Boolean)
      .join(" ");
  },
};
