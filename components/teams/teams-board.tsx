"use client";

import { TZDate } from "@date-fns/tz";
import { type MutationKey, useMutation, useMutationState, useQuery, useQueryClient } from "@tanstack/react-query";
import { type inferRouterOutputs } from "@trpc/server";
import { format, formatDistanceStrict } from "date-fns";
import { CalendarClock, FolderGit2, Hash, Loader2, type LucideIcon, Play, Plus, Trash2, UserRound, Users, X } from "lucide-react";
import Link from "next/link";
import { Switch } from "radix-ui";
import { useId, useMemo, useState, type ComponentProps, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tip } from "@/components/ui/tooltip";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";
import { type AppRouter } from "@/server/api/root";
import { type ArtifactKind } from "@/server/planning/artifact";

export type TeamView = inferRouterOutputs<AppRouter>["planning"]["teams"][number];
type MemberView = TeamView["members"][number];
type ScheduleView = TeamView["schedules"][number];

/** The workflows a team can schedule, in the order the picker offers them. */
export const SCHEDULE_WORKFLOWS: readonly { kind: ArtifactKind; label: string }[] = [
  { kind: "status_report", label: "Weekly status report" },
  { kind: "risk_register", label: "Risk register" },
  { kind: "sprint_plan", label: "Sprint plan" },
  { kind: "release_plan", label: "Release plan" },
];

/** Day names by cron day-of-week number (0 = Sunday), as the schedules router reads them. */
const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
/** The picker starts the week on Monday, as teams plan it. */
const WEEKDAY_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

const DEFAULT_WEEKDAY = 5;
const DEFAULT_TIME = "15:00";
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function workflowLabel(kind: ArtifactKind): string {
  return SCHEDULE_WORKFLOWS.find((w) => w.kind === kind)?.label ?? kind;
}

/** "Fridays 15:00 Europe/Berlin"; the raw cron expression when it is not a weekly slot. */
export function scheduleWhen(schedule: Pick<ScheduleView, "weekly" | "cron" | "timezone">): string {
  if (!schedule.weekly) return `${schedule.cron} (cron) ${schedule.timezone}`;
  return `${WEEKDAY_NAMES[schedule.weekly.weekday]}s ${schedule.weekly.time} ${schedule.timezone}`;
}

/** The zone's short name in the viewer's locale at `at` ("CET", "EST", "GMT+5:30"), summer time included. */
export function zoneName(at: Date, timeZone: string, locale?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(at);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/**
 * A run time for the viewer: their own clock with the zone named, then how far away it is,
 * e.g. "Fri 27 Nov, 15:00 CET (in 3 days)". `timeZone` and `locale` default to the viewer's.
 */
export function formatRunAt(at: Date, now: Date, timeZone?: string, locale?: string): string {
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `${format(new TZDate(at.getTime(), zone), "EEE d MMM, HH:mm")} ${zoneName(at, zone, locale)} (${formatDistanceStrict(at, now, { addSuffix: true })})`;
}

/**
 * What to tell the person when a call fails: the first field's message for invalid input (the
 * message itself then lists every issue, for machines), else the server's message.
 */
export function errorText(error: { message: string; data?: { fieldErrors?: Partial<Record<string, string[]>> | null; formErrors?: string[] | null } | null }): string {
  const field = Object.values(error.data?.fieldErrors ?? {}).find((m) => m?.length)?.[0];
  return field ?? error.data?.formErrors?.[0] ?? error.message;
}

/** Availability as the whole percentage people edit (0.8 → 80). */
export function toPercent(fraction: number): number {
  return Math.round(fraction * 100);
}

/**
 * A typed percentage as the fraction the server stores ("80" → 0.8), or null when the text is not
 * a number. Out-of-range numbers pass through so the server's message explains the range.
 */
export function percentToFraction(text: string): number | null {
  const trimmed = text.trim().replace(/%$/, "");
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? Math.round(value * 10) / 1000 : null;
}

function isWeekdayKey(day: string): boolean {
  const dow = new Date(`${day}T12:00:00Z`).getUTCDay();
  return dow >= 1 && dow <= 5;
}

/**
 * Days off that cost capacity: weekdays from `today` (yyyy-MM-dd, the team's calendar day) on.
 * Weekend days and days already past change no plan.
 */
export function upcomingWorkingDaysOff(daysOff: readonly string[], today: string): number {
  return daysOff.filter((d) => d >= today && isWeekdayKey(d)).length;
}

/** Today's date (yyyy-MM-dd) in the team's time zone; the viewer's day when the zone is unknown. */
export function todayIn(timezone: string, now = new Date()): string {
  return isTimeZone(timezone) ? format(new TZDate(now.getTime(), timezone), "yyyy-MM-dd") : format(now, "yyyy-MM-dd");
}

export function isTimeZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "Mon 24 Nov" for a yyyy-MM-dd day, read as that calendar day wherever the viewer is. */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return format(new Date(y, m - 1, d), "EEE d MMM");
}

function timeZoneOptions(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

type Teams = TeamView[];

/** The `field` of every pending call of one mutation: which rows are saving right now. */
function usePendingIds(mutationKey: MutationKey, field: "id" | "key"): string[] {
  return useMutationState({
    filters: { mutationKey, status: "pending" },
    select: (m) => String((m.state.variables as Record<string, unknown> | undefined)?.[field] ?? ""),
  });
}

/** Reads the teams and edits them with optimistic updates: the cache changes first, a failure puts it back. */
function useTeamMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = trpc.planning.teams.queryKey();

  function optimistic<V>(apply: (teams: Teams, vars: V) => Teams) {
    return {
      onMutate: async (vars: V) => {
        await queryClient.cancelQueries({ queryKey });
        const previous = queryClient.getQueryData(queryKey);
        queryClient.setQueryData(queryKey, (old) => (old ? apply(old, vars) : old));
        return { previous };
      },
      onError: (error: Parameters<typeof errorText>[0], _vars: V, context: { previous?: Teams } | undefined) => {
        if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
        toast.error(errorText(error));
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey }),
    };
  }

  const updateTeam = useMutation(
    trpc.planning.updateTeam.mutationOptions({
      ...optimistic((teams, v: { key: string; timezone?: string; sprintLengthDays?: number }) =>
        teams.map((t) => (t.key === v.key ? { ...t, ...(v.timezone ? { timezone: v.timezone } : {}), ...(v.sprintLengthDays ? { sprintLengthDays: v.sprintLengthDays } : {}) } : t)),
      ),
    }),
  );

  const updateMember = useMutation(
    trpc.planning.updateMember.mutationOptions({
      ...optimistic((teams, v: { id: string; availability?: number; daysOff?: string[] }) =>
        teams.map((t) => ({
          ...t,
          members: t.members.map((m) =>
            m.id === v.id ? { ...m, ...(v.availability != null ? { availability: v.availability } : {}), ...(v.daysOff ? { daysOff: [...new Set(v.daysOff)].sort() } : {}) } : m,
          ),
        })),
      ),
    }),
  );

  const setScheduleEnabled = useMutation(
    trpc.planning.setScheduleEnabled.mutationOptions({
      ...optimistic((teams, v: { id: string; enabled: boolean }) => teams.map((t) => ({ ...t, schedules: t.schedules.map((s) => (s.id === v.id ? { ...s, enabled: v.enabled } : s)) }))),
      onSuccess: (r) => toast.success(r.enabled ? `Resumed — next run ${r.nextRunAt ? formatRunAt(r.nextRunAt, new Date()) : "soon"}` : "Paused — it runs again when you resume it"),
    }),
  );

  const deleteSchedule = useMutation(
    trpc.planning.deleteSchedule.mutationOptions({
      ...optimistic((teams, v: { id: string }) => teams.map((t) => ({ ...t, schedules: t.schedules.filter((s) => s.id !== v.id) }))),
      onSuccess: () => toast.success("Schedule deleted"),
    }),
  );

  const runScheduleNow = useMutation(
    trpc.planning.runScheduleNow.mutationOptions({
      onSuccess: () => toast.success("Running — the report appears in your notifications"),
      onError: (e) => toast.error(errorText(e)),
    }),
  );

  const createSchedule = useMutation(
    trpc.planning.createSchedule.mutationOptions({
      onError: (e) => toast.error(errorText(e)),
      onSettled: () => queryClient.invalidateQueries({ queryKey }),
    }),
  );

  // Every pending call, not just the latest, so two rows saving at once both show it.
  const pendingMembers = usePendingIds(trpc.planning.updateMember.mutationKey(), "id");
  const pendingTeams = usePendingIds(trpc.planning.updateTeam.mutationKey(), "key");
  const pendingSchedules = [
    ...usePendingIds(trpc.planning.setScheduleEnabled.mutationKey(), "id"),
    ...usePendingIds(trpc.planning.deleteSchedule.mutationKey(), "id"),
    ...usePendingIds(trpc.planning.runScheduleNow.mutationKey(), "id"),
  ];

  return { updateTeam, updateMember, setScheduleEnabled, deleteSchedule, runScheduleNow, createSchedule, pendingMembers, pendingSchedules, pendingTeams };
}

type TeamMutations = ReturnType<typeof useTeamMutations>;

/** Teams with their capacity settings and scheduled workflows; editable with `teams:manage`. */
export function TeamsBoard({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const teams = useQuery(trpc.planning.teams.queryOptions());
  const mutations = useTeamMutations();
  const zonesId = useId();
  const zones = useMemo(() => (canManage ? timeZoneOptions() : []), [canManage]);

  if (teams.error) return <p className="rounded-lg border border-destructive/40 bg-destructive/5 p-4 text-sm text-destructive">We couldn&apos;t load the teams: {teams.error.message}</p>;
  if (teams.isPending)
    return (
      <div className="space-y-6" aria-busy>
        {[0, 1].map((i) => (
          <Skeleton key={i} className="h-80 rounded-xl" />
        ))}
      </div>
    );
  if (teams.data.length === 0)
    return (
      <EmptyState
        icon={Users}
        title="No teams yet"
        action={
          <Button asChild variant="outline">
            <Link href="/connections">Open Connections</Link>
          </Button>
        }
      >
        Teams appear when Jira syncs: each Jira project becomes a team, with the people assigned its work.
      </EmptyState>
    );

  return (
    <div className="space-y-6">
      {canManage ? (
        <datalist id={zonesId}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      ) : null}
      {teams.data.map((team) => (
        <TeamCard key={team.id} team={team} canManage={canManage} zonesId={zonesId} mutations={mutations} />
      ))}
    </div>
  );
}

/**
 * An input that saves when it loses focus or on Enter, and reverts on Escape. It is uncontrolled and
 * keyed on the saved value, so an optimistic change or a rollback resets what it shows.
 */
function CommitInput({ value, onCommit, className, ...props }: { value: string; onCommit: (draft: string, input: HTMLInputElement) => void } & Omit<ComponentProps<"input">, "value" | "defaultValue" | "onBlur" | "onKeyDown">) {
  return (
    <Input
      key={value}
      defaultValue={value}
      className={cn("h-8", className)}
      onBlur={(e) => {
        if (e.currentTarget.value !== value) onCommit(e.currentTarget.value, e.currentTarget);
      }}
      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
        if (e.key === "Enter") e.currentTarget.blur();
        if (e.key === "Escape") {
          e.currentTarget.value = value;
          e.currentTarget.blur();
        }
      }}
      {...props}
    />
  );
}

function Fact({ icon: Icon, label, children }: { icon: LucideIcon; label: string; children: ReactNode }) {
  return (
    <span className="inline-flex min-w-0 items-center gap-1.5">
      <Icon className="size-3.5 shrink-0 text-muted-foreground" aria-label={label} />
      {children}
    </span>
  );
}

function TeamCard({ team, canManage, zonesId, mutations }: { team: TeamView; canManage: boolean; zonesId: string; mutations: TeamMutations }) {
  const saving = mutations.pendingTeams.includes(team.key);
  const today = todayIn(team.timezone);
  const channel = team.channel?.replace(/^#/, "");

  function commitZone(draft: string, input: HTMLInputElement) {
    const zone = draft.trim();
    if (!isTimeZone(zone)) {
      toast.error("Use an IANA time zone such as Europe/Berlin.");
      input.value = team.timezone;
      return;
    }
    if (zone !== team.timezone) mutations.updateTeam.mutate({ key: team.key, timezone: zone }, { onSuccess: () => toast.success(`${team.name} now plans in ${zone}`) });
  }

  function commitSprint(draft: string, input: HTMLInputElement) {
    const days = Number(draft);
    if (draft.trim() === "" || !Number.isInteger(days)) {
      toast.error("Sprint length is a whole number of days, from 5 to 28.");
      input.value = String(team.sprintLengthDays);
      return;
    }
    mutations.updateTeam.mutate({ key: team.key, sprintLengthDays: days }, { onSuccess: () => toast.success(`${team.name} sprints are now ${days} days`) });
  }

  return (
    <Card data-testid={`team-${team.key}`}>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-4 border-b pb-4">
        <div className="min-w-0 space-y-2">
          <div className="flex items-center gap-2">
            <CardTitle className="text-base">{team.name}</CardTitle>
            <Badge variant="outline" className="font-mono">
              {team.key}
            </Badge>
          </div>
          <CardDescription className="flex flex-wrap items-center gap-x-4 gap-y-1.5 text-xs">
            <Fact icon={UserRound} label="Lead">
              {team.leadName ?? "No lead in Jira"}
            </Fact>
            <Fact icon={Hash} label="Slack channel">
              {channel ?? "No Slack channel"}
            </Fact>
            <Fact icon={FolderGit2} label="Repositories">
              {team.repos.length ? (
                <span className="flex flex-wrap gap-1">
                  {team.repos.map((r) => (
                    <code key={r} className="rounded bg-muted px-1 py-0.5 font-mono text-[11px] text-foreground">
                      {r}
                    </code>
                  ))}
                </span>
              ) : (
                "No repositories linked"
              )}
            </Fact>
          </CardDescription>
        </div>
        {canManage ? (
          <div className="flex flex-wrap items-end gap-3">
            <div className="grid gap-1.5">
              <Label htmlFor={`${team.key}-tz`} className="text-xs text-muted-foreground">
                Time zone
              </Label>
              <CommitInput id={`${team.key}-tz`} value={team.timezone} list={zonesId} onCommit={commitZone} disabled={saving} className="w-52" spellCheck={false} autoComplete="off" />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor={`${team.key}-sprint`} className="text-xs text-muted-foreground">
                Sprint length
              </Label>
              <div className="flex items-center gap-1.5">
                <CommitInput id={`${team.key}-sprint`} value={String(team.sprintLengthDays)} onCommit={commitSprint} disabled={saving} type="number" min={5} max={28} className="w-16 tabular-nums" />
                <span className="text-xs text-muted-foreground">days</span>
              </div>
            </div>
            {saving ? <Loader2 className="mb-2 size-4 animate-spin text-muted-foreground" aria-label="Saving" /> : null}
          </div>
        ) : (
          <dl className="flex gap-6 text-sm">
            <div>
              <dt className="text-xs text-muted-foreground">Time zone</dt>
              <dd className="mt-1">{team.timezone}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">Sprint length</dt>
              <dd className="mt-1 tabular-nums">{team.sprintLengthDays} days</dd>
            </div>
          </dl>
        )}
      </CardHeader>

      <section aria-label={`${team.name} members`} className="py-2">
        {team.members.length === 0 ? (
          <p className="px-5 py-3 text-sm text-muted-foreground">Nobody yet. People join a team when they are assigned its Jira issues.</p>
        ) : (
          <>
            <Table>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead className="w-56">Member</TableHead>
                  <TableHead className="w-36">Availability</TableHead>
                  <TableHead>Days off</TableHead>
                  <TableHead className="w-32 text-right">Working days off</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {team.members.map((m) => (
                  <MemberRow key={m.id} member={m} today={today} canManage={canManage} saving={mutations.pendingMembers.includes(m.id)} mutations={mutations} />
                ))}
              </TableBody>
            </Table>
            <p className="px-5 pt-2 text-xs text-muted-foreground">Working days off counts upcoming weekdays in {team.timezone}; weekends and past days don&apos;t change a plan.</p>
          </>
        )}
      </section>

      <CardContent className="border-t pt-4">
        <Schedules team={team} canManage={canManage} zonesId={zonesId} mutations={mutations} />
      </CardContent>
    </Card>
  );
}

function MemberRow({ member, today, canManage, saving, mutations }: { member: MemberView; today: string; canManage: boolean; saving: boolean; mutations: TeamMutations }) {
  const [newDay, setNewDay] = useState("");
  const percent = toPercent(member.availability);
  const working = upcomingWorkingDaysOff(member.daysOff, today);

  function commitAvailability(draft: string, input: HTMLInputElement) {
    const fraction = percentToFraction(draft);
    if (fraction == null) {
      input.value = String(percent);
      toast.error("Availability is a number between 0 and 100.");
      return;
    }
    if (fraction === member.availability) return;
    mutations.updateMember.mutate(
      { id: member.id, availability: fraction },
      { onSuccess: () => toast.success(`${member.name} is available ${toPercent(fraction)}% of the time`) },
    );
  }

  function setDaysOff(daysOff: string[], message: string) {
    mutations.updateMember.mutate({ id: member.id, daysOff }, { onSuccess: () => toast.success(message) });
  }

  function addDay(e?: FormEvent) {
    e?.preventDefault();
    if (!ISO_DAY.test(newDay)) {
      toast.error("Pick a date to add.");
      return;
    }
    if (member.daysOff.includes(newDay)) {
      toast.info(`${dayLabel(newDay)} is already a day off for ${member.name}`);
      return;
    }
    setDaysOff([...member.daysOff, newDay], `Added ${dayLabel(newDay)} off for ${member.name}`);
    setNewDay("");
  }

  return (
    <TableRow data-testid="member-row" className="align-top">
      <TableCell className="font-medium">{member.name}</TableCell>
      <TableCell>
        {canManage ? (
          <div className="flex items-center gap-1.5">
            <CommitInput
              value={String(percent)}
              onCommit={commitAvailability}
              disabled={saving}
              type="number"
              min={0}
              max={100}
              step={5}
              inputMode="numeric"
              aria-label={`${member.name}'s availability in percent`}
              className="h-7 w-16 tabular-nums"
            />
            <span className="text-xs text-muted-foreground">%</span>
          </div>
        ) : (
          <AvailabilityBar percent={percent} />
        )}
      </TableCell>
      <TableCell>
        <div className="flex flex-wrap items-center gap-1.5">
          {member.daysOff.map((day) => {
            const muted = day < today || !isWeekdayKey(day);
            return (
              <span
                key={day}
                title={day < today ? "Past" : !isWeekdayKey(day) ? "Weekend — no capacity lost" : undefined}
                className={cn("inline-flex h-7 items-center gap-1 rounded-md border bg-background pr-1 pl-2 text-xs tabular-nums", muted && "text-muted-foreground opacity-70", !canManage && "pr-2")}
              >
                {dayLabel(day)}
                {canManage ? (
                  <button
                    type="button"
                    disabled={saving}
                    onClick={() =>
                      setDaysOff(
                        member.daysOff.filter((d) => d !== day),
                        `Removed ${dayLabel(day)} off for ${member.name}`,
                      )
                    }
                    aria-label={`Remove ${dayLabel(day)} from ${member.name}'s days off`}
                    className="rounded p-0.5 text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring/50 disabled:opacity-50"
                  >
                    <X className="size-3" />
                  </button>
                ) : null}
              </span>
            );
          })}
          {member.daysOff.length === 0 && !canManage ? <span className="text-xs text-muted-foreground">None</span> : null}
          {canManage ? (
            <form onSubmit={addDay} className="inline-flex items-center gap-1">
              <Input
                type="date"
                value={newDay}
                onChange={(e) => setNewDay(e.target.value)}
                disabled={saving}
                aria-label={`Add a day off for ${member.name}`}
                className="h-7 w-34 px-1.5 text-xs"
              />
              <Button type="submit" size="icon-sm" variant="ghost" className="size-7" disabled={saving || !newDay} aria-label={`Add the day off for ${member.name}`}>
                {saving ? <Loader2 className="animate-spin" /> : <Plus />}
              </Button>
            </form>
          ) : null}
        </div>
      </TableCell>
      <TableCell className="text-right tabular-nums">
        <span className={cn(working === 0 && "text-muted-foreground")}>{working}</span>
      </TableCell>
    </TableRow>
  );
}

function AvailabilityBar({ percent }: { percent: number }) {
  return (
    <div className="flex items-center gap-2">
      <div className="h-1.5 w-16 overflow-hidden rounded-full bg-muted" aria-hidden>
        <div className="h-full rounded-full bg-primary" style={{ width: `${Math.min(100, Math.max(0, percent))}%` }} />
      </div>
      <span className="text-xs tabular-nums">{percent}%</span>
    </div>
  );
}

function Schedules({ team, canManage, zonesId, mutations }: { team: TeamView; canManage: boolean; zonesId: string; mutations: TeamMutations }) {
  const [adding, setAdding] = useState(false);
  const now = new Date();

  return (
    <section aria-label={`${team.name} scheduled workflows`} className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <div>
          <h4 className="text-sm font-semibold">Scheduled workflows</h4>
          <p className="text-xs text-muted-foreground">Run on their own and land in the creator&apos;s notifications.</p>
        </div>
        {canManage && !adding ? (
          <Button size="sm" variant="outline" onClick={() => setAdding(true)}>
            <Plus /> Add schedule
          </Button>
        ) : null}
      </div>

      {team.schedules.length === 0 && !adding ? <p className="text-sm text-muted-foreground">{canManage ? "Nothing scheduled. A weekly status report on Friday afternoon is a good start." : "Nothing scheduled."}</p> : null}

      {team.schedules.length > 0 ? (
        <ul className="divide-y rounded-lg border">
          {team.schedules.map((s) => {
            const busy = mutations.pendingSchedules.includes(s.id);
            const title = workflowLabel(s.kind);
            return (
              <li key={s.id} className="flex flex-wrap items-center gap-3 px-3 py-2.5" data-testid="schedule-row">
                <CalendarClock className={cn("size-4 shrink-0", s.enabled ? "text-primary" : "text-muted-foreground")} aria-hidden />
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm">
                    <span className="font-medium">{title}</span>
                    <span className="text-muted-foreground"> · {scheduleWhen(s)}</span>
                  </p>
                  <p className="truncate text-xs text-muted-foreground">
                    {s.enabled ? (s.nextRunAt ? `Next run ${formatRunAt(s.nextRunAt, now)}` : "Next run not planned yet") : "Paused"}
                    {s.lastRunAt ? ` · last ran ${formatRunAt(s.lastRunAt, now)}` : " · has not run yet"}
                  </p>
                </div>
                {!s.enabled ? <Badge variant="outline">Paused</Badge> : null}
                {canManage ? (
                  <div className="flex items-center gap-1">
                    {/* The tooltip trigger takes over data-state, so the track styles on aria-checked. */}
                    <Tip label={s.enabled ? "Pause" : "Resume"}>
                      <Switch.Root
                        checked={s.enabled}
                        disabled={busy}
                        onCheckedChange={(enabled) => mutations.setScheduleEnabled.mutate({ id: s.id, enabled })}
                        aria-label={`${title} runs on schedule`}
                        className="mr-1 inline-flex h-5 w-9 shrink-0 items-center rounded-full bg-input transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring/50 disabled:opacity-50 aria-checked:bg-primary"
                      >
                        <Switch.Thumb className="pointer-events-none block size-4 translate-x-0.5 rounded-full bg-white shadow-sm transition-transform data-[state=checked]:translate-x-[1.125rem] dark:data-[state=unchecked]:bg-foreground/80 dark:data-[state=checked]:bg-primary-foreground" />
                      </Switch.Root>
                    </Tip>
                    <Button size="sm" variant="ghost" disabled={busy} onClick={() => mutations.runScheduleNow.mutate({ id: s.id })}>
                      {mutations.runScheduleNow.isPending && mutations.runScheduleNow.variables?.id === s.id ? <Loader2 className="animate-spin" /> : <Play />} Run now
                    </Button>
                    <ConfirmButton
                      className="text-muted-foreground hover:text-destructive"
                      title={`Delete the ${title.toLowerCase()} schedule?`}
                      description={`${team.name} stops getting it ${scheduleWhen(s)}. Reports it already produced stay.`}
                      confirmLabel="Delete schedule"
                      onConfirm={() => mutations.deleteSchedule.mutate({ id: s.id })}
                    >
                      <Trash2 aria-hidden />
                      <span className="sr-only">Delete {title} schedule</span>
                    </ConfirmButton>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}

      {adding ? <AddSchedule team={team} zonesId={zonesId} mutations={mutations} onDone={() => setAdding(false)} /> : null}
    </section>
  );
}

const selectClass = "h-8 rounded-md border border-input bg-background px-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/50 disabled:opacity-50";

function AddSchedule({ team, zonesId, mutations, onDone }: { team: TeamView; zonesId: string; mutations: TeamMutations; onDone: () => void }) {
  const id = useId();
  const [kind, setKind] = useState<ArtifactKind>("status_report");
  const [weekday, setWeekday] = useState(DEFAULT_WEEKDAY);
  const [time, setTime] = useState(DEFAULT_TIME);
  const [timezone, setTimezone] = useState(team.timezone);
  const create = mutations.createSchedule;

  function submit(e: FormEvent) {
    e.preventDefault();
    const zone = timezone.trim() || team.timezone;
    const slot = scheduleWhen({ weekly: { weekday, time }, cron: "", timezone: zone });
    create.mutate(
      { teamKey: team.key, kind, weekday, time, timezone: zone },
      {
        onSuccess: (r) => {
          toast.success(`Scheduled: ${workflowLabel(kind)} · ${slot}`, { description: `First run ${formatRunAt(r.nextRunAt, new Date())}` });
          onDone();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 rounded-lg border border-dashed bg-muted/30 p-3" aria-label={`Add a schedule for ${team.name}`}>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-kind`} className="text-xs text-muted-foreground">
          Workflow
        </Label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ArtifactKind)} className={selectClass} disabled={create.isPending}>
          {SCHEDULE_WORKFLOWS.map((w) => (
            <option key={w.kind} value={w.kind}>
              {w.label}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-day`} className="text-xs text-muted-foreground">
          Every
        </Label>
        <select id={`${id}-day`} value={weekday} onChange={(e) => setWeekday(Number(e.target.value))} className={selectClass} disabled={create.isPending}>
          {WEEKDAY_ORDER.map((d) => (
            <option key={d} value={d}>
              {WEEKDAY_NAMES[d]}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-time`} className="text-xs text-muted-foreground">
          At
        </Label>
        <Input id={`${id}-time`} type="time" value={time} onChange={(e) => setTime(e.target.value)} required className="h-8 w-28" disabled={create.isPending} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-tz`} className="text-xs text-muted-foreground">
          Time zone
        </Label>
        <Input id={`${id}-tz`} list={zonesId} value={timezone} onChange={(e) => setTimezone(e.target.value)} className="h-8 w-52" spellCheck={false} autoComplete="off" disabled={create.isPending} />
      </div>
      <div className="ml-auto flex gap-2">
        <Button type="button" size="sm" variant="ghost" onClick={onDone} disabled={create.isPending}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={create.isPending || !time}>
          {create.isPending ? <Loader2 className="animate-spin" /> : null} Schedule
        </Button>
      </div>
    </form>
  );
}
