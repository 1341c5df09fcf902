import { ActionIcon, Button, ColorInput, Group, Paper, Stack, Table, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_TAG_COLOUR, useCreateTag, useDeleteTag, useTags, useUpdateTag } from '@/features/tags/queries';
import { notifyError, notifySuccess } from '@/lib/notify';

const SWATCHES = ['#228be6', '#40c057', '#fab005', '#fd7e14', '#fa5252', '#e64980', '#7950f2', '#15aabf', '#868e96'];

export function TagsSettings() {
  const { t } = useTranslation();
  const tags = useTags();
  const create = useCreateTag();
  const update = useUpdateTag();
  const remove = useDeleteTag();
  const [name, setName] = useState('');
  const [colour, setColour] = useState(DEFAULT_TAG_COLOUR);
  const onError = (e: unknown) => notifyError(e);

  const add = () =>
    create.mutate(
      { name: name.trim(), colour },
      { onSuccess: () => { notifySuccess(t('settings.saved')); setName(''); }, onError },
    );

  return (
    <Stack gap="sm" data-testid="settings-tags">
      <Paper withBorder p="sm" radius="md">
        <Group align="flex-end">
          <TextInput label={t('settings.tags.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="new-tag-name" />
          <ColorInput withEyeDropper={false} label={t('settings.tags.colour')} value={colour} onChange={setColour} swatches={SWATCHES} w={160} />
          <Button leftSection={<IconPlus size={16} />} onClick={add} disabled={!name.trim()} loading={create.isPending} data-testid="add-tag">
            {t('settings.tags.add')}
          </Button>
        </Group>
      </Paper>
      <Table verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.tags.name')}</Table.Th>
            <Table.Th>{t('settings.tags.colour')}</Table.Th>
            <Table.Th w={60} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tags.data?.map((tag) => (
            <Table.Tr key={tag.id} data-testid="tag-row">
              <Table.Td>
                <TextInput
                  aria-label={t('settings.tags.name')}
                  defaultValue={tag.name}
                  onBlur={(e) => e.currentTarget.value.trim() !== tag.name && update.mutate({ id: tag.id, name: e.currentTarget.value.trim() }, { onError })}
                />
              </Table.Td>
              <Table.Td>
                <ColorInput
                  withEyeDropper={false}
                  aria-label={t('settings.tags.colourOf', { tag: tag.name })}
                  defaultValue={tag.colour}
                  swatches={SWATCHES}
                  onChangeEnd={(c) => c !== tag.colour && update.mutate({ id: tag.id, colour: c }, { onError })}
                  w={160}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" color="red" aria-label={t('settings.delete', { name: tag.name })} onClick={() => remove.mutate(tag.id, { onError })}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
