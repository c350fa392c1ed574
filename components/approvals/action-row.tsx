"use client";

import { formatDistanceToNowStrict, isPast } from "date-fns";
import { AlertTriangle, Check, ChevronRight, ExternalLink, FileClock, Loader2, Pencil, RotateCcw, ShieldAlert, ShieldCheck, Undo2, X } from "lucide-react";
import Link from "next/link";
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Tip } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";
import { type Preview, type ValidationIssue } from "@/server/actions/catalogue/types";
import { type ActionStatus, type Tool } from "@/server/db/generated/enums";
import { ActionForm } from "./action-form";
import { changedFields, type FormOptions } from "./form-fields";
import { IssueList } from "./issues";
import { ActionPreview, PreviewSkeleton } from "./preview";
import { statusBadge, type StatusTone } from "./summaries";
import { ToolIcon } from "./tool-icon";

/** One action as the `proposal` query returns it (the fields the row reads). */
export interface ActionRowData {
  id: string;
  kind: string;
  tool: Tool;
  label: string;
  summary: string;
  input: unknown;
  originalInput: unknown;
  edited: boolean;
  status: ActionStatus;
  result: { url?: string | null; ref?: string } | null;
  error: string | null;
  waitingReason: string | null;
  nextAttemptAt: Date | string | null;
  verification: { consistent: boolean; mismatches: string[]; recovered: boolean } | null;
  undo: { available: boolean; note: string | null; label?: string } | null;
  undoneBy: { proposalId: string; status: ActionStatus } | null;
  undoOfId: string | null;
}

/** What the card worked out for this row: the value being edited, its issues and its preview. */
export interface RowModel {
  action: ActionRowData;
  /** The one-line summary of the value shown (the edit's, when edited and valid). */
  summary: string;
  /** The input as edited here, or the stored one. */
  value: unknown;
  /** There is an edit here that is not applied yet. */
  localEdit: boolean;
  issues: ValidationIssue[];
  preview: Preview | null;
  /** The preview is rendered from the input alone ("before" unknown). */
  previewLocal: boolean;
  /** The check for this action is still running. */
  checking: boolean;
  /** The tool could not be asked; the action can still be approved. */
  unavailable: string | null;
  /** The target's state from the check, for the form's choices. */
  state: unknown;
}

const TONE_VARIANT: Record<StatusTone, "default" | "secondary" | "outline" | "success" | "warning" | "destructive"> = {
  neutral: "secondary",
  info: "default",
  progress: "default",
  success: "success",
  warning: "warning",
  danger: "destructive",
  muted: "outline",
};

function when(date: Date | string | null): Date | null {
  if (!date) return null;
  const d = typeof date === "string" ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? null : d;
}

function StatusBadge({ action }: { action: ActionRowData }) {
  const { label, tone } = statusBadge(action);
  return (
    <Badge variant={TONE_VARIANT[tone]} data-testid="action-status">
      {action.status === "EXECUTING" ? <Loader2 className="animate-spin" aria-hidden /> : null}
      {action.status === "SUCCEEDED" ? <Check aria-hidden /> : null}
      {action.status === "FAILED" ? <AlertTriangle aria-hidden /> : null}
      {label}
    </Badge>
  );
}

export interface ActionRowProps {
  model: RowModel;
  variant: "page" | "inline";
  /** The proposal waits for a decision and this person may make it. */
  deciding: boolean;
  /** This person may act on the action (retry, cancel, undo). */
  canDecide: boolean;
  selected: boolean;
  onSelect(selected: boolean): void;
  /** Kept as a draft in the decision being prepared. */
  keptAsDraft: boolean;
  onKeepAsDraft(draft: boolean): void;
  formOpen: boolean;
  /** Changes whenever the edit is reset, so the form's inputs start again from the value. */
  formKey: string;
  onOpenForm(): void;
  onCloseForm(): void;
  onChange(next: Record<string, unknown>): void;
  onRevert(): void;
  formOptions?: FormOptions | undefined;
  highlighted: boolean;
  /** A mutation on this row is running: its buttons wait. */
  busy: boolean;
  onRetry(): void;
  onCancel(): void;
  onUndo(): void;
  /** The undo proposal's card, in the inline variant. */
  renderUndo?: (proposalId: string) => ReactNode;
}

/**
 * One proposed action: what it does, where it is, what it will change, and what a person can do
 * with it now. Data attributes and names are relied on by the browser tests; keep them stable.
 */
export function ActionRow(props: ActionRowProps) {
  const { model, variant, deciding, canDecide, selected, keptAsDraft, formOpen, highlighted, busy } = props;
  const { action } = model;
  const [expanded, setExpanded] = useState(variant === "page" || highlighted);
  const rowRef = useRef<HTMLLIElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const panelId = `preview-${action.id}`;
  const decidable = deciding && action.status === "PROPOSED";
  const failed = action.status === "FAILED";
  const edits = model.localEdit ? changedFields(action.kind, action.input, model.value) : action.edited ? changedFields(action.kind, action.originalInput, action.input) : [];

  useEffect(() => {
    if (highlighted) rowRef.current?.scrollIntoView({ block: "center" });
  }, [highlighted]);

  /** Closing the form hands focus back to the button that opened it. */
  function closeForm() {
    props.onCloseForm();
    editRef.current?.focus();
  }

  function onCheckboxKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter") {
      e.preventDefault();
      props.onSelect(!selected);
    }
  }

  const nextAttempt = when(action.nextAttemptAt);
  const showPreview = expanded && (action.status === "PROPOSED" || action.status === "DRAFT" || failed || model.localEdit);

  return (
    <li
      ref={rowRef}
      data-testid="action-row"
      data-action-id={action.id}
      data-kind={action.kind}
      data-status={action.status}
      data-highlighted={highlighted ? "" : undefined}
      className={cn("scroll-mt-20 px-4 py-3", highlighted && "bg-primary/5 ring-2 ring-primary/40 ring-inset", keptAsDraft && "bg-muted/30")}
    >
      <div className="flex flex-wrap items-start gap-x-3 gap-y-2">
        {decidable && canDecide ? (
          <input
            type="checkbox"
            className="mt-1 size-4 shrink-0 cursor-pointer accent-primary focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:cursor-not-allowed"
            checked={selected && !keptAsDraft}
            disabled={keptAsDraft}
            onChange={(e) => props.onSelect(e.target.checked)}
            onKeyDown={onCheckboxKey}
            aria-label={`Include ${action.summary}`}
          />
        ) : null}
        <ToolIcon tool={action.tool} className="mt-0.5" />
        <div className="min-w-48 flex-1">
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="text-xs text-muted-foreground">{action.label}</span>
            <StatusBadge action={action} />
            {edits.length || action.edited ? (
              <Tip label={model.localEdit ? `Your edit (${edits.join(", ") || "no change"}), sent when you apply` : `Edited before it was applied: ${edits.join(", ") || "details in the history"}`}>
                <Badge variant="outline" tabIndex={0} className="cursor-default outline-none focus-visible:ring-2 focus-visible:ring-ring/50" data-testid="action-edited">
                  <Pencil aria-hidden /> Edited
                </Badge>
              </Tip>
            ) : null}
            {keptAsDraft ? (
              <Badge variant="secondary">
                <FileClock aria-hidden /> Kept as draft
              </Badge>
            ) : null}
            {action.undoOfId ? <Badge variant="outline">Undo</Badge> : null}
          </div>
          <p className="mt-0.5 text-sm font-medium break-words">{model.summary}</p>

          {action.status === "APPROVED" && (action.waitingReason || nextAttempt) ? (
            <p className="mt-1 text-xs text-muted-foreground">
              {action.waitingReason ?? "Waiting to run."}
              {nextAttempt ? <> · next attempt {isPast(nextAttempt) ? "any moment now" : formatDistanceToNowStrict(nextAttempt, { addSuffix: true })}</> : null}
            </p>
          ) : null}
          {action.status === "EXECUTING" ? <p className="mt-1 text-xs text-muted-foreground">Running now; this updates when it finishes.</p> : null}
          {failed && action.error ? (
            <p className="mt-1 text-xs text-destructive" role="status">
              {action.error}
            </p>
          ) : null}
          {action.status === "SUCCEEDED" ? <Outcome action={action} /> : null}
        </div>

        {/* Beside the text on the page; under it in the narrower chat column. */}
        <div className={cn("flex shrink-0 flex-wrap items-center gap-1 empty:hidden", variant === "inline" ? "basis-full pl-7" : "ml-auto justify-end")}>
          {action.status === "PROPOSED" || action.status === "DRAFT" || failed || model.localEdit ? (
            <Button variant="ghost" size="sm" aria-expanded={expanded} aria-controls={panelId} onClick={() => setExpanded((e) => !e)}>
              <ChevronRight className={cn("transition-transform", expanded && "rotate-90")} aria-hidden />
              Preview
            </Button>
          ) : null}
          {decidable && canDecide ? (
            <>
              <Button ref={editRef} variant="outline" size="sm" onClick={formOpen ? closeForm : props.onOpenForm} aria-expanded={formOpen} disabled={keptAsDraft}>
                <Pencil aria-hidden /> Edit
              </Button>
              <Tip label={keptAsDraft ? "Apply it with the others instead" : "Not applied now; kept under Drafts to come back to"}>
                <Button variant="ghost" size="sm" onClick={() => props.onKeepAsDraft(!keptAsDraft)} aria-pressed={keptAsDraft}>
                  <FileClock aria-hidden /> {keptAsDraft ? "Don't keep as draft" : "Keep as draft"}
                </Button>
              </Tip>
            </>
          ) : null}
          {failed && canDecide ? (
            <>
              <Button variant="outline" size="sm" onClick={props.onRetry} disabled={busy || (model.localEdit && (model.issues.length > 0 || model.checking))}>
                {busy ? <Loader2 className="animate-spin" aria-hidden /> : <RotateCcw aria-hidden />} Retry
              </Button>
              <Button ref={editRef} variant="ghost" size="sm" onClick={formOpen ? closeForm : props.onOpenForm} aria-expanded={formOpen}>
                <Pencil aria-hidden /> Edit and retry
              </Button>
            </>
          ) : null}
          {(failed || action.status === "APPROVED") && canDecide ? (
            <Button variant="ghost" size="sm" onClick={props.onCancel} disabled={busy}>
              <X aria-hidden /> Cancel
            </Button>
          ) : null}
          {action.status === "SUCCEEDED" && action.undo && !action.undoneBy && canDecide ? <UndoButton undo={action.undo} busy={busy} onUndo={props.onUndo} /> : null}
        </div>
      </div>

      <div className="mt-2 space-y-2 pl-7 empty:hidden">
        {model.unavailable ? (
          <p className="flex gap-1.5 rounded-md bg-warning/12 px-2.5 py-1.5 text-xs text-warning" data-testid="action-unavailable">
            <AlertTriangle className="mt-px size-3.5 shrink-0" aria-hidden />
            {model.unavailable}
          </p>
        ) : null}
        {formOpen ? null : <IssueList issues={model.issues} />}
        {showPreview ? (
          <div id={panelId}>{model.preview ? <ActionPreview preview={model.preview} beforeUnknown={model.previewLocal} loading={model.checking} /> : model.checking ? <PreviewSkeleton /> : <p className="text-xs text-muted-foreground italic">No preview: fix the issues above first.</p>}</div>
        ) : null}
        {formOpen ? (
          <ActionForm
            key={props.formKey}
            kind={action.kind}
            value={model.value}
            onChange={props.onChange}
            issues={model.issues}
            options={props.formOptions}
            state={model.state}
            idPrefix={`edit-${action.id}`}
            onClose={closeForm}
            footer={
              <>
                <Button size="sm" onClick={closeForm}>
                  Done editing
                </Button>
                {failed ? (
                  <Button size="sm" variant="outline" onClick={props.onRetry} disabled={busy || model.issues.length > 0 || model.checking}>
                    <RotateCcw aria-hidden /> Retry with these changes
                  </Button>
                ) : null}
                <Button size="sm" variant="ghost" onClick={props.onRevert} disabled={!model.localEdit}>
                  <Undo2 aria-hidden /> Revert to proposed
                </Button>
                <span className="text-xs text-muted-foreground" aria-live="polite">
                  {model.issues.length ? "Fix the fields marked in red before applying." : model.checking ? "Checking your edit…" : model.localEdit ? "Checked. Your edit is sent when you apply." : null}
                </span>
              </>
            }
          />
        ) : null}
        {action.undoneBy ? (
          <p className="text-xs text-muted-foreground">
            Undo proposed ·{" "}
            <Link href={`/approvals/${action.undoneBy.proposalId}`} className="font-medium text-primary underline-offset-2 hover:underline">
              open the undo proposal
            </Link>{" "}
            ({statusBadge({ status: action.undoneBy.status }).label.toLowerCase()})
          </p>
        ) : null}
        {action.undoneBy && variant === "inline" && props.renderUndo ? props.renderUndo(action.undoneBy.proposalId) : null}
      </div>
    </li>
  );
}

/** A succeeded action: where to see it, and whether reading it back matched. */
function Outcome({ action }: { action: ActionRowData }) {
  const ref = action.result?.ref ?? "Open result";
  const v = action.verification;
  return (
    <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
      {action.result?.url ? (
        <a href={action.result.url} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 font-medium text-primary underline-offset-2 hover:underline" data-testid="action-result-link">
          {ref} <ExternalLink className="size-3" aria-hidden />
          <span className="sr-only">(opens in a new tab)</span>
        </a>
      ) : action.result?.ref ? (
        <span className="font-medium" data-testid="action-result-link">
          {action.result.ref}
        </span>
      ) : null}
      {v ? (
        v.consistent ? (
          <span className="inline-flex items-center gap-1 text-success">
            <ShieldCheck className="size-3.5" aria-hidden /> Verified: the tool holds what was applied{v.recovered ? " (found after an uncertain attempt)" : ""}
          </span>
        ) : (
          <span className="inline-flex items-start gap-1 text-warning">
            <ShieldAlert className="mt-px size-3.5 shrink-0" aria-hidden />
            <span>
              Read back with differences: {v.mismatches.join("; ")}. Check it in the tool.
            </span>
          </span>
        )
      ) : null}
    </div>
  );
}

function UndoButton({ undo, busy, onUndo }: { undo: NonNullable<ActionRowData["undo"]>; busy: boolean; onUndo(): void }) {
  if (!undo.available) {
    const reason = undo.note ?? "This action cannot be undone from Lumen.";
    return (
      <Tip label={reason}>
        {/* aria-disabled rather than disabled: the button stays focusable, so the reason can be read. */}
        <Button variant="outline" size="sm" aria-disabled="true" aria-description={reason} className="cursor-not-allowed opacity-50 hover:bg-background" onClick={(e) => e.preventDefault()}>
          <Undo2 aria-hidden /> Undo
        </Button>
      </Tip>
    );
  }
  return (
    <div className="flex max-w-72 flex-col items-end gap-0.5">
      <Tip label={undo.label ? `Proposes: ${undo.label}` : "Proposes the reverse change for approval"}>
        <Button variant="outline" size="sm" onClick={onUndo} disabled={busy}>
          {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Undo2 aria-hidden />} Undo
        </Button>
      </Tip>
      {undo.note ? <p className="text-right text-[11px] leading-snug text-muted-foreground">{undo.note}</p> : null}
    </div>
  );
}
