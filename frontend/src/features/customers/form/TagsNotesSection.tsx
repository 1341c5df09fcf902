import { ColorSwatch, Group, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TagChip } from '@/components/TagChips';
import { useTags } from '@/features/tags/queries';
import type { CustomerFormValues } from './schema';
import { Section } from './Section';
import { useFieldError } from './useFieldError';

export const TAG_PALETTE = ['#228be6', '#e64980', '#40c057', '#fab005', '#7950f2', '#fd7e14', '#15aabf', '#868e96'];

interface Props {
  /** Colours chosen for tags that do not exist yet; they are created before the customer is saved. */
  newTagColours: Record<string, string>;
  onNewTagColour: (tag: string, colour: string) => void;
}

export function TagsNotesSection({ newTagColours, onNewTagColour }: Props) {
  const { t } = useTranslation();
  const { register, control, watch } = useFormContext<CustomerFormValues>();
  const err = useFieldError();
  const tags = useTags();
  const existing = new Map((tags.data ?? []).map((tag) => [tag.name, tag.colour]));
  const chosen = watch('tags');
  const fresh = chosen.filter((name) => !existing.has(name));

  return (
    <Section title={t('customer.sections.tagsNotes')}>
      <Controller
        control={control}
        name="tags"
        render={({ field }) => (
          <TagsInput
            label={t('customer.fields.tags')}
            description={t('customer.tagsHint')}
            data={[...existing.keys()]}
            value={field.value}
            onChange={field.onChange}
            clearable
            splitChars={[',']}
            maxTags={100}
            error={err('tags')}
            data-testid="tags-input"
          />
        )}
      />
      {fresh.length > 0 && (
        <Stack gap={6} data-testid="new-tags">
          {fresh.map((name) => {
            const colour = newTagColours[name] ?? TAG_PALETTE[0] ?? '#228be6';
            return (
              <Group key={name} gap="xs">
                <Text size="xs" c="dimmed">
                  {t('customer.newTag')}
                </Text>
                <TagChip name={name} colour={colour} />
                {TAG_PALETTE.map((c) => (
                  <ColorSwatch
                    key={c}
                    component="button"
                    type="button"
                    color={c}
                    size={18}
                    onClick={() => onNewTagColour(name, c)}
                    aria-label={t('customer.tagColour', { tag: name, colour: c })}
                    aria-pressed={c === colour}
                    style={{ outline: c === colour ? '2px solid var(--mantine-color-dark-4)' : undefined, outlineOffset: 1 }}
                  />
                ))}
              </Group>
            );
          })}
        </Stack>
      )}
      <Textarea
        label={t('customer.fields.notes')}
        description={t('customer.notesHint')}
        autosize
        minRows={3}
        maxRows={10}
        error={err('notes')}
        {...register('notes')}
      />
    </Section>
  );
}
