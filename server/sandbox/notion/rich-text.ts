import { type ApiColor, type RichTextItemResponse } from "@notionhq/client";
import { z } from "zod";
import { validationError } from "./errors";

type Annotations = RichTextItemResponse["annotations"];

const PLAIN: Annotations = { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: "default" };

export interface TextStyle {
  link?: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  color?: ApiColor;
}

/** One rich-text run of plain text, as Notion returns it. */
export function text(content: string, style: TextStyle = {}): RichTextItemResponse {
  return {
    type: "text",
    text: { content, link: style.link ? { url: style.link } : null },
    annotations: { ...PLAIN, bold: !!style.bold, italic: !!style.italic, code: !!style.code, color: style.color ?? "default" },
    plain_text: content,
    href: style.link ?? null,
  };
}

/** A user mention run; Notion renders it as "@Name". */
export function userMention(user: { id: string; name: string | null }): RichTextItemResponse {
  return {
    type: "mention",
    mention: { type: "user", user: { object: "user", id: user.id } },
    annotations: { ...PLAIN },
    plain_text: `@${user.name ?? "Unknown user"}`,
    href: null,
  };
}

/** A page mention run; Notion renders it as the page's title and links to it. */
export function pageMention(page: { id: string; title: string; url: string }): RichTextItemResponse {
  return {
    type: "mention",
    mention: { type: "page", page: { id: page.id } },
    annotations: { ...PLAIN },
    plain_text: page.title,
    href: page.url,
  };
}

export function plainText(items: readonly RichTextItemResponse[]): string {
  return items.map((i) => i.plain_text).join("");
}

const annotationsRequest = z
  .object({
    bold: z.boolean().optional(),
    italic: z.boolean().optional(),
    strikethrough: z.boolean().optional(),
    underline: z.boolean().optional(),
    code: z.boolean().optional(),
    color: z.string().optional(),
  })
  .optional();

/** Notion caps one text run at 2000 characters. */
export const MAX_TEXT_LENGTH = 2000;

/** A rich-text item in a request body (text, mention or equation), as the official client sends it. */
export const richTextRequestSchema = z.union([
  z.object({
    type: z.literal("text").optional(),
    text: z.object({ content: z.string().max(MAX_TEXT_LENGTH), link: z.object({ url: z.string().min(1) }).nullable().optional() }),
    annotations: annotationsRequest,
  }),
  z.object({
    type: z.literal("mention").optional(),
    mention: z.union([
      z.object({ type: z.literal("user").optional(), user: z.object({ id: z.string() }) }),
      z.object({ type: z.literal("page").optional(), page: z.object({ id: z.string() }) }),
      z.object({ type: z.literal("date").optional(), date: z.object({ start: z.string(), end: z.string().nullable().optional() }) }),
    ]),
    annotations: annotationsRequest,
  }),
  z.object({ type: z.literal("equation").optional(), equation: z.object({ expression: z.string() }), annotations: annotationsRequest }),
]);
export type RichTextRequest = z.infer<typeof richTextRequestSchema>;

/** Looks up names for mentions; unknown ids come back as null and are rendered as Notion does. */
export interface MentionResolver {
  userName(id: string): string | null;
  page(id: string): { title: string; url: string } | null;
}

const COLORS = new Set<string>([
  "default",
  "gray",
  "brown",
  "orange",
  "yellow",
  "green",
  "blue",
  "purple",
  "pink",
  "red",
  "default_background",
  "gray_background",
  "brown_background",
  "orange_background",
  "yellow_background",
  "green_background",
  "blue_background",
  "purple_background",
  "pink_background",
  "red_background",
]);

/**
 * Notion accepts a text link only when it is an absolute URL; anything else (a relative path, a
 * bare word, unencoded spaces or non-ASCII characters) fails the whole write with this message.
 */
export const INVALID_LINK_MESSAGE = "Content creation Failed. Fix the following: \nInvalid URL for link.";

function validLink(url: string): boolean {
  return /^[\x21-\x7e]+$/.test(url) && URL.canParse(url);
}

/**
 * Turns request rich text into what Notion stores and returns (plain_text, href, full annotations).
 * Throws Notion's validation error for a link that is not an absolute URL.
 */
export function richTextFromRequest(items: readonly RichTextRequest[], resolve: MentionResolver): RichTextItemResponse[] {
  return items.map((item) => {
    const a = item.annotations ?? {};
    const annotations: Annotations = {
      bold: !!a.bold,
      italic: !!a.italic,
      strikethrough: !!a.strikethrough,
      underline: !!a.underline,
      code: !!a.code,
      color: a.color && COLORS.has(a.color) ? (a.color as ApiColor) : "default",
    };
    if ("text" in item) {
      const url = item.text.link?.url ?? null;
      if (url !== null && !validLink(url)) throw validationError(INVALID_LINK_MESSAGE);
      return { type: "text", text: { content: item.text.content, link: url ? { url } : null }, annotations, plain_text: item.text.content, href: url };
    }
    if ("equation" in item) {
      return { type: "equation", equation: { expression: item.equation.expression }, annotations, plain_text: item.equation.expression, href: null };
    }
    const m = item.mention;
    if ("user" in m) {
      const name = resolve.userName(m.user.id);
      return { type: "mention", mention: { type: "user", user: { object: "user", id: m.user.id } }, annotations, plain_text: `@${name ?? "Unknown user"}`, href: null };
    }
    if ("page" in m) {
      const page = resolve.page(m.page.id);
      return { type: "mention", mention: { type: "page", page: { id: m.page.id } }, annotations, plain_text: page?.title ?? "Untitled", href: page?.url ?? null };
    }
    const end = m.date.end ?? null;
    return {
      type: "mention",
      mention: { type: "date", date: { start: m.date.start, end, time_zone: null } },
      annotations,
      plain_text: end ? `${m.date.start} → ${end}` : m.date.start,
      href: null,
    };
  });
}
