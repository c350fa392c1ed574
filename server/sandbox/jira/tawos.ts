import { z } from "zod";
import aloy from "../data/tawos/ALOY.json";
import duracloud from "../data/tawos/DURACLOUD.json";
import fab from "../data/tawos/FAB.json";

/**
 * Real Jira issues from the TAWOS dataset (Apache-2.0, research use; see
 * server/sandbox/data/tawos/SOURCE.txt): the titles, descriptions (wiki markup), types and story
 * points the sandbox's stories, bugs and tasks are made of.
 */
export interface TawosItem {
  sourceKey: string;
  type: string;
  storyPoints: number | null;
  components: string[];
  title: string;
  description: string;
}

const itemSchema = z.object({
  sourceKey: z.string(),
  type: z.string(),
  storyPoints: z.number().int().nullable(),
  components: z.array(z.string()),
  title: z.string().min(1),
  description: z.string(),
});

const SOURCES = { FAB: fab, ALOY: aloy, DURACLOUD: duracloud } as const;
const cache = new Map<keyof typeof SOURCES, readonly TawosItem[]>();

/** The subset for one TAWOS project, in created order. */
export function tawosItems(project: keyof typeof SOURCES): readonly TawosItem[] {
  let items = cache.get(project);
  if (!items) {
    items = z.array(itemSchema).parse(SOURCES[project]);
    cache.set(project, items);
  }
  return items;
}

/** Every title across the subset, for generated benchmark projects. */
export function allTawosTitles(): string[] {
  return (Object.keys(SOURCES) as (keyof typeof SOURCES)[]).flatMap((k) => tawosItems(k).map((i) => i.title));
}
