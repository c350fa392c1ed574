/**
 * Markdown from an Atlassian Document Format document: the inverse of the catalogue's
 * markdownToAdf, so a description read from Jira can be shown, edited and written back (an undo
 * restores the old description) without losing its formatting. Nodes Markdown cannot express
 * (panels, mentions, media) keep their text.
 */

interface Node {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type?: string; attrs?: Record<string, unknown> }[];
  content?: Node[];
}

/** Characters that would otherwise start Markdown syntax inside running text. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]~<>])/g, "\\$1");
}

/** Line starts that Markdown would read as a heading, quote, list item or rule. */
function escapeLineStart(line: string): string {
  // Only punctuation can be backslash-escaped, so "1." becomes "1\." rather than "\1.".
  const ordered = /^(\s*\d+)([.)]\s)/;
  if (ordered.test(line)) return line.replace(ordered, "$1\\$2");
  return line.replace(/^(\s*)(#{1,6}\s|>|[-+*]\s|-{3,}\s*$|={3,}\s*$)/, (_m, space: string, token: string) => `${space}\\${token}`);
}

function markKey(node: Node): string {
  return JSON.stringify((node.marks ?? []).map((m) => [m.type, m.type === "link" ? m.attrs?.href : null]));
}

/** Joins neighbouring text nodes with identical marks, so "a" + "b" in bold is one `**ab**`. */
function mergeText(nodes: Node[]): Node[] {
  const out: Node[] = [];
  for (const node of nodes) {
    const last = out.at(-1);
    if (node.type === "text" && last?.type === "text" && markKey(last) === markKey(node)) out[out.length - 1] = { ...last, text: `${last.text ?? ""}${node.text ?? ""}` };
    else out.push(node);
  }
  return out;
}

function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function textRun(node: Node): string {
  const raw = node.text ?? "";
  const marks = new Set((node.marks ?? []).map((m) => m.type));
  const href = node.marks?.find((m) => m.type === "link")?.attrs?.href;
  if (marks.has("code")) {
    const code = codeSpan(raw);
    return typeof href === "string" ? `[${code}](${href})` : code;
  }
  // Emphasis markers must hug the text: keep surrounding spaces outside them.
  const [, lead = "", body = "", trail = ""] = /^(\s*)([\s\S]*?)(\s*)$/.exec(raw) ?? [];
  if (body === "") return escapeInline(raw);
  let out = escapeInline(body);
  if (marks.has("strike")) out = `~~${out}~~`;
  if (marks.has("em")) out = `_${out}_`;
  if (marks.has("strong")) out = `**${out}**`;
  if (typeof href === "string") out = `[${out}](${href})`;
  return `${lead}${out}${trail}`;
}

function inline(nodes: Node[] | undefined): string {
  return mergeText(nodes ?? [])
    .map((node) => {
      switch (node.type) {
        case "text":
          return textRun(node);
        case "hardBreak":
          return "\\\n";
        case "mention":
        case "emoji":
          return escapeInline(String(node.attrs?.text ?? node.attrs?.shortName ?? ""));
        case "inlineCard":
          return String(node.attrs?.url ?? "");
        default:
          return inline(node.content);
      }
    })
    .join("");
}

/** A paragraph's text with each line protected from being read as block syntax. */
function paragraph(nodes: Node[] | undefined): string {
  return inline(nodes)
    .split("\n")
    .map((line) => escapeLineStart(line))
    .join("\n");
}

function indent(text: string, by: string): string {
  return text
    .split("\n")
    .map((line, i) => (i === 0 || line === "" ? line : `${by}${line}`))
    .join("\n");
}

function list(node: Node, ordered: boolean): string {
  const start = ordered && typeof node.attrs?.order === "number" ? node.attrs.order : 1;
  return (node.content ?? [])
    .map((item, i) => {
      const bullet = ordered ? `${start + i}. ` : "- ";
      const body = blocks(item.content ?? []).join("\n\n");
      return `${bullet}${indent(body, " ".repeat(bullet.length))}`;
    })
    .join("\n");
}

function block(node: Node): string | null {
  switch (node.type) {
    case "paragraph":
      return paragraph(node.content);
    case "heading": {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 1)));
      return `${"#".repeat(level)} ${inline(node.content)}`;
    }
    case "bulletList":
      return list(node, false);
    case "orderedList":
      return list(node, true);
    case "codeBlock": {
      const text = (node.content ?? []).map((n) => n.text ?? "").join("");
      const fence = "`".repeat(Math.max(3, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length + 1)));
      const language = typeof node.attrs?.language === "string" ? node.attrs.language : "";
      return `${fence}${language}\n${text}\n${fence}`;
    }
    case "blockquote":
    case "panel":
      return blocks(node.content ?? [])
        .join("\n\n")
        .split("\n")
        .map((line) => (line === "" ? ">" : `> ${line}`))
        .join("\n");
    case "rule":
      return "---";
    case "table":
      return (node.content ?? []).map((row) => (row.content ?? []).map((cell) => blocks(cell.content ?? []).join(" ")).join(" | ")).join("\n\n");
    case "mediaSingle":
    case "mediaGroup":
      return null;
    default: {
      const text = node.content ? blocks(node.content).join("\n\n") : inline([node]);
      return text === "" ? null : text;
    }
  }
}

function blocks(nodes: Node[]): string[] {
  return nodes.map(block).filter((b): b is string => b !== null && b !== "");
}

/** Markdown for an ADF document (or a string, passed through); "" for nothing. */
export function adfToMarkdown(doc: unknown): string {
  if (doc == null) return "";
  if (typeof doc === "string") return doc;
  if (typeof doc !== "object") return "";
  const node = doc as Node;
  return blocks(node.type === "doc" ? (node.content ?? []) : [node]).join("\n\n");
}
