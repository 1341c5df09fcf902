import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Paper, SimpleGrid, Stack } from '@mantine/core';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { useEnsureTags } from '@/features/tags/queries';
import { applyProblemToForm } from '@/lib/formErrors';
import { CardsSection } from './CardsSection';
import { ConsentsSection } from './ConsentsSection';
import { ContactSection } from './ContactSection';
import { CustomFieldsSection } from './CustomFieldsSection';
import { IdentitySection } from './IdentitySection';
import { customerFormSchema, formFieldFor, type CustomerFormValues } from './schema';
import { TAG_PALETTE, TagsNotesSection } from './TagsNotesSection';

const CODE_FIELDS = { email_taken: 'email', external_id_taken: 'external_id', card_taken: 'cards' };

interface Props {
  initial: CustomerFormValues;
  /** The stored record when editing: its consents' history is shown. */
  current?: Customer;
  submitLabel: string;
  onSubmit: (values: CustomerFormValues) => Promise<unknown>;
  onCancel: () => void;
}

/** Add or edit a customer: zod checks inline, the API's problem `errors` land on the same fields. */
export function CustomerForm({ initial, current, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const ensureTags = useEnsureTags();
  const [tagColours, setTagColours] = useState<Record<string, string>>({});
  const form = useForm<CustomerFormValues>({
    resolver: zodResolver(customerFormSchema),
    defaultValues: initial,
    mode: 'onTouched',
  });

  const submit = form.handleSubmit(async (values) => {
    try {
      const fallback = TAG_PALETTE[0] ?? '#228be6';
      await ensureTags(values.tags, Object.fromEntries(values.tags.map((n) => [n, tagColours[n] ?? fallback])));
      await onSubmit(values);
    } catch (error) {
      applyProblemToForm(error, form.setError, Object.keys(initial), { mapPath: formFieldFor, codeFields: CODE_FIELDS });
    }
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate aria-label={submitLabel} data-testid="customer-form">
        <Stack gap="md">
          <IdentitySection />
          <ContactSection />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TagsNotesSection
              newTagColours={tagColours}
              onNewTagColour={(tag, colour) => setTagColours((prev) => ({ ...prev, [tag]: colour }))}
            />
            <ConsentsSection current={current?.consents} />
          </SimpleGrid>
          <CardsSection />
          <CustomFieldsSection />
          <Paper
            withBorder
            p="sm"
            radius="md"
            pos="sticky"
            bottom={8}
            style={{ zIndex: 5 }}
            shadow={form.formState.isDirty ? 'md' : undefined}
          >
            <Group justify="flex-end">
              <Button variant="default" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={form.formState.isSubmitting} data-testid="save-customer">
                {submitLabel}
              </Button>
            </Group>
          </Paper>
        </Stack>
      </form>
    </FormProvider>
  );
}
