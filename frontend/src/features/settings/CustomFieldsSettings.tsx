import { ActionIcon, Badge, Button, Checkbox, Group, Paper, Select, Stack, Table, TagsInput, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomFieldType } from '@/api/types';
import { useCreateCustomField, useCustomFields, useDeleteCustomField } from '@/features/custom-fields/queries';
import { notifyError, notifySuccess } from '@/lib/notify';

const TYPES: CustomFieldType[] = ['text', 'number', 'date', 'boolean', 'choice'];

/** `Ulubiony kolor` → `ulubiony_kolor`: a key the API accepts, derived from the label. */
export function keyFromLabel(label: string): string {
  const plain = label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L');
  const key = plain.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(key) ? key.slice(0, 63) : `f_${key}`.slice(0, 63);
}

export function CustomFieldsSettings() {
  const { t } = useTranslation();
  const fields = useCustomFields();
  const create = useCreateCustomField();
  const remove = useDeleteCustomField();
  const [label, setLabel] = useState('');
  const [type, setType] = useState<CustomFieldType>('text');
  const [choices, setChoices] = useState<string[]>([]);
  const [required, setRequired] = useState(false);

  const add = () =>
    create.mutate(
      { key: keyFromLabel(label), label: label.trim(), type, required, choices: type === 'choice' ? choices : null },
      {
        onSuccess: () => {
          notifySuccess(t('settings.saved'));
          setLabel('');
          setChoices([]);
        },
        onError: (e) => notifyError(e),
      },
    );

  return (
    <Stack gap="sm" data-testid="settings-fields">
      <Paper withBorder p="sm" radius="md">
        <Group align="flex-end">
          <TextInput label={t('settings.fields.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} description={label ? keyFromLabel(label) : ' '} />
          <Select label={t('settings.fields.type')} data={TYPES.map((v) => ({ value: v, label: t(`settings.fields.types.${v}`) }))} value={type} onChange={(v) => v && setType(v as CustomFieldType)} allowDeselect={false} w={140} />
          {type === 'choice' && <TagsInput label={t('settings.fields.choices')} value={choices} onChange={setChoices} w={260} />}
          <Checkbox label={t('settings.fields.required')} checked={required} onChange={(e) => setRequired(e.currentTarget.checked)} mb={8} />
          <Button leftSection={<IconPlus size={16} />} onClick={add} disabled={!label.trim()} loading={create.isPending}>
            {t('settings.fields.add')}
          </Button>
        </Group>
      </Paper>
      <Table verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.fields.label')}</Table.Th>
            <Table.Th>{t('settings.fields.key')}</Table.Th>
            <Table.Th>{t('settings.fields.type')}</Table.Th>
            <Table.Th>{t('settings.fields.choices')}</Table.Th>
            <Table.Th w={60} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.data?.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>
                {f.label} {f.required && <Badge size="xs">{t('settings.fields.required')}</Badge>}
              </Table.Td>
              <Table.Td ff="monospace">{f.key}</Table.Td>
              <Table.Td>{t(`settings.fields.types.${f.type}`)}</Table.Td>
              <Table.Td>{(f.choices ?? []).join(', ')}</Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" color="red" aria-label={t('settings.delete', { name: f.label })} onClick={() => remove.mutate(f.id, { onError: (e) => notifyError(e) })}>
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
