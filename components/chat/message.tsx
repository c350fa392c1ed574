"use client";

import { type DynamicToolUIPart, type ToolUIPart, type UIMessage, getToolName, isToolUIPart } from "ai";
import { format, isValid, parseISO } from "date-fns";
import {
  AlertCircle,
  BarChart3,
  Brain,
  Check,
  CheckSquare,
  ChevronRight,
  CircleDot,
  CircleSlash,
  Copy,
  Cpu,
  FileText,
  GitPullRequest,
  type LucideIcon,
  Loader2,
  MessageSquare,
  Paperclip,
  PanelRightOpen,
  RefreshCw,
  Sparkles,
  Wrench,
  Workflow,
} from "lucide-react";
import { memo, type ReactNode, useEffect, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Tip } from "@/components/ui/tooltip";
import { ProposalCard } from "@/components/approvals/proposal-card";
import { cn } from "@/lib/utils";
import { ARTIFACT_KIND_LABELS } from "@/server/planning/artifact";
import { Markdown, SourceChip, inferCitation } from "./markdown";
import { describeTool, formatArtifactReference, parseProposeChangesOutput, parseSaveArtifactOutput, type ProposeChangesOutput, summariseToolCall, type ToolCategory } from "./tool-labels";
import { type ChatMessageMetadata, type ChatModelInfo, type SaveArtifactOutput, readMessageMetadata } from "./types";

const CATEGORY_ICONS: Record<ToolCategory, LucideIcon> = {
  work: CircleDot,
  code: GitPullRequest,
  docs: FileText,
  messages: MessageSquare,
  metrics: BarChart3,
  planning: Workflow,
  artifact: FileText,
  approval: CheckSquare,
  other: Wrench,
};

const PROVIDER_LABELS: Record<string, string> = {
  builtin: "Built-in planner: deterministic, no language model",
  openai: "OpenAI",
  "openai-compatible": "OpenAI-compatible endpoint",
  test: "Test model (scripted answers)",
};

type AnyToolPart = ToolUIPart | DynamicToolUIPart;
type Part = UIMessage["parts"][number];
type RowStatus = "running" | "done" | "error" | "denied" | "interrupted";

function toolStatus(part: AnyToolPart, streaming: boolean): RowStatus {
  switch (part.state) {
    case "output-available":
      return part.preliminary && streaming ? "running" : "done";
    case "output-error":
      return "error";
    case "output-denied":
      return "denied";
    default:
      return streaming ? "running" : "interrupted";
  }
}

function prettyJson(value: unknown): string {
  if (value === undefined) return "—";
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Which model answered; shown under every assistant message. */
export function ModelBadge({ model }: { model: { label: string; provider: string } }) {
  const Icon = model.provider === "builtin" ? Cpu : Sparkles;
  return (
    <Tip label={PROVIDER_LABELS[model.provider] ?? model.provider}>
      <Badge variant="outline" className="cursor-default font-normal" tabIndex={0} data-testid="model-badge">
        <Icon aria-hidden />
        <span className="sr-only">Answered by </span>
        {model.label}
      </Badge>
    </Tip>
  );
}

function StatusIcon({ status }: { status: RowStatus }) {
  switch (status) {
    case "running":
      return <Loader2 className="size-3.5 animate-spin text-muted-foreground" aria-label="Running" />;
    case "done":
      return <Check className="size-3.5 text-success" aria-label="Done" />;
    case "error":
      return <AlertCircle className="size-3.5 text-destructive" aria-label="Failed" />;
    case "denied":
      return <CircleSlash className="size-3.5 text-muted-foreground" aria-label="Not allowed" />;
    case "interrupted":
      return <CircleSlash className="size-3.5 text-muted-foreground" aria-label="Stopped" />;
  }
}

/** One tool call as a compact row; expands to the exact input and output. */
export function ToolRow({ part, streaming }: { part: AnyToolPart; streaming: boolean }) {
  const [open, setOpen] = useState(false);
  const name = getToolName(part);
  const tool = describeTool(name);
  const status = toolStatus(part, streaming);
  const Icon = CATEGORY_ICONS[tool.category];
  const output = part.state === "output-available" ? part.output : undefined;
  const summary = summariseToolCall(name, part.input, output);
  const label = status === "running" ? `${tool.activeLabel}…` : tool.label;
  const panelId = `tool-${part.toolCallId}`;

  return (
    <li data-testid="tool-row" data-tool={name} data-state={status}>
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls={panelId}
        className="flex w-full items-center gap-2 px-2.5 py-1.5 text-left text-xs outline-none hover:bg-accent/60 focus-visible:bg-accent/60 focus-visible:ring-2 focus-visible:ring-ring/50 focus-visible:ring-inset"
      >
        <ChevronRight className={cn("size-3 shrink-0 text-muted-foreground transition-transform", open && "rotate-90")} aria-hidden />
        <Icon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
        <span className="shrink-0 font-medium text-foreground">{label}</span>
        {summary ? <span className="min-w-0 flex-1 truncate text-muted-foreground">{summary}</span> : <span className="flex-1" />}
        {status === "error" ? <span className="shrink-0 text-destructive">Failed</span> : null}
        {status === "interrupted" ? <span className="shrink-0 text-muted-foreground">Stopped</span> : null}
        <span className="shrink-0">
          <StatusIcon status={status} />
        </span>
      </button>
      {open ? (
        <div id={panelId} className="space-y-2 border-t bg-muted/30 px-3 py-2.5">
          {part.state === "output-error" ? (
            <p className="flex gap-1.5 rounded-md bg-destructive/10 px-2 py-1.5 text-xs text-destructive">
              <AlertCircle className="mt-px size-3.5 shrink-0" aria-hidden />
              {part.errorText}
            </p>
          ) : null}
          <JsonBlock label="Input" value={part.input} />
          {part.state === "output-available" ? <JsonBlock label="Output" value={part.output} /> : null}
        </div>
      ) : null}
    </li>
  );
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <p className="mb-1 text-[10px] font-medium tracking-wide text-muted-foreground uppercase">{label}</p>
      <pre className="max-h-72 overflow-auto rounded-md border bg-background p-2 font-mono text-[11px] leading-relaxed">{prettyJson(value)}</pre>
    </div>
  );
}

/** What saveArtifact produced, as a card that opens the artifact panel. */
export function ArtifactCard({ artifact, onOpen }: { artifact: SaveArtifactOutput; onOpen(id: string): void }) {
  return (
    <div className="flex items-center gap-3 rounded-xl border bg-card p-3 shadow-xs" data-testid="artifact-card">
      <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-primary/10 text-primary">
        <FileText className="size-4" aria-hidden />
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium">{artifact.title}</p>
        <p className="truncate text-xs text-muted-foreground">{formatArtifactReference(artifact)}</p>
      </div>
      <Button size="sm" variant="outline" onClick={() => onOpen(artifact.artifactId)} aria-label={`Open ${formatArtifactReference(artifact)}`}>
        <PanelRightOpen /> Open
      </Button>
    </div>
  );
}

function Reasoning({ text, streaming }: { text: string; streaming: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="text-xs">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        className="inline-flex items-center gap-1.5 rounded-md px-1 py-0.5 text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring/50"
      >
        <Brain className={cn("size-3.5", streaming && "animate-pulse")} aria-hidden />
        {streaming ? "Thinking…" : "Reasoning"}
        <ChevronRight className={cn("size-3 transition-transform", open && "rotate-90")} aria-hidden />
      </button>
      {open ? (
        <div className="mt-1.5 border-l-2 pl-3 text-muted-foreground">
          <Markdown className="text-xs text-muted-foreground">{text}</Markdown>
        </div>
      ) : null}
    </div>
  );
}

/** Three quiet dots while the first token is on its way. */
export function Thinking({ label = "Thinking" }: { label?: string }) {
  return (
    <span className="inline-flex items-center gap-2 text-xs text-muted-foreground" role="status" data-testid="thinking">
      <span className="flex gap-1" aria-hidden>
        {[0, 150, 300].map((d) => (
          <span key={d} className="size-1.5 animate-pulse rounded-full bg-muted-foreground/60" style={{ animationDelay: `${d}ms` }} />
        ))}
      </span>
      {label}…
    </span>
  );
}

type Segment = { type: "tools"; parts: AnyToolPart[] } | { type: "part"; part: Part; index: number };

/** Consecutive tool calls form one block of rows; step boundaries are not shown. */
function segments(parts: readonly Part[]): Segment[] {
  const out: Segment[] = [];
  parts.forEach((part, index) => {
    if (part.type === "step-start") return;
    if (isToolUIPart(part)) {
      const last = out.at(-1);
      if (last?.type === "tools") last.parts.push(part);
      else out.push({ type: "tools", parts: [part] });
      return;
    }
    out.push({ type: "part", part, index });
  });
  return out;
}

function messageText(message: UIMessage): string {
  return message.parts
    .filter((p): p is Extract<Part, { type: "text" }> => p.type === "text")
    .map((p) => p.text)
    .join("\n\n")
    .trim();
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <Tip label={copied ? "Copied" : "Copy answer"}>
      <Button
        variant="ghost"
        size="icon-sm"
        className="size-7 text-muted-foreground"
        aria-label="Copy answer"
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setCopied(true),
            () => toast.error("Couldn't copy: the browser did not allow access to the clipboard."),
          )
        }
      >
        {copied ? <Check /> : <Copy />}
      </Button>
    </Tip>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function timeOf(createdAt: string | undefined): { short: string; full: string } | null {
  if (!createdAt) return null;
  const d = parseISO(createdAt);
  return isValid(d) ? { short: format(d, "HH:mm"), full: format(d, "d MMM yyyy, HH:mm") } : null;
}

export interface ChatMessageProps {
  message: UIMessage;
  /** This message is the one being streamed right now. */
  streaming?: boolean;
  /**
   * Shown when the message carries no model in its metadata yet (a reply still streaming in this
   * session). Leave unset for history, so an old answer is never attributed to today's model.
   */
  fallbackModel?: ChatModelInfo;
  /** Offered on the last assistant message once it is done. */
  onRegenerate?(): void;
  onOpenArtifact(id: string): void;
}

function UserMessage({ message, metadata }: { message: UIMessage; metadata: ChatMessageMetadata }) {
  const text = messageText(message);
  const files = message.parts.filter((p): p is Extract<Part, { type: "file" }> => p.type === "file");
  return (
    <div className="flex flex-col items-end gap-1" data-testid="message-user">
      {metadata.workflow ? (
        <Badge variant="secondary" className="font-normal">
          <Workflow aria-hidden /> {ARTIFACT_KIND_LABELS[metadata.workflow.kind]} · {metadata.workflow.teamKey}
        </Badge>
      ) : null}
      <div className="max-w-[85%] rounded-2xl rounded-br-md bg-secondary px-3.5 py-2 text-sm leading-relaxed break-words whitespace-pre-wrap text-secondary-foreground">{text}</div>
      {files.map((f, i) => (
        <span key={i} className="inline-flex items-center gap-1 text-xs text-muted-foreground">
          <Paperclip className="size-3" aria-hidden /> {f.filename ?? f.mediaType}
        </span>
      ))}
    </div>
  );
}

function AssistantMessage({ message, metadata, streaming, fallbackModel, onRegenerate, onOpenArtifact }: ChatMessageProps & { metadata: ChatMessageMetadata; streaming: boolean }) {
  const segs = segments(message.parts);
  const model = metadata.model ?? fallbackModel;
  const time = timeOf(metadata.createdAt);
  const text = messageText(message);
  const lastPart = message.parts.at(-1);
  const sources = message.parts.filter((p): p is Extract<Part, { type: "source-url" }> => p.type === "source-url");

  const blocks: ReactNode[] = segs.map((seg, i) => {
    if (seg.type === "tools") {
      const saved = seg.parts.flatMap((p) => (getToolName(p) === "saveArtifact" && p.state === "output-available" ? [parseSaveArtifactOutput(p.output)] : [])).filter((a): a is SaveArtifactOutput => a != null);
      const proposed = seg.parts.flatMap((p) => (getToolName(p) === "proposeChanges" && p.state === "output-available" ? [parseProposeChangesOutput(p.output)] : [])).filter((o): o is ProposeChangesOutput => o != null);
      return (
        <div key={`tools-${i}`} className="space-y-2">
          <ul className="divide-y overflow-hidden rounded-lg border bg-card/50" aria-label="Steps">
            {seg.parts.map((p) => (
              <ToolRow key={p.toolCallId} part={p} streaming={streaming} />
            ))}
          </ul>
          {saved.map((a) => (
            <ArtifactCard key={`${a.artifactId}-${a.version}`} artifact={a} onOpen={onOpenArtifact} />
          ))}
          {proposed.map((p) => (
            <ProposalCard key={p.proposalId} proposalId={p.proposalId} variant="inline" fallback={{ title: p.title, actions: p.actions }} />
          ))}
        </div>
      );
    }
    const { part, index } = seg;
    switch (part.type) {
      case "text":
        return part.text ? <Markdown key={index}>{part.text}</Markdown> : null;
      case "reasoning":
        return part.text ? <Reasoning key={index} text={part.text} streaming={streaming && part.state === "streaming"} /> : null;
      case "file":
        return (
          <span key={index} className="inline-flex items-center gap-1 text-xs text-muted-foreground">
            <Paperclip className="size-3" aria-hidden /> {part.filename ?? part.mediaType}
          </span>
        );
      default:
        return null;
    }
  });

  const hasContent = blocks.some(Boolean);
  const waitingForMore = streaming && (!lastPart || lastPart.type === "step-start" || (isToolUIPart(lastPart) && lastPart.state === "output-available"));

  return (
    <div className="group/message flex gap-3" data-testid="message-assistant">
      <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full border bg-card text-primary" aria-hidden>
        <Sparkles className="size-3.5" />
      </span>
      <div className="min-w-0 flex-1 space-y-3">
        {blocks}
        {!hasContent && !streaming ? <p className="text-sm text-muted-foreground italic">No response was produced.</p> : null}
        {waitingForMore ? <Thinking label={hasContent ? "Working" : "Thinking"} /> : null}
        {sources.length ? (
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="text-xs text-muted-foreground">Sources</span>
            {sources.map((s) => (
              <SourceChip key={s.sourceId} source={inferCitation(s.title ?? s.url, s.url) ?? { kind: "document", label: s.title ?? hostOf(s.url), url: s.url }} />
            ))}
          </div>
        ) : null}
        <div className="flex min-h-7 flex-wrap items-center gap-1.5">
          {model ? <ModelBadge model={model} /> : null}
          {time ? (
            <time dateTime={metadata.createdAt} title={time.full} className="text-[11px] text-muted-foreground tabular-nums">
              {time.short}
            </time>
          ) : null}
          {!streaming ? (
            <div
              className={cn(
                "ml-1 flex items-center transition-opacity",
                // The latest answer keeps its actions in view; older ones show them on hover or focus.
                !onRegenerate && "sm:opacity-0 sm:group-focus-within/message:opacity-100 sm:group-hover/message:opacity-100",
              )}
            >
              {text ? <CopyButton text={text} /> : null}
              {onRegenerate ? (
                <Tip label="Regenerate this answer">
                  <Button variant="ghost" size="icon-sm" className="size-7 text-muted-foreground" aria-label="Regenerate answer" onClick={onRegenerate} data-testid="regenerate">
                    <RefreshCw />
                  </Button>
                </Tip>
              ) : null}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** One chat message: the user's words, or the assistant's text, steps, artifacts, proposals and model. */
export const ChatMessage = memo(function ChatMessage(props: ChatMessageProps) {
  const metadata = readMessageMetadata(props.message.metadata);
  if (props.message.role === "user") return <UserMessage message={props.message} metadata={metadata} />;
  if (props.message.role !== "assistant") return null;
  return <AssistantMessage {...props} metadata={metadata} streaming={props.streaming ?? false} />;
});
