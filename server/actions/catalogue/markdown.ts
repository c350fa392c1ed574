import { Lexer, type Token, type Tokens } from "marked";

/**
 * Actions carry their prose as Markdown; each tool wants its own format. These converters are pure
 * and lossy only where a tool has no equivalent (images become links, tables become plain rows).
 */

/** Notion rejects a rich-text object whose content is longer than this. */
export const NOTION_RICH_TEXT_LIMIT = 2000;
/** Notion accepts at most this many rich-text objects in one block's `rich_text`. */
export const NOTION_RICH_TEXT_ITEMS_LIMIT = 100;
/** Notion accepts at most this many blocks in one append (or create-page children) request. */
export const NOTION_BLOCKS_PER_REQUEST = 100;

function lex(markdown: string): Token[] {
  // A fresh lexer with explicit options: the global `marked` defaults may be changed elsewhere.
  return Lexer.lex(markdown, { gfm: true, breaks: false });
}

/* ------------------------------------------------------------------------------------------------
 * Inline runs: the shared, flattened view of inline Markdown used by ADF and Notion.
 * ---------------------------------------------------------------------------------------------- */

interface Marks {
  bold: boolean;
  italic: boolean;
  strike: boolean;
  code: boolean;
  href: string | null;
}

type Run = { kind: "text"; text: string; marks: Marks } | { kind: "break" };

const NO_MARKS: Marks = { bold: false, italic: false, strike: false, code: false, href: null };

function inlineRuns(tokens: Token[] | undefined, marks: Marks = NO_MARKS): Run[] {
  const runs: Run[] = [];
  const push = (text: string, m: Marks) => {
    if (text === "") return;
    const last = runs.at(-1);
    // Merge neighbours with identical marks so "a" + "*" + "b" stays one text node.
    if (last?.kind === "text" && sameMarks(last.marks, m)) last.text += text;
    else runs.push({ kind: "text", text, marks: m });
  };
  for (const token of tokens ?? []) {
    const t = token as Token & { tokens?: Token[]; text?: string };
    switch (t.type) {
      case "strong":
        runs.push(...inlineRuns(t.tokens, { ...marks, bold: true }));
        break;
      case "em":
        runs.push(...inlineRuns(t.tokens, { ...marks, italic: true }));
        break;
      case "del":
        runs.push(...inlineRuns(t.tokens, { ...marks, strike: true }));
        break;
      case "codespan":
        push(t.text ?? "", { ...marks, code: true });
        break;
      case "link":
        runs.push(...inlineRuns(t.tokens, { ...marks, href: (t as Tokens.Link).href }));
        break;
      case "image": {
        const img = t as Tokens.Image;
        push(img.text || img.href, { ...marks, href: img.href });
        break;
      }
      case "br":
        runs.push({ kind: "break" });
        break;
      case "text":
        if (t.tokens && t.tokens.length > 0) runs.push(...inlineRuns(t.tokens, marks));
        else push(t.text ?? "", marks);
        break;
      default:
        // escape, inline html, checkbox…: keep the literal text.
        push(t.text ?? t.raw, marks);
    }
  }
  return mergeRuns(runs);
}

function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out.at(-1);
    if (r.kind === "text" && last?.kind === "text" && sameMarks(last.marks, r.marks)) last.text += r.text;
    else out.push(r.kind === "text" ? { ...r, marks: { ...r.marks } } : r);
  }
  return out;
}

function sameMarks(a: Marks, b: Marks): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.strike === b.strike && a.code === b.code && a.href === b.href;
}

/** The inline tokens of a list item's first text/paragraph and the block tokens after it. */
function splitListItem(item: Tokens.ListItem): { inline: Token[]; rest: Token[] } {
  const [first, ...rest] = item.tokens;
  if (first && (first.type === "text" || first.type === "paragraph")) {
    const f = first as Tokens.Text | Tokens.Paragraph;
    return { inline: f.tokens ?? [{ type: "text", raw: f.text, text: f.text }], rest };
  }
  return { inline: [], rest: item.tokens };
}

/* ------------------------------------------------------------------------------------------------
 * Jira: Atlassian Document Format
 * ---------------------------------------------------------------------------------------------- */

/** An ADF mark on a text node. */
export type AdfMark =
  | { type: "strong" }
  | { type: "em" }
  | { type: "strike" }
  | { type: "code" }
  | { type: "link"; attrs: { href: string } };

/** An ADF node: the subset this product writes (Jira renders all of it). */
export type AdfNode =
  | { type: "text"; text: string; marks?: AdfMark[] }
  | { type: "hardBreak" }
  | { type: "paragraph"; content: AdfNode[] }
  | { type: "heading"; attrs: { level: number }; content: AdfNode[] }
  | { type: "bulletList"; content: AdfNode[] }
  | { type: "orderedList"; attrs?: { order: number }; content: AdfNode[] }
  | { type: "listItem"; content: AdfNode[] }
  | { type: "codeBlock"; attrs?: { language: string }; content: AdfNode[] }
  | { type: "blockquote"; content: AdfNode[] }
  | { type: "rule" };

/** A Jira rich-text value (description, comment body). */
export interface AdfDoc {
  type: "doc";
  version: 1;
  content: AdfNode[];
}

function adfInline(tokens: Token[] | undefined): AdfNode[] {
  return inlineRuns(tokens).map((run): AdfNode => {
    if (run.kind === "break") return { type: "hardBreak" };
    const marks: AdfMark[] = [];
    // ADF forbids combining `code` with other formatting marks except link.
    if (run.marks.code) marks.push({ type: "code" });
    else {
      if (run.marks.bold) marks.push({ type: "strong" });
      if (run.marks.italic) marks.push({ type: "em" });
      if (run.marks.strike) marks.push({ type: "strike" });
    }
    if (run.marks.href) marks.push({ type: "link", attrs: { href: run.marks.href } });
    return marks.length > 0 ? { type: "text", text: run.text, marks } : { type: "text", text: run.text };
  });
}

function adfBlocks(tokens: Token[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const token of tokens) {
    const t = token as Token & { tokens?: Token[]; text?: string };
    switch (t.type) {
      case "paragraph":
      case "text":
        out.push({ type: "paragraph", content: adfInline(t.tokens ?? [{ type: "text", raw: t.text ?? "", text: t.text ?? "" }]) });
        break;
      case "heading":
        out.push({ type: "heading", attrs: { level: Math.min(6, (t as Tokens.Heading).depth) }, content: adfInline(t.tokens) });
        break;
      case "list": {
        const list = t as Tokens.List;
        const items = list.items.map((item): AdfNode => {
          const { inline, rest } = splitListItem(item);
          return { type: "listItem", content: [{ type: "paragraph", content: adfInline(inline) }, ...adfBlocks(rest)] };
        });
        if (list.ordered) {
          const start = typeof list.start === "number" ? list.start : 1;
          out.push(start === 1 ? { type: "orderedList", content: items } : { type: "orderedList", attrs: { order: start }, content: items });
        } else out.push({ type: "bulletList", content: items });
        break;
      }
      case "code": {
        const code = t as Tokens.Code;
        const content: AdfNode[] = code.text === "" ? [] : [{ type: "text", text: code.text }];
        out.push(code.lang ? { type: "codeBlock", attrs: { language: code.lang }, content } : { type: "codeBlock", content });
        break;
      }
      case "blockquote":
        out.push({ type: "blockquote", content: adfBlocks(t.tokens ?? []) });
        break;
      case "hr":
        out.push({ type: "rule" });
        break;
      case "table":
        out.push(...tableRows(t as Tokens.Table).map((row): AdfNode => ({ type: "paragraph", content: adfInline(row) })));
        break;
      case "space":
      case "def":
        break;
      default:
        if (t.raw.trim() !== "") out.push({ type: "paragraph", content: [{ type: "text", text: t.raw.trim() }] });
    }
  }
  return out;
}

/** Tables have no counterpart in the formats written here: each row becomes "a | b | c". */
function tableRows(table: Tokens.Table): Token[][] {
  const sep: Token = { type: "text", raw: " | ", text: " | " };
  const row = (cells: Tokens.TableCell[]) => cells.flatMap((c, i) => (i === 0 ? c.tokens : [sep, ...c.tokens]));
  return [row(table.header), ...table.rows.map(row)];
}

/** Markdown → Jira's Atlassian Document Format (for descriptions and comments). */
export function markdownToAdf(markdown: string): AdfDoc {
  return { type: "doc", version: 1, content: adfBlocks(lex(markdown)) };
}

/* ------------------------------------------------------------------------------------------------
 * Slack: mrkdwn
 * ---------------------------------------------------------------------------------------------- */

/** Slack treats these three as control characters in message text. */
function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function mrkdwnInline(tokens: Token[] | undefined): string {
  let out = "";
  for (const token of tokens ?? []) {
    const t = token as Token & { tokens?: Token[]; text?: string };
    switch (t.type) {
      case "strong":
        out += `*${mrkdwnInline(t.tokens)}*`;
        break;
      case "em":
        out += `_${mrkdwnInline(t.tokens)}_`;
        break;
      case "del":
        out += `~${mrkdwnInline(t.tokens)}~`;
        break;
      case "codespan":
        out += `\`${slackEscape(t.text ?? "")}\``;
        break;
      case "link": {
        const link = t as Tokens.Link;
        const label = mrkdwnInline(link.tokens);
        out += link.autolink || label === link.href ? `<${link.href}>` : `<${link.href}|${label}>`;
        break;
      }
      case "image": {
        const img = t as Tokens.Image;
        out += img.text ? `<${img.href}|${slackEscape(img.text)}>` : `<${img.href}>`;
        break;
      }
      case "br":
        out += "\n";
        break;
      case "text":
        out += t.tokens && t.tokens.length > 0 ? mrkdwnInline(t.tokens) : slackEscape(t.text ?? "");
        break;
      default:
        out += slackEscape(t.text ?? t.raw);
    }
  }
  return out;
}

function mrkdwnBlocks(tokens: Token[], indent = ""): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const t = token as Token & { tokens?: Token[]; text?: string };
    switch (t.type) {
      case "paragraph":
      case "text":
        out.push(indent + (t.tokens ? mrkdwnInline(t.tokens) : slackEscape(t.text ?? "")));
        break;
      case "heading":
        // Slack has no headings; a bold line reads as one.
        out.push(`${indent}*${mrkdwnInline(t.tokens)}*`);
        break;
      case "list": {
        const list = t as Tokens.List;
        const start = typeof list.start === "number" ? list.start : 1;
        const lines = list.items.flatMap((item, i) => {
          const { inline, rest } = splitListItem(item);
          const bullet = list.ordered ? `${start + i}. ` : "• ";
          return [`${indent}${bullet}${mrkdwnInline(inline)}`, ...mrkdwnBlocks(rest, `${indent}    `)];
        });
        out.push(lines.join("\n"));
        break;
      }
      case "code":
        out.push(`${indent}\`\`\`\n${slackEscape((t as Tokens.Code).text)}\n\`\`\``);
        break;
      case "blockquote":
        out.push(
          mrkdwnBlocks(t.tokens ?? [])
            .join("\n")
            .split("\n")
            .map((line) => `${indent}> ${line}`)
            .join("\n"),
        );
        break;
      case "hr":
        out.push(`${indent}———`);
        break;
      case "table":
        out.push(tableRows(t as Tokens.Table).map((row) => indent + mrkdwnInline(row)).join("\n"));
        break;
      case "space":
      case "def":
        break;
      default:
        if (t.raw.trim() !== "") out.push(indent + slackEscape(t.raw.trim()));
    }
  }
  return out;
}

/** Markdown → Slack mrkdwn: *bold*, _italic_, ~strike~, <url|text>, "• " bullets, paragraphs split by a blank line. */
export function markdownToMrkdwn(markdown: string): string {
  return mrkdwnBlocks(lex(markdown)).join("\n\n");
}

/* ------------------------------------------------------------------------------------------------
 * Notion: blocks
 * ---------------------------------------------------------------------------------------------- */

/** A Notion rich-text object of type "text"; `content` is at most {@link NOTION_RICH_TEXT_LIMIT} characters. */
export interface NotionRichText {
  type: "text";
  text: { content: string; link: { url: string } | null };
  annotations: { bold: boolean; italic: boolean; strikethrough: boolean; underline: boolean; code: boolean; color: "default" };
}

type RichBlock<T extends string> = { object: "block"; type: T } & {
  [K in T]: { rich_text: NotionRichText[]; children?: NotionBlock[] };
};

/** The Notion blocks this product writes. */
export type NotionBlock =
  | RichBlock<"paragraph">
  | RichBlock<"heading_1">
  | RichBlock<"heading_2">
  | RichBlock<"heading_3">
  | RichBlock<"bulleted_list_item">
  | RichBlock<"numbered_list_item">
  | RichBlock<"quote">
  | { object: "block"; type: "code"; code: { rich_text: NotionRichText[]; language: string } }
  | { object: "block"; type: "divider"; divider: Record<string, never> };

/** Splits `text` into pieces of at most `limit` UTF-16 units without cutting a surrogate pair. */
export function chunkText(text: string, limit = NOTION_RICH_TEXT_LIMIT): string[] {
  if (text === "") return [];
  const chunks: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + limit, text.length);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end -= 1;
    chunks.push(text.slice(i, end));
    i = end;
  }
  return chunks;
}

function richText(content: string, marks: Marks): NotionRichText {
  return {
    type: "text",
    text: { content, link: marks.href ? { url: marks.href } : null },
    annotations: { bold: marks.bold, italic: marks.italic, strikethrough: marks.strike, underline: false, code: marks.code, color: "default" },
  };
}

/** Plain text (no Markdown) as rich text, split to respect Notion's per-object limit. */
export function plainRichText(text: string): NotionRichText[] {
  return chunkText(text).map((c) => richText(c, NO_MARKS));
}

function notionRich(tokens: Token[] | undefined): NotionRichText[] {
  const out: NotionRichText[] = [];
  for (const run of inlineRuns(tokens)) {
    if (run.kind === "break") {
      const last = out.at(-1);
      if (last && !last.annotations.code && last.text.link === null && last.text.content.length < NOTION_RICH_TEXT_LIMIT) last.text.content += "\n";
      else out.push(richText("\n", NO_MARKS));
      continue;
    }
    for (const piece of chunkText(run.text)) out.push(richText(piece, run.marks));
  }
  return out;
}

function rich<T extends "paragraph" | "heading_1" | "heading_2" | "heading_3" | "bulleted_list_item" | "numbered_list_item" | "quote">(
  type: T,
  rich_text: NotionRichText[],
  children?: NotionBlock[],
): NotionBlock {
  const body = children && children.length > 0 ? { rich_text, children } : { rich_text };
  return { object: "block", type, [type]: body } as unknown as NotionBlock;
}

function notionBlocks(tokens: Token[]): NotionBlock[] {
  const out: NotionBlock[] = [];
  for (const token of tokens) {
    const t = token as Token & { tokens?: Token[]; text?: string };
    switch (t.type) {
      case "paragraph":
      case "text":
        out.push(rich("paragraph", t.tokens ? notionRich(t.tokens) : plainRichText(t.text ?? "")));
        break;
      case "heading": {
        // Notion has three heading levels; deeper Markdown headings become heading_3.
        const depth = Math.min(3, (t as Tokens.Heading).depth) as 1 | 2 | 3;
        out.push(rich(`heading_${depth}`, notionRich(t.tokens)));
        break;
      }
      case "list": {
        const list = t as Tokens.List;
        for (const item of list.items) {
          const { inline, rest } = splitListItem(item);
          out.push(rich(list.ordered ? "numbered_list_item" : "bulleted_list_item", notionRich(inline), notionBlocks(rest)));
        }
        break;
      }
      case "code": {
        const code = t as Tokens.Code;
        out.push({ object: "block", type: "code", code: { rich_text: plainRichText(code.text), language: code.lang || "plain text" } });
        break;
      }
      case "blockquote":
        out.push(rich("quote", notionRich((t.tokens ?? []).flatMap((b) => (b as Tokens.Paragraph).tokens ?? []))));
        break;
      case "hr":
        out.push({ object: "block", type: "divider", divider: {} });
        break;
      case "table":
        for (const row of tableRows(t as Tokens.Table)) out.push(rich("paragraph", notionRich(row)));
        break;
      case "space":
      case "def":
        break;
      default:
        if (t.raw.trim() !== "") out.push(rich("paragraph", plainRichText(t.raw.trim())));
    }
  }
  return out;
}

/** Markdown → Notion blocks; every rich-text object holds at most 2,000 characters. */
export function markdownToNotionBlocks(markdown: string): NotionBlock[] {
  return notionBlocks(lex(markdown));
}

/** The rich text of a block, whatever its type (empty for a divider). */
export function blockRichText(block: NotionBlock): NotionRichText[] {
  if (block.type === "divider") return [];
  return (block as unknown as Record<string, { rich_text: NotionRichText[] }>)[block.type]!.rich_text;
}

/** Top-level blocks split into request-sized batches (Notion appends at most 100 per call). */
export function batchBlocks(blocks: NotionBlock[], size = NOTION_BLOCKS_PER_REQUEST): NotionBlock[][] {
  const batches: NotionBlock[][] = [];
  for (let i = 0; i < blocks.length; i += size) batches.push(blocks.slice(i, i + size));
  return batches;
}
