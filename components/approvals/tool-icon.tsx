import { CircleDot, FileText, GitPullRequest, type LucideIcon, MessageSquare } from "lucide-react";
import { cn } from "@/lib/utils";
import { type Tool } from "@/server/db/generated/enums";
import { TOOL_LABELS } from "./summaries";

/** The same icons the chat uses for work items, code, documents and messages. */
export const TOOL_ICONS: Record<Tool, LucideIcon> = { JIRA: CircleDot, GITHUB: GitPullRequest, NOTION: FileText, SLACK: MessageSquare };

/** A tool's icon with its name for screen readers (or hidden, when the name is already written next to it). */
export function ToolIcon({ tool, className, labelled = true }: { tool: Tool; className?: string; labelled?: boolean }) {
  const Icon = TOOL_ICONS[tool];
  return labelled ? (
    <Icon className={cn("size-4 shrink-0 text-muted-foreground", className)} role="img" aria-label={TOOL_LABELS[tool]} />
  ) : (
    <Icon className={cn("size-4 shrink-0 text-muted-foreground", className)} aria-hidden />
  );
}
