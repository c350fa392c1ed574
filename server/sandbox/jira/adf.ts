import { z } from "zod";
import { type AdfDoc, type AdfNode } from "./state";

/**
 * Atlassian Document Format helpers: the v3 API speaks ADF for descriptions and comment bodies;
 * the v2 API (which jira.js uses when given a string) speaks wiki markup. The sandbox stores ADF and
 * converts at the edges.
 */

const adfNodeSchema: z.ZodType<AdfNode> = z.lazy(() =>
  z
    .object({
      type: z.string().min(1),
      text: z.string().optional(),
      attrs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
      marks: z.array(z.object({ type: z.string(), attrs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional() })).optional(),
      content: z.array(adfNodeSchema).optional(),
    })
    .loose(),
);

/** What Jira accepts as a document: `{ type: "doc", version: 1, content: [...] }`. */
export const adfDocSchema = z.object({ type: z.literal("doc"), version: z.literal(1), content: z.array(adfNodeSchema) }).loose();

export function parseAdf(value: unknown): AdfDoc | null {
  const parsed = adfDocSchema.safeParse(value);
  return parsed.success ? (parsed.data as AdfDoc) : null;
}

const text = (t: string, marks?: AdfNode["marks"]): AdfNode => (marks ? { type: "text", text: t, marks } : { type: "text", text: t });

export function paragraph(t: string): AdfNode {
  return t ? { type: "paragraph", content: inline(t) } : { type: "paragraph" };
}

/** A document of plain paragraphs, one per non-empty line. */
export function adfFromText(value: string): AdfDoc {
  const lines = value.split(/\n+/).map((l) => l.trim()).filter(Boolean);
  return { type: "doc", version: 1, content: lines.length ? lines.map((l) => ({ type: "paragraph", content: [text(l)] })) : [] };
}

/** Inline wiki markup: {{monospace}}, *bold*, _italic_, [label|url] and bare URLs. */
function inline(t: string): AdfNode[] {
  const out: AdfNode[] = [];
  const re = /\{\{(.+?)\}\}|\*([^*\s][^*]*?)\*|(?<![\w])_([^_\s][^_]*?)_(?![\w])|\[([^|\]]+)\|(https?:\/\/[^\]\s]+)\]|(https?:\/\/[^\s\]]+)/g;
  let last = 0;
  for (const m of t.matchAll(re)) {
    if (m.index > last) out.push(text(t.slice(last, m.index)));
    if (m[1] !== undefined) out.push(text(m[1], [{ type: "code" }]));
    else if (m[2] !== undefined) out.push(text(m[2], [{ type: "strong" }]));
    else if (m[3] !== undefined) out.push(text(m[3], [{ type: "em" }]));
    else if (m[4] !== undefined && m[5] !== undefined) out.push(text(m[4], [{ type: "link", attrs: { href: m[5] } }]));
    else if (m[6] !== undefined) out.push(text(m[6], [{ type: "link", attrs: { href: m[6] } }]));
    last = m.index + m[0].length;
  }
  if (last < t.length) out.push(text(t.slice(last)));
  return out.filter((n) => n.text !== "");
}

/**
 * Jira wiki markup to ADF: headings (h1.–h6.), {code}/{noformat} blocks, bullet (*) and numbered
 * (#) lists, {quote} and paragraphs, with the inline marks above. Enough for real issue text; not
 * a full renderer.
 */
export function wikiToAdf(wiki: string): AdfDoc {
  const lines = wiki.replace(/\r\n?/g, "\n").split("\n");
  const content: AdfNode[] = [];
  let list: AdfNode | null = null;
  let para: string[] = [];
  const flushPara = () => {
    if (para.length) content.push(paragraph(para.join(" ").trim()));
    para = [];
  };
  const flushList = () => {
    if (list) content.push(list);
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const block = line.match(/^\s*\{(code|noformat)(?::([^}]*))?\}(.*)$/);
    if (block) {
      flushPara();
      flushList();
      const body: string[] = [];
      let rest = block[3] ?? "";
      const close = new RegExp(`\\{${block[1]}\\}`);
      for (;;) {
        const end = rest.search(close);
        if (end >= 0) {
          body.push(rest.slice(0, end));
          break;
        }
        body.push(rest);
        i++;
        if (i >= lines.length) break;
        rest = lines[i] ?? "";
      }
      const language = block[1] === "code" ? (block[2]?.split("|")[0]?.trim() ?? "") : "";
      const code = body.join("\n").replace(/^\n+|\n+$/g, "");
      content.push({ type: "codeBlock", ...(language ? { attrs: { language } } : {}), content: code ? [text(code)] : [] });
      continue;
    }
    const heading = line.match(/^\s*h([1-6])\.\s+(.*)$/);
    if (heading) {
      flushPara();
      flushList();
      content.push({ type: "heading", attrs: { level: Number(heading[1]) }, content: inline(heading[2] ?? "") });
      continue;
    }
    const item = line.match(/^\s*([*#-])\s+(.*)$/);
    if (item && !(item[1] === "*" && /^\*[^*\s][^*]*\*/.test(line.trim()))) {
      flushPara();
      const type = item[1] === "#" ? "orderedList" : "bulletList";
      const current = list as AdfNode | null;
      if (!current || current.type !== type) {
        flushList();
        list = { type, ...(type === "orderedList" ? { attrs: { order: 1 } } : {}), content: [] };
      }
      (list as unknown as AdfNode).content!.push({ type: "listItem", content: [paragraph(item[2] ?? "")] });
      continue;
    }
    if (!line.trim()) {
      flushPara();
      flushList();
      continue;
    }
    flushList();
    para.push(line.trim());
    flushPara();
  }
  flushPara();
  flushList();
  return { type: "doc", version: 1, content };
}

/** The document's text, one line per block, for search and summaries. */
export function adfToText(doc: AdfDoc | AdfNode | null | undefined): string {
  if (!doc) return "";
  const blocks: string[] = [];
  const walk = (n: AdfNode | AdfDoc, into: string[]) => {
    if (n.type === "text") into.push(n.text ?? "");
    else if (n.type === "hardBreak") into.push("\n");
    else if (n.type === "mention") into.push(String(n.attrs?.text ?? ""));
    for (const child of n.content ?? []) walk(child, into);
  };
  for (const block of "content" in doc && doc.type === "doc" ? (doc.content ?? []) : [doc]) {
    const parts: string[] = [];
    walk(block, parts);
    blocks.push(parts.join(""));
  }
  return blocks.join("\n").trim();
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The HTML Jira returns in `renderedFields` / `renderedBody`. */
export function adfToHtml(doc: AdfDoc | null | undefined): string {
  if (!doc) return "";
  const render = (n: AdfNode): string => {
    const inner = (n.content ?? []).map(render).join("");
    switch (n.type) {
      case "text": {
        let t = escapeHtml(n.text ?? "");
        for (const mark of n.marks ?? []) {
          if (mark.type === "strong") t = `<b>${t}</b>`;
          else if (mark.type === "em") t = `<em>${t}</em>`;
          else if (mark.type === "code") t = `<tt>${t}</tt>`;
          else if (mark.type === "link") t = `<a href="${escapeHtml(String(mark.attrs?.href ?? ""))}" class="external-link" rel="nofollow noreferrer">${t}</a>`;
        }
        return t;
      }
      case "paragraph":
        return `<p>${inner}</p>`;
      case "heading":
        return `<h${Number(n.attrs?.level ?? 3)}>${inner}</h${Number(n.attrs?.level ?? 3)}>`;
      case "bulletList":
        return `<ul>${inner}</ul>`;
      case "orderedList":
        return `<ol>${inner}</ol>`;
      case "listItem":
        return `<li>${inner.replace(/^<p>|<\/p>$/g, "")}</li>`;
      case "codeBlock":
        return `<div class="code panel"><div class="codeContent panelContent"><pre class="code-java">${inner}</pre></div></div>`;
      case "blockquote":
        return `<blockquote>${inner}</blockquote>`;
      case "hardBreak":
        return "<br/>";
      case "mention":
        return `<a class="user-hover">${escapeHtml(String(n.attrs?.text ?? ""))}</a>`;
      default:
        return inner;
    }
  };
  return doc.content.map(render).join("\n");
}
