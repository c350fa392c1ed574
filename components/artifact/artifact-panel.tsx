"use client";

import { formatDistanceToNowStrict, isValid, parseISO } from "date-fns";
import { AlertTriangle, Check, ChevronDown, Copy, Download, History, Loader2, Pencil, X } from "lucide-react";
import { AlertDialog } from "radix-ui";
import { type ComponentProps, type KeyboardEvent, type ReactNode, useId, useLayoutEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { Markdown, SourceChip } from "@/components/chat/markdown";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Tip } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";
import { ARTIFACT_KIND_LABELS, type ArtifactBody, type ArtifactKind, artifactBodySchema, artifactToMarkdown } from "@/server/planning/artifact";
import { ForecastChart } from "./forecast-chart";

export interface ArtifactVersionInfo {
  number: number;
  /** ISO timestamp. */
  createdAt: string;
  authorName: string | null;
  origin: "agent" | "edit" | "schedule";
}

export interface ArtifactPanelProps {
  artifact: { id: string; kind: ArtifactKind; title: string; teamKey: string | null };
  versions: ArtifactVersionInfo[];
  /** The version on screen; may be older than `latestNumber`. */
  current: { number: number; body: ArtifactBody };
  latestNumber: number;
  onSelectVersion(n: number): void;
  /** Stores `body` as a new version (edits and restores). Reject with a readable message on failure. */
  onSave(body: ArtifactBody): Promise<void>;
  onClose(): void;
}

/** "PAY Sprint 26: plan / draft" → "pay-sprint-26-plan-draft.md" */
export function artifactFileName(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return `${slug || "artifact"}.md`;
}

export interface DraftErrors {
  title?: string;
  sections: Record<number, { heading?: string; markdown?: string }>;
  form?: string;
}

export interface ArtifactDraft {
  title: string;
  sections: { id: string; heading: string; markdown: string }[];
}

/**
 * The body an edit would save: the draft's title and sections over the base version's forecast
 * and sources, checked against the artifact schema. Errors are keyed by field for the form.
 */
export function validateDraft(base: ArtifactBody, draft: ArtifactDraft): { ok: true; body: ArtifactBody } | { ok: false; errors: DraftErrors } {
  const candidate = { ...base, title: draft.title.trim(), sections: draft.sections.map((s) => ({ ...s, heading: s.heading.trim() })) };
  const parsed = artifactBodySchema.safeParse(candidate);
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: DraftErrors = { sections: {} };
  for (const issue of parsed.error.issues) {
    const [first, index, field] = issue.path;
    const limit = issue.code === "too_big" ? Number(issue.maximum) : null;
    const message = issueMessage(issue.code, String(field ?? first ?? ""), issue.message, limit);
    if (first === "title") errors.title ??= message;
    else if (first === "sections" && typeof index === "number" && (field === "heading" || field === "markdown")) {
      errors.sections[index] ??= {};
      errors.sections[index][field] ??= message;
    } else errors.form ??= message;
  }
  return { ok: false, errors };
}

function issueMessage(code: string, field: string, fallback: string, maximum: number | null): string {
  const what = field === "title" ? "The title" : field === "heading" ? "The heading" : field === "markdown" ? "This section" : field === "sections" ? "The artifact" : "This field";
  if (code === "too_small" && field === "sections") return "An artifact needs at least one section.";
  if (code === "too_big" && field === "sections") return `An artifact can have at most ${maximum} sections.`;
  if (code === "too_small") return `${what} can't be empty.`;
  if (code === "too_big") return `${what} is too long (at most ${(maximum ?? 0).toLocaleString("en")} characters).`;
  return fallback;
}

function draftOf(body: ArtifactBody): ArtifactDraft {
  return { title: body.title, sections: body.sections.map((s) => ({ id: s.id, heading: s.heading, markdown: s.markdown })) };
}

function isDirty(body: ArtifactBody, draft: ArtifactDraft): boolean {
  if (draft.title !== body.title || draft.sections.length !== body.sections.length) return true;
  return draft.sections.some((s, i) => s.heading !== body.sections[i]!.heading || s.markdown !== body.sections[i]!.markdown);
}

function errorMessage(e: unknown): string {
  return e instanceof Error && e.message ? e.message : "Something went wrong. Try again.";
}

function originText(v: ArtifactVersionInfo): string {
  if (v.origin === "agent") return v.authorName ? `Agent, for ${v.authorName}` : "Agent";
  if (v.origin === "schedule") return "Scheduled run";
  return v.authorName ? `Edited by ${v.authorName}` : "Edited";
}

function ago(iso: string): string {
  const d = parseISO(iso);
  return isValid(d) ? formatDistanceToNowStrict(d, { addSuffix: true }) : "";
}

function AutoGrowTextarea({ className, value, ...props }: ComponentProps<"textarea"> & { value: string }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${el.scrollHeight + 2}px`;
  }, [value]);
  return (
    <textarea
      ref={ref}
      value={value}
      spellCheck
      className={cn(
        "block min-h-24 w-full resize-none overflow-hidden rounded-md border border-input bg-transparent px-3 py-2 font-mono text-[13px] leading-relaxed shadow-xs outline-none focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/30 aria-invalid:border-destructive",
        className,
      )}
      {...props}
    />
  );
}

function FieldError({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="mt-1 text-xs text-destructive">
      {children}
    </p>
  );
}

function IconAction({ label, shortcut, onClick, children, disabled, testId }: { label: string; shortcut?: string; onClick(): void; children: ReactNode; disabled?: boolean; testId?: string }) {
  return (
    <Tip label={label} shortcut={shortcut}>
      <Button variant="ghost" size="icon-sm" className="text-muted-foreground" onClick={onClick} aria-label={label} disabled={disabled} data-testid={testId}>
        {children}
      </Button>
    </Tip>
  );
}

/**
 * The artifact beside the chat: read it with its forecast and cited sources, move between
 * versions, restore an old one, edit it as Markdown, copy or download it.
 */
export function ArtifactPanel({ artifact, versions, current, latestNumber, onSelectVersion, onSave, onClose }: ArtifactPanelProps) {
  const formId = useId();
  const [draft, setDraft] = useState<ArtifactDraft | null>(null);
  const [errors, setErrors] = useState<DraftErrors>({ sections: {} });
  const [saving, setSaving] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [copied, setCopied] = useState(false);
  const body = current.body;
  const editing = draft != null;
  const viewingOld = current.number !== latestNumber;
  const sortedVersions = [...versions].sort((a, b) => b.number - a.number);

  function startEdit() {
    setErrors({ sections: {} });
    setDraft(draftOf(body));
  }

  function stopEdit() {
    setDraft(null);
    setErrors({ sections: {} });
    setConfirmDiscard(false);
  }

  function requestCancel() {
    if (draft && isDirty(body, draft)) setConfirmDiscard(true);
    else stopEdit();
  }

  async function save() {
    if (!draft || saving) return;
    const result = validateDraft(body, draft);
    if (!result.ok) {
      setErrors(result.errors);
      toast.error("Some fields need fixing before this can be saved.");
      return;
    }
    if (!isDirty(body, draft)) {
      stopEdit();
      return;
    }
    setErrors({ sections: {} });
    setSaving(true);
    try {
      await onSave(result.body);
      toast.success(`Saved as version ${latestNumber + 1}`);
      stopEdit();
    } catch (e) {
      // The draft stays on screen so nothing typed is lost.
      toast.error(`Couldn't save: ${errorMessage(e)}`);
    } finally {
      setSaving(false);
    }
  }

  async function restore() {
    if (saving) return;
    setSaving(true);
    try {
      await onSave(body);
      toast.success(`Restored version ${current.number} as version ${latestNumber + 1}`);
    } catch (e) {
      toast.error(`Couldn't restore: ${errorMessage(e)}`);
    } finally {
      setSaving(false);
    }
  }

  function copyMarkdown() {
    navigator.clipboard.writeText(artifactToMarkdown(body)).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
        toast.success("Copied as Markdown");
      },
      () => toast.error("Couldn't copy: the browser did not allow access to the clipboard."),
    );
  }

  function download() {
    const url = URL.createObjectURL(new Blob([artifactToMarkdown(body)], { type: "text/markdown;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = artifactFileName(body.title);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  function onEditKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    } else if (e.key === "Escape" && !e.defaultPrevented) {
      e.preventDefault();
      requestCancel();
    }
  }

  function updateSection(i: number, patch: Partial<ArtifactDraft["sections"][number]>) {
    setDraft((d) => (d ? { ...d, sections: d.sections.map((s, j) => (j === i ? { ...s, ...patch } : s)) } : d));
  }

  return (
    <div className="flex h-full min-h-0 flex-col bg-background" data-testid="artifact-panel" data-version={current.number}>
      <header className="flex h-12 shrink-0 items-center gap-2 border-b px-3">
        <Badge variant="secondary" className="shrink-0">
          {ARTIFACT_KIND_LABELS[artifact.kind]}
        </Badge>
        <h2 className="min-w-0 flex-1 truncate text-sm font-semibold" title={body.title}>
          {editing ? "Editing" : body.title}
        </h2>

        {editing ? (
          <div className="flex shrink-0 items-center gap-1.5">
            <Button variant="ghost" size="sm" onClick={requestCancel} disabled={saving}>
              Cancel
            </Button>
            <Tip label="Save as a new version" shortcut="Ctrl Enter">
              <Button size="sm" onClick={() => void save()} disabled={saving} data-testid="artifact-save">
                {saving ? <Loader2 className="animate-spin" /> : <Check />}
                {saving ? "Saving…" : "Save"}
              </Button>
            </Tip>
          </div>
        ) : (
          <div className="flex shrink-0 items-center gap-0.5">
            <DropdownMenu>
              <Tip label="Versions">
                <DropdownMenuTrigger className={cn(buttonVariants({ variant: "ghost", size: "sm" }), "gap-1 px-2 text-xs tabular-nums")} data-testid="version-picker">
                  <History className="size-3.5 text-muted-foreground" aria-hidden />v{current.number}
                  <span className="sr-only"> of {latestNumber}, choose a version</span>
                  <ChevronDown className="size-3 text-muted-foreground" aria-hidden />
                </DropdownMenuTrigger>
              </Tip>
              <DropdownMenuContent align="end" className="max-h-80 w-64 overflow-y-auto">
                <DropdownMenuLabel>Versions</DropdownMenuLabel>
                <DropdownMenuSeparator />
                <DropdownMenuRadioGroup value={String(current.number)} onValueChange={(v) => onSelectVersion(Number(v))}>
                  {sortedVersions.map((v) => (
                    <DropdownMenuRadioItem key={v.number} value={String(v.number)} className="items-start">
                      <span className="min-w-0 flex-1">
                        <span className="flex items-center gap-1.5 font-medium tabular-nums">
                          Version {v.number}
                          {v.number === latestNumber ? (
                            <Badge variant="outline" className="px-1 py-0 text-[10px] font-normal">
                              Latest
                            </Badge>
                          ) : null}
                        </span>
                        <span className="block truncate text-xs text-muted-foreground">
                          {originText(v)}
                          {ago(v.createdAt) ? ` · ${ago(v.createdAt)}` : ""}
                        </span>
                      </span>
                    </DropdownMenuRadioItem>
                  ))}
                </DropdownMenuRadioGroup>
              </DropdownMenuContent>
            </DropdownMenu>
            <IconAction label="Edit" onClick={startEdit} testId="artifact-edit">
              <Pencil />
            </IconAction>
            <IconAction label={copied ? "Copied" : "Copy as Markdown"} onClick={copyMarkdown} testId="artifact-copy">
              {copied ? <Check /> : <Copy />}
            </IconAction>
            <IconAction label="Download .md" onClick={download} testId="artifact-download">
              <Download />
            </IconAction>
            <IconAction label="Close" onClick={onClose} testId="artifact-close">
              <X />
            </IconAction>
          </div>
        )}
      </header>

      {viewingOld && !editing ? (
        <div className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-2 border-b bg-warning/10 px-4 py-2 text-xs" role="status" data-testid="old-version-notice">
          <AlertTriangle className="size-3.5 shrink-0 text-warning" aria-hidden />
          <span className="min-w-0 flex-1">
            You&apos;re viewing version {current.number}. The latest is version {latestNumber}.
          </span>
          <div className="flex items-center gap-1.5">
            <Button size="sm" variant="ghost" className="h-7 text-xs" onClick={() => onSelectVersion(latestNumber)}>
              View latest
            </Button>
            <Button size="sm" variant="outline" className="h-7 text-xs" onClick={() => void restore()} disabled={saving} data-testid="restore-version">
              {saving ? <Loader2 className="animate-spin" /> : null}
              Restore as new version
            </Button>
          </div>
        </div>
      ) : null}

      <div className="min-h-0 flex-1 overflow-y-auto">
        {draft ? (
          <div className="mx-auto max-w-3xl space-y-5 px-5 py-5" onKeyDown={onEditKeyDown} data-testid="artifact-editor">
            {errors.form ? (
              <p role="alert" className="rounded-md border border-destructive/30 bg-destructive/5 px-3 py-2 text-sm text-destructive">
                {errors.form}
              </p>
            ) : null}
            <div>
              <Label htmlFor={`${formId}-title`}>Title</Label>
              <Input
                id={`${formId}-title`}
                className="mt-1.5"
                value={draft.title}
                autoFocus
                onChange={(e) => setDraft({ ...draft, title: e.target.value })}
                aria-invalid={errors.title ? true : undefined}
                aria-describedby={errors.title ? `${formId}-title-error` : undefined}
              />
              <FieldError id={`${formId}-title-error`}>{errors.title}</FieldError>
            </div>
            {draft.sections.map((s, i) => {
              const err = errors.sections[i];
              const base = `${formId}-s${i}`;
              return (
                <fieldset key={s.id} className="space-y-1.5">
                  <legend className="sr-only">Section {i + 1}</legend>
                  <Label htmlFor={`${base}-heading`} className="text-xs text-muted-foreground">
                    Section heading
                  </Label>
                  <Input
                    id={`${base}-heading`}
                    value={s.heading}
                    className="h-8 font-medium"
                    onChange={(e) => updateSection(i, { heading: e.target.value })}
                    aria-invalid={err?.heading ? true : undefined}
                    aria-describedby={err?.heading ? `${base}-heading-error` : undefined}
                  />
                  <FieldError id={`${base}-heading-error`}>{err?.heading}</FieldError>
                  <label htmlFor={`${base}-md`} className="sr-only">
                    {s.heading || `Section ${i + 1}`} (Markdown)
                  </label>
                  <AutoGrowTextarea
                    id={`${base}-md`}
                    value={s.markdown}
                    onChange={(e) => updateSection(i, { markdown: e.target.value })}
                    aria-invalid={err?.markdown ? true : undefined}
                    aria-describedby={err?.markdown ? `${base}-md-error` : undefined}
                  />
                  <FieldError id={`${base}-md-error`}>{err?.markdown}</FieldError>
                </fieldset>
              );
            })}
            <p className="text-xs text-muted-foreground">
              Markdown, with citations as links like <code className="rounded bg-muted px-1 font-mono">[PAY-12](https://…)</code>. Ctrl+Enter saves a new version · Esc cancels.
            </p>
          </div>
        ) : (
          <article className="mx-auto max-w-3xl space-y-6 px-5 py-5" data-testid="artifact-body">
            <div>
              <h1 className="text-lg font-semibold tracking-tight text-balance">{body.title}</h1>
              <p className="mt-0.5 text-xs text-muted-foreground">
                {ARTIFACT_KIND_LABELS[artifact.kind]}
                {artifact.teamKey ? ` · ${artifact.teamKey}` : ""} · version {current.number}
              </p>
            </div>
            {body.forecast ? <ForecastChart forecast={body.forecast} /> : null}
            {body.sections.map((s) => (
              <section key={s.id} aria-labelledby={`${formId}-${s.id}`}>
                <h2 id={`${formId}-${s.id}`} className="mb-2 border-b pb-1.5 text-sm font-semibold">
                  {s.heading}
                </h2>
                {s.markdown.trim() ? <Markdown sources={body.sources}>{s.markdown}</Markdown> : <p className="text-sm text-muted-foreground italic">Nothing here yet.</p>}
              </section>
            ))}
            {body.sources.length ? (
              <section aria-labelledby={`${formId}-sources`}>
                <h2 id={`${formId}-sources`} className="mb-2 flex items-baseline gap-1.5 border-b pb-1.5 text-sm font-semibold">
                  Sources <span className="text-xs font-normal text-muted-foreground tabular-nums">{body.sources.length}</span>
                </h2>
                <ul className="flex flex-wrap gap-1.5" data-testid="artifact-sources">
                  {body.sources.map((s) => (
                    <li key={`${s.kind}:${s.id}`}>
                      <SourceChip source={s} />
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </article>
        )}
      </div>

      <AlertDialog.Root open={confirmDiscard} onOpenChange={setConfirmDiscard}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 z-50 bg-black/40" />
          <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(420px,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-xl border bg-popover p-5 shadow-2xl outline-none">
            <AlertDialog.Title className="text-base font-semibold">Discard your changes?</AlertDialog.Title>
            <AlertDialog.Description className="mt-1.5 text-sm text-muted-foreground">Your edits to this artifact haven&apos;t been saved. Version {current.number} stays as it is.</AlertDialog.Description>
            <div className="mt-5 flex justify-end gap-2">
              <AlertDialog.Cancel className={buttonVariants({ variant: "ghost", size: "sm" })}>Keep editing</AlertDialog.Cancel>
              <AlertDialog.Action className={buttonVariants({ variant: "destructive", size: "sm" })} onClick={stopEdit}>
                Discard
              </AlertDialog.Action>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </div>
  );
}

/** What the panel looks like while an artifact loads. */
export function ArtifactPanelSkeleton() {
  return (
    <div className="flex h-full min-h-0 flex-col bg-background" aria-busy="true" aria-label="Loading artifact">
      <div className="flex h-12 shrink-0 items-center gap-2 border-b px-3">
        <Skeleton className="h-5 w-20" />
        <Skeleton className="h-4 w-48" />
        <div className="ml-auto flex gap-1.5">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="size-8" />
          ))}
        </div>
      </div>
      <div className="mx-auto w-full max-w-3xl space-y-5 px-5 py-5">
        <Skeleton className="h-6 w-2/3" />
        <Skeleton className="h-64 rounded-xl" />
        {[0, 1].map((i) => (
          <div key={i} className="space-y-2">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-3 w-full" />
            <Skeleton className="h-3 w-11/12" />
            <Skeleton className="h-3 w-4/5" />
          </div>
        ))}
      </div>
    </div>
  );
}
