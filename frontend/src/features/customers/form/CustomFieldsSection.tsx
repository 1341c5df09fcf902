import { NumberInput, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '@/api/types';
import { useCustomFields } from '@/features/custom-fields/queries';
import type { CustomerFormValues } from './schema';
import { Section } from './Section';
import { useFieldError } from './useFieldError';

function FieldInput({ def }: { def: CustomField }) {
  const { control } = useFormContext<CustomerFormValues>();
  const err = useFieldError();
  const name = `custom_fields.${def.key}` as const;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => {
        const common = { label: def.label, required: def.required, error: err(name), onBlur: field.onBlur };
        switch (def.type) {
          case 'number':
            return (
              <NumberInput
                {...common}
                value={typeof field.value === 'number' ? field.value : ''}
                onChange={(v) => field.onChange(typeof v === 'number' ? v : undefined)}
              />
            );
          case 'date':
            return (
              <DateInput
                {...common}
                value={typeof field.value === 'string' ? field.value : null}
                onChange={(v) => field.onChange(v ?? undefined)}
                clearable
                valueFormat="L"
              />
            );
          case 'boolean':
            return (
              <Switch
                label={def.label}
                mt="lg"
                checked={field.value === true}
                onChange={(e) => field.onChange(e.currentTarget.checked)}
              />
            );
          case 'choice':
            return (
              <Select
                {...common}
                data={def.choices ?? []}
                value={typeof field.value === 'string' ? field.value : null}
                onChange={(v) => field.onChange(v ?? undefined)}
                clearable
              />
            );
          default:
            return (
              <TextInput
                {...common}
                value={typeof field.value === 'string' ? field.value : ''}
                onChange={(e) => field.onChange(e.currentTarget.value)}
              />
            );
        }
      }}
    />
  );
}

export function CustomFieldsSection() {
  const { t } = useTranslation();
  const { data } = useCustomFields();
  if (!data || data.length === 0) return null;
  return (
    <Section title={t('customer.sections.customFields')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {data.map((def) => (
          <FieldInput key={def.id} def={def} />
        ))}
      </SimpleGrid>
    </Section>
  );
}
