import { z } from "zod";
import { ellipsis } from "../shared";
import { type ActionDefinition, type NotionPageState } from "../types";
import { notionBodyIssues } from "./notion-body";

export const notionAppendBlocksInput = z.object({
  pageId: z.string().trim().min(1, { error: "Pick the page to add to." }),
  /** What to add, in Markdown; converted to Notion blocks and appended in batches of 100. */
  markdown: z.string().trim().min(1, { error: "Write what to add; it cannot be empty." }),
  /** Insert after this block instead of at the end of the page. */
  afterBlockId: z.string().trim().min(1).optional(),
});

export type NotionAppendBlocksInput = z.infer<typeof notionAppendBlocksInput>;

/** The ids of the top-level blocks Notion created, in order. */
export interface NotionAppendBlocksResult {
  blockIds: string[];
}

export const notionAppendBlocks: ActionDefinition<NotionAppendBlocksInput, NotionPageState, NotionAppendBlocksResult> = {
  kind: "notion.appendBlocks",
  tool: "NOTION",
  label: "Add to Notion page",
  inputSchema: notionAppendBlocksInput,
  describe: (input) => `Add to Notion page ${input.pageId}: ${ellipsis(input.markdown)}`,
  validate(input, state) {
    const { page } = state;
    if (!page) return [{ path: "pageId", message: "The page was not found, or it is not shared with the Notion integration. Share it with the integration, or pick another page." }];
    if (page.archived) return [{ path: "pageId", message: `"${page.title}" is in Notion's trash. Restore it first.` }];
    return notionBodyIssues(input.markdown, "markdown");
  },
  preview: (input, state) => ({ type: "page", title: state.page?.title ?? input.pageId, markdown: input.markdown }),
  inverse(_input, _before, result) {
    // Block deletion is not in the catalogue; the ids let a person find exactly what was added.
    return {
      irreversible: true,
      reason: `The added blocks stay on the page; delete them in Notion by hand if needed (${result.blockIds.length} block${result.blockIds.length === 1 ? "" : "s"}: ${result.blockIds.join(", ")}).`,
    };
  },
};
