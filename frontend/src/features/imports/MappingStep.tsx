import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Badge, Button, Group, Paper, Select, Stack } from '@mantine/core';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldPath, problemMessage } from '@/api/problem';
import { useCustomFields } from '@/features/custom-fields/queries';
import { useMe } from '@/features/auth/queries';
import { notifyError } from '@/lib/notify';
import { ImportOptions } from './ImportOptions';
import { columnTargets, initialValues, mappingSchema, type MappingValues } from './mappingForm';
import { MappingTable } from './MappingTable';
import {
  useImportAction,
  useSetFileSettings,
  useSetMapping,
  type FileSettings,
  type Import,
  type ImportMapping,
} from './queries';
import { DEDUPE_KEYS, duplicateTargets, ON_DUPLICATE, targetOptions } from './targets';

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
  const names = imp.columns.map((c) => c.name);
  const { control, handleSubmit } = useForm<MappingValues>({
    resolver: zodResolver(mappingSchema),
    defaultValues: initialValues(names, initial),
  });
  const targets = useWatch({ control, name: 'targets' });
  const fileSettings = useSetFileSettings();
  const changeSettings = (settings: FileSettings) =>
    fileSettings.mutate({ id: imp.id, settings }, { onError: (e) => notifyError(e) });
  const options = targetOptions(t, customFields.data ?? []);
  const dupes = duplicateTargets(columnTargets(names, targets));
  const error = setMapping.error;

  const submit = handleSubmit((v) => {
    const mapping: ImportMapping = {
      ...initial,
      ...v.extras,
      columns: columnTargets(names, v.targets),
      dedupe_key: v.dedupe_key,
      on_duplicate: v.on_duplicate,
    };
    setMapping.mutate(
      { id: imp.id, mapping },
      {
        onSuccess: () => action.mutate({ id: imp.id, action: 'preview' }, { onError: (e) => notifyError(e) }),
        onError: (e) => notifyError(e),
      },
    );
  });

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
        <MappingTable columns={imp.columns} control={control} options={options} dupes={dupes} />
      </Paper>
      <Group grow align="flex-start">
        <Controller
          control={control}
          name="dedupe_key"
          render={({ field }) => (
            <Select
              label={t('imports.dedupeKey')}
              data={DEDUPE_KEYS.map((k) => ({ value: k, label: k === 'card' ? t('imports.targets.card') : t(`customer.fields.${k}`) }))}
              value={field.value}
              onChange={(v) => v && field.onChange(v)}
              onBlur={field.onBlur}
              allowDeselect={false}
            />
          )}
        />
        <Controller
          control={control}
          name="on_duplicate"
          render={({ field }) => (
            <Select
              label={t('imports.onDuplicate')}
              data={ON_DUPLICATE.map((k) => ({ value: k, label: t(`imports.duplicates.${k}`) }))}
              value={field.value}
              onChange={(v) => v && field.onChange(v)}
              onBlur={field.onBlur}
              allowDeselect={false}
            />
          )}
        />
      </Group>
      <Controller control={control} name="extras" render={({ field }) => <ImportOptions value={field.value} onChange={field.onChange} />} />
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
        <Button onClick={() => void submit()} disabled={dupes.size > 0} loading={setMapping.isPending || action.isPending} data-testid="run-preview">
          {t('imports.preview')}
        </Button>
      </Group>
    </Stack>
  );
}
