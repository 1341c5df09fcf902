import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconCreditCard, IconPlus, IconTrash } from '@tabler/icons-react';
import { Controller, useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CustomerFormValues } from './schema';
import { Section } from './Section';
import { useFieldError } from './useFieldError';

export function CardsSection() {
  const { t } = useTranslation();
  const { register, control } = useFormContext<CustomerFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'cards' });
  const err = useFieldError();

  return (
    <Section title={t('customer.sections.cards')}>
      <Stack gap="xs">
        {fields.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('customer.noCards')}
          </Text>
        )}
        {fields.map((field, index) => (
          <Group key={field.id} align="flex-start" wrap="wrap" gap="xs">
            <TextInput
              label={t('customer.card.number')}
              leftSection={<IconCreditCard size={16} />}
              error={err(`cards.${index}.number`)}
              style={{ flex: '2 1 180px' }}
              {...register(`cards.${index}.number`)}
            />
            <TextInput
              label={t('customer.card.barcode')}
              error={err(`cards.${index}.barcode`)}
              style={{ flex: '2 1 160px' }}
              {...register(`cards.${index}.barcode`)}
            />
            <Controller
              control={control}
              name={`cards.${index}.expires_on`}
              render={({ field: f }) => (
                <DateInput
                  label={t('customer.card.expiresOn')}
                  value={f.value}
                  onChange={(v) => f.onChange(v)}
                  clearable
                  valueFormat="L"
                  style={{ flex: '1 1 140px' }}
                  error={err(`cards.${index}.expires_on`)}
                />
              )}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={26}
              onClick={() => remove(index)}
              aria-label={t('customer.card.remove', { n: index + 1 })}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="light"
          size="xs"
          w="fit-content"
          leftSection={<IconPlus size={14} />}
          onClick={() => append({ number: '', barcode: '', expires_on: null })}
          disabled={fields.length >= 20}
        >
          {t('customer.card.add')}
        </Button>
      </Stack>
    </Section>
  );
}
