import { type ApiColor, type BlockObjectResponse, type RichTextItemResponse } from "@notionhq/client";
import { z } from "zod";
import { fromZod, validationError } from "./errors";
import { richTextFromRequest, richTextRequestSchema, type MentionResolver } from "./rich-text";

/** Block types whose content is rich text, plus divider: what the sandbox stores, seeds and accepts. */
export const TEXT_BLOCK_TYPES = [
  "paragraph",
  "heading_1",
  "heading_2",
  "heading_3",
  "bulleted_list_item",
  "numbered_list_item",
  "to_do",
  "toggle",
  "quote",
  "callout",
  "code",
] as const;
export type TextBlockType = (typeof TEXT_BLOCK_TYPES)[number];
export const WRITABLE_BLOCK_TYPES = [...TEXT_BLOCK_TYPES, "divider"] as const;

/**
 * A block before it has an id and a parent: what seeds write and what request bodies parse to.
 * Children nest as in Notion's requests.
 */
export type BlockSpec =
  | { type: Exclude<TextBlockType, "to_do" | "callout" | "code">; rich_text: RichTextItemResponse[]; color?: ApiColor; children?: BlockSpec[] }
  | { type: "to_do"; rich_text: RichTextItemResponse[]; checked: boolean; color?: ApiColor; children?: BlockSpec[] }
  | { type: "callout"; rich_text: RichTextItemResponse[]; emoji: string; color?: ApiColor; children?: BlockSpec[] }
  | { type: "code"; rich_text: RichTextItemResponse[]; language: string; caption?: RichTextItemResponse[] }
  | { type: "divider" };

type Parent = BlockObjectResponse["parent"];

export interface BlockMeta {
  id: string;
  parent: Parent;
  time: string;
  userId: string;
  hasChildren: boolean;
}

/** The stored (and returned) block for `spec`. */
export function materializeBlock(spec: BlockSpec, meta: BlockMeta): BlockObjectResponse {
  const common = {
    object: "block" as const,
    id: meta.id,
    parent: meta.parent,
    created_time: meta.time,
    created_by: { object: "user" as const, id: meta.userId },
    last_edited_time: meta.time,
    last_edited_by: { object: "user" as const, id: meta.userId },
    has_children: meta.hasChildren,
    in_trash: false,
    archived: false,
  };
  const color = ("color" in spec && spec.color) || "default";
  switch (spec.type) {
    case "paragraph":
      return { ...common, type: "paragraph", paragraph: { rich_text: spec.rich_text, color, icon: null } };
    case "heading_1":
      return { ...common, type: "heading_1", heading_1: { rich_text: spec.rich_text, color, is_toggleable: false } };
    case "heading_2":
      return { ...common, type: "heading_2", heading_2: { rich_text: spec.rich_text, color, is_toggleable: false } };
    case "heading_3":
      return { ...common, type: "heading_3", heading_3: { rich_text: spec.rich_text, color, is_toggleable: false } };
    case "bulleted_list_item":
      return { ...common, type: "bulleted_list_item", bulleted_list_item: { rich_text: spec.rich_text, color } };
    case "numbered_list_item":
      return { ...common, type: "numbered_list_item", numbered_list_item: { rich_text: spec.rich_text, color } };
    case "toggle":
      return { ...common, type: "toggle", toggle: { rich_text: spec.rich_text, color } };
    case "quote":
      return { ...common, type: "quote", quote: { rich_text: spec.rich_text, color } };
    case "to_do":
      return { ...common, type: "to_do", to_do: { rich_text: spec.rich_text, color, checked: spec.checked } };
    case "callout":
      return { ...common, type: "callout", callout: { rich_text: spec.rich_text, color, icon: { type: "emoji", emoji: spec.emoji } } };
    case "code":
      return { ...common, type: "code", code: { rich_text: spec.rich_text, caption: spec.caption ?? [], language: spec.language as never } };
    case "divider":
      return { ...common, type: "divider", divider: {} };
  }
}

/** A block's type-specific payload (`block[block.type]`), the object Notion keys by the block's type. */
export function blockPayload(block: BlockObjectResponse): Record<string, unknown> {
  return (block as unknown as Record<string, Record<string, unknown> | undefined>)[block.type] ?? {};
}

const colorSchema = z.string().optional();
const richTextArray = z.array(richTextRequestSchema).max(100);

/** Notion allows two levels of nesting in one request. */
const MAX_REQUEST_DEPTH = 2;

const payloadSchemas = {
  text: z.object({ rich_text: richTextArray, color: colorSchema, is_toggleable: z.boolean().optional(), children: z.array(z.unknown()).max(100).optional() }),
  to_do: z.object({ rich_text: richTextArray, color: colorSchema, checked: z.boolean().optional(), children: z.array(z.unknown()).max(100).optional() }),
  callout: z.object({
    rich_text: richTextArray,
    color: colorSchema,
    icon: z.object({ type: z.literal("emoji").optional(), emoji: z.string() }).optional(),
    children: z.array(z.unknown()).max(100).optional(),
  }),
  code: z.object({ rich_text: richTextArray, language: z.string(), caption: richTextArray.optional() }),
  divider: z.object({}),
};

/**
 * Parses one block of a request body (children of POST /v1/pages or PATCH .../children) into a
 * spec, validating as Notion does; `path` names it in error messages (e.g. "body.children[3]").
 */
export function parseBlockRequest(raw: unknown, path: string, resolve: MentionResolver, depth = 1): BlockSpec {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw validationError(`body failed validation: ${path} should be an object, instead was \`${JSON.stringify(raw)}\`.`);
  const record = raw as Record<string, unknown>;
  const declared = typeof record.type === "string" ? record.type : undefined;
  const type = declared ?? Object.keys(record).find((k) => k !== "object" && k !== "type");
  if (!type || !(WRITABLE_BLOCK_TYPES as readonly string[]).includes(type)) {
    throw validationError(
      `body failed validation: ${path}.${type ?? "type"} is not a supported block type here. Supported block types: ${WRITABLE_BLOCK_TYPES.join(", ")}.`,
    );
  }
  if (!(type in record)) throw validationError(`body failed validation: ${path}.${type} should be defined, instead was \`undefined\`.`);
  const payloadPath = `${path}.${type}`;
  const children = (list: unknown[] | undefined): BlockSpec[] | undefined => {
    if (!list?.length) return undefined;
    if (depth >= MAX_REQUEST_DEPTH + 1) throw validationError(`body failed validation: ${payloadPath}.children exceeds the maximum nesting depth of ${MAX_REQUEST_DEPTH}.`);
    return list.map((child, i) => parseBlockRequest(child, `${payloadPath}.children[${i}]`, resolve, depth + 1));
  };
  const parse = <S extends z.ZodType>(schema: S): z.infer<S> => {
    const result = schema.safeParse(record[type], { reportInput: true });
    if (!result.success) throw fromZod(result.error, payloadPath);
    return result.data;
  };
  const asColor = (c: string | undefined) => (c ?? "default") as ApiColor;
  switch (type) {
    case "divider":
      parse(payloadSchemas.divider);
      return { type: "divider" };
    case "code": {
      const p = parse(payloadSchemas.code);
      return { type: "code", rich_text: richTextFromRequest(p.rich_text, resolve), language: p.language, caption: richTextFromRequest(p.caption ?? [], resolve) };
    }
    case "to_do": {
      const p = parse(payloadSchemas.to_do);
      return { type: "to_do", rich_text: richTextFromRequest(p.rich_text, resolve), checked: !!p.checked, color: asColor(p.color), children: children(p.children) };
    }
    case "callout": {
      const p = parse(payloadSchemas.callout);
      return { type: "callout", rich_text: richTextFromRequest(p.rich_text, resolve), emoji: p.icon?.emoji ?? "💡", color: asColor(p.color), children: children(p.children) };
    }
    default: {
      const p = parse(payloadSchemas.text);
      return {
        type: type as Exclude<TextBlockType, "to_do" | "callout" | "code">,
        rich_text: richTextFromRequest(p.rich_text, resolve),
        color: asColor(p.color),
        children: children(p.children),
      };
    }
  }
}
