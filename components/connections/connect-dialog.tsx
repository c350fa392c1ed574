"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Loader2, LogIn, Plus, TestTube2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";

const TOOLS = [
  { id: "JIRA", label: "Jira", hint: "Issues, sprints, boards and releases", baseUrl: "https://your-site.atlassian.net", account: "Cloud id or site name" },
  { id: "GITHUB", label: "GitHub", hint: "Pull requests, reviews and commits", baseUrl: "https://api.github.com", account: "Organisation" },
  { id: "NOTION", label: "Notion", hint: "Specs, PRDs and the roadmap", baseUrl: "https://api.notion.com", account: "Workspace name" },
  { id: "SLACK", label: "Slack", hint: "Channels, threads and DMs", baseUrl: "https://slack.com/api/", account: "Team name or id" },
] as const;
type ToolId = (typeof TOOLS)[number]["id"];

export function ConnectDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [tool, setTool] = useState<ToolId>("JIRA");
  const [mode, setMode] = useState<"choose" | "token">("choose");
  const options = useQuery({ ...trpc.connections.connectOptions.queryOptions(), enabled: open });
  const start = useMutation(
    trpc.connections.startOAuth.mutationOptions({
      onSuccess: ({ url }) => window.location.assign(url),
      onError: (e) => toast.error(e.message),
    }),
  );
  const connect = useMutation(
    trpc.connections.connectWithToken.mutationOptions({
      onSuccess: () => {
        toast.success(`${TOOLS.find((t) => t.id === tool)!.label} connected; the first sync has started`);
        setOpen(false);
        setMode("choose");
        void queryClient.invalidateQueries({ queryKey: trpc.connections.list.queryKey() });
      },
    }),
  );
  const selected = TOOLS.find((t) => t.id === tool)!;
  const targets = options.data?.oauth[tool] ?? [];
  const fieldErrors = (connect.error?.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors ?? {};

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    connect.mutate({
      tool,
      baseUrl: String(form.get("baseUrl") ?? ""),
      token: String(form.get("token") ?? ""),
      email: form.get("email") ? String(form.get("email")) : undefined,
      accountId: String(form.get("accountId") ?? ""),
    });
  }

  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), o || setMode("choose"))}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus /> Connect a tool
        </Button>
      </DialogTrigger>
      <DialogContent title="Connect a tool" description="Lumen reads through the tool's official API. Tokens are encrypted at rest and never shown again.">
        <div role="radiogroup" aria-label="Tool" className="grid grid-cols-2 gap-2">
          {TOOLS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="radio"
              aria-checked={tool === t.id}
              onClick={() => setTool(t.id)}
              className={cn("rounded-lg border p-3 text-left outline-none focus-visible:ring-2 focus-visible:ring-ring/50", tool === t.id ? "border-primary bg-primary/5" : "hover:bg-accent")}
            >
              <div className="text-sm font-medium">{t.label}</div>
              <div className="text-xs text-muted-foreground">{t.hint}</div>
            </button>
          ))}
        </div>

        {mode === "choose" ? (
          <div className="mt-4 grid gap-2">
            {targets.includes("cloud") ? (
              <Button onClick={() => start.mutate({ tool, target: "cloud" })} disabled={start.isPending}>
                {start.isPending ? <Loader2 className="animate-spin" /> : <LogIn />} Sign in with {selected.label}
              </Button>
            ) : null}
            {targets.includes("sandbox") ? (
              <Button variant={targets.includes("cloud") ? "outline" : "default"} onClick={() => start.mutate({ tool, target: "sandbox" })} disabled={start.isPending}>
                <TestTube2 /> Connect the sandbox company&apos;s {selected.label}
              </Button>
            ) : null}
            <Button variant="outline" onClick={() => setMode("token")}>
              <KeyRound /> Use an API token
            </Button>
            {options.data && !targets.includes("cloud") ? (
              <p className="text-xs text-muted-foreground">Signing in with {selected.label} needs its OAuth app configured for this deployment (see .env.example).</p>
            ) : null}
          </div>
        ) : (
          <form onSubmit={submit} className="mt-4 grid gap-3" noValidate>
            <div className="grid gap-1.5">
              <Label htmlFor="baseUrl">API URL</Label>
              <Input id="baseUrl" name="baseUrl" defaultValue={selected.baseUrl} aria-invalid={Boolean(fieldErrors.baseUrl)} />
              {fieldErrors.baseUrl ? <p className="text-xs text-destructive">{fieldErrors.baseUrl[0]}</p> : null}
            </div>
            {tool === "JIRA" ? (
              <div className="grid gap-1.5">
                <Label htmlFor="email">Account email</Label>
                <Input id="email" name="email" type="email" autoComplete="off" aria-invalid={Boolean(fieldErrors.email)} />
                {fieldErrors.email ? <p className="text-xs text-destructive">{fieldErrors.email[0]}</p> : null}
              </div>
            ) : null}
            <div className="grid gap-1.5">
              <Label htmlFor="token">API token</Label>
              <Input id="token" name="token" type="password" autoComplete="off" aria-invalid={Boolean(fieldErrors.token)} />
              {fieldErrors.token ? <p className="text-xs text-destructive">{fieldErrors.token[0]}</p> : null}
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="accountId">{selected.account}</Label>
              <Input id="accountId" name="accountId" aria-invalid={Boolean(fieldErrors.accountId)} />
              {fieldErrors.accountId ? <p className="text-xs text-destructive">{fieldErrors.accountId[0]}</p> : null}
            </div>
            {connect.error && Object.keys(fieldErrors).length === 0 ? (
              <p role="alert" className="rounded-md bg-destructive/10 p-2 text-sm text-destructive">
                {connect.error.message}
              </p>
            ) : null}
            <div className="flex justify-end gap-2 pt-1">
              <Button type="button" variant="ghost" onClick={() => setMode("choose")}>
                Back
              </Button>
              <Button type="submit" disabled={connect.isPending}>
                {connect.isPending ? <Loader2 className="animate-spin" /> : null} Test and connect
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
