"use client";

import {
  CalendarRange,
  CircleDot,
  FileText,
  GitPullRequest,
  Image as ImageIcon,
  type LucideIcon,
  MessageSquare,
  MessageSquareCode,
  Rocket,
  User,
} from "lucide-react";
import { type ComponentProps, type ReactNode, isValidElement, memo, useMemo } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { Tip } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";
import { type ArtifactSource } from "@/server/planning/artifact";

type SourceKind = ArtifactSource["kind"];

export const SOURCE_KIND_ICONS: Record<SourceKind, LucideIcon> = {
  work_item: CircleDot,
  pull_request: GitPullRequest,
  review: MessageSquareCode,
  message: MessageSquare,
  document: FileText,
  sprint: CalendarRange,
  release: Rocket,
  person: User,
};

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  work_item: "Issue",
  pull_request: "Pull request",
  review: "Review",
  message: "Message",
  document: "Document",
  sprint: "Sprint",
  release: "Release",
  person: "Person",
};

/** A citation: kind icon and label, opening the source in a new tab when it has a link. */
export function SourceChip({ source, className }: { source: Pick<ArtifactSource, "kind" | "label" | "url">; className?: string }) {
  const Icon = SOURCE_KIND_ICONS[source.kind];
  const classes = cn(
    "inline-flex max-w-64 items-center gap-1 rounded-md border bg-muted/50 px-1.5 py-px align-baseline text-xs font-medium text-foreground no-underline transition-colors",
    source.url && "outline-none hover:border-primary/40 hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring/50",
    className,
  );
  const body = (
    <>
      <Icon className="size-3 shrink-0 text-muted-foreground" aria-hidden />
      <span className="truncate">{source.label}</span>
    </>
  );
  if (!source.url) {
    return (
      <span className={classes} title={`${SOURCE_KIND_LABELS[source.kind]} (no link available)`}>
        {body}
      </span>
    );
  }
  return (
    <Tip label={`Open ${SOURCE_KIND_LABELS[source.kind].toLowerCase()} in a new tab`}>
      <a href={source.url} target="_blank" rel="noopener noreferrer" className={classes} aria-label={`${source.label} (${SOURCE_KIND_LABELS[source.kind]}, opens in a new tab)`}>
        {body}
      </a>
    </Tip>
  );
}

/** The plain text of rendered Markdown children, or null when they hold anything but text. */
export function plainText(children: ReactNode): string | null {
  if (typeof children === "string" || typeof children === "number") return String(children);
  if (Array.isArray(children)) {
    let out = "";
    for (const c of children) {
      const t = plainText(c);
      if (t == null) return null;
      out += t;
    }
    return out;
  }
  if (children == null || typeof children === "boolean") return "";
  if (isValidElement(children)) return null;
  return null;
}

/**
 * The source a Markdown link cites: its text equals a source's label (the convention artifacts
 * follow), or failing that its address equals the source's.
 */
export function findSource(sources: readonly ArtifactSource[], text: string | null, href: string | undefined): ArtifactSource | null {
  const label = text?.trim();
  if (label) {
    const byLabel = sources.find((s) => s.label === label);
    if (byLabel) return byLabel;
  }
  if (href) return sources.find((s) => s.url === href) ?? null;
  return null;
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]+-\d+$/;
const PR_REF = /^[\w.-]+#\d+$/;

/**
 * In chat there is no sources list, so a link reads as a citation when it looks like one: an
 * issue key ("PAY-12") or a pull request reference ("payments-service#41"), or a link to a tool's
 * item page. Other links stay links.
 */
export function inferCitation(text: string | null, href: string | undefined): Pick<ArtifactSource, "kind" | "label" | "url"> | null {
  const label = text?.trim();
  if (!label || !href || label.length > 60) return null;
  if (ISSUE_KEY.test(label)) return { kind: "work_item", label, url: href };
  if (PR_REF.test(label)) return { kind: "pull_request", label, url: href };
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const host = url.hostname;
  if (/\/browse\/[A-Z][A-Z0-9_]+-\d+/.test(url.pathname)) return { kind: "work_item", label, url: href };
  if (host === "github.com" && /\/pull\/\d+/.test(url.pathname)) return { kind: "pull_request", label, url: href };
  if (host.endsWith("slack.com") && url.pathname.includes("/archives/")) return { kind: "message", label, url: href };
  if (host.endsWith("notion.so") || host.endsWith("notion.site")) return { kind: "document", label, url: href };
  return null;
}

const REMARK_PLUGINS = [remarkGfm];

type LinkProps = ComponentProps<"a"> & { node?: unknown };

function buildComponents(sources: readonly ArtifactSource[] | undefined): Components {
  function Link({ href, children, node: _node, ...rest }: LinkProps) {
    const text = plainText(children);
    const source = sources ? findSource(sources, text, href) : inferCitation(text, href);
    if (source) return <SourceChip source={source.url ? source : { ...source, url: href ?? null }} />;
    if (!href) return <span>{children}</span>;
    const external = /^https?:/i.test(href);
    return (
      <a
        {...rest}
        href={href}
        {...(external ? { target: "_blank", rel: "noopener noreferrer" } : {})}
        className="font-medium text-primary underline decoration-primary/30 underline-offset-2 outline-none hover:decoration-primary focus-visible:ring-2 focus-visible:ring-ring/50 rounded-sm"
      >
        {children}
      </a>
    );
  }

  return {
    a: Link,
    p: ({ node: _n, className, ...p }) => <p className={cn("my-2 leading-relaxed first:mt-0 last:mb-0", className)} {...p} />,
    h1: ({ node: _n, ...p }) => <h1 className="mt-5 mb-2 text-base font-semibold tracking-tight first:mt-0" {...p} />,
    h2: ({ node: _n, ...p }) => <h2 className="mt-5 mb-2 text-[15px] font-semibold tracking-tight first:mt-0" {...p} />,
    h3: ({ node: _n, ...p }) => <h3 className="mt-4 mb-1.5 text-sm font-semibold first:mt-0" {...p} />,
    h4: ({ node: _n, ...p }) => <h4 className="mt-3 mb-1 text-sm font-medium first:mt-0" {...p} />,
    ul: ({ node: _n, className, ...p }) => (
      <ul className={cn("my-2 space-y-1 pl-5 [&_ul]:my-1", className?.includes("contains-task-list") ? "list-none pl-1" : "list-disc marker:text-muted-foreground", className)} {...p} />
    ),
    ol: ({ node: _n, className, ...p }) => <ol className={cn("my-2 list-decimal space-y-1 pl-5 marker:text-muted-foreground [&_ol]:my-1", className)} {...p} />,
    li: ({ node: _n, className, ...p }) => <li className={cn("pl-0.5 leading-relaxed [&>p]:my-1", className)} {...p} />,
    blockquote: ({ node: _n, ...p }) => <blockquote className="my-3 border-l-2 border-primary/30 pl-3 text-muted-foreground" {...p} />,
    hr: () => <hr className="my-4 border-border" />,
    strong: ({ node: _n, ...p }) => <strong className="font-semibold" {...p} />,
    code: ({ node: _n, className, ...p }) => <code className={cn("rounded bg-muted px-1 py-0.5 font-mono text-[0.85em]", className)} {...p} />,
    pre: ({ node: _n, ...p }) => (
      <pre className="my-3 overflow-x-auto rounded-lg border bg-muted/40 p-3 font-mono text-xs leading-relaxed [&_code]:bg-transparent [&_code]:p-0 [&_code]:text-[inherit]" {...p} />
    ),
    table: ({ node: _n, ...p }) => (
      <div className="my-3 overflow-x-auto rounded-lg border">
        <table className="w-full border-collapse text-left text-[13px]" {...p} />
      </div>
    ),
    thead: ({ node: _n, ...p }) => <thead className="bg-muted/50" {...p} />,
    tr: ({ node: _n, ...p }) => <tr className="border-b last:border-0 [thead_&]:border-b" {...p} />,
    th: ({ node: _n, style, ...p }) => <th className="px-3 py-1.5 text-xs font-medium whitespace-nowrap text-muted-foreground" style={style} {...p} />,
    td: ({ node: _n, style, ...p }) => <td className="px-3 py-1.5 align-top tabular-nums" style={style} {...p} />,
    input: ({ node: _n, ...p }) => <input {...p} disabled className="mr-1.5 size-3.5 translate-y-0.5 accent-primary" />,
    // Remote images in generated text could track readers; show them as links instead.
    img: ({ src, alt }) =>
      typeof src === "string" && src ? (
        <a href={src} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 text-primary underline underline-offset-2">
          <ImageIcon className="size-3.5" aria-hidden />
          {alt || "Image"}
        </a>
      ) : null,
  };
}

export interface MarkdownProps {
  children: string;
  /**
   * The artifact's sources. When given, links whose text is a source label render as chips;
   * when absent (chat), links that look like issue or pull request references do.
   */
  sources?: readonly ArtifactSource[];
  className?: string;
}

/**
 * GitHub-flavoured Markdown as the product shows it in chat and artifacts. Raw HTML is never
 * rendered and unsafe link protocols are dropped (react-markdown's default URL transform).
 */
export const Markdown = memo(function Markdown({ children, sources, className }: MarkdownProps) {
  const components = useMemo(() => buildComponents(sources), [sources]);
  return (
    <div className={cn("min-w-0 text-sm break-words text-foreground", className)}>
      <ReactMarkdown remarkPlugins={REMARK_PLUGINS} skipHtml components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
});
