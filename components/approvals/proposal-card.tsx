"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type inferRouterOutputs } from "@trpc/server";
import { AlertTriangle, CheckSquare, ExternalLink, History, MessagesSquare, SearchX } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Markdown, SourceChip } from "@/components/chat/markdown";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC, useTRPCClient } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";
import { type AppRouter } from "@/server/api/root";
import { definitionOf, parseAction } from "@/server/actions/catalogue/registry";
import { type ValidationIssue } from "@/server/actions/catalogue/types";
import { ActionRow, type RowModel } from "./action-row";
import { DecisionBar } from "./decision-bar";
import { inputKey, isEdited, uniqueIssues } from "./form-fields";
import { localPreview } from "./preview";
import { ago, type ApplyButton, decisionLine, decisionRequest, fullDate, isInFlight, plural, proposedBy, readSources, statusLine, TOOL_LABELS } from "./summaries";
import { ToolIcon } from "./tool-icon";

type Outputs = inferRouterOutputs<AppRouter>["actions"];
type ProposalView = NonNullable<Outputs["proposal"]>;
type ActionView = ProposalView["actions"][number];
type CheckView = Outputs["check"][string];

/** Polling while the executor works on an action; it stops once nothing is in flight. */
const POLL_MS = 1500;
/** How long an edit rests before it is checked against the tool. */
const CHECK_DELAY_MS = 400;
/** Undo proposals render inside the card they undo, this deep at most. */
const MAX_DEPTH = 2;

export interface ProposalCardProps {
  proposalId: string;
  variant: "page" | "inline";
  /** Scrolls to this action and marks it (from `?action=` or a notification). */
  highlightActionId?: string | null;
  /** Whether this person may decide; asked from the session when not given. */
  canDecide?: boolean;
  /** What the chat knows when the proposal cannot be read (the role may not view approvals). */
  fallback?: { title: string; actions: number | null };
  /** Nesting of undo cards; set by the card itself. */
  depth?: number;
}

function errorCode(error: unknown): string | undefined {
  return (error as { data?: { code?: string } | null } | null)?.data?.code;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}

function asDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/**
 * A proposal the agent made, reviewed like a pull request: the why and the sources on top, each
 * action with its preview and its state, the decision underneath. The same card lives on the
 * approvals page and inline in the chat, and follows execution by polling while anything runs.
 */
export function ProposalCard({ proposalId, variant, highlightActionId = null, canDecide: canDecideProp, fallback, depth = 0 }: ProposalCardProps) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();

  const me = useQuery({ ...trpc.organization.me.queryOptions(), enabled: canDecideProp === undefined, staleTime: 5 * 60_000 });
  const canDecide = canDecideProp ?? me.data?.scopes.some((s) => s.scope === "approvals:decide") ?? false;

  const proposalQuery = useQuery({
    ...trpc.actions.proposal.queryOptions({ id: proposalId }),
    staleTime: 5_000,
    refetchInterval: (query) => (query.state.data?.actions.some((a) => isInFlight(a.status)) ? POLL_MS : false),
  });
  const proposal = proposalQuery.data ?? null;
  const actions = useMemo(() => proposal?.actions ?? [], [proposal]);

  const checkable = actions.filter((a) => a.status === "PROPOSED" || a.status === "DRAFT" || a.status === "FAILED").map((a) => a.id);
  const checkableKey = checkable.join(",");
  const checkQuery = useQuery({ ...trpc.actions.check.queryOptions({ id: proposalId }), enabled: checkable.length > 0, staleTime: 15_000 });

  // The check covers the actions open when it ran; when that set changes (one failed), ask again.
  const lastCheckable = useRef<string | null>(null);
  useEffect(() => {
    if (lastCheckable.current !== null && lastCheckable.current !== checkableKey && checkableKey) {
      void queryClient.invalidateQueries({ queryKey: trpc.actions.check.queryKey({ id: proposalId }) });
    }
    lastCheckable.current = checkableKey;
  }, [checkableKey, proposalId, queryClient, trpc]);

  const [selected, setSelected] = useState<string[]>([]);
  const [drafts, setDrafts] = useState<string[]>([]);
  const [edits, setEdits] = useState<Record<string, unknown>>({});
  const [formFor, setFormFor] = useState<string | null>(null);
  const [formEpoch, setFormEpoch] = useState(0);
  const [editChecks, setEditChecks] = useState<Record<string, CheckView>>({});
  const [decisionIssues, setDecisionIssues] = useState<Record<string, ValidationIssue[]>>({});
  const [decisionMessage, setDecisionMessage] = useState<string | null>(null);
  const [busyRows, setBusyRows] = useState<string[]>([]);
  const submitting = useRef(false);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const formOptions = useQuery({ ...trpc.actions.formOptions.queryOptions(), enabled: canDecide && formFor !== null, staleTime: 5 * 60_000 });

  // Edits that differ from the stored input, for actions that can still take them.
  const liveEdits = useMemo(() => {
    const out: Record<string, unknown> = {};
    for (const a of actions) {
      if ((a.status === "PROPOSED" || a.status === "FAILED") && Object.hasOwn(edits, a.id) && isEdited(edits[a.id], a.input)) out[a.id] = edits[a.id];
    }
    return out;
  }, [actions, edits]);

  const clientIssues = useMemo(() => {
    const out: Record<string, ValidationIssue[]> = {};
    for (const a of actions) {
      if (!Object.hasOwn(liveEdits, a.id)) continue;
      const parsed = parseAction(a.kind, liveEdits[a.id]);
      out[a.id] = parsed.ok ? [] : parsed.issues;
    }
    return out;
  }, [actions, liveEdits]);

  // Edits valid on their own are checked against the tool once typing rests.
  const toCheck = Object.keys(liveEdits).filter((id) => clientIssues[id]?.length === 0 && !editChecks[`${id}:${inputKey(liveEdits[id])}`]);
  const toCheckKey = toCheck.map((id) => `${id}:${inputKey(liveEdits[id])}`).join("|");
  const checksInFlight = useRef(new Set<string>());
  useEffect(() => {
    if (!toCheckKey || !canDecide) return;
    const jobs = toCheckKey.split("|").map((entry) => {
      const id = entry.slice(0, entry.indexOf(":"));
      return { id, key: entry, input: liveEdits[id] };
    });
    const timer = setTimeout(() => {
      for (const job of jobs) {
        if (checksInFlight.current.has(job.key)) continue;
        checksInFlight.current.add(job.key);
        client.actions.checkEdit
          .mutate({ actionId: job.id, input: job.input })
          .then(
            (check) => setEditChecks((prev) => ({ ...prev, [job.key]: check })),
            (error: unknown) =>
              setEditChecks((prev) => ({
                ...prev,
                [job.key]: { issues: [], preview: null, state: null, unavailable: `The edit could not be checked just now (${errorMessage(error)}). It is checked again when you apply.` },
              })),
          )
          .finally(() => checksInFlight.current.delete(job.key));
      }
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [toCheckKey, canDecide, client, liveEdits]);

  const invalidateAll = () => queryClient.invalidateQueries({ queryKey: trpc.actions.pathKey() });

  function resetDecision() {
    setSelected([]);
    setDrafts([]);
    setEdits({});
    setFormFor(null);
    setDecisionIssues({});
    setDecisionMessage(null);
  }

  function onMutationError(error: unknown) {
    toast.error(errorMessage(error));
    if (errorCode(error) === "CONFLICT" || errorCode(error) === "NOT_FOUND") void invalidateAll();
  }

  const decide = useMutation(trpc.actions.decide.mutationOptions());
  const retry = useMutation(trpc.actions.retry.mutationOptions());
  const cancel = useMutation(trpc.actions.cancel.mutationOptions());
  const undo = useMutation(trpc.actions.undo.mutationOptions());

  async function send(request: Parameters<typeof decide.mutateAsync>[0]): Promise<boolean> {
    // A ref, not state: a second click in the same frame must see the first one.
    if (submitting.current) return false;
    submitting.current = true;
    setIsSubmitting(true);
    setDecisionMessage(null);
    try {
      const result = await decide.mutateAsync(request);
      if (!result.ok) {
        setDecisionMessage(result.message);
        setDecisionIssues(Object.fromEntries(result.issues.map((i) => [i.action, i.issues])));
        return false;
      }
      resetDecision();
      if (request.kind === "REJECT") toast.success("Proposal rejected. Nothing was changed in your tools.");
      else toast.success(`${plural(result.approved.length, "action")} approved. ${result.approved.length === 1 ? "It runs" : "They run"} in the background; this card follows along.`);
      return true;
    } catch (error) {
      onMutationError(error);
      return false;
    } finally {
      submitting.current = false;
      setIsSubmitting(false);
      void invalidateAll();
    }
  }

  function apply(button: ApplyButton) {
    const open = actions.filter((a) => a.status === "PROPOSED").map((a) => a.id);
    const request = decisionRequest(button, { open, selected, drafts, edits: liveEdits });
    if ("error" in request) {
      setDecisionMessage(request.error);
      return;
    }
    void send({ proposalId, ...request });
  }

  /** Runs one row's mutation once at a time; resolves true when it went through. */
  async function rowMutation(actionId: string, run: () => Promise<unknown>, done: string): Promise<boolean> {
    if (busyRows.includes(actionId)) return false;
    setBusyRows((b) => [...b, actionId]);
    try {
      await run();
      toast.success(done);
      return true;
    } catch (error) {
      onMutationError(error);
      return false;
    } finally {
      setBusyRows((b) => b.filter((id) => id !== actionId));
      void invalidateAll();
    }
  }

  function onRetry(a: ActionView) {
    const input = Object.hasOwn(liveEdits, a.id) ? liveEdits[a.id] : undefined;
    void rowMutation(a.id, () => retry.mutateAsync(input === undefined ? { actionId: a.id } : { actionId: a.id, input }), input === undefined ? "Retrying. This card updates when it finishes." : "Retrying with your changes.").then((ok) => {
      if (!ok) return;
      setEdits((e) => withoutKey(e, a.id));
      setFormFor((f) => (f === a.id ? null : f));
    });
  }

  function onUndo(a: ActionView) {
    void rowMutation(
      a.id,
      async () => {
        const r = await undo.mutateAsync({ actionId: a.id });
        if (r.existing) toast.info("An undo for this action was already proposed; it is linked under the action.");
      },
      "Undo proposed. It waits for a decision like any other proposal.",
    );
  }

  if (proposalQuery.isPending) return <CardSkeleton variant={variant} />;

  if (proposalQuery.error) {
    if (variant === "inline" && fallback) return <Fallback fallback={fallback} proposalId={proposalId} forbidden={errorCode(proposalQuery.error) === "FORBIDDEN"} />;
    return (
      <p role="alert" className="rounded-lg border border-destructive/40 bg-destructive/5 p-4 text-sm text-destructive">
        We couldn&apos;t load this proposal: {proposalQuery.error.message}
      </p>
    );
  }

  if (!proposal) {
    return variant === "page" ? (
      <EmptyState
        icon={SearchX}
        title="This proposal does not exist"
        action={
          <Button asChild variant="outline">
            <Link href="/approvals">Back to Approvals</Link>
          </Button>
        }
      >
        It may belong to another organisation, or the link is mistyped. Everything the agent proposed in your organisation is listed under Approvals.
      </EmptyState>
    ) : (
      <p className="rounded-lg border border-dashed p-3 text-sm text-muted-foreground" data-testid="proposal-card" data-proposal-id={proposalId}>
        This proposal is no longer available.
      </p>
    );
  }

  const pending = proposal.status === "PENDING";
  const openIds = actions.filter((a) => a.status === "PROPOSED").map((a) => a.id);
  const deciding = pending && canDecide && openIds.length > 0;
  const checks = checkQuery.data ?? {};
  const activeDrafts = drafts.filter((id) => openIds.includes(id));
  const activeSelected = selected.filter((id) => openIds.includes(id) && !activeDrafts.includes(id));

  const rows: RowModel[] = actions.map((a) => rowModel(a, checks[a.id], checkQuery.isFetching && !checks[a.id] && checkable.includes(a.id), liveEdits, clientIssues, editChecks, decisionIssues));
  const editedOpen = Object.keys(liveEdits).filter((id) => openIds.includes(id) && !activeDrafts.includes(id));
  const blockedRow = rows.find((r) => editedOpen.includes(r.action.id) && r.issues.length > 0);
  const checkingRow = rows.find((r) => editedOpen.includes(r.action.id) && r.checking);
  const blockedReason = blockedRow
    ? `Fix your edit of “${blockedRow.action.label.toLowerCase()}” first: ${blockedRow.issues[0]!.message}`
    : checkingRow
      ? "Checking your edit against the tool…"
      : null;

  const sources = readSources(proposal.sources);
  const TitleTag = variant === "page" && depth === 0 ? "h1" : "h3";
  const tools = [...new Set(actions.map((a) => a.tool))];

  return (
    <section
      className={cn("overflow-visible rounded-xl border bg-card text-card-foreground shadow-xs", variant === "inline" && "text-sm")}
      data-testid="proposal-card"
      data-proposal-id={proposal.id}
      data-status={proposal.status}
      aria-labelledby={`proposal-title-${proposal.id}`}
    >
      <header className={cn("space-y-2 border-b", variant === "page" ? "p-5" : "p-4")}>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <p className="mb-1 flex items-center gap-1.5 text-xs text-muted-foreground">
              <CheckSquare className="size-3.5" aria-hidden />
              {pending ? "Proposed changes · waiting for a decision" : "Proposed changes · decided"}
              <span className="flex items-center gap-1" aria-label={`Tools: ${tools.map((t) => TOOL_LABELS[t]).join(", ")}`}>
                {tools.map((t) => (
                  <ToolIcon key={t} tool={t} labelled={false} className="size-3.5" />
                ))}
              </span>
            </p>
            <TitleTag id={`proposal-title-${proposal.id}`} className={cn("font-semibold tracking-tight", variant === "page" ? "text-lg" : "text-base")}>
              {proposal.title}
            </TitleTag>
          </div>
          {variant === "inline" ? (
            <Button asChild variant="ghost" size="sm">
              <Link href={`/approvals/${proposal.id}`}>
                Open in Approvals <ExternalLink aria-hidden />
              </Link>
            </Button>
          ) : null}
        </div>
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
          <span>
            {proposedBy(proposal)} <time dateTime={asDate(proposal.createdAt).toISOString()} title={fullDate(proposal.createdAt)}>{ago(proposal.createdAt)}</time>
          </span>
          <span aria-hidden>·</span>
          <span data-testid="proposal-status-line">{statusLine(actions)}</span>
        </p>
        {proposal.rationale ? <Markdown className={cn("text-muted-foreground", variant === "inline" && "text-[13px]")}>{proposal.rationale}</Markdown> : null}
        {sources.length || (proposal.conversation && variant === "page") ? (
          <div className="flex flex-wrap items-center gap-1.5">
            {sources.length ? <span className="text-xs text-muted-foreground">Sources</span> : null}
            {sources.map((s) => (
              <SourceChip key={`${s.kind}-${s.id}`} source={s} />
            ))}
            {proposal.conversation && variant === "page" ? (
              <Link
                href={`/chat/${proposal.conversation.id}`}
                className="ml-auto inline-flex items-center gap-1 rounded-md text-xs font-medium text-primary underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring/50"
              >
                <MessagesSquare className="size-3.5" aria-hidden />
                From the conversation “{proposal.conversation.title ?? "Untitled"}”
              </Link>
            ) : null}
          </div>
        ) : null}
      </header>

      {checkQuery.error ? (
        <p className="flex gap-1.5 border-b bg-warning/10 px-4 py-2 text-xs text-warning">
          <AlertTriangle className="mt-px size-3.5 shrink-0" aria-hidden />
          The actions could not be checked against the tools just now ({checkQuery.error.message}). You can still decide: Lumen checks each action again when it is applied.
        </p>
      ) : null}
      <ul className="divide-y" aria-label="Actions">
        {rows.map((row, i) => (
          <ActionRow
            key={row.action.id}
            model={row}
            variant={variant}
            deciding={deciding}
            canDecide={canDecide}
            selected={activeSelected.includes(row.action.id)}
            onSelect={(on) => setSelected((s) => (on ? [...new Set([...s, row.action.id])] : s.filter((id) => id !== row.action.id)))}
            keptAsDraft={activeDrafts.includes(row.action.id)}
            onKeepAsDraft={(on) => {
              setDrafts((d) => (on ? [...new Set([...d, row.action.id])] : d.filter((id) => id !== row.action.id)));
              if (on) setFormFor((f) => (f === row.action.id ? null : f));
            }}
            formOpen={formFor === row.action.id}
            formKey={`${row.action.id}-${formEpoch}`}
            onOpenForm={() => setFormFor(row.action.id)}
            onCloseForm={() => setFormFor((f) => (f === row.action.id ? null : f))}
            onChange={(next) => {
              setEdits((e) => ({ ...e, [row.action.id]: next }));
              setDecisionIssues((d) => withoutKey(d, row.action.id));
            }}
            onRevert={() => {
              setEdits((e) => withoutKey(e, row.action.id));
              setDecisionIssues((d) => withoutKey(d, row.action.id));
              setFormEpoch((n) => n + 1);
            }}
            formOptions={formOptions.data}
            highlighted={highlightActionId === row.action.id}
            busy={busyRows.includes(row.action.id)}
            onRetry={() => onRetry(actions[i]!)}
            onCancel={() => void rowMutation(row.action.id, () => cancel.mutateAsync({ actionId: row.action.id }), "Cancelled. It will not run.")}
            onUndo={() => onUndo(actions[i]!)}
            renderUndo={depth < MAX_DEPTH ? (id) => <ProposalCard proposalId={id} variant="inline" canDecide={canDecide} depth={depth + 1} /> : undefined}
          />
        ))}
      </ul>

      {deciding ? (
        <DecisionBar
          variant={variant}
          openCount={openIds.length}
          selectedCount={activeSelected.length}
          draftCount={activeDrafts.length}
          hasEdits={editedOpen.length > 0}
          blockedReason={blockedReason}
          message={decisionMessage}
          submitting={isSubmitting}
          onApply={apply}
          onReject={(reason) => send({ proposalId, kind: "REJECT", reason, ...(activeDrafts.length ? { drafts: activeDrafts } : {}) })}
        />
      ) : pending && !canDecide && openIds.length ? (
        <p className="border-t px-4 py-3 text-xs text-muted-foreground">Your role can follow this proposal; applying or rejecting it needs a PM or an admin.</p>
      ) : null}

      {variant === "page" && proposal.decisions.length ? (
        <footer className="border-t px-5 py-4">
          <h2 className="mb-2 flex items-center gap-1.5 text-xs font-medium tracking-wide text-muted-foreground uppercase">
            <History className="size-3.5" aria-hidden /> History
          </h2>
          <ol className="space-y-1.5 text-sm" data-testid="decision-history">
            {proposal.decisions.map((d) => (
              <li key={d.id} className="flex flex-wrap gap-x-1.5">
                <span className="font-medium">{d.user}</span>
                <span>{decisionLine(d, actions)}</span>
                <time className="text-muted-foreground" dateTime={asDate(d.at).toISOString()} title={fullDate(d.at)}>
                  · {ago(d.at)}
                </time>
              </li>
            ))}
          </ol>
        </footer>
      ) : null}
    </section>
  );
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!Object.hasOwn(record, key)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}

/** Everything the row shows, from the stored action, its check, and any edit in progress. */
function rowModel(
  a: ActionView,
  check: CheckView | undefined,
  checkLoading: boolean,
  edits: Record<string, unknown>,
  clientIssues: Record<string, ValidationIssue[]>,
  editChecks: Record<string, CheckView>,
  decisionIssues: Record<string, ValidationIssue[]>,
): RowModel {
  const localEdit = Object.hasOwn(edits, a.id);
  const value = localEdit ? edits[a.id] : a.input;
  const decided = decisionIssues[a.id] ?? [];
  if (!localEdit) {
    const own = localPreview(a.kind, a.input);
    return {
      action: a,
      summary: a.summary,
      value,
      localEdit,
      issues: uniqueIssues([...(check?.issues ?? []), ...decided]),
      preview: check?.preview ?? own,
      previewLocal: !check?.preview,
      checking: checkLoading,
      unavailable: check?.unavailable ?? null,
      state: check?.state,
    };
  }
  const parsed = clientIssues[a.id] ?? [];
  const editCheck = parsed.length ? undefined : editChecks[`${a.id}:${inputKey(value)}`];
  const parsedOk = parseAction(a.kind, value);
  return {
    action: a,
    summary: parsedOk.ok ? definitionOf(parsedOk.action.kind).describe(parsedOk.action.input) : a.summary,
    value,
    localEdit,
    issues: uniqueIssues([...parsed, ...(editCheck?.issues ?? []), ...decided]),
    preview: editCheck?.preview ?? localPreview(a.kind, value),
    previewLocal: !editCheck?.preview,
    checking: parsed.length === 0 && !editCheck,
    unavailable: editCheck ? editCheck.unavailable : (check?.unavailable ?? null),
    state: editCheck?.state ?? check?.state,
  };
}

function CardSkeleton({ variant }: { variant: "page" | "inline" }) {
  return (
    <div className="rounded-xl border bg-card p-4" aria-busy="true" aria-label="Loading the proposal">
      <Skeleton className="h-3 w-40" />
      <Skeleton className={cn("mt-2 h-5", variant === "page" ? "w-2/3" : "w-1/2")} />
      <Skeleton className="mt-3 h-4 w-full" />
      <div className="mt-4 space-y-3">
        {[0, 1].map((i) => (
          <div key={i} className="flex gap-3">
            <Skeleton className="size-4" />
            <div className="flex-1 space-y-1.5">
              <Skeleton className="h-3 w-24" />
              <Skeleton className="h-4 w-3/4" />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

function Fallback({ fallback, proposalId, forbidden }: { fallback: { title: string; actions: number | null }; proposalId: string; forbidden: boolean }) {
  return (
    <div className="rounded-xl border bg-card p-3" data-testid="proposal-card" data-proposal-id={proposalId}>
      <p className="text-sm font-medium">{fallback.title}</p>
      <p className="mt-0.5 text-xs text-muted-foreground">
        {fallback.actions !== null ? `${plural(fallback.actions, "action")} awaiting approval. ` : ""}
        {forbidden ? "Reviewing proposals needs the approvals:view scope; a PM or an admin decides on them." : "The proposal could not be loaded just now."}
      </p>
    </div>
  );
}
