import { type BlockObjectResponse, type CommentObjectResponse, type PageObjectResponse, type RichTextItemResponse } from "@notionhq/client";
import { materializeBlock, type BlockSpec } from "./blocks";
import { notionUrl } from "./ids";
import { type PropertyConfig, type PropertyValue } from "./properties";
import { text } from "./rich-text";
import { type NotionState } from "./state";

/** Where a page lives; data source rows also name their database, as Notion's parent object does. */
export type PageParent = { type: "workspace"; workspace: true } | { type: "page_id"; page_id: string } | { type: "data_source_id"; data_source_id: string; database_id: string };

export interface Stamp {
  /** Minute-rounded ISO time. */
  time: string;
  userId: string;
}

/**
 * Writes pages, databases, blocks and comments into a NotionState the way the API would store
 * them, keeping the invariants NotionState promises (child_page/child_database blocks, has_children,
 * sibling order). Shared by the seed and the write routes, so seeded and written objects look alike.
 */
export class NotionWorkspace {
  constructor(
    readonly state: NotionState,
    private readonly newId: () => string,
  ) {}

  /** Appends a child_page/child_database placeholder to a parent page's blocks. */
  private addChildMarker(parentPageId: string, id: string, kind: "child_page" | "child_database", title: string, stamp: Stamp): void {
    const common = {
      object: "block" as const,
      id,
      parent: { type: "page_id" as const, page_id: parentPageId },
      created_time: stamp.time,
      created_by: { object: "user" as const, id: stamp.userId },
      last_edited_time: stamp.time,
      last_edited_by: { object: "user" as const, id: stamp.userId },
      has_children: false,
      in_trash: false,
      archived: false,
    };
    this.state.blocks.push(kind === "child_page" ? { ...common, type: "child_page", child_page: { title } } : { ...common, type: "child_database", child_database: { title } });
  }

  createPage(input: { parent: PageParent; properties: Record<string, PropertyValue>; icon?: string | null; stamp: Stamp; children?: BlockSpec[] }): PageObjectResponse {
    const id = this.newId();
    const titleProp = Object.values(input.properties).find((p) => p.type === "title");
    const title = titleProp && titleProp.type === "title" ? titleProp.title.map((t) => t.plain_text).join("") : "";
    const page: PageObjectResponse = {
      object: "page",
      id,
      created_time: input.stamp.time,
      last_edited_time: input.stamp.time,
      created_by: { object: "user", id: input.stamp.userId },
      last_edited_by: { object: "user", id: input.stamp.userId },
      cover: null,
      icon: input.icon ? { type: "emoji", emoji: input.icon } : null,
      parent: input.parent,
      in_trash: false,
      archived: false,
      is_archived: false,
      is_locked: false,
      properties: input.properties,
      url: notionUrl(title, id),
      public_url: null,
    };
    this.state.pages.push(page);
    if (input.parent.type === "page_id") this.addChildMarker(input.parent.page_id, id, "child_page", title, input.stamp);
    if (input.children?.length) this.appendBlocks({ type: "page_id", page_id: id }, input.children, input.stamp);
    return page;
  }

  /** A page under a page or the workspace, whose only property is its title. */
  createDocument(input: { parent: PageParent; title: string; icon?: string | null; stamp: Stamp; children?: BlockSpec[] }): PageObjectResponse {
    return this.createPage({ ...input, properties: { title: { id: "title", type: "title", title: [text(input.title)] } } });
  }

  /** A database under a page, with one data source holding `properties`. */
  createDatabase(input: { parentPageId: string; title: string; description: string; icon: string; properties: Record<string, PropertyConfig>; stamp: Stamp }) {
    const databaseId = this.newId();
    const dataSourceId = this.newId();
    const title: RichTextItemResponse[] = [text(input.title)];
    const description: RichTextItemResponse[] = input.description ? [text(input.description)] : [];
    const icon = { type: "emoji" as const, emoji: input.icon };
    const url = notionUrl("", databaseId);
    this.state.databases.push({
      object: "database",
      id: databaseId,
      title,
      description,
      parent: { type: "page_id", page_id: input.parentPageId },
      is_inline: false,
      in_trash: false,
      archived: false,
      is_locked: false,
      created_time: input.stamp.time,
      last_edited_time: input.stamp.time,
      data_sources: [{ id: dataSourceId, name: input.title }],
      icon,
      cover: null,
      url,
      public_url: null,
    });
    this.state.dataSources.push({
      object: "data_source",
      id: dataSourceId,
      title,
      description,
      parent: { type: "database_id", database_id: databaseId },
      database_parent: { type: "page_id", page_id: input.parentPageId },
      is_inline: false,
      in_trash: false,
      archived: false,
      created_time: input.stamp.time,
      last_edited_time: input.stamp.time,
      created_by: { object: "user", id: input.stamp.userId },
      last_edited_by: { object: "user", id: input.stamp.userId },
      properties: input.properties,
      icon,
      cover: null,
      url: notionUrl("", dataSourceId),
      public_url: null,
    });
    this.addChildMarker(input.parentPageId, databaseId, "child_database", input.title, input.stamp);
    return { databaseId, dataSourceId };
  }

  /**
   * Adds `specs` (with their nested children) under a page or block — at the end, at the start, or
   * after a sibling — and returns the new top-level blocks.
   */
  appendBlocks(
    parent: { type: "page_id"; page_id: string } | { type: "block_id"; block_id: string },
    specs: BlockSpec[],
    stamp: Stamp,
    position: { after: string } | "start" | "end" = "end",
  ): BlockObjectResponse[] {
    const created: BlockObjectResponse[] = [];
    const nested: { id: string; children: BlockSpec[] }[] = [];
    for (const spec of specs) {
      const id = this.newId();
      const children = "children" in spec && spec.children?.length ? spec.children : [];
      created.push(materializeBlock(spec, { id, parent, time: stamp.time, userId: stamp.userId, hasChildren: children.length > 0 }));
      if (children.length) nested.push({ id, children });
    }
    const blocks = this.state.blocks;
    const parentId = parent.type === "page_id" ? parent.page_id : parent.block_id;
    const at =
      position === "end"
        ? -1
        : position === "start"
          ? blocks.findIndex((b) => (b.parent.type === "page_id" ? b.parent.page_id : b.parent.type === "block_id" ? b.parent.block_id : null) === parentId)
          : (() => {
              const sibling = blocks.findIndex((b) => b.id === position.after);
              return sibling >= 0 ? sibling + 1 : -1;
            })();
    if (at >= 0) blocks.splice(at, 0, ...created);
    else blocks.push(...created);
    for (const n of nested) this.appendBlocks({ type: "block_id", block_id: n.id }, n.children, stamp);
    if (parent.type === "block_id") {
      const owner = blocks.find((b) => b.id === parent.block_id);
      if (owner && created.length) owner.has_children = true;
    }
    return created;
  }

  addComment(input: { parent: { type: "page_id"; page_id: string } | { type: "block_id"; block_id: string }; richText: RichTextItemResponse[]; stamp: Stamp; discussionId?: string }): CommentObjectResponse {
    const comment: CommentObjectResponse = {
      object: "comment",
      id: this.newId(),
      parent: input.parent,
      discussion_id: input.discussionId ?? this.newId(),
      created_time: input.stamp.time,
      last_edited_time: input.stamp.time,
      created_by: { object: "user", id: input.stamp.userId },
      rich_text: input.richText,
      display_name: { type: "user", resolved_name: this.state.users.find((u) => u.id === input.stamp.userId)?.name ?? null },
    };
    this.state.comments.push(comment);
    return comment;
  }
}
