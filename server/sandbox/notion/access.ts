import { type BlockObjectResponse, type DatabaseObjectResponse, type DataSourceObjectResponse, type PageObjectResponse } from "@notionhq/client";
import { hasScope } from "../core/auth";
import { type IssuedToken } from "../core/oauth-state";
import { type SandboxStore } from "../core/store";
import { notFound, restricted, validationError } from "./errors";
import { newNotionId, normalizeId, notionTime } from "./ids";
import { pageTitle } from "./properties";
import { type MentionResolver } from "./rich-text";
import { type NotionCapability, type NotionState } from "./state";
import { NotionWorkspace, type Stamp } from "./workspace";

/**
 * One request's view of the workspace: lookups that answer 404 for missing, unshared or
 * malformed ids exactly as Notion does, capability checks, and the stamp for writes (the
 * integration's bot user at the logical clock's time).
 */
export class NotionAccess {
  constructor(
    readonly store: SandboxStore,
    readonly token: IssuedToken,
  ) {}

  get state(): NotionState {
    return this.store.state.notion;
  }

  require(capability: NotionCapability): void {
    if (!hasScope(this.token, capability)) throw restricted();
  }

  can(capability: NotionCapability): boolean {
    return hasScope(this.token, capability);
  }

  /** A workspace writer for this request: new ids from the deterministic counter. */
  writer(): NotionWorkspace {
    return new NotionWorkspace(this.state, () => newNotionId(this.store));
  }

  writeStamp(): Stamp {
    return { time: notionTime(this.store.tick()), userId: this.state.botUserId };
  }

  id(raw: string, kind: Parameters<typeof notFound>[0]): string {
    const id = normalizeId(raw);
    if (!id) throw validationError(`path failed validation: path.${kind === "data_source" ? "data_source_id" : `${kind}_id`} should be a valid uuid, instead was \`"${raw}"\`.`);
    return id;
  }

  /** Whether the integration can see `id`: neither it nor any page or block above it is unshared. */
  shared(id: string): boolean {
    const unshared = this.state.unsharedIds;
    let current: string | null = id;
    for (let hops = 0; current && hops < 64; hops++) {
      if (unshared.includes(current)) return false;
      current = this.parentOf(current);
    }
    return true;
  }

  private parentOf(id: string): string | null {
    const page = this.state.pages.find((p) => p.id === id);
    const parent = page?.parent ?? this.state.blocks.find((b) => b.id === id)?.parent ?? this.state.databases.find((d) => d.id === id)?.parent;
    if (!parent) {
      const ds = this.state.dataSources.find((d) => d.id === id);
      return ds && ds.parent.type === "database_id" ? ds.parent.database_id : null;
    }
    switch (parent.type) {
      case "page_id":
        return parent.page_id;
      case "block_id":
        return parent.block_id;
      case "data_source_id":
        return parent.database_id;
      case "database_id":
        return parent.database_id;
      default:
        return null;
    }
  }

  page(raw: string): PageObjectResponse {
    const id = this.id(raw, "page");
    const page = this.state.pages.find((p) => p.id === id);
    if (!page || !this.shared(id)) throw notFound("page", id);
    return page;
  }

  /** A block by id; a page id resolves to its child_page block, as GET /v1/blocks/{id} does for pages. */
  block(raw: string): BlockObjectResponse {
    const id = this.id(raw, "block");
    const block = this.state.blocks.find((b) => b.id === id) ?? this.pageAsBlock(id);
    if (!block || !this.shared(id)) throw notFound("block", id);
    return block;
  }

  private pageAsBlock(id: string): BlockObjectResponse | undefined {
    const page = this.state.pages.find((p) => p.id === id);
    if (!page) return undefined;
    return {
      object: "block",
      id,
      parent: page.parent,
      created_time: page.created_time,
      created_by: page.created_by,
      last_edited_time: page.last_edited_time,
      last_edited_by: page.last_edited_by,
      has_children: this.state.blocks.some((b) => b.parent.type === "page_id" && b.parent.page_id === id && !b.in_trash),
      in_trash: page.in_trash,
      archived: page.in_trash,
      type: "child_page",
      child_page: { title: pageTitle(page) },
    };
  }

  database(raw: string): DatabaseObjectResponse {
    const id = this.id(raw, "database");
    const db = this.state.databases.find((d) => d.id === id);
    if (!db || !this.shared(id)) throw notFound("database", id);
    return db;
  }

  dataSource(raw: string): DataSourceObjectResponse {
    const id = this.id(raw, "data_source");
    const ds = this.state.dataSources.find((d) => d.id === id);
    if (!ds || !this.shared(id)) throw notFound("data_source", id);
    return ds;
  }

  /** Page or block ids that can hold children (a page id, or a block id). */
  container(raw: string): { type: "page_id"; page_id: string } | { type: "block_id"; block_id: string } {
    const id = this.id(raw, "block");
    if (this.state.pages.some((p) => p.id === id) && this.shared(id)) return { type: "page_id", page_id: id };
    this.block(id);
    return { type: "block_id", block_id: id };
  }

  resolver(): MentionResolver {
    return {
      userName: (id) => this.state.users.find((u) => u.id === id)?.name ?? null,
      page: (raw) => {
        const id = normalizeId(raw);
        const page = id ? this.state.pages.find((p) => p.id === id) : undefined;
        return page ? { title: pageTitle(page), url: page.url } : null;
      },
    };
  }
}
