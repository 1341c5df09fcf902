import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldPath, problemMessage } from '@/api/problem';
import { useCustomFields } from '@/features/custom-fields/queries';
import { useMe } from '@/features/auth/queries';
import { notifyError } from '@/lib/notify';
import { ImportOptions, type ImportExtras } from './ImportOptions';
import {
  useImportAction,
  useSetFileSettings,
  useSetMapping,
  type FileSettings,
  type Import,
  type ImportMapping,
} from './queries';
import { DEDUPE_KEYS, duplicateTargets, IGNORE, ON_DUPLICATE, targetOptions } from './targets';

// What the API can read a CSV as (FileSettings in the spec); the detected one is preselected.
const ENCODINGS = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'utf-8-sig', label: 'UTF-8 (BOM)' },
  { value: 'utf-16', label: 'UTF-16' },
  { value: 'cp1250', label: 'Windows-1250 (PL, CZ)' },
  { value: 'cp1251', label: 'Windows-1251 (UA, RU)' },
  { value: 'cp1252', label: 'Windows-1252 (EN, DE)' },
  { value: 'iso8859_2', label: 'ISO-8859-2' },
];
const DELIMITERS = [',', ';', '\t', '|'];

const DEFAULT_MAPPING: ImportMapping = {
  columns: {},
  dedupe_key: 'email',
  on_duplicate: 'skip',
  tag_separator: '|',
  default_country: 'PL',
  date_format: 'auto',
};

/** File columns with their sample values on the left, the field each fills on the right. */
export function MappingStep({ imp, onCancel }: { imp: Import; onCancel: () => void }) {
  const { t } = useTranslation();
  const customFields = useCustomFields();
  const setMapping = useSetMapping();
  const action = useImportAction();
  const { tenant } = useMe();
  const initial: ImportMapping = imp.mapping ?? { ...DEFAULT_MAPPING, default_country: tenant.country };
  const [columns, setColumns] = useState<Record<string, string | null>>(() =>
    Object.fromEntries(imp.columns.map((c) => [c.name, initial.columns[c.name] ?? null])),
  );
  const [dedupeKey, setDedupeKey] = useState<ImportMapping['dedupe_key']>(initial.dedupe_key);
  const [onDuplicate, setOnDuplicate] = useState<ImportMapping['on_duplicate']>(initial.on_duplicate);
  const [extras, setExtras] = useState<ImportExtras>(() => ({
    add_tags: initial.add_tags ?? [],
    default_country: initial.default_country,
    date_format: initial.date_format,
    tag_separator: initial.tag_separator,
  }));
  const fileSettings = useSetFileSettings();
  const changeSettings = (settings: FileSettings) =>
    fileSettings.mutate({ id: imp.id, settings }, { onError: (e) => notifyError(e) });
  const options = targetOptions(t, customFields.data ?? []);
  const dupes = duplicateTargets(columns);
  const error = setMapping.error;

  const submit = () => {
    const mapping: ImportMapping = { ...initial, ...extras, columns, dedupe_key: dedupeKey, on_duplicate: onDuplicate };
    setMapping.mutate(
      { id: imp.id, mapping },
      {
        onSuccess: () => action.mutate({ id: imp.id, action: 'preview' }, { onError: (e) => notifyError(e) }),
        onError: (e) => notifyError(e),
      },
    );
  };

  return (
    <Stack gap="md" data-testid="import-mapping">
      <Group gap="xs" align="flex-end">
        {imp.file_type === 'csv' ? (
          <>
            <Select
              size="xs"
              w={210}
              label={t('imports.encoding')}
              data={ENCODINGS}
              value={imp.encoding}
              allowDeselect={false}
              disabled={fileSettings.isPending}
              onChange={(v) => v && changeSettings({ encoding: v as FileSettings['encoding'] })}
              data-testid="detected-encoding"
            />
            <Select
              size="xs"
              w={130}
              label={t('imports.delimiter')}
              data={DELIMITERS.map((d) => ({ value: d, label: d === '\t' ? 'TAB' : d }))}
              value={imp.delimiter}
              allowDeselect={false}
              disabled={fileSettings.isPending}
              onChange={(v) => v && changeSettings({ delimiter: v as FileSettings['delimiter'] })}
              data-testid="detected-delimiter"
            />
          </>
        ) : null}
        {/* Dark text on white: gray.6 on white is below the 4.5:1 contrast small text needs. */}
        <Badge variant="outline" color="gray" c="dark.7" mb={4} data-testid="file-type-badge">
          {imp.file_type.toUpperCase()}
        </Badge>
      </Group>
      <Paper withBorder radius="md">
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.fileColumn')}</Table.Th>
              <Table.Th>{t('imports.samples')}</Table.Th>
              <Table.Th w={40} />
              <Table.Th w={280}>{t('imports.target')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {imp.columns.map((col) => {
              const target = columns[col.name] ?? null;
              return (
                <Table.Tr key={col.name}>
                  <Table.Td fw={600}>{col.name}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {col.samples.filter(Boolean).slice(0, 3).join(' · ') || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <IconArrowRight size={16} color="gray" />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('imports.targetFor', { column: col.name })}
                      data-testid={`target-${col.name}`}
                      data={options}
                      searchable
                      value={target ?? IGNORE}
                      error={target && dupes.has(target) ? t('imports.duplicateTarget') : undefined}
                      onChange={(v) => setColumns((prev) => ({ ...prev, [col.name]: !v || v === IGNORE ? null : v }))}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      <Group grow align="flex-start">
        <Select
          label={t('imports.dedupeKey')}
          data={DEDUPE_KEYS.map((k) => ({ value: k, label: k === 'card' ? t('imports.targets.card') : t(`customer.fields.${k}`) }))}
          value={dedupeKey}
          onChange={(v) => v && setDedupeKey(v as ImportMapping['dedupe_key'])}
          allowDeselect={false}
        />
        <Select
          label={t('imports.onDuplicate')}
          data={ON_DUPLICATE.map((k) => ({ value: k, label: t(`imports.duplicates.${k}`) }))}
          value={onDuplicate}
          onChange={(v) => v && setOnDuplicate(v as ImportMapping['on_duplicate'])}
          allowDeselect={false}
        />
      </Group>
      <ImportOptions value={extras} onChange={setExtras} />
      {error instanceof ApiError && (
        <Alert color="red" title={problemMessage(error)}>
          {error.fieldErrors.map((fe) => (
            <div key={fieldPath(fe.loc)}>
              {fieldPath(fe.loc)}: {fe.message}
            </div>
          ))}
        </Alert>
      )}
      <Group justify="space-between">
        <Button variant="default" onClick={onCancel}>
          {t('imports.cancelImport')}
        </Button>
        <Button onClick={submit} disabled={dupes.size > 0} loading={setMapping.isPending || action.isPending} data-testid="run-preview">
          {t('imports.preview')}
        </Button>
      </Group>
    </Stack>
  );
}
