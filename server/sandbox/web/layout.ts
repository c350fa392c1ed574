/**
 * The shell every sandbox web page shares. Pages are built with hono/html, which escapes every
 * interpolated value, so state (which includes hostile seeded text) can never inject markup.
 */
import { type Context } from "hono";
import { html, raw } from "hono/html";

export type Tool = "Jira" | "GitHub" | "Notion" | "Slack";
type Html = ReturnType<typeof html>;

const STYLE = `
  :root { color-scheme: light dark; --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #fff; --panel: #f6f8fa; --accent: #0969da; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #8d96a0; --line: #30363d; --bg: #0d1117; --panel: #161b22; --accent: #4493f8; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
  header { padding: 12px 24px; border-bottom: 1px solid var(--line); background: var(--panel); font-weight: 600; }
  header span { color: var(--muted); font-weight: 400; }
  main { max-width: 880px; margin: 0 auto; padding: 24px; }
  h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
  .meta { color: var(--muted); font-size: 13px; }
  .badge { display: inline-block; padding: 1px 8px; border: 1px solid var(--line); border-radius: 999px; font-size: 12px; margin-right: 4px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 16px 0; } dt { color: var(--muted); }
  .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; margin: 8px 0; }
  .card.here { border-color: var(--accent); }
  .text { white-space: pre-wrap; overflow-wrap: anywhere; }
  ul.plain { list-style: none; padding: 0; } code { font-size: 13px; }
  a { color: var(--accent); }
`;

/** A complete page: the "Northwind Robotics · <tool> (sandbox)" header and `body`. */
export function page(c: Context, tool: Tool, title: string, body: Html, status: 200 | 404 = 200) {
  return c.html(
    html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · ${tool} (sandbox)</title><style>${raw(STYLE)}</style></head>
<body><header>Northwind Robotics · ${tool} <span>(sandbox)</span></header><main>${body}</main></body>
</html>`,
    status,
  );
}

/** The 404 page for an item the sandbox does not hold. */
export function notFoundPage(c: Context, tool: Tool, what: string) {
  return page(c, tool, "Not found", html`<h1>Not found</h1><p class="meta">The sandbox has no ${what}. It may have been deleted, or the sandbox was reset to another seed.</p>`, 404);
}

/** A timestamp as "2026-11-20 16:00 UTC". */
export function when(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "";
}
