"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type EditorView } from "@uiw/react-codemirror";
import { CircleCheck, CircleX, FlaskConical, LoaderCircle, RotateCcw, ShieldAlert, TriangleAlert, Upload } from "lucide-react";
import { useCallback, useDeferredValue, useEffect, useEffectEvent, useRef, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Tip } from "@/components/ui/tooltip";
import { useTRPC } from "@/lib/trpc/react";
import { type PolicyIssue } from "@/server/policies/parse";
import { checkDraft, diagnosticsFor, draftSize, issueLabel, issuesOf, plural, problemCount, sizeNote } from "./diagnostics";
import { PolicyCode } from "./policy-code";
import { PublishDialog } from "./publish-dialog";
import { SimulationTable } from "./simulation-table";
import { type CurrentPolicy } from "./types";
import { isCheckShortcut, versionLabel } from "./wording";

/** How many problems the list under the editor shows before it says how many more there are. */
const LISTED_ISSUES = 50;

/**
 * The admin's editor for the policy: YAML with highlighting and inline problems, a list of the
 * problems that moves the cursor to each, and the way to publish — Check (also Ctrl/Cmd+S) asks the
 * server as publishing would, Simulate replays recent proposals against the draft, Publish… makes
 * it the policy in force. The draft starts from the version in force and remembers it, so a
 * version published by someone else meanwhile is noticed instead of overwritten.
 */
export function PolicyEditor({ current }: { current: CurrentPolicy }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [base, setBase] = useState({ version: current.version, text: current.text });
  const [draft, setDraft] = useState(current.text);
  const [seen, setSeen] = useState({ version: current.version, text: current.text });
  const [publishOpen, setPublishOpen] = useState(false);
  const dirty = draft !== base.text;

  // When the policy in force changes (a publish or a rollback, here or by someone else) and there
  // is nothing to lose, the draft follows it. With unpublished edits the draft stays, and a banner
  // says a newer version is in force.
  if (current.version !== seen.version || current.text !== seen.text) {
    setSeen({ version: current.version, text: current.text });
    if (!dirty) {
      setBase({ version: current.version, text: current.text });
      setDraft(current.text);
    }
  }
  // Version numbers only grow (a rollback publishes a new one), so a larger one is newer.
  const overtaken = dirty && (current.version ?? 0) > (base.version ?? 0);

  // Parsing a large policy on every keystroke would make typing lag; the list may trail by a frame.
  const settledDraft = useDeferredValue(draft);
  const parsed = checkDraft(settledDraft);
  const issues = issuesOf(parsed);
  const settled = settledDraft === draft;

  const viewRef = useRef<EditorView | null>(null);
  const onReady = useCallback((view: EditorView) => {
    viewRef.current = view;
  }, []);
  const goTo = (issue: PolicyIssue) => {
    const view = viewRef.current;
    if (!view) return;
    const from = Math.min(issue.from, view.state.doc.length);
    const to = Math.min(Math.max(from, issue.to), view.state.doc.length);
    view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
    view.focus();
  };

  const invalidate = () => queryClient.invalidateQueries(trpc.policies.pathFilter());
  const check = useMutation(trpc.policies.check.mutationOptions({ onError: (e) => toast.error(`The check did not run: ${e.message}`) }));
  const simulate = useMutation(trpc.policies.simulate.mutationOptions({ onError: (e) => toast.error(e.message) }));
  const publish = useMutation(
    trpc.policies.publish.mutationOptions({
      onSuccess: (result, vars) => {
        setBase({ version: result.number, text: vars.text });
        setPublishOpen(false);
        check.reset();
        simulate.reset();
        toast.success(`Version ${result.number} is now the policy in force`);
      },
      onError: (e) => {
        setPublishOpen(false);
        toast.error(e.message);
      },
      onSettled: () => invalidate(),
    }),
  );

  const runCheck = () => {
    if (!check.isPending) check.mutate({ text: draft });
  };
  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    if (!isCheckShortcut(e)) return;
    e.preventDefault();
    runCheck();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKeyDown(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const discard = () => {
    const kept = draft;
    setBase({ version: current.version, text: current.text });
    setDraft(current.text);
    check.reset();
    simulate.reset();
    toast("Changes discarded", { action: { label: "Undo", onClick: () => setDraft(kept) } });
  };

  const hasErrors = !parsed.ok;
  const publishBlocked = !settled || hasErrors || !dirty || publish.isPending;
  const checkShown = check.data && check.variables?.text === draft ? check.data : null;

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <CardTitle className="flex items-center gap-2">
            Edit the policy
            {dirty ? <Badge variant="warning">Unpublished changes</Badge> : null}
          </CardTitle>
          <CardDescription>
            Editing {versionLabel(base.version).toLowerCase()}. Nothing changes until you publish; check and simulate first. The language is explained in the policy reference.
          </CardDescription>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Tip label="Check the draft as publishing would" shortcut="Ctrl S">
            <Button variant="outline" size="sm" onClick={runCheck} disabled={check.isPending}>
              {check.isPending ? <LoaderCircle className="animate-spin" aria-hidden /> : <CircleCheck aria-hidden />}
              Check
            </Button>
          </Tip>
          <Button variant="outline" size="sm" onClick={() => simulate.mutate({ text: draft, limit: 100 })} disabled={!settled || hasErrors || simulate.isPending}>
            {simulate.isPending ? <LoaderCircle className="animate-spin" aria-hidden /> : <FlaskConical aria-hidden />}
            Simulate
          </Button>
          <Button variant="ghost" size="sm" onClick={discard} disabled={!dirty && !overtaken}>
            <RotateCcw aria-hidden />
            Discard changes
          </Button>
          <Button size="sm" onClick={() => setPublishOpen(true)} disabled={publishBlocked}>
            <Upload aria-hidden />
            Publish…
          </Button>
        </div>
      </CardHeader>

      <CardContent className="space-y-4">
        {overtaken ? (
          <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-warning/40 bg-warning/10 px-4 py-3 text-sm">
            <p>
              {versionLabel(current.version)} was published while you were editing {versionLabel(base.version).toLowerCase()}. Publishing now would be refused. Compare it under Versions, then load it (your changes are lost) or keep your draft on top of it.
            </p>
            <div className="flex gap-2">
              <Button variant="outline" size="sm" onClick={discard}>
                Load {versionLabel(current.version).toLowerCase()}
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setBase({ version: current.version, text: current.text })}>
                Keep my draft
              </Button>
            </div>
          </div>
        ) : null}

        <div data-testid="policy-editor" className="overflow-hidden rounded-lg border">
          <PolicyCode value={draft} onChange={setDraft} diagnose={diagnosticsFor} onReady={onReady} label="Policy YAML" minHeight="320px" maxHeight="70vh" />
        </div>

        <ProblemList issues={issues} summary={problemCount(parsed)} onSelect={goTo} />
        <p className="text-xs text-muted-foreground">
          {sizeNote(draftSize(settledDraft))} {hasErrors ? "Publishing is possible once the errors are fixed." : !dirty ? "Edit the policy to publish a new version." : null}
        </p>

        {checkShown ? <CheckResult result={checkShown} /> : null}

        {simulate.isPending ? (
          <div className="space-y-2" aria-busy>
            <Skeleton className="h-4 w-64" />
            <Skeleton className="h-24 w-full" />
          </div>
        ) : simulate.data ? (
          <SimulationTable result={simulate.data} stale={simulate.variables?.text !== draft} />
        ) : null}
      </CardContent>

      <PublishDialog open={publishOpen} onOpenChange={setPublishOpen} basedOn={base.version} warnings={parsed.warnings.length} pending={publish.isPending} onPublish={(note) => publish.mutate({ text: draft, note: note || undefined, basedOn: base.version })} />
    </Card>
  );
}

/** The problems under the editor; each moves the cursor to where it is. */
function ProblemList({ issues, summary, onSelect }: { issues: PolicyIssue[]; summary: string; onSelect: (issue: PolicyIssue) => void }) {
  if (!issues.length) {
    return (
      <p className="flex items-center gap-1.5 text-sm text-success" data-testid="policy-problems">
        <CircleCheck className="size-4" aria-hidden />
        {summary}
      </p>
    );
  }
  const shown = issues.slice(0, LISTED_ISSUES);
  return (
    <div data-testid="policy-problems" className="space-y-1.5">
      <p className="text-sm font-medium">{summary}</p>
      <ul className="divide-y rounded-lg border text-sm">
        {shown.map((issue, i) => {
          const error = issue.severity === "error";
          const Icon = error ? CircleX : TriangleAlert;
          return (
            <li key={`${issue.from}-${i}`}>
              <button type="button" onClick={() => onSelect(issue)} className="flex w-full items-start gap-2 px-3 py-2 text-left outline-none hover:bg-muted/50 focus-visible:bg-muted/50 focus-visible:ring-2 focus-visible:ring-ring/50 focus-visible:ring-inset" data-severity={issue.severity}>
                <Icon className={error ? "mt-0.5 size-4 shrink-0 text-destructive" : "mt-0.5 size-4 shrink-0 text-warning"} aria-label={error ? "Error" : "Warning"} />
                <span>{issueLabel(issue)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {issues.length > shown.length ? <p className="text-xs text-muted-foreground">And {plural(issues.length - shown.length, "more problem")}; fix the first ones and the rest may follow.</p> : null}
    </div>
  );
}

/** What the server's check said: ready to publish, or why not (errors, or a policy that would lock every admin out). */
function CheckResult({ result }: { result: { ok: boolean; errors: PolicyIssue[]; warnings: PolicyIssue[]; lockout: string | null; rules?: string[] } }) {
  if (result.lockout) {
    return (
      <div role="alert" data-testid="policy-check" className="flex items-start gap-2 rounded-lg border border-destructive/40 bg-destructive/10 px-4 py-3 text-sm">
        <ShieldAlert className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
        <p>{result.lockout}</p>
      </div>
    );
  }
  if (result.errors.length) {
    return (
      <div role="alert" data-testid="policy-check" className="flex items-start gap-2 rounded-lg border border-destructive/40 bg-destructive/10 px-4 py-3 text-sm">
        <CircleX className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
        <p>The check found {plural(result.errors.length, "error")}. Fix the problems listed above; publishing refuses a policy with errors.</p>
      </div>
    );
  }
  const rules = result.rules?.length ?? 0;
  return (
    <div role="status" data-testid="policy-check" className="flex items-start gap-2 rounded-lg border border-success/40 bg-success/10 px-4 py-3 text-sm">
      <CircleCheck className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />
      <p>
        The check passed: {plural(rules, "rule")}
        {result.warnings.length ? `, ${plural(result.warnings.length, "warning")} to look at` : ", no warnings"}. This draft can be published.
      </p>
    </div>
  );
}

/** The editor's shape while the policy loads. */
export function PolicyEditorSkeleton() {
  return (
    <Card aria-busy>
      <CardHeader>
        <Skeleton className="h-4 w-28" />
        <Skeleton className="mt-1 h-4 w-80" />
      </CardHeader>
      <CardContent>
        <Skeleton className="h-80 w-full" />
      </CardContent>
    </Card>
  );
}
