import { z } from 'zod';
import type { ImportExtras } from './ImportOptions';
import type { ImportMapping } from './queries';
import { DEDUPE_KEYS, duplicateTargets, ON_DUPLICATE } from './targets';

/** The mapping screen's values: each file column's target (by position: names are the file's own text). */
export const mappingSchema = z
  .object({
    targets: z.array(z.string().nullable()),
    dedupe_key: z.enum(DEDUPE_KEYS),
    on_duplicate: z.enum(ON_DUPLICATE),
    extras: z.custom<ImportExtras>(),
  })
  .refine((v) => duplicateTargets(Object.fromEntries(v.targets.entries())).size === 0, { path: ['targets'], error: 'duplicate' });
export type MappingValues = z.infer<typeof mappingSchema>;

/** The file's column names with their targets, as the API's mapping takes them. */
export function columnTargets(names: string[], targets: (string | null)[]): Record<string, string | null> {
  return Object.fromEntries(names.map((name, i) => [name, targets[i] ?? null]));
}

export function initialValues(names: string[], initial: ImportMapping): MappingValues {
  return {
    targets: names.map((name) => initial.columns[name] ?? null),
    dedupe_key: initial.dedupe_key,
    on_duplicate: initial.on_duplicate,
    extras: {
      add_tags: initial.add_tags ?? [],
      default_country: initial.default_country,
      date_format: initial.date_format,
      tag_separator: initial.tag_separator,
    },
  };
}
