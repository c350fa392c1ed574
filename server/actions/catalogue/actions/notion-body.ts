import { blockRichText, markdownToNotionBlocks, NOTION_RICH_TEXT_ITEMS_LIMIT, NOTION_RICH_TEXT_LIMIT, type NotionBlock } from "../markdown";
import { type ValidationIssue } from "../types";

/**
 * Notion limits a Markdown body must respect once converted. Long paragraphs are split into
 * 2,000-character rich-text pieces automatically, and more than 100 blocks are sent in batches,
 * so what remains is one block needing more than 100 pieces (a single paragraph over 200,000
 * characters), in this block or any nested one.
 */
export function notionBodyIssues(markdown: string, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const visit = (blocks: NotionBlock[]) => {
    for (const block of blocks) {
      if (blockRichText(block).length > NOTION_RICH_TEXT_ITEMS_LIMIT) {
        const limit = (NOTION_RICH_TEXT_ITEMS_LIMIT * NOTION_RICH_TEXT_LIMIT).toLocaleString("en");
        issues.push({ path, message: `One paragraph is too long for Notion (a block holds at most ${limit} characters of text). Split it into several paragraphs.` });
        return;
      }
      const children = (block as unknown as Record<string, { children?: NotionBlock[] }>)[block.type]?.children;
      if (children) visit(children);
    }
  };
  visit(markdownToNotionBlocks(markdown));
  return issues;
}

/** Notion titles are a single rich-text value here, so they share the 2,000-character limit. */
export function notionTitleIssues(title: string, path: string): ValidationIssue[] {
  return title.length > NOTION_RICH_TEXT_LIMIT
    ? [{ path, message: `Notion titles hold at most ${NOTION_RICH_TEXT_LIMIT.toLocaleString("en")} characters (this one has ${title.length.toLocaleString("en")}). Shorten it.` }]
    : [];
}
