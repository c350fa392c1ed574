"use client";

import { ArrowRight, Cpu, FileBarChart, type LucideIcon, ListChecks, Rocket, ShieldAlert, Sparkles } from "lucide-react";
import { useId, useState } from "react";
import { Segmented } from "@/components/ui/segmented";
import { cn } from "@/lib/utils";
import { type ArtifactKind } from "@/server/planning/artifact";
import { type ChatModelInfo, type ChatTeam, type WorkflowRequest } from "./types";

export interface WorkflowStarter {
  kind: ArtifactKind;
  title: string;
  description: string;
  icon: LucideIcon;
  /** The message sent on the user's behalf; reads like something a PM would type. */
  prompt(teamName: string): string;
}

export const WORKFLOW_STARTERS: readonly WorkflowStarter[] = [
  {
    kind: "sprint_plan",
    title: "Plan next sprint",
    description: "Fill the next sprint to capacity, with the forecast and what is at risk.",
    icon: ListChecks,
    prompt: (team) => `Plan next sprint for ${team}`,
  },
  {
    kind: "release_plan",
    title: "Plan a release",
    description: "Forecast the release date and see what to cut to make the target.",
    icon: Rocket,
    prompt: (team) => `Plan the next release for ${team}`,
  },
  {
    kind: "status_report",
    title: "Weekly status report",
    description: "What shipped, what slipped and what is blocked this week, with sources.",
    icon: FileBarChart,
    prompt: (team) => `Write this week's status report for ${team}`,
  },
  {
    kind: "risk_register",
    title: "Risk register",
    description: "Blockers, dependencies, stale work and overloaded people, ranked.",
    icon: ShieldAlert,
    prompt: (team) => `Build a risk register for ${team}`,
  },
];

/** Which team the picker starts on: the page's default when it is one of the teams, else the first. */
export function initialTeamKey(teams: readonly ChatTeam[], defaultTeamKey: string | null): string | null {
  if (defaultTeamKey && teams.some((t) => t.key === defaultTeamKey)) return defaultTeamKey;
  return teams[0]?.key ?? null;
}

/** A sentence about who answers, so nobody expects free-form answers from the built-in planner. */
export function modelNote(model: ChatModelInfo): string {
  if (model.provider === "builtin") return "Built-in planner — the workflows below run on the planning engine; free-form chat needs a configured model.";
  if (model.provider === "test") return `${model.label} (test model) — answers are scripted.`;
  return `${model.label} answers here; plans and forecasts come from the planning engine.`;
}

export interface WorkflowStartersProps {
  teams: ChatTeam[];
  defaultTeamKey: string | null;
  model: ChatModelInfo;
  /** Sends `prompt` as the user's message with `workflow` in the request body. */
  onStart(workflow: WorkflowRequest, prompt: string): void;
  disabled?: boolean;
}

/** What an empty conversation offers: the four planning workflows for a chosen team. */
export function WorkflowStarters({ teams, defaultTeamKey, model, onStart, disabled = false }: WorkflowStartersProps) {
  const [teamKey, setTeamKey] = useState(() => initialTeamKey(teams, defaultTeamKey));
  const selectId = useId();
  const team = teams.find((t) => t.key === teamKey) ?? null;
  const ModelIcon = model.provider === "builtin" ? Cpu : Sparkles;
  const useSegmented = teams.length > 1 && teams.length <= 4 && teams.every((t) => t.name.length <= 18);

  return (
    <section aria-labelledby={`${selectId}-title`} className="mx-auto flex w-full max-w-2xl flex-col gap-5 py-6 sm:py-12" data-testid="workflow-starters">
      <div className="space-y-1.5 text-center">
        <h2 id={`${selectId}-title`} className="text-xl font-semibold tracking-tight">
          What are we planning?
        </h2>
        <p className="text-sm text-muted-foreground">Start a workflow, or ask anything about your sprints, releases and risks.</p>
      </div>

      {teams.length === 0 ? (
        <p className="rounded-lg border border-dashed px-4 py-3 text-center text-sm text-muted-foreground">
          No teams are synced yet. Connect Jira on the Connections page to plan over your team&apos;s real work.
        </p>
      ) : (
        <div className="flex flex-wrap items-center justify-center gap-2 text-sm">
          <span className="text-muted-foreground" id={`${selectId}-label`}>
            Team
          </span>
          {teams.length === 1 ? (
            <span className="rounded-md border px-2.5 py-1 text-xs font-medium">{teams[0]!.name}</span>
          ) : useSegmented ? (
            <Segmented label="Team" options={teams.map((t) => ({ value: t.key, label: t.name }))} value={teamKey ?? ""} onChange={setTeamKey} />
          ) : (
            <select
              aria-labelledby={`${selectId}-label`}
              value={teamKey ?? ""}
              onChange={(e) => setTeamKey(e.target.value)}
              className="h-8 rounded-md border border-input bg-background px-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/50"
            >
              {teams.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </div>
      )}

      <ul className="grid gap-2.5 sm:grid-cols-2">
        {WORKFLOW_STARTERS.map((w) => (
          <li key={w.kind}>
            <button
              type="button"
              disabled={disabled || !team}
              onClick={() => team && onStart({ kind: w.kind, teamKey: team.key }, w.prompt(team.name))}
              data-testid={`starter-${w.kind}`}
              className={cn(
                "group flex h-full w-full items-start gap-3 rounded-xl border bg-card p-3.5 text-left shadow-xs transition-colors outline-none",
                "hover:border-primary/30 hover:bg-accent/50 focus-visible:ring-2 focus-visible:ring-ring/50 disabled:pointer-events-none disabled:opacity-50",
              )}
            >
              <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-primary/10 text-primary">
                <w.icon className="size-4" aria-hidden />
              </span>
              <span className="min-w-0 flex-1">
                <span className="flex items-center gap-1 text-sm font-medium">
                  {w.title}
                  <ArrowRight className="size-3.5 -translate-x-1 text-muted-foreground opacity-0 transition-all group-hover:translate-x-0 group-hover:opacity-100 group-focus-visible:opacity-100" aria-hidden />
                </span>
                <span className="mt-0.5 block text-xs leading-snug text-muted-foreground">{w.description}</span>
                {team ? <span className="mt-2 block truncate text-[11px] text-muted-foreground/80">“{w.prompt(team.name)}”</span> : null}
              </span>
            </button>
          </li>
        ))}
      </ul>

      <p className="flex items-center justify-center gap-1.5 text-center text-xs text-muted-foreground" data-testid="model-note">
        <ModelIcon className="size-3.5 shrink-0" aria-hidden />
        {modelNote(model)}
      </p>
    </section>
  );
}
