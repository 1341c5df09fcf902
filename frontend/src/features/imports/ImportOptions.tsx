import { Group, Select, TagsInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTags } from '@/features/tags/queries';
import { countryOptions } from '@/lib/countries';
import type { ImportMapping } from './queries';

export type ImportExtras = Pick<ImportMapping, 'add_tags' | 'default_country' | 'date_format' | 'tag_separator'>;

/** strftime patterns the API's date parser takes; `auto` tries the usual spellings. */
const DATE_FORMATS = ['auto', '%d.%m.%Y', '%Y-%m-%d', '%d/%m/%Y', '%m/%d/%Y', '%d-%m-%Y'] as const;
const EXAMPLE = new Date(2026, 2, 31);

function example(format: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return format
    .replace('%d', pad(EXAMPLE.getDate()))
    .replace('%m', pad(EXAMPLE.getMonth() + 1))
    .replace('%Y', String(EXAMPLE.getFullYear()));
}

/** The mapping's settings for every row: tags to add, the country of local phone numbers, how dates are written. */
export function ImportOptions({ value, onChange }: { value: ImportExtras; onChange: (next: ImportExtras) => void }) {
  const { t, i18n } = useTranslation();
  const tags = useTags();
  const set = (patch: Partial<ImportExtras>) => onChange({ ...value, ...patch });
  return (
    <Group grow align="flex-start" data-testid="import-options">
      <TagsInput
        label={t('imports.addTags')}
        description={t('imports.addTagsHint')}
        data={(tags.data ?? []).map((tag) => tag.name)}
        value={value.add_tags ?? []}
        onChange={(add_tags) => set({ add_tags })}
        maxTags={20}
        clearable
        data-testid="import-add-tags"
      />
      <Select
        label={t('imports.defaultCountry')}
        description={t('imports.defaultCountryHint')}
        data={countryOptions(i18n.language)}
        searchable
        value={value.default_country}
        onChange={(v) => v && set({ default_country: v })}
        allowDeselect={false}
      />
      <Select
        label={t('imports.dateFormat')}
        description={t('imports.dateFormatHint')}
        data={DATE_FORMATS.map((f) => ({ value: f, label: f === 'auto' ? t('imports.dateAuto') : example(f) }))}
        value={value.date_format}
        onChange={(v) => v && set({ date_format: v })}
        allowDeselect={false}
      />
      <TextInput
        label={t('imports.tagSeparator')}
        description={t('imports.tagSeparatorHint')}
        value={value.tag_separator}
        maxLength={3}
        onChange={(e) => set({ tag_separator: e.currentTarget.value || '|' })}
      />
    </Group>
  );
}
