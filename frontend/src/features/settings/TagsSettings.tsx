import { zodResolver } from '@hookform/resolvers/zod';
import { ActionIcon, Button, ColorInput, Group, Paper, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import type { Tag } from '@/api/types';
import { DEFAULT_TAG_COLOUR, useCreateTag, useDeleteTag, useTags, useUpdateTag } from '@/features/tags/queries';
import { applyProblemToForm } from '@/lib/formErrors';
import { notifyError, notifySuccess } from '@/lib/notify';

const SWATCHES = ['#228be6', '#40c057', '#fab005', '#fd7e14', '#fa5252', '#e64980', '#7950f2', '#15aabf', '#868e96'];
const ROW = () => ({ 'data-testid': 'tag-row' });
const onError = (e: unknown) => notifyError(e);

const schema = z.object({
  name: z.string().trim().min(1, { error: 'required' }).max(100, { error: 'too_long' }),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'invalid' }),
});
type TagValues = z.infer<typeof schema>;

function TagForm() {
  const { t } = useTranslation();
  const create = useCreateTag();
  const { control, register, handleSubmit, setError, resetField, formState } = useForm<TagValues>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', colour: DEFAULT_TAG_COLOUR },
  });
  const name = useWatch({ control, name: 'name' });
  const message = (key: string | undefined) => key && t(`validation.${key}` as 'validation.invalid');
  const submit = handleSubmit((v) =>
    create.mutate(v, {
      onSuccess: () => {
        notifySuccess(t('settings.saved'));
        resetField('name');
      },
      onError: (e) => applyProblemToForm(e, setError, ['name', 'colour'], { codeFields: { tag_exists: 'name' } }),
    }),
  );
  return (
    <Paper withBorder p="sm" radius="md" component="form" onSubmit={(e) => void submit(e)} noValidate>
      <Group align="flex-end">
        <TextInput label={t('settings.tags.name')} error={message(formState.errors.name?.message)} {...register('name')} data-testid="new-tag-name" />
        <Controller
          control={control}
          name="colour"
          render={({ field, fieldState }) => (
            <ColorInput
              withEyeDropper={false}
              label={t('settings.tags.colour')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={message(fieldState.error?.message)}
              swatches={SWATCHES}
              w={160}
            />
          )}
        />
        <Button type="submit" leftSection={<IconPlus size={16} />} disabled={!name.trim()} loading={create.isPending} data-testid="add-tag">
          {t('settings.tags.add')}
        </Button>
      </Group>
    </Paper>
  );
}

export function TagsSettings() {
  const { t } = useTranslation();
  const tags = useTags();
  const { mutate: update } = useUpdateTag();
  const { mutate: remove } = useDeleteTag();

  // Each row edits its tag in place: the name when the field is left, the colour once chosen.
  const columns = useMemo(
    (): ColumnDef<Tag>[] => [
      {
        id: 'name',
        header: t('settings.tags.name'),
        cell: ({ row: { original: tag } }) => (
          <TextInput
            aria-label={t('settings.tags.name')}
            defaultValue={tag.name}
            onBlur={(e) => e.currentTarget.value.trim() !== tag.name && update({ id: tag.id, name: e.currentTarget.value.trim() }, { onError })}
          />
        ),
      },
      {
        id: 'colour',
        header: t('settings.tags.colour'),
        cell: ({ row: { original: tag } }) => (
          <ColorInput
            withEyeDropper={false}
            aria-label={t('settings.tags.colourOf', { tag: tag.name })}
            defaultValue={tag.colour}
            swatches={SWATCHES}
            onChangeEnd={(c) => c !== tag.colour && update({ id: tag.id, colour: c }, { onError })}
            w={160}
          />
        ),
      },
      {
        id: 'actions',
        header: '',
        size: 60,
        cell: ({ row: { original: tag } }) => (
          <ActionIcon variant="subtle" color="red" aria-label={t('settings.delete', { name: tag.name })} onClick={() => remove(tag.id, { onError })}>
            <IconTrash size={16} />
          </ActionIcon>
        ),
      },
    ],
    [t, update, remove],
  );
  const table = useSimpleTable(tags.data, columns, (tag) => tag.id);

  return (
    <Stack gap="sm" data-testid="settings-tags">
      <TagForm />
      <DataTable table={table} variant="simple" verticalSpacing={4} loading={tags.isPending} skeletonRows={3} label={t('settings.tabs.tags')} rowProps={ROW} />
    </Stack>
  );
}
