/**
 * Slack's mrkdwn, turned into Markdown so the preview can show a message roughly as Slack will:
 * bold, italics, strikethrough, links, mentions, quotes, lists and line breaks. It is a reading
 * aid, not a Slack renderer: ids without a name stay ids, and Block Kit blocks are not drawn.
 */

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (m) => ENTITIES[m] ?? m);
}

/** Slack's angle-bracket references: links, channels, users, groups and special mentions. */
function reference(body: string): string {
  const [target = "", label] = body.split("|", 2);
  if (target.startsWith("#")) return `#${label ?? target.slice(1)}`;
  if (target.startsWith("@")) return `@${label ?? target.slice(1)}`;
  if (target.startsWith("!subteam^")) return label ?? "@group";
  if (target.startsWith("!")) return `@${label ?? target.slice(1).split("^")[0]}`;
  const url = decode(target);
  if (!/^(https?:|mailto:)/i.test(url)) return decode(label ?? target);
  return label ? `[${decode(label).replace(/[[\]]/g, "\\$&")}](${url.replace(/[()\s]/g, encodeURIComponent)})` : `<${url}>`;
}

/** One run of text outside code: references, emphasis, entities. */
function inline(text: string): string {
  return decode(
    text
      .replace(/<([^<>\n]+)>/g, (_m, body: string) => reference(body))
      .replace(/(^|[\s(["'])\*([^*\n]+?)\*(?=$|[\s)\]"'.,;:!?])/g, "$1**$2**")
      .replace(/(^|[\s(["'])_([^_\n]+?)_(?=$|[\s)\]"'.,;:!?])/g, "$1*$2*")
      .replace(/(^|[\s(["'])~([^~\n]+?)~(?=$|[\s)\]"'.,;:!?])/g, "$1~~$2~~"),
  );
}

/** Lines as Slack shows them: bullets become list items, and single line breaks are kept. */
function lines(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/^(\s*)[•◦▪]\s+/, "$1- "))
    .map((line, i, all) => {
      const next = all[i + 1];
      // Markdown joins consecutive lines; Slack does not. A trailing backslash keeps the break.
      const breaks = next !== undefined && line.trim() !== "" && next.trim() !== "" && !/^\s*([-*+]|\d+\.)\s/.test(next);
      return breaks ? `${line}\\` : line;
    })
    .join("\n");
}

/** Slack mrkdwn → Markdown, leaving code spans and code blocks exactly as written. */
export function mrkdwnToMarkdown(mrkdwn: string): string {
  const parts = mrkdwn.split(/(```[\s\S]*?```|`[^`\n]+`)/g);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return part.startsWith("```") ? `\n${decode(part).replace(/^```(?!\n)/, "```\n").replace(/(?<!\n)```$/, "\n```")}\n` : decode(part);
      return lines(inline(part));
    })
    .join("");
}
