"use client";

import { AlertCircle, Check, Loader2, X } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Tip } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";
import { type ApplyButton, MIN_REASON, plural, reasonProblem } from "./summaries";

export interface DecisionBarProps {
  variant: "page" | "inline";
  /** Open actions in the proposal. */
  openCount: number;
  /** Ticked rows that are not drafts. */
  selectedCount: number;
  draftCount: number;
  /** Any edit waiting to be applied. */
  hasEdits: boolean;
  /** Why applying is not possible right now (an edit with issues, a check running); null when it is. */
  blockedReason: string | null;
  /** What the server said when it refused the last decision. */
  message: string | null;
  submitting: boolean;
  onApply(button: ApplyButton): void;
  /** Resolves true when the rejection went through, so the dialog can close. */
  onReject(reason: string): Promise<boolean>;
}

/**
 * The decision, always in the same place under the actions: apply all, apply the ticked ones,
 * apply with edits, or reject with a reason. Buttons wait while a decision is on its way.
 */
export function DecisionBar({ variant, openCount, selectedCount, draftCount, hasEdits, blockedReason, message, submitting, onApply, onReject }: DecisionBarProps) {
  const selectedId = useId();
  const blockedId = useId();
  const applyBlocked = submitting || blockedReason !== null;
  const applicable = openCount - draftCount;
  const status = [
    selectedCount ? `${plural(selectedCount, "action")} ticked` : null,
    draftCount ? `${plural(draftCount, "action")} kept as draft${draftCount === 1 ? "" : "s"}` : null,
    hasEdits ? "with your edits" : null,
  ]
    .filter(Boolean)
    .join(" · ");

  return (
    <div
      className={cn("border-t bg-card px-4 py-3", variant === "page" && "sticky bottom-0 z-10 rounded-b-xl shadow-[0_-4px_12px_-8px_rgb(0_0_0/0.15)]")}
      data-testid="decision-bar"
      role="group"
      aria-label="Decision"
    >
      {message ? (
        <p role="alert" className="mb-2 flex gap-1.5 rounded-md bg-destructive/8 px-2.5 py-1.5 text-sm text-destructive" data-testid="decision-error">
          <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden />
          {message}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="min-w-0 text-xs text-muted-foreground" aria-live="polite">
          {blockedReason ? (
            <span id={blockedId} className="text-destructive">
              {blockedReason}
            </span>
          ) : (
            status || `${plural(openCount, "action")} waiting for your decision`
          )}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <RejectDialog draftCount={draftCount} disabled={submitting} onReject={onReject} />
          {selectedCount > 0 ? (
            <Button variant="outline" size="sm" disabled={applyBlocked} onClick={() => onApply("selected")} aria-describedby={blockedReason ? blockedId : selectedId}>
              Apply selected
              <span aria-hidden className="tabular-nums">
                ({selectedCount})
              </span>
              <span id={selectedId} className="sr-only">
                {plural(selectedCount, "action")} ticked
              </span>
            </Button>
          ) : null}
          {hasEdits ? (
            <Tip label={selectedCount ? "Applies the ticked actions, with your edits" : "Applies every action, with your edits"}>
              <Button size="sm" disabled={applyBlocked || applicable === 0} onClick={() => onApply("edited")} aria-describedby={blockedReason ? blockedId : undefined}>
                {submitting ? <Loader2 className="animate-spin" aria-hidden /> : <Check aria-hidden />}
                Apply edited
              </Button>
            </Tip>
          ) : null}
          <Tip label={hasEdits ? "Applies every action, including your edits" : draftCount ? "Applies every action except the drafts" : "Applies every action as proposed"}>
            <Button size="sm" variant={hasEdits ? "outline" : "default"} disabled={applyBlocked || applicable === 0} onClick={() => onApply("all")} aria-describedby={blockedReason ? blockedId : undefined}>
              {submitting && !hasEdits ? <Loader2 className="animate-spin" aria-hidden /> : null}
              Apply all
            </Button>
          </Tip>
        </div>
      </div>
    </div>
  );
}

function RejectDialog({ draftCount, disabled, onReject }: { draftCount: number; disabled: boolean; onReject(reason: string): Promise<boolean> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const fieldId = useId();
  const problem = reasonProblem(reason);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (problem || sending) return;
    setSending(true);
    const done = await onReject(reason.trim());
    setSending(false);
    if (done) {
      setOpen(false);
      setReason("");
      setTouched(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (sending ? null : setOpen(next))}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive hover:bg-destructive/10 hover:text-destructive" disabled={disabled}>
          <X aria-hidden /> Reject
        </Button>
      </DialogTrigger>
      <DialogContent title="Reject this proposal?" description="Nothing is changed in your tools. The reason is kept with the decision and helps the planner propose better next time.">
        <form onSubmit={submit} className="space-y-3">
          <div>
            <label htmlFor={fieldId} className="mb-1 block text-sm font-medium">
              Reason
            </label>
            <textarea
              id={fieldId}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onBlur={() => setTouched(true)}
              rows={3}
              required
              minLength={MIN_REASON}
              aria-invalid={touched && problem ? true : undefined}
              aria-describedby={`${fieldId}-error`}
              placeholder="e.g. PAY-14 is blocked by the refunds migration; keep it out of this sprint."
              className="flex w-full rounded-md border border-input bg-background px-3 py-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/30 aria-invalid:border-destructive"
            />
            <p id={`${fieldId}-error`} className={cn("mt-1 text-xs", touched && problem ? "text-destructive" : "text-muted-foreground")}>
              {touched && problem ? problem : `Required: a few words (at least ${MIN_REASON} characters).`}
            </p>
          </div>
          {draftCount ? <p className="text-xs text-muted-foreground">The {plural(draftCount, "action")} you kept as a draft stay{draftCount === 1 ? "s" : ""} under Drafts.</p> : null}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="ghost" size="sm" disabled={sending}>
                Keep it
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive" size="sm" disabled={sending || problem !== null}>
              {sending ? <Loader2 className="animate-spin" aria-hidden /> : null}
              Reject
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
