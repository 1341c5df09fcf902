import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CustomerFormValues } from './schema';
import { Section } from './Section';
import { useFieldError } from './useFieldError';

const TYPES = ['lead', 'customer', 'registered'] as const;
const STATUSES = ['active', 'blocked', 'inactive'] as const;
const GENDERS = ['female', 'male', 'other', 'unknown'] as const;

export function IdentitySection() {
  const { t } = useTranslation();
  const { register, control } = useFormContext<CustomerFormValues>();
  const err = useFieldError();
  const label = (key: string) => t(`customer.fields.${key}` as 'customer.fields.email');

  return (
    <Section title={t('customer.sections.identity')}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={label('first_name')} error={err('first_name')} autoFocus {...register('first_name')} />
        <TextInput label={label('last_name')} error={err('last_name')} {...register('last_name')} />
        <TextInput label={label('middle_name')} error={err('middle_name')} {...register('middle_name')} />
        <TextInput label={label('company_name')} error={err('company_name')} {...register('company_name')} />
        <TextInput label={label('tax_id')} error={err('tax_id')} {...register('tax_id')} />
        <TextInput label={label('external_id')} error={err('external_id')} {...register('external_id')} />
        <Controller
          control={control}
          name="birth_date"
          render={({ field }) => (
            <DateInput
              label={label('birth_date')}
              value={field.value}
              onChange={(v) => field.onChange(v)}
              onBlur={field.onBlur}
              clearable
              maxDate={new Date()}
              valueFormat="L"
              error={err('birth_date')}
            />
          )}
        />
        <Controller
          control={control}
          name="gender"
          render={({ field }) => (
            <Select
              label={label('gender')}
              data={GENDERS.map((g) => ({ value: g, label: t(`customer.genders.${g}`) }))}
              value={field.value}
              onChange={(v) => field.onChange(v)}
              clearable
              error={err('gender')}
            />
          )}
        />
        <Controller
          control={control}
          name="type"
          render={({ field }) => (
            <Select
              label={label('type')}
              data={TYPES.map((v) => ({ value: v, label: t(`customer.types.${v}`) }))}
              value={field.value}
              onChange={(v) => v && field.onChange(v)}
              allowDeselect={false}
              error={err('type')}
            />
          )}
        />
        <Controller
          control={control}
          name="status"
          render={({ field }) => (
            <Select
              label={label('status')}
              data={STATUSES.map((v) => ({ value: v, label: t(`customer.statuses.${v}`) }))}
              value={field.value}
              onChange={(v) => v && field.onChange(v)}
              allowDeselect={false}
              error={err('status')}
            />
          )}
        />
      </SimpleGrid>
    </Section>
  );
}
