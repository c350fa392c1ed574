"use client";

import { useQuery } from "@tanstack/react-query";
import { format, parseISO } from "date-fns";
import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import { useState } from "react";
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Segmented } from "@/components/ui/segmented";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";

const PERIODS = [7, 14, 30, 90] as const;
type Period = (typeof PERIODS)[number];

function Trend({ now, before }: { now: number; before: number }) {
  if (now === before) return <span className="inline-flex items-center gap-0.5 text-xs text-muted-foreground"><Minus className="size-3" /> same as the period before</span>;
  const up = now > before;
  const Icon = up ? ArrowUpRight : ArrowDownRight;
  return (
    <span className={cn("inline-flex items-center gap-0.5 text-xs", up ? "text-success" : "text-destructive")}>
      <Icon className="size-3" /> {up ? "+" : ""}
      {now - before} vs the period before
    </span>
  );
}

function Kpi({ label, value, footer, testId }: { label: string; value: number | string; footer?: React.ReactNode; testId?: string }) {
  return (
    <Card>
      <CardHeader className="pb-1">
        <CardDescription>{label}</CardDescription>
        <p className="text-2xl font-semibold tabular-nums" data-testid={testId}>
          {value}
        </p>
      </CardHeader>
      <CardContent className="min-h-5">{footer}</CardContent>
    </Card>
  );
}

export function AdoptionDashboard() {
  const trpc = useTRPC();
  const [days, setDays] = useState<Period>(14);
  const { data, isPending, error } = useQuery(trpc.metrics.adoption.queryOptions({ days }));

  if (error) {
    return <p className="rounded-lg border border-destructive/40 bg-destructive/5 p-4 text-sm text-destructive">We couldn&apos;t load adoption figures: {error.message}</p>;
  }

  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        {isPending ? (
          [0, 1, 2].map((i) => <Skeleton key={i} className="h-[104px] rounded-xl" />)
        ) : (
          <>
            <Kpi label="Members" value={data.members} footer={<span className="text-xs text-muted-foreground">in the organisation</span>} />
            <Kpi
              label={`Active members, last ${days} days`}
              value={data.activeUsers}
              testId="kpi-active"
              footer={<Trend now={data.activeUsers} before={data.previousActiveUsers} />}
            />
            <Kpi label={`Sign-ins, last ${days} days`} value={data.signIns} footer={<span className="text-xs text-muted-foreground">from the audit trail</span>} />
          </>
        )}
      </div>
      <Card>
        <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
          <div>
            <CardTitle>Daily active members</CardTitle>
            <CardDescription className="mt-1">Distinct members who signed in each day (UTC).</CardDescription>
          </div>
          <Segmented label="Period" options={PERIODS.map((p) => ({ value: p, label: `${p}d` }))} value={days} onChange={setDays} />
        </CardHeader>
        <CardContent>
          {isPending ? (
            <Skeleton className="h-64 w-full" />
          ) : (
            <div className="h-64 w-full" data-testid="adoption-chart">
              <ResponsiveContainer width="100%" height="100%">
                <AreaChart data={data.days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                  <defs>
                    <linearGradient id="dau" x1="0" y1="0" x2="0" y2="1">
                      <stop offset="0%" stopColor="var(--color-primary)" stopOpacity={0.3} />
                      <stop offset="100%" stopColor="var(--color-primary)" stopOpacity={0} />
                    </linearGradient>
                  </defs>
                  <CartesianGrid vertical={false} stroke="var(--color-border)" />
                  <XAxis dataKey="date" tickFormatter={(d: string) => format(parseISO(d), "MMM d")} tickLine={false} axisLine={false} fontSize={11} stroke="var(--color-muted-foreground)" minTickGap={24} />
                  <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={11} stroke="var(--color-muted-foreground)" />
                  <Tooltip
                    labelFormatter={(d) => format(parseISO(String(d)), "EEEE, MMM d")}
                    contentStyle={{ background: "var(--color-popover)", border: "1px solid var(--color-border)", borderRadius: 8, fontSize: 12 }}
                  />
                  <Area type="monotone" dataKey="activeUsers" name="Active members" stroke="var(--color-primary)" strokeWidth={2} fill="url(#dau)" animationDuration={500} />
                </AreaChart>
              </ResponsiveContainer>
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
