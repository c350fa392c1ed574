"use client";

import { FileText, Hash, MessageSquareText } from "lucide-react";
import { Markdown } from "@/components/chat/markdown";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { definitionOf, parseAction } from "@/server/actions/catalogue/registry";
import { type Preview } from "@/server/actions/catalogue/types";
import { mrkdwnToMarkdown } from "./mrkdwn";
import { formatValue } from "./summaries";

/**
 * Every target state read as "nothing known yet": the catalogue's previews only read these
 * fields, and each treats a missing target or empty list as unknown. Lets the card show what an
 * action will write before (or without) the live check.
 */
const UNKNOWN_STATE = {
  issue: null,
  users: [],
  priorities: [],
  transitions: [],
  resolutions: [],
  targetSprint: null,
  currentSprint: null,
  project: null,
  sprints: [],
  pullRequest: null,
  repository: null,
  assignableLogins: [],
  parent: null,
  page: null,
  channel: null,
  message: null,
};

/**
 * The preview rendered in the browser from the input alone, for while the check loads (or when
 * the tool cannot be asked). "Before" values are unknown in it. Null when the input is invalid.
 */
export function localPreview(kind: string, input: unknown): Preview | null {
  const parsed = parseAction(kind, input);
  if (!parsed.ok) return null;
  try {
    return definitionOf(parsed.action.kind).preview(parsed.action.input, UNKNOWN_STATE);
  } catch {
    return null;
  }
}

function Value({ value, long }: { value: unknown; long: boolean }) {
  const text = formatValue(value);
  if (text === "—") return <span className="text-muted-foreground">—</span>;
  return <span className={cn(long && "block max-h-40 overflow-auto whitespace-pre-wrap")}>{text}</span>;
}

const isLong = (v: unknown) => typeof v === "string" && (v.length > 80 || v.includes("\n"));

/**
 * What an action will change, as the reviewer should read it: a before/after table for field
 * changes, the message as Slack shows it, the page or the comment as Markdown. `beforeUnknown`
 * marks a local render: the "before" column then waits for the check (`loading`) or says it is unknown.
 */
export function ActionPreview({ preview, beforeUnknown = false, loading = false }: { preview: Preview; beforeUnknown?: boolean; loading?: boolean }) {
  switch (preview.type) {
    case "diff": {
      const creates = preview.fields.every((f) => f.before === null);
      return (
        <div className="overflow-x-auto rounded-lg border" data-testid="action-preview" data-preview="diff">
          <table className="w-full text-sm">
            <thead className="bg-muted/40 text-left text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="w-36 px-3 py-1.5 font-medium">
                  Field
                </th>
                {creates && !beforeUnknown ? null : (
                  <th scope="col" className="px-3 py-1.5 font-medium">
                    Before
                  </th>
                )}
                <th scope="col" className="px-3 py-1.5 font-medium">
                  {creates && !beforeUnknown ? "Value" : "After"}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {preview.fields.map((f) => (
                <tr key={f.field} className="align-top">
                  <th scope="row" className="px-3 py-2 text-left text-xs font-medium text-muted-foreground">
                    {f.label}
                  </th>
                  {creates && !beforeUnknown ? null : (
                    <td className="px-3 py-2 text-muted-foreground">
                      {beforeUnknown ? (
                        loading ? (
                          <Skeleton className="h-4 w-24" />
                        ) : (
                          <span className="text-xs italic">not read yet</span>
                        )
                      ) : f.before === null ? (
                        <span>—</span>
                      ) : (
                        <Value value={f.before} long={isLong(f.before)} />
                      )}
                    </td>
                  )}
                  <td className="px-3 py-2 font-medium">
                    <Value value={f.after} long={isLong(f.after)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case "message":
      return (
        <div className="rounded-lg border" data-testid="action-preview" data-preview="message">
          <p className="flex items-center gap-1.5 border-b bg-muted/40 px-3 py-1.5 text-xs text-muted-foreground">
            <Hash className="size-3.5" aria-hidden />
            <span>
              Message in <span className="font-medium text-foreground">{preview.channel}</span>
            </span>
          </p>
          <div className="max-h-72 overflow-auto px-3 py-2.5">
            <Markdown>{mrkdwnToMarkdown(preview.text)}</Markdown>
            {preview.blocks?.length ? <p className="mt-2 text-xs text-muted-foreground">Also sends {preview.blocks.length.toLocaleString("en")} Block Kit block(s), not drawn here.</p> : null}
          </div>
        </div>
      );
    case "page":
      return (
        <div className="rounded-lg border" data-testid="action-preview" data-preview="page">
          <p className="flex items-center gap-1.5 border-b bg-muted/40 px-3 py-1.5 text-sm font-semibold">
            <FileText className="size-3.5 text-muted-foreground" aria-hidden />
            {preview.title}
          </p>
          <div className="max-h-80 overflow-auto px-3 py-2.5">{preview.markdown.trim() ? <Markdown>{preview.markdown}</Markdown> : <p className="text-sm text-muted-foreground italic">No content.</p>}</div>
        </div>
      );
    case "comment":
      return (
        <div className="rounded-lg border" data-testid="action-preview" data-preview="comment">
          <p className="flex items-center gap-1.5 border-b bg-muted/40 px-3 py-1.5 text-xs text-muted-foreground">
            <MessageSquareText className="size-3.5" aria-hidden />
            <span>
              Comment on <span className="font-medium text-foreground">{preview.target}</span>
            </span>
          </p>
          <div className="max-h-72 overflow-auto px-3 py-2.5">
            <Markdown>{preview.markdown}</Markdown>
          </div>
        </div>
      );
  }
}

/** The preview's place while nothing can be shown yet. */
export function PreviewSkeleton() {
  return (
    <div className="space-y-2 rounded-lg border p-3" aria-busy="true" aria-label="Loading the preview">
      <Skeleton className="h-4 w-1/3" />
      <Skeleton className="h-4 w-2/3" />
      <Skeleton className="h-4 w-1/2" />
    </div>
  );
}
