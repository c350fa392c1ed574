import { z } from "zod";
import { baseSnapshotShape, sameValue, staleness } from "../shared";
import { type ActionDefinition, type DiffField, type NotionPageSnapshot, type NotionPageState, type ValidationIssue } from "../types";
import { notionTitleIssues } from "./notion-body";

const propertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()], { error: "Property values are text, numbers, yes/no or empty." });

export const notionUpdatePageInput = z
  .object({
    pageId: z.string().trim().min(1, { error: "Pick the page to update." }),
    title: z.string().trim().min(1, { error: "The title cannot be empty." }).optional(),
    /** true moves the page to Notion's trash; false restores it. */
    archived: z.boolean().optional(),
    /** Simple property values by property name (select names, text, numbers, checkboxes, dates as ISO). */
    properties: z.record(z.string(), propertyValue).optional(),
    ...baseSnapshotShape,
  })
  .refine((i) => i.title !== undefined || i.archived !== undefined || Object.keys(i.properties ?? {}).length > 0, {
    error: "Change at least one thing: the title, a property, or whether the page is archived.",
  });

export type NotionUpdatePageInput = z.infer<typeof notionUpdatePageInput>;

/** A page flattened to field → value, properties as "properties.<name>". */
function flatten(page: NotionPageSnapshot): Record<string, unknown> {
  const out: Record<string, unknown> = { title: page.title, archived: page.archived };
  for (const [name, value] of Object.entries(page.properties)) out[`properties.${name}`] = value;
  return out;
}

function labelOf(field: string): string {
  if (field === "title") return "Title";
  if (field === "archived") return "In trash";
  return field.replace(/^properties\./, "");
}

/** The fields an input changes, flattened like {@link flatten}. */
function changes(input: NotionUpdatePageInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (input.title !== undefined) out.title = input.title;
  for (const [name, value] of Object.entries(input.properties ?? {})) out[`properties.${name}`] = value;
  if (input.archived !== undefined) out.archived = input.archived;
  return out;
}

export const notionUpdatePage: ActionDefinition<NotionUpdatePageInput, NotionPageState> = {
  kind: "notion.updatePage",
  tool: "NOTION",
  label: "Update Notion page",
  inputSchema: notionUpdatePageInput,
  describe(input) {
    if (input.archived === true) return `Move Notion page ${input.pageId} to the trash`;
    if (input.archived === false) return `Restore Notion page ${input.pageId} from the trash`;
    return `Update ${Object.keys(changes(input)).map(labelOf).join(", ")} on Notion page ${input.pageId}`;
  },
  validate(input, state) {
    const { page } = state;
    if (!page) return [{ path: "pageId", message: "The page was not found, or it is not shared with the Notion integration. Share it with the integration, or pick another page." }];
    const current = flatten(page);
    const labels = Object.fromEntries(Object.keys({ ...current, ...(input.baseFields ?? {}) }).map((f) => [f, labelOf(f)]));
    const issues: ValidationIssue[] = staleness(input, `"${page.title}"`, page.updated, current, labels);
    if (page.archived && input.archived !== false && Object.keys(changes(input)).length > 0) {
      issues.push({ path: "archived", message: `"${page.title}" is in Notion's trash. Restore it (untick "In trash") before changing it.` });
    }
    if (input.title !== undefined) issues.push(...notionTitleIssues(input.title, "title"));
    for (const name of Object.keys(input.properties ?? {})) {
      if (!(name in page.properties)) {
        issues.push({ path: `properties.${name}`, message: `"${page.title}" has no property called "${name}". Pick one of: ${Object.keys(page.properties).join(", ") || "(none)"}.` });
      }
    }
    const wanted = changes(input);
    if (issues.length === 0 && Object.entries(wanted).every(([f, v]) => sameValue(current[f], v))) {
      issues.push({ path: "", message: `"${page.title}" already has these values; there is nothing to change.` });
    }
    return issues;
  },
  preview(input, state) {
    const current = state.page ? flatten(state.page) : {};
    const fields: DiffField[] = Object.entries(changes(input)).map(([field, after]) => ({ field, label: labelOf(field), before: current[field] ?? null, after }));
    return { type: "diff", fields };
  },
  inverse(input, before) {
    if (!before.page) return { irreversible: true, reason: "The page could not be read before the change, so its old values are unknown." };
    const page = before.page;
    const restored: Record<string, unknown> = { pageId: input.pageId };
    if (input.title !== undefined) restored.title = page.title;
    if (input.archived !== undefined) restored.archived = page.archived;
    if (input.properties) {
      restored.properties = Object.fromEntries(Object.keys(input.properties).map((name) => [name, page.properties[name] ?? null]));
    }
    return { kind: "notion.updatePage", input: restored };
  },
};
