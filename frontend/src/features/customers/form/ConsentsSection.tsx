import { Group, Stack, Switch, Text } from '@mantine/core';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { useFormatters } from '@/lib/useFormatters';
import { CHANNELS, type CustomerFormValues } from './schema';
import { Section } from './Section';

/** Marketing consents and data processing; shows when and where each was last changed. */
export function ConsentsSection({ current }: { current?: Customer['consents'] }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { control } = useFormContext<CustomerFormValues>();

  return (
    <Section title={t('customer.sections.consents')} description={t('customer.consentsHint')}>
      <Stack gap="sm">
        {CHANNELS.map((channel) => {
          const state = current?.[channel];
          return (
            <Group key={channel} justify="space-between" wrap="nowrap" align="flex-start">
              <Controller
                control={control}
                name={`consents.${channel}`}
                render={({ field }) => (
                  <Switch
                    label={t(`customer.consents.${channel}`)}
                    checked={field.value}
                    onChange={(e) => field.onChange(e.currentTarget.checked)}
                    data-testid={`consent-${channel}`}
                  />
                )}
              />
              {state && (
                <Text size="xs" c="dimmed" ta="right">
                  {t('customer.consentChanged', {
                    when: fmt.dateTime(state.changed_at),
                    source: state.source ?? t('common.unknown'),
                  })}
                </Text>
              )}
            </Group>
          );
        })}
      </Stack>
    </Section>
  );
}
