import {
  type BlockObjectResponse,
  type CommentObjectResponse,
  type DatabaseObjectResponse,
  type DataSourceObjectResponse,
  type PageObjectResponse,
  type UserObjectResponse,
} from "@notionhq/client";

/**
 * What a Notion token may do, named after the integration capabilities in Notion's settings.
 * API tokens carry "*" (everything); OAuth tokens carry the full list, and tests mint narrower ones.
 */
export const NOTION_CAPABILITIES = ["read_content", "update_content", "insert_content", "read_comments", "insert_comments", "read_user", "read_user_email"] as const;
export type NotionCapability = (typeof NOTION_CAPABILITIES)[number];

/**
 * The sandbox Notion workspace, stored as the wire objects Notion-Version 2025-09-03 returns (typed
 * by the official client) so reads are copies and the client's types check the shapes.
 *
 * Contracts:
 * - `blocks` holds every content block of every page; siblings keep the array's relative order, so
 *   appending "after" a block is a splice. A page under a page also has a `child_page` block with the
 *   page's id among its parent's blocks, and a database has a `child_database` block.
 * - Ids are dashed lowercase UUIDs. Times are ISO strings rounded to the minute, as Notion reports.
 * - Nothing here is on the wire that Notion would not send: sandbox bookkeeping lives in the
 *   extra lists below.
 */
export interface NotionState {
  workspace: { id: string; name: string; icon: string | null };
  /** The integration's bot user (its id answers GET /v1/users/me). */
  botUserId: string;
  users: UserObjectResponse[];
  pages: PageObjectResponse[];
  databases: DatabaseObjectResponse[];
  dataSources: DataSourceObjectResponse[];
  blocks: BlockObjectResponse[];
  comments: CommentObjectResponse[];
  /** Pages never shared with the integration: they answer 404 object_not_found, as unshared pages do. */
  unsharedIds: string[];
  /** Pages, blocks and comments carrying instructions aimed at an AI agent (for tests; never on the wire). */
  hostileIds: string[];
  /** Seeded spec/PRD pages, one per Jira epic where Jira has one, in seed order. */
  specPageIds: string[];
  /** Ids of the seeded databases' data sources, by role. */
  dataSourceIds: { roadmap: string; specs: string };
}
