import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PhoneInput } from '@/components/PhoneInput';
import { countryOptions } from '@/lib/countries';
import type { CustomerFormValues } from './schema';
import { Section } from './Section';
import { useFieldError } from './useFieldError';

export function ContactSection() {
  const { t, i18n } = useTranslation();
  const { register, control, setValue, watch } = useFormContext<CustomerFormValues>();
  const err = useFieldError();
  const label = (key: string) => t(`customer.fields.${key}` as 'customer.fields.email');
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const phoneCountry = watch('phone_country');

  return (
    <Section title={t('customer.sections.contact')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={label('email')}
          type="email"
          autoComplete="off"
          error={err('email')}
          data-testid="email-input"
          {...register('email')}
        />
        <Controller
          control={control}
          name="phone"
          render={({ field }) => (
            <PhoneInput
              ref={field.ref}
              label={label('phone')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              country={phoneCountry}
              onCountryChange={(c) => setValue('phone_country', c, { shouldDirty: true, shouldValidate: true })}
              error={err('phone')}
            />
          )}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Controller
          control={control}
          name="country"
          render={({ field }) => (
            <Select
              label={label('country')}
              data={countries}
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
              searchable
              clearable
              error={err('country')}
            />
          )}
        />
        <TextInput label={label('city')} error={err('city')} {...register('city')} />
        <TextInput label={label('postal_code')} error={err('postal_code')} {...register('postal_code')} />
        <TextInput label={label('street')} error={err('street')} {...register('street')} />
        <TextInput label={label('building')} error={err('building')} {...register('building')} />
        <TextInput label={label('apartment')} error={err('apartment')} {...register('apartment')} />
      </SimpleGrid>
    </Section>
  );
}
