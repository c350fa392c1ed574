import { z } from "zod";
import { type ActionDefinition, type NotionParentState, type ValidationIssue } from "../types";
import { notionBodyIssues, notionTitleIssues } from "./notion-body";

export const notionCreatePageInput = z.object({
  /** The parent page's id, or the data source's id for a database row. */
  parentId: z.string().trim().min(1, { error: "Pick where the page goes." }),
  parentType: z.enum(["page", "data_source"], { error: "The parent is a page or a database." }),
  title: z.string().trim().min(1, { error: "Give the page a title." }),
  /** The page body in Markdown; converted to Notion blocks. */
  markdown: z.string(),
});

export type NotionCreatePageInput = z.infer<typeof notionCreatePageInput>;

/** What Notion returns for a created page. */
export interface NotionCreatePageResult {
  pageId: string;
  url: string;
}

export const notionCreatePage: ActionDefinition<NotionCreatePageInput, NotionParentState, NotionCreatePageResult> = {
  kind: "notion.createPage",
  tool: "NOTION",
  label: "Create Notion page",
  inputSchema: notionCreatePageInput,
  describe: (input) => `Create Notion page "${input.title}"`,
  validate(input, state) {
    const { parent } = state;
    if (!parent) return [{ path: "parentId", message: "The parent page or database was not found, or it is not shared with the Notion integration. Share it with the integration, or pick another parent." }];
    if (parent.archived) return [{ path: "parentId", message: `"${parent.title}" is in Notion's trash. Restore it, or pick another parent.` }];
    const issues: ValidationIssue[] = [...notionTitleIssues(input.title, "title"), ...notionBodyIssues(input.markdown, "markdown")];
    return issues;
  },
  preview: (input) => ({ type: "page", title: input.title, markdown: input.markdown }),
  inverse(input, _before, result) {
    return {
      compensating: { kind: "notion.updatePage", input: { pageId: result.pageId, archived: true } },
      note: `Moves "${input.title}" to Notion's trash, where it can still be restored for 30 days; the integration cannot delete pages outright.`,
    };
  },
};
