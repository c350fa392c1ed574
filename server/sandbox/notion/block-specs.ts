import { type RichTextItemResponse } from "@notionhq/client";
import { type BlockSpec } from "./blocks";
import { text } from "./rich-text";

/** Short constructors for block specs, so seed content reads like the document it builds. */

type Runs = string | RichTextItemResponse | (string | RichTextItemResponse)[];

export function runs(content: Runs): RichTextItemResponse[] {
  const list = Array.isArray(content) ? content : [content];
  return list.map((r) => (typeof r === "string" ? text(r) : r));
}

export const h1 = (t: Runs): BlockSpec => ({ type: "heading_1", rich_text: runs(t) });
export const h2 = (t: Runs): BlockSpec => ({ type: "heading_2", rich_text: runs(t) });
export const h3 = (t: Runs): BlockSpec => ({ type: "heading_3", rich_text: runs(t) });
export const p = (t: Runs, children?: BlockSpec[]): BlockSpec => ({ type: "paragraph", rich_text: runs(t), children });
export const bullet = (t: Runs, children?: BlockSpec[]): BlockSpec => ({ type: "bulleted_list_item", rich_text: runs(t), children });
export const numbered = (t: Runs, children?: BlockSpec[]): BlockSpec => ({ type: "numbered_list_item", rich_text: runs(t), children });
export const todo = (t: Runs, checked: boolean, children?: BlockSpec[]): BlockSpec => ({ type: "to_do", rich_text: runs(t), checked, children });
export const toggle = (t: Runs, children: BlockSpec[]): BlockSpec => ({ type: "toggle", rich_text: runs(t), children });
export const quote = (t: Runs): BlockSpec => ({ type: "quote", rich_text: runs(t) });
export const callout = (t: Runs, emoji: string, children?: BlockSpec[]): BlockSpec => ({ type: "callout", rich_text: runs(t), emoji, color: "gray_background", children });
export const code = (source: string, language: string): BlockSpec => ({ type: "code", rich_text: runs(source), language });
export const divider = (): BlockSpec => ({ type: "divider" });
