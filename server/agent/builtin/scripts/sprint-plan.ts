import { type Risk, type SprintPlan, type VelocityHistory } from "@/server/planning/engine";
import { type ScriptRequest, type ToolResults, type WorkflowScript } from "./index";
import { cite, day, esc, list, num, orNone, plural, table } from "./format";
import { resultOf } from "./results";
import { risksTable } from "./risks-table";

const ORIGIN: Record<string, string> = { "carry-over": "Carry-over", "in-sprint": "Already in sprint", backlog: "Backlog" };

export const sprintPlanScript: WorkflowScript = {
  gather: (r) => [
    { toolName: "planSprint", input: { teamKey: r.teamKey } },
    { toolName: "getVelocity", input: { teamKey: r.teamKey } },
    { toolName: "detectRisks", input: { teamKey: r.teamKey } },
  ],

  write(r: ScriptRequest, results: ToolResults) {
    const plan = resultOf<SprintPlan>(results, "planSprint");
    if (!plan) return { reply: "The sprint plan could not be computed: the planning engine returned nothing. Try again." };
    const velocity = resultOf<VelocityHistory>(results, "getVelocity");
    const risks = resultOf<{ risks: Risk[] }>(results, "detectRisks")?.risks ?? [];
    const planned = new Set([...plan.items, ...plan.stretch].map((i) => i.key));
    const relevant = risks.filter((risk) => risk.sources.some((s) => planned.has(s.id)) || ["overloaded", "blocked", "unassigned_priority"].includes(risk.category));
    const t = plan.totals;
    const cap = plan.capacity;
    const v = plan.velocity.points;

    const summary = [
      `**Commit ${num(t.plannedPoints)} points (${plural(t.plannedItems, "item")})** for ${plan.sprint.source ? cite(plan.sprint.source) : esc(plan.sprint.name)}, ${day(plan.sprint.start)} – ${day(plan.sprint.end)}.`,
      cap.points !== null
        ? `Capacity is **${num(cap.points)} points**: ${num(cap.personDays)} person-days over ${plural(cap.workingDays, "working day")} at ${num(cap.pointsPerPersonDay, 2)} points per person-day.`
        : `Capacity has no points figure: ${esc(cap.reason ?? "no history", 200)}`,
      v ? `Velocity over the last ${plural(plan.velocity.sprints, "sprint")}: median ${num(v.median)} points (range ${num(v.min)}–${num(v.max)}, σ ${num(v.stdev)}).` : "There is no velocity history yet.",
      t.carryOverItems ? `Carry-over takes ${num(t.carryOverPoints)} points (${plural(t.carryOverItems, "item")}).` : "Nothing carries over.",
      t.needsEstimate ? `${plural(t.needsEstimate, "item")} had no estimate and count at the team's median of ${num(t.medianEstimate)} points: estimate them before planning.` : "",
      t.deferredItems ? `${plural(t.deferredItems, "item")} wait on dependencies (see Deferred).` : "",
    ]
      .filter(Boolean)
      .join(" ");
    const warnings = plan.warnings.length ? `\n\n**Warnings**\n\n${list(plan.warnings.map((w) => esc(w, 300)))}` : "";

    const row = (i: SprintPlan["items"][number]) => [
      cite(i.source),
      esc(i.title, 90),
      i.estimated ? num(i.points) : `${num(i.points)}*`,
      esc(i.assigneeName ?? "Unassigned", 40),
      esc(i.priority ?? "—", 12),
      [ORIGIN[i.origin] ?? i.origin, i.blockedBy.length ? `after ${i.blockedBy.map(esc).join(", ")}` : "", i.pulledForwardFor ? `unblocks ${esc(i.pulledForwardFor)}` : ""].filter(Boolean).join("; "),
    ];
    const headers = ["Issue", "Title", "Points", "Assignee", "Priority", "Why"];
    const scope = orNone(table(headers, plan.items.map(row)), "Nothing fits: see the warnings in the summary.");
    const stretch = orNone(table(headers, plan.stretch.map(row)), "No stretch items.");
    const deferred = orNone(
      table(
        ["Issue", "Title", "Points", "Reason"],
        plan.deferred.map((d) => [cite(d.source), esc(d.title, 90), num(d.points), esc(d.reason, 200)]),
      ),
      "Nothing is held back by dependencies.",
    );
    const load = orNone(
      table(
        ["Person", "Planned points", "Items", "Capacity (points)", ""],
        plan.load.map((l) => [esc(l.name, 40), num(l.points), String(l.items), num(l.capacityPoints), l.overloaded ? "**Over capacity**" : ""]),
      ),
      "No planned work yet.",
    );
    const history = velocity
      ? orNone(
          table(
            ["Sprint", "Committed", "Added", "Completed", "Carried over"],
            velocity.sprints.map((s) => [esc(s.sprintName), `${num(s.committed.points)} pts / ${s.committed.items}`, `${num(s.added.points)} pts / ${s.added.items}`, `${num(s.completed.points)} pts / ${s.completed.items}`, `${num(s.carriedOver.points)} pts / ${s.carriedOver.items}`]),
          ) + `\n\n${esc(velocity.basis, 400)}`,
          "No closed sprints yet.",
        )
      : "_Velocity history unavailable._";

    return {
      artifact: {
        kind: "sprint_plan",
        teamKey: r.teamKey,
        title: `${plan.sprint.name} plan — ${r.teamName}`,
        sections: [
          { id: "summary", heading: "Summary", markdown: summary + warnings },
          { id: "scope", heading: "Committed scope", markdown: `${scope}${plan.items.some((i) => !i.estimated) ? "\n\n\\* median estimate stand-in: the item has no estimate." : ""}` },
          { id: "stretch", heading: "Stretch", markdown: stretch },
          { id: "deferred", heading: "Deferred", markdown: deferred },
          { id: "load", heading: "Load by person", markdown: load },
          { id: "risks", heading: "Risks", markdown: orNone(risksTable(relevant, 8), "No risks touch this plan.") },
          { id: "velocity", heading: "Velocity history", markdown: history },
          { id: "assumptions", heading: "Assumptions", markdown: orNone(list([esc(cap.basis, 400), ...plan.assumptions.map((a) => esc(a, 300))]), "None.") },
        ],
      },
    };
  },

  propose(r: ScriptRequest, results: ToolResults) {
    const plan = resultOf<SprintPlan>(results, "planSprint");
    if (!plan || plan.items.length === 0) return null;
    const saved = results.saveArtifact as { url?: string } | undefined;
    const actions: { kind: string; input: unknown }[] = [];
    // Everything committed that is not in the sprint yet: backlog items, and carry-over from the
    // current sprint (Jira would move those when the sprint is completed; the PM may deselect them).
    const toMove = plan.sprint.id ? plan.items.filter((i) => i.origin !== "in-sprint") : [];
    const carried = toMove.filter((i) => i.origin === "carry-over").length;
    for (const i of toMove) actions.push({ kind: "jira.moveToSprint", input: { issueKey: i.key, sprintId: plan.sprint.id, sprintName: plan.sprint.name } });
    if (r.teamChannel) {
      const t = plan.totals;
      const shown = plan.items.slice(0, 8);
      const lines = shown.map((i) => `- ${i.source.url ? `[${i.key}](${i.source.url})` : i.key} ${i.title.replace(/\s+/g, " ").slice(0, 90)} (${num(i.points)} pts${i.assigneeName ? `, ${i.assigneeName}` : ""})`);
      const text = [
        `**${plan.sprint.name} plan — ${r.teamName}**`,
        `We commit **${num(t.plannedPoints)} points** (${plural(t.plannedItems, "item")}) for ${day(plan.sprint.start)} – ${day(plan.sprint.end)}, against a capacity of ${num(plan.capacity.points)} points.`,
        lines.join("\n") + (plan.items.length > shown.length ? `\n- …and ${plural(plan.items.length - shown.length, "more item")}` : ""),
        t.carryOverItems ? `${plural(t.carryOverItems, "item")} carry over from the current sprint.` : "",
        saved?.url ? `The full plan, with risks and assumptions: ${saved.url}` : "",
      ]
        .filter(Boolean)
        .join("\n\n");
      actions.push({ kind: "slack.postMessage", input: { channelId: `#${r.teamChannel.replace(/^#/, "")}`, text } });
    }
    if (actions.length === 0) return null;
    return {
      title: `Apply the ${plan.sprint.name} plan for ${r.teamName}`,
      rationale: [
        toMove.length
          ? `${plural(toMove.length, "committed item")} ${toMove.length === 1 ? "is" : "are"} not in ${plan.sprint.name} yet${carried ? ` (${carried} carry over from the current sprint${toMove.length > carried ? `, ${toMove.length - carried} come from the backlog` : ""})` : ""}; moving ${toMove.length === 1 ? "it" : "them"} makes the board match the plan.`
          : "",
        r.teamChannel ? `The announcement tells #${r.teamChannel.replace(/^#/, "")} what the team commits to.` : "",
      ]
        .filter(Boolean)
        .join(" "),
      actions,
      sourceIds: plan.items.map((i) => i.key),
    };
  },

  summarize(r: ScriptRequest, results: ToolResults) {
    const plan = resultOf<SprintPlan>(results, "planSprint");
    const saved = results.saveArtifact as { version?: number } | undefined;
    const proposal = results.proposeChanges as { actions?: number } | undefined;
    if (!plan) return "The sprint plan is saved.";
    const t = plan.totals;
    const top = plan.items.slice(0, 3).map((i) => cite(i.source)).join(", ");
    return [
      `Here is the plan for **${esc(plan.sprint.name)}** (${r.teamName}): ${plural(t.plannedItems, "item")} for **${num(t.plannedPoints)} points** against a capacity of ${num(plan.capacity.points)} points${top ? `, starting with ${top}` : ""}.`,
      t.carryOverItems ? `${plural(t.carryOverItems, "item")} carry over (${num(t.carryOverPoints)} points).` : "",
      t.deferredItems ? `${plural(t.deferredItems, "item")} wait on blockers.` : "",
      plan.load.some((l) => l.overloaded) ? `Over capacity: ${plan.load.filter((l) => l.overloaded).map((l) => esc(l.name).replace(/\.$/, "")).join(", ")}.` : "",
      plan.warnings.length ? `Note: ${esc(plan.warnings[0], 200)}` : "",
      `The plan is open beside the chat${saved?.version && saved.version > 1 ? ` as version ${saved.version}` : ""}: edit it, or export it as Markdown.`,
      proposal?.actions
        ? `I also proposed ${plural(proposal.actions, "change")} to put the plan in place (below). Nothing changes in Jira or Slack until you apply ${proposal.actions === 1 ? "it" : "them"}.`
        : "",
    ]
      .filter(Boolean)
      .join(" ");
  },
};
