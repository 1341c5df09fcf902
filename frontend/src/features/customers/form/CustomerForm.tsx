import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Paper, SimpleGrid, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { useEnsureTags } from '@/features/tags/queries';
import { ApiError } from '@/api/problem';
import { applyProblemToForm } from '@/lib/formErrors';
import { toE164, type CountryCode } from '@/lib/phone';
import { DuplicateWarning } from '../duplicates/DuplicateWarning';
import { useContactMatches, type ContactMatch } from '../duplicates/queries';
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
  onSubmit: (values: CustomerFormValues, options: { allowDuplicate: boolean }) => Promise<unknown>;
  /** The user chose to merge with the customer who already has the phone or email. */
  onMerge: (values: CustomerFormValues, match: ContactMatch) => void;
  onCancel: () => void;
  /** After an edit conflict: the server's newer values, put into the fields the user has not touched. */
  rebase?: { from: CustomerFormValues; to: CustomerFormValues; n: number };
}

/** Add or edit a customer: zod checks inline, the API's problem `errors` land on the same fields. */
export function CustomerForm({ initial, current, submitLabel, onSubmit, onMerge, onCancel, rebase }: Props) {
  const { t } = useTranslation();
  const ensureTags = useEnsureTags();
  const [tagColours, setTagColours] = useState<Record<string, string>>({});
  const form = useForm<CustomerFormValues>({
    resolver: zodResolver(customerFormSchema),
    defaultValues: initial,
    mode: 'onTouched',
  });

  useEffect(() => {
    if (!rebase) return;
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    for (const key of Object.keys(rebase.to) as (keyof CustomerFormValues)[]) {
      // What the user typed stays; what they left alone follows the server.
      if (!same(rebase.from[key], rebase.to[key]) && same(form.getValues(key), rebase.from[key])) {
        form.setValue(key, rebase.to[key]);
      }
    }
  }, [rebase, form]);

  // Who else holds the phone or email, checked as the user types (the record itself left out).
  const [phone, email, phoneCountry] = useWatch({ control: form.control, name: ['phone', 'email', 'phone_country'] });
  const [typed] = useDebouncedValue({ phone: phone ? toE164(phone, phoneCountry as CountryCode) : '', email }, 400);
  const matches = useContactMatches(typed.phone, typed.email, current?.id);
  const [refused, setRefused] = useState<ContactMatch[]>([]);
  const shown = refused.length > 0 ? refused : (matches.data?.matches ?? []);

  const save = (allowDuplicate: boolean) =>
    form.handleSubmit(async (values) => {
      try {
        const fallback = TAG_PALETTE[0] ?? '#228be6';
        await ensureTags(values.tags, Object.fromEntries(values.tags.map((n) => [n, tagColours[n] ?? fallback])));
        await onSubmit(values, { allowDuplicate });
      } catch (error) {
        if (error instanceof ApiError && error.problem.code === 'duplicate_contact') {
          // The API names who holds the contact: the same choice as while typing.
          setRefused((error.problem as { candidates?: ContactMatch[] }).candidates ?? []);
          return;
        }
        applyProblemToForm(error, form.setError, Object.keys(initial), { mapPath: formFieldFor, codeFields: CODE_FIELDS });
      }
    });
  const submit = save(false);

  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate aria-label={submitLabel} data-testid="customer-form">
        <Stack gap="md">
          <IdentitySection />
          <ContactSection />
          <DuplicateWarning
            matches={shown}
            saving={form.formState.isSubmitting}
            onSaveAnyway={() => void save(true)()}
            onMerge={(match) => onMerge(form.getValues(), match)}
          />
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
