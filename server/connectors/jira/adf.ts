/**
 * Plain text from an Atlassian Document Format node (Jira v3 descriptions and comments), keeping
 * paragraph and list structure as line breaks. Strings pass through (v2 bodies).
 */
export function adfToText(node: unknown): string {
  if (node == null) return "";
  if (typeof node === "string") return node;
  if (typeof node !== "object") return "";
  const n = node as { type?: string; text?: string; content?: unknown[]; attrs?: Record<string, unknown> };
  if (n.type === "text") return n.text ?? "";
  if (n.type === "hardBreak") return "\n";
  if (n.type === "mention") return String(n.attrs?.text ?? "");
  if (n.type === "inlineCard") return String(n.attrs?.url ?? "");
  const inner = (n.content ?? []).map(adfToText);
  switch (n.type) {
    case "doc":
      return inner.join("").replace(/\n{3,}/g, "\n\n").trim();
    case "paragraph":
    case "heading":
    case "blockquote":
    case "codeBlock":
    case "panel":
      return `${inner.join("")}\n`;
    case "bulletList":
    case "orderedList":
      return inner.join("");
    case "listItem":
      return `- ${inner.join("").trim()}\n`;
    default:
      return inner.join("");
  }
}
