import { type RichTextItemResponse } from "@notionhq/client";
import { marked, type Token, type Tokens } from "marked";
import { type BlockSpec } from "./blocks";
import { MAX_TEXT_LENGTH, text, type TextStyle } from "./rich-text";

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function inline(tokens: readonly Token[] | undefined, style: TextStyle = {}): RichTextItemResponse[] {
  const out: RichTextItemResponse[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case "strong":
        out.push(...inline((t as Tokens.Strong).tokens, { ...style, bold: true }));
        break;
      case "em":
        out.push(...inline((t as Tokens.Em).tokens, { ...style, italic: true }));
        break;
      case "link":
        out.push(...inline((t as Tokens.Link).tokens, { ...style, link: (t as Tokens.Link).href }));
        break;
      case "codespan":
        out.push(text(decodeEntities((t as Tokens.Codespan).text), { ...style, code: true }));
        break;
      case "br":
        out.push(text("\n", style));
        break;
      case "html":
        // Inline markup such as <mark style=...> carries no text of its own.
        break;
      case "text":
      case "escape": {
        const nested = (t as Tokens.Text).tokens;
        if (nested?.length) out.push(...inline(nested, style));
        else out.push(text(decodeEntities((t as Tokens.Text).text), style));
        break;
      }
      default:
        if ("text" in t && typeof t.text === "string") out.push(text(decodeEntities(t.text), style));
    }
  }
  return merge(out);
}

/** Joins neighbouring runs that look the same and splits runs over Notion's 2000-character cap. */
function merge(runs: RichTextItemResponse[]): RichTextItemResponse[] {
  const merged: RichTextItemResponse[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (last && last.type === "text" && run.type === "text" && last.href === run.href && JSON.stringify(last.annotations) === JSON.stringify(run.annotations)) {
      const content = last.plain_text + run.plain_text;
      merged[merged.length - 1] = text(content, { ...last.annotations, link: last.href ?? undefined });
    } else merged.push(run);
  }
  return merged.flatMap((run) => {
    if (run.type !== "text" || run.plain_text.length <= MAX_TEXT_LENGTH) return [run];
    const parts: RichTextItemResponse[] = [];
    for (let i = 0; i < run.plain_text.length; i += MAX_TEXT_LENGTH) parts.push(text(run.plain_text.slice(i, i + MAX_TEXT_LENGTH), { ...run.annotations, link: run.href ?? undefined }));
    return parts;
  });
}

function listItems(list: Tokens.List): BlockSpec[] {
  return list.items.map((item) => {
    const own: Token[] = [];
    const children: BlockSpec[] = [];
    for (const t of item.tokens) {
      if (t.type === "list") children.push(...listItems(t as Tokens.List));
      else if (t.type === "text" || t.type === "paragraph") own.push(...((t as Tokens.Text).tokens ?? [t]));
      else if (t.type !== "space") children.push(...blocks([t]));
    }
    const rich_text = inline(own);
    if (item.task) return { type: "to_do" as const, rich_text, checked: !!item.checked, children: children.length ? children : undefined };
    return { type: list.ordered ? ("numbered_list_item" as const) : ("bulleted_list_item" as const), rich_text, children: children.length ? children : undefined };
  });
}

function blocks(tokens: readonly Token[]): BlockSpec[] {
  const out: BlockSpec[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case "heading": {
        const h = t as Tokens.Heading;
        out.push({ type: h.depth === 1 ? "heading_1" : h.depth === 2 ? "heading_2" : "heading_3", rich_text: inline(h.tokens) });
        break;
      }
      case "paragraph": {
        const rich_text = inline((t as Tokens.Paragraph).tokens);
        if (rich_text.some((r) => r.plain_text.trim())) out.push({ type: "paragraph", rich_text });
        break;
      }
      case "list":
        out.push(...listItems(t as Tokens.List));
        break;
      case "blockquote":
        out.push({ type: "quote", rich_text: inline((t as Tokens.Blockquote).tokens.flatMap((p) => ("tokens" in p && p.tokens ? p.tokens : []))) });
        break;
      case "code":
        out.push({ type: "code", rich_text: [text((t as Tokens.Code).text)], language: (t as Tokens.Code).lang || "plain text" });
        break;
      case "hr":
        out.push({ type: "divider" });
        break;
      default:
        // HTML blocks, tables and blank space have no counterpart the sandbox stores.
        break;
    }
  }
  return out;
}

/**
 * Converts the markdown of an imported document into Notion blocks: headings, paragraphs,
 * nested lists, quotes, code and dividers, with bold, italic, code and links kept as annotations.
 * YAML front matter and GitBook template tags are dropped.
 */
export function markdownToBlocks(markdown: string): BlockSpec[] {
  const body = markdown
    .replace(/^---\n[\s\S]*?\n---\n/, "")
    .split("\n")
    .filter((line) => !/^\s*\{%.*%\}\s*$/.test(line))
    .join("\n");
  return blocks(marked.lexer(body));
}
