import { type UserObjectResponse } from "@notionhq/client";
import { type Hono } from "hono";
import { z } from "zod";
import { personById } from "../core/company";
import { type NotionAccess } from "./access";
import { fromZod, notFound, validationError } from "./errors";
import { readBody, type NotionEnv } from "./http";
import { normalizeId } from "./ids";
import { markdownToBlocks } from "./markdown";
import { pageSize, paginate } from "./pagination";
import { richTextFromRequest, richTextRequestSchema } from "./rich-text";

function renderUser(access: NotionAccess, user: UserObjectResponse): UserObjectResponse {
  if (user.type !== "person" || access.can("read_user_email")) return user;
  return { ...user, person: {} };
}

/** The integration's bot user as /v1/users/me shows it: owned by the workspace (API token) or by the installing user (OAuth). */
function botSelf(access: NotionAccess): UserObjectResponse {
  const state = access.state;
  const bot = state.users.find((u) => u.id === state.botUserId)!;
  const person = access.token.kind === "access" ? personById(access.store.state.company, access.token.personId) : null;
  return {
    object: "user",
    id: bot.id,
    name: bot.name,
    avatar_url: bot.avatar_url,
    type: "bot",
    bot: {
      owner: person
        ? { type: "user", user: { object: "user", id: person.notionUserId, name: person.name, avatar_url: null, type: "person", person: { email: person.email } } }
        : { type: "workspace", workspace: true },
      workspace_id: state.workspace.id,
      workspace_name: state.workspace.name,
      workspace_limits: { max_file_upload_size_in_bytes: 5_242_880 },
    },
  };
}

const createCommentSchema = z.union([
  z.object({
    parent: z.union([z.object({ type: z.literal("page_id").optional(), page_id: z.string() }), z.object({ type: z.literal("block_id").optional(), block_id: z.string() })]),
    rich_text: z.array(richTextRequestSchema).max(100).optional(),
    markdown: z.string().optional(),
  }),
  z.object({ discussion_id: z.string(), rich_text: z.array(richTextRequestSchema).max(100).optional(), markdown: z.string().optional() }),
]);

/** GET /v1/users, /v1/users/me, /v1/users/{id}; GET and POST /v1/comments. */
export function registerPeopleRoutes(app: Hono<NotionEnv>): void {
  app.get("/v1/users/me", (c) => c.json(botSelf(c.get("access"))));

  app.get("/v1/users", (c) => {
    const access = c.get("access");
    access.require("read_user");
    const size = pageSize(c.req.query("page_size"), "query");
    const page = paginate(access.state.users, (u) => u.id, c.req.query("start_cursor"), size);
    return c.json({ object: "list", results: page.results.map((u) => renderUser(access, u)), next_cursor: page.next_cursor, has_more: page.has_more, type: "user", user: {} });
  });

  app.get("/v1/users/:user_id", (c) => {
    const access = c.get("access");
    access.require("read_user");
    const raw = c.req.param("user_id");
    const id = access.id(raw, "user");
    const user = access.state.users.find((u) => u.id === id);
    if (!user) throw notFound("user", id);
    return c.json(renderUser(access, user));
  });

  app.get("/v1/comments", (c) => {
    const access = c.get("access");
    access.require("read_comments");
    const raw = c.req.query("block_id");
    if (!raw) throw validationError("query failed validation: query.block_id should be defined, instead was `undefined`.");
    const target = access.container(raw);
    const id = target.type === "page_id" ? target.page_id : target.block_id;
    const comments = access.state.comments.filter((cm) => (cm.parent.type === "page_id" ? cm.parent.page_id : cm.parent.block_id) === id);
    const page = paginate(comments, (cm) => cm.id, c.req.query("start_cursor"), pageSize(c.req.query("page_size"), "query"));
    return c.json({ object: "list", results: page.results, next_cursor: page.next_cursor, has_more: page.has_more, type: "comment", comment: {} });
  });

  app.post("/v1/comments", async (c) => {
    const access = c.get("access");
    access.require("insert_comments");
    const parsed = createCommentSchema.safeParse(await readBody(c), { reportInput: true });
    if (!parsed.success) throw fromZod(parsed.error);
    const body = parsed.data;
    const richText = body.rich_text
      ? richTextFromRequest(body.rich_text, access.resolver())
      : markdownToBlocks(body.markdown ?? "").flatMap((b) => ("rich_text" in b ? b.rich_text : []));
    if (!richText.length) throw validationError("body failed validation: body.rich_text should be defined, instead was `undefined`.");
    let parent: { type: "page_id"; page_id: string } | { type: "block_id"; block_id: string };
    let discussionId: string | undefined;
    if ("discussion_id" in body) {
      const id = normalizeId(body.discussion_id);
      const thread = id ? access.state.comments.find((cm) => cm.discussion_id === id) : undefined;
      if (!thread) throw notFound("comment", body.discussion_id);
      parent = thread.parent;
      discussionId = thread.discussion_id;
    } else {
      parent = access.container("page_id" in body.parent ? body.parent.page_id : body.parent.block_id);
    }
    const comment = access.writer().addComment({ parent, richText, stamp: access.writeStamp(), discussionId });
    comment.display_name = { type: "integration", resolved_name: access.state.users.find((u) => u.id === access.state.botUserId)?.name ?? null };
    return c.json(comment);
  });
}
